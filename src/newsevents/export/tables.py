"""Documents -> JSONL, and -> one CSV or Parquet table per record type (pyarrow).

Tables: articles, actors (as each article sees them), mentions, places, times, quotes,
events (the selected ones; source and target actor ids joined by "; "), sentences. Every
row carries ``article`` (the store key) and ``article_id``, so tables join on them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.export.selection import Selected

STRING, INT, FLOAT = pa.string(), pa.int64(), pa.float64()
_ARTICLE = [("article", STRING), ("article_id", STRING)]

TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        *_ARTICLE, ("url", STRING), ("source", STRING), ("title", STRING),
        ("published", STRING), ("language", STRING), ("tone", FLOAT),
        ("tone_positive", FLOAT), ("tone_negative", FLOAT), ("text", STRING),
    ],
    "actors": [
        *_ARTICLE, ("ordinal", INT), ("actor_id", STRING), ("name", STRING), ("type", STRING),
        ("country", STRING), ("sector", STRING), ("role", STRING), ("wikidata", STRING),
        ("mentions", INT),
    ],
    "mentions": [
        *_ARTICLE, ("actor_id", STRING), ("place", INT), ("text", STRING), ("start", INT),
        ("end", INT),
    ],
    "places": [
        *_ARTICLE, ("ordinal", INT), ("name", STRING), ("country", STRING), ("lat", FLOAT),
        ("lon", FLOAT), ("feature", STRING), ("geonames_id", INT),
    ],
    "times": [
        *_ARTICLE, ("ordinal", INT), ("text", STRING), ("start", INT), ("end", INT),
        ("value_start", STRING), ("value_end", STRING), ("granularity", STRING),
    ],
    "quotes": [
        *_ARTICLE, ("quote_id", STRING), ("kind", STRING), ("text", STRING), ("start", INT),
        ("end", INT), ("speaker", STRING), ("speaker_mention", STRING), ("cue", STRING),
        ("channel", STRING), ("reported_by", STRING),
    ],
    "events": [
        *_ARTICLE, ("event_id", STRING), ("date", STRING), ("type", STRING), ("mode", STRING),
        ("cameo", STRING), ("modality", STRING), ("source", STRING), ("target", STRING),
        ("trigger", STRING), ("trigger_start", INT), ("trigger_end", INT), ("place", INT),
        ("place_name", STRING), ("time_start", STRING), ("time_end", STRING),
        ("sentence", INT), ("reported_by", STRING), ("confidence", FLOAT),
    ],
    "sentences": [
        *_ARTICLE, ("ordinal", INT), ("start", INT), ("end", INT), ("kind", STRING),
        ("tone", FLOAT),
    ],
}  # fmt: skip


def write_jsonl(selection: Iterable[Selected], out: Path) -> int:
    """One newsevents/1 document a line (whole documents); how many were written."""
    count = 0
    with out.open("w", encoding="utf-8") as f:
        for item in selection:
            f.write(item.document.to_json() + "\n")
            count += 1
    return count


def write_tables(selection: Iterable[Selected], out: Path, *, fmt: str) -> int:
    """OUT/<record type>.csv or .parquet for every record type; documents written."""
    out.mkdir(parents=True, exist_ok=True)
    writers = {
        name: (_ParquetTable if fmt == "parquet" else _CsvTable)(out, name, columns)
        for name, columns in TABLES.items()
    }
    count = 0
    try:
        for item in selection:
            for name, rows in record_rows(item).items():
                writers[name].write(rows)
            count += 1
    finally:
        for writer in writers.values():
            writer.close()
    return count


def write_csv_tables(selection: Iterable[Selected], out: Path) -> int:
    """OUT/<record type>.csv for every record type; documents written."""
    return write_tables(selection, out, fmt="csv")


def write_parquet_tables(selection: Iterable[Selected], out: Path) -> int:
    """OUT/<record type>.parquet for every record type; documents written."""
    return write_tables(selection, out, fmt="parquet")


def record_rows(item: Selected) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one document."""
    d, a = item.document, item.document.article
    base = {"article": item.key, "article_id": a.id}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["articles"].append(
        {**base, "url": a.url, "source": a.source, "title": a.title, "published": a.published,
         "language": a.language, "tone": d.tone.score, "tone_positive": d.tone.positive,
         "tone_negative": d.tone.negative, "text": a.text}
    )  # fmt: skip
    for i, actor in enumerate(d.actors):
        rows["actors"].append(
            {**base, "ordinal": i, "actor_id": actor.id, "name": actor.name, "type": actor.type,
             "country": actor.country, "sector": actor.sector, "role": actor.role,
             "wikidata": actor.wikidata, "mentions": len(actor.mentions)}
        )  # fmt: skip
        for m in actor.mentions:
            rows["mentions"].append(
                {**base, "actor_id": actor.id, "place": None, "text": m.text, "start": m.start,
                 "end": m.end}
            )  # fmt: skip
    for i, place in enumerate(d.places):
        rows["places"].append(
            {**base, "ordinal": i, "name": place.name, "country": place.country,
             "lat": place.lat, "lon": place.lon, "feature": place.feature,
             "geonames_id": place.geonames_id}
        )  # fmt: skip
        for m in place.mentions:
            rows["mentions"].append(
                {**base, "actor_id": None, "place": i, "text": m.text, "start": m.start,
                 "end": m.end}
            )  # fmt: skip
    for i, t in enumerate(d.times):
        rows["times"].append(
            {**base, "ordinal": i, "text": t.text, "start": t.start, "end": t.end,
             "value_start": t.value.start if t.value else None,
             "value_end": t.value.end if t.value else None, "granularity": t.granularity}
        )  # fmt: skip
    for q in d.quotes:
        rows["quotes"].append(
            {**base, "quote_id": q.id, "kind": q.kind, "text": q.text, "start": q.start,
             "end": q.end, "speaker": q.speaker,
             "speaker_mention": q.speaker_mention.text if q.speaker_mention else None,
             "cue": q.cue, "channel": q.channel, "reported_by": q.reported_by}
        )  # fmt: skip
    for _, e in item.selected_events():
        where = d.places[e.place] if e.place is not None and e.place < len(d.places) else None
        rows["events"].append(
            {**base, "event_id": e.id, "date": e.time.start if e.time else a.published,
             "type": e.type, "mode": e.mode, "cameo": e.cameo, "modality": e.modality,
             "source": "; ".join(e.source), "target": "; ".join(e.target),
             "trigger": e.trigger.text, "trigger_start": e.trigger.start,
             "trigger_end": e.trigger.end, "place": e.place,
             "place_name": where.name if where else None,
             "time_start": e.time.start if e.time else None,
             "time_end": e.time.end if e.time else None, "sentence": e.sentence,
             "reported_by": e.reported_by, "confidence": e.confidence}
        )  # fmt: skip
    for i, s in enumerate(d.sentences):
        rows["sentences"].append(
            {**base, "ordinal": i, "start": s.start, "end": s.end, "kind": s.kind,
             "tone": s.tone}
        )  # fmt: skip
    return rows


class _CsvTable:
    def __init__(self, folder: Path, name: str, columns: list[tuple[str, pa.DataType]]) -> None:
        self.file = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.file, fieldnames=[c for c, _ in columns])
        self.writer.writeheader()

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.writer.writerows(rows)

    def close(self) -> None:
        self.file.close()


class _ParquetTable:
    """Rows buffered and written a row group at a time, so a big corpus fits in memory."""

    GROUP = 50_000

    def __init__(self, folder: Path, name: str, columns: list[tuple[str, pa.DataType]]) -> None:
        self.schema = pa.schema(columns)
        self.writer = pq.ParquetWriter(folder / f"{name}.parquet", self.schema)
        self.rows: list[dict[str, Any]] = []

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.GROUP:
            self._flush()

    def _flush(self) -> None:
        self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        if self.rows:
            self._flush()
        self.writer.close()


def iter_rows(selection: Iterable[Selected], table: str) -> Iterator[dict[str, Any]]:
    for item in selection:
        yield from record_rows(item)[table]
