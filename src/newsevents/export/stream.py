"""The exports as streams of text chunks, for the API: the same rows as the export files.

``csv`` is the events table of ``export --format csv`` (one row per selected event),
``jsonl`` the whole documents with a selected event (``export --format jsonl``), and
``gdelt`` the GDELT 2.0 event rows of ``export --format gdelt``. The table of formats
(``export.FORMATS``) names the streamer of each.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from newsevents.export.gdelt import gdelt_cells, gdelt_writer
from newsevents.export.selection import Selected
from newsevents.export.tables import TABLES, record_rows


def stream_jsonl(selection: Iterable[Selected]) -> Iterator[str]:
    """Whole documents with a selected event, one a line (``export --format jsonl``)."""
    for item in selection:
        yield item.document.to_json() + "\n"


def stream_events_csv(selection: Iterable[Selected]) -> Iterator[str]:
    """The events table of ``export --format csv``: one row per selected event."""
    buffer = io.StringIO()
    columns = [c for c, _ in TABLES["events"]]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for item in selection:
        writer.writerows(record_rows(item)["events"])
        yield _drain(buffer)
    yield _drain(buffer)


def stream_gdelt(selection: Iterable[Selected]) -> Iterator[str]:
    """GDELT's own files: tab-separated, no quoting, no header line (as write_gdelt)."""
    buffer = io.StringIO()
    tsv = gdelt_writer(buffer)
    for item in selection:
        tsv.writerows(gdelt_cells(item))
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
