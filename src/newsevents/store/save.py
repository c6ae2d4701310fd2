"""Write documents to the store: bulk inserts per table, canonical actors inserted once.

Nothing here parses text: a Document comes in as plain records and leaves as rows. The
caller owns the transaction (commit in batches); a rolled-back batch leaves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, delete, event, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from newsevents.records import Document, article_id, newsevents_version
from newsevents.store.models import (
    ActorRow,
    ArticleRow,
    Base,
)

# Children of an article, in the order they are deleted (reprocess); inserts go in reverse.
CHILD_TABLES = (
    "event_actors",
    "events",
    "mentions",
    "article_actors",
    "places",
    "times",
    "quotes",
    "sentences",
)
_KNOWN_ACTORS = "newsevents.known_actors"


def name_key(name: str) -> str:
    """A name as actor search compares it: no accents, lower case ("Orbán" -> "orban")."""
    from newsevents.kb import fold

    return " ".join(fold(name).casefold().split())


def document_key(document: Document) -> str:
    """The article's identity in the store: its URL when it has one, else its text."""
    return article_id(document.article.text, document.article.url)


def stored_versions(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """{key: pipeline_version} for those of ``keys`` already stored."""
    found: dict[str, str] = {}
    wanted = list(dict.fromkeys(keys))
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        rows = session.execute(
            select(ArticleRow.key, ArticleRow.pipeline_version).where(ArticleRow.key.in_(chunk))
        )
        found.update({key: version for key, version in rows})
    return found


def save_document(session: Session, document: Document, pipeline_version: str) -> str:
    """Store one document (replacing an earlier extraction of the same article); its key."""
    return save_documents(session, [document], pipeline_version)[0]


def save_documents(
    session: Session, documents: Sequence[Document], pipeline_version: str
) -> list[str]:
    """Store many documents with one bulk insert per table; their keys, in order.

    An article already stored under the same key is replaced (its old rows deleted first),
    so calling this twice with one document leaves one copy.
    """
    return store_documents(session, documents, pipeline_version).keys


@dataclass
class Saved:
    """What a save did: the keys stored, in order, and those whose earlier rows it replaced."""

    keys: list[str]
    replaced: set[str]


def store_documents(
    session: Session, documents: Sequence[Document], pipeline_version: str
) -> Saved:
    """save_documents, telling which articles were already there (replaced, not added).

    The check is made where the old rows are deleted, in the saving transaction: an
    article another process stored after the caller looked counts as replaced.
    """
    if not documents:
        return Saved([], set())
    rows = _Rows(pipeline_version)
    keys: list[str] = []
    for document in documents:
        key = document_key(document)
        if key in keys:
            continue  # the same article twice in one batch: store it once
        keys.append(key)
        rows.add(key, document)
    replaced = _delete_articles(session, keys)
    _insert_actors(session, rows.actors)
    for table, values in rows.tables():
        if values:
            _bulk_insert(session, table, values)
    return Saved(keys, set(replaced))


def _bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many rows of one table: COPY on PostgreSQL (several times faster), else executemany."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    import psycopg

    raw = cast(psycopg.Connection[Any], connection.connection.dbapi_connection)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def delete_articles(session: Session, keys: Sequence[str]) -> None:
    _delete_articles(session, list(keys))


def _delete_articles(session: Session, keys: list[str]) -> list[str]:
    """Delete the stored rows of these articles; the keys that were stored."""
    stored = list(stored_versions(session, keys))
    if not stored:
        return []
    for name in (*CHILD_TABLES, "articles"):
        table = _table(name)
        column = table.c["key" if name == "articles" else "article_key"]
        session.execute(delete(table).where(column.in_(stored)))
    return stored


def _insert_actors(session: Session, actors: dict[str, dict[str, Any]]) -> None:
    """Insert the actors this store has not seen; the cache saves a query per batch."""
    known: set[str] = session.info.setdefault(_KNOWN_ACTORS, set())
    new = [a for a in actors if a not in known]
    if not new:
        return
    for i in range(0, len(new), 500):
        chunk = new[i : i + 500]
        stored = session.scalars(select(ActorRow.id).where(ActorRow.id.in_(chunk)))
        known.update(stored)
    missing = [actors[a] for a in new if a not in known]
    if missing:
        # Another process may have stored the same actor since we looked: keep theirs.
        dialect = session.connection().dialect.name
        statement = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(
            _table("actors")
        ).on_conflict_do_nothing(index_elements=["id"])
        session.execute(statement, missing)
        known.update(a["id"] for a in missing)


@event.listens_for(Session, "after_rollback")
def _forget_actors(session: Session) -> None:
    # Actors inserted in a rolled-back transaction are gone: the cache must forget them.
    session.info.pop(_KNOWN_ACTORS, None)


def log_items(session: Session, run_id: str, items: Iterable[dict[str, Any]]) -> None:
    """Append ingest-log rows: {item, article_key, status, code, message}."""
    now = _now()
    values = [{"run_id": run_id, "at": now, **item} for item in items]
    if values:
        session.execute(insert(_table("ingest_log")), values)


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class _Rows:
    """Rows of every table for a batch of documents."""

    def __init__(self, pipeline_version: str) -> None:
        self.pipeline_version = pipeline_version
        self.version = newsevents_version()
        self.now = _now()
        self.actors: dict[str, dict[str, Any]] = {}
        self.by_table: dict[str, list[dict[str, Any]]] = {
            name: [] for name in ("articles", *reversed(CHILD_TABLES))
        }

    def tables(self) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [(_table(name), rows) for name, rows in self.by_table.items()]

    def add(self, key: str, document: Document) -> None:
        a = document.article
        out = self.by_table
        out["articles"].append(
            {
                "key": key,
                "id": a.id,
                "url": a.url,
                "source": a.source,
                "title": a.title,
                "published": a.published,
                "language": a.language,
                "text": a.text,
                "tone_score": document.tone.score,
                "tone_positive": document.tone.positive,
                "tone_negative": document.tone.negative,
                "schema": document.schema,
                "newsevents_version": self.version,
                "pipeline_version": self.pipeline_version,
                "ingested_at": self.now,
            }
        )
        mentions = out["mentions"]
        n_mentions = 0
        for i, actor in enumerate(document.actors):
            self.actors.setdefault(
                actor.id,
                {
                    "id": actor.id,
                    "name": actor.name,
                    "name_key": name_key(actor.name),
                    "type": actor.type,
                    "country": actor.country,
                    "sector": actor.sector,
                    "wikidata": actor.wikidata,
                },
            )
            out["article_actors"].append(
                {"article_key": key, "ordinal": i, "actor_id": actor.id, "role": actor.role}
            )
            for m in actor.mentions:
                mentions.append(
                    {
                        "article_key": key,
                        "ordinal": n_mentions,
                        "actor_id": actor.id,
                        "actor_ordinal": i,
                        "place_ordinal": None,
                        "text": m.text,
                        "start": m.start,
                        "end": m.end,
                    }
                )
                n_mentions += 1
        for i, place in enumerate(document.places):
            out["places"].append(
                {
                    "article_key": key,
                    "ordinal": i,
                    "name": place.name,
                    "country": place.country,
                    "lat": place.lat,
                    "lon": place.lon,
                    "feature": place.feature,
                    "geonames_id": place.geonames_id,
                }
            )
            for m in place.mentions:
                mentions.append(
                    {
                        "article_key": key,
                        "ordinal": n_mentions,
                        "actor_id": None,
                        "actor_ordinal": None,
                        "place_ordinal": i,
                        "text": m.text,
                        "start": m.start,
                        "end": m.end,
                    }
                )
                n_mentions += 1
        for i, t in enumerate(document.times):
            out["times"].append(
                {
                    "article_key": key,
                    "ordinal": i,
                    "text": t.text,
                    "start": t.start,
                    "end": t.end,
                    "value_start": t.value.start if t.value else None,
                    "value_end": t.value.end if t.value else None,
                    "granularity": t.granularity,
                }
            )
        for i, q in enumerate(document.quotes):
            sm = q.speaker_mention
            out["quotes"].append(
                {
                    "article_key": key,
                    "ordinal": i,
                    "id": q.id,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "speaker_text": sm.text if sm else None,
                    "speaker_start": sm.start if sm else None,
                    "speaker_end": sm.end if sm else None,
                    "cue": q.cue,
                    "channel": q.channel,
                    "reported_by": q.reported_by,
                }
            )
        for i, e in enumerate(document.events):
            out["events"].append(
                {
                    "article_key": key,
                    "ordinal": i,
                    "id": e.id,
                    "type": e.type,
                    "mode": e.mode,
                    "cameo": e.cameo,
                    "modality": e.modality,
                    "trigger_text": e.trigger.text,
                    "trigger_start": e.trigger.start,
                    "trigger_end": e.trigger.end,
                    "place_ordinal": e.place,
                    "time_start": e.time.start if e.time else None,
                    "time_end": e.time.end if e.time else None,
                    "day": e.time.start if e.time else a.published,
                    "sentence": e.sentence,
                    "reported_by": e.reported_by,
                    "confidence": e.confidence,
                }
            )
            for role, ids in (("source", e.source), ("target", e.target)):
                for position, actor_id in enumerate(ids):
                    out["event_actors"].append(
                        {
                            "article_key": key,
                            "event_ordinal": i,
                            "role": role,
                            "position": position,
                            "actor_id": actor_id,
                        }
                    )
        for i, s in enumerate(document.sentences):
            out["sentences"].append(
                {
                    "article_key": key,
                    "ordinal": i,
                    "start": s.start,
                    "end": s.end,
                    "kind": s.kind,
                    "tone": s.tone,
                }
            )
