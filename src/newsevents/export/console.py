"""`newsevents query`: rows from the store as a terminal table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from newsevents.store.db import open_store
from newsevents.store.queries import EventFilters, actor_timeline, query_events, query_quotes

QUERIES = ("events", "quotes", "timeline")
# The columns a terminal table shows; --json and --csv give every field.
TABLE_COLUMNS = {
    "events": ("date", "type", "modality", "source", "target", "trigger", "place", "title"),
    "quotes": ("date", "speaker", "kind", "cue", "text", "title"),
    "timeline": ("date", "kind", "role", "what", "with", "text"),
}
# A terminal narrower than WIDE shows fewer columns, so that each keeps words whole.
WIDE = 120
NARROW_COLUMNS = {
    "events": ("date", "type", "source", "target", "trigger", "place"),
    "quotes": ("date", "speaker", "text"),
    "timeline": ("date", "what", "with", "text"),
}
# Columns whose values are short codes: never wrapped.
_CODES = frozenset({"date", "type", "modality", "kind", "role"})


def run_query(
    what: str,
    *,
    db: str | None,
    filters: EventFilters,
    speaker: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The rows of ``newsevents query WHAT``: events, quotes, or an actor's timeline."""
    from newsevents.errors import BadQuery

    if what not in QUERIES:
        raise BadQuery(what, problem=f"query one of {', '.join(QUERIES)}")
    store = open_store(db, create=False)
    try:
        with store.session() as session:
            if what == "events":
                return query_events(session, filters=filters, limit=limit)
            if what == "quotes":
                return query_quotes(
                    session,
                    speaker=speaker or filters.actor,
                    since=filters.since,
                    until=filters.until,
                    limit=limit,
                )
            actor = filters.actor or speaker
            if not actor:
                raise BadQuery("timeline", problem="a timeline needs --actor")
            return actor_timeline(
                session, actor, since=filters.since, until=filters.until, limit=limit
            )
    finally:
        store.close()


def render_rows(rows: list[dict[str, Any]], what: str, *, fmt: str, console: Any) -> None:
    if fmt == "json":
        console.print_json(json.dumps(rows, ensure_ascii=False)) if rows else print("[]")
        return
    if fmt == "csv":
        print(rows_to_csv(rows), end="")
        return
    from rich.table import Table
    from rich.text import Text

    narrow = console.width < WIDE
    table = Table(
        show_lines=narrow,
        title=f"{len(rows)} {what}" if what != "timeline" else None,
        padding=(0, 1) if not narrow else 0,
        pad_edge=not narrow,
        expand=narrow,
    )
    columns = (NARROW_COLUMNS if narrow else TABLE_COLUMNS)[what]
    for column in columns:
        if column in _CODES:
            table.add_column(column, no_wrap=True)
        else:
            table.add_column(
                column, overflow="fold", ratio=2 if column == "text" else 1,
                max_width=60 if column == "text" else 40,
            )  # fmt: skip
    for row in rows:
        table.add_row(*(Text(_short(row.get(c))) for c in columns))
    console.print(table)


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def _short(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."
