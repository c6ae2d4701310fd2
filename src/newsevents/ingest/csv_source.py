"""CSV files -> Articles: one article a row, its text in a named column."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from newsevents.errors import EmptyInput, FileNotFound, MissingColumn, NewsEventsError
from newsevents.ingest.text import article_from_dict, decode
from newsevents.records import Article

# Other columns read when present (the contract's article fields).
OPTIONAL_COLUMNS = ("id", "url", "title", "source", "published", "language")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is longer than 128 KiB at times


def read_csv(path: str | Path, *, text_column: str = "text") -> Iterator[Article | NewsEventsError]:
    """Articles from a CSV file; a bad row yields its error; a missing column, one error."""
    subject = str(path)
    p = Path(path)
    if not p.is_file():
        raise FileNotFound(subject)
    try:
        content = decode(p.read_bytes(), subject=subject)
    except NewsEventsError as error:
        yield error
        return
    reader = csv.DictReader(io.StringIO(content, newline=""))
    columns = reader.fieldnames or []
    if text_column not in columns:
        yield MissingColumn(
            subject, column=text_column, columns=", ".join(columns) or "none: the file is empty"
        )
        return
    for number, row in enumerate(reader, start=1):
        where = f"{subject} row {number}"
        fields = {c: (row.get(c) or "").strip() or None for c in OPTIONAL_COLUMNS}
        fields["id"] = fields["id"] or f"{p.stem}-{number}"
        text = row.get(text_column) or ""
        if not text.strip():
            yield EmptyInput(where)
            continue
        try:
            yield article_from_dict({**fields, "text": text}, subject=where)
        except NewsEventsError as error:
            yield error
