"""Actor phrases and mentions -> canonical actors (knowledge base, titles, coreference, dates)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from rich.console import Console

from newsevents.errors import BadPhrase, FileNotFound, NewsEventsError
from newsevents.records import Actor


def resolve_phrase(phrase: str, *, on: date | None = None) -> Actor | None:
    """Resolve an actor phrase without an article ("Armenian Prime Minister Nikol Pashinyan")."""
    return None


def actor_summary(phrase: str, actor: Actor | None) -> dict[str, object]:
    """The JSON object `resolve` prints for one phrase."""
    if actor is None:
        return {
            "phrase": phrase,
            "id": None,
            "name": None,
            "type": None,
            "country": None,
            "sector": None,
            "role": None,
            "wikidata": None,
        }
    return {
        "phrase": phrase,
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "sector": actor.sector,
        "role": actor.role,
        "wikidata": actor.wikidata,
    }


def resolve_cli(
    phrase: str | None,
    *,
    on: str | None,
    file: Path | None,
    as_json: bool,
    console: Console,
) -> int:
    """`newsevents resolve`: one phrase, or a phrase<TAB>date file; returns the exit code."""
    from newsevents.ingest.text import parse_published

    if file is None:
        if not phrase:
            raise BadPhrase("resolve", problem="no phrase given")
        day = date.fromisoformat(parse_published(on, subject="--date") or date.today().isoformat())
        summary = actor_summary(phrase, resolve_phrase(phrase, on=day))
        if as_json:
            print(json.dumps(summary, ensure_ascii=False))
        else:
            for key, value in summary.items():
                console.print(f"{key:>9}  {value if value is not None else '—'}")
        return 0 if summary["id"] else 1
    if not file.is_file():
        raise FileNotFound(str(file))
    failed = 0
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "phrase" and number == 1:
            continue  # the header of a *.resolve.tsv file
        try:
            when = parse_published(cells[1] if len(cells) > 1 else None, subject=f"{file}:{number}")
        except NewsEventsError as error:
            failed += 1
            print(str(error), file=sys.stderr)
            continue
        day = date.fromisoformat(when) if when else date.today()
        print(
            json.dumps(
                actor_summary(cells[0], resolve_phrase(cells[0], on=day)), ensure_ascii=False
            )
        )
    return 1 if failed else 0
