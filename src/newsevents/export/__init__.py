"""Export the corpus: JSONL documents, CSV/Parquet tables per record type, GDELT, PLOVER.

    with store.session() as session:
        export(session, "gdelt", Path("events.tsv"), filters=EventFilters(country="UKR"))

The filters are those of ``newsevents query events``. With filters, the documents written
are those with a selected event; the events tables, GDELT rows and PLOVER records hold
the selected events only. GDELT and PLOVER hold what happened: events of modality
``occurred``, unless the filters ask for another modality or ``all_modalities`` is set
(planned, hypothetical and negated acts are not events in those data sets' sense).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.errors import BadExportPath, UnknownFormat

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from newsevents.export.selection import Selected
    from newsevents.store.queries import EventFilters

Writer = Callable[["Iterable[Selected]", Path], int]
Streamer = Callable[["Iterable[Selected]"], Iterator[str]]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: what ``newsevents export --format NAME`` writes and, for a format
    the API streams, what ``GET /api/export/NAME`` serves.

    Functions are named "module:function" and imported when used, so that reading the
    table (the CLI's help, the API's routes) loads neither pyarrow nor the store.
    """

    name: str
    writer: str  # function(selection, out) -> how many records it wrote
    counts: str  # what those records are: "documents" or "events"
    folder: bool = False  # writes a folder of tables, not one file
    # Events as other coders make them: only those that occurred, unless asked otherwise.
    occurred_only: bool = False
    streamer: str | None = None  # function(selection) -> text chunks; None: not in the API
    media_type: str = ""  # the API's content type
    download: str = ""  # the file name the API suggests
    api_help: str = ""  # what the API serves, when it is not the file `export` writes

    def write(self, selection: Iterable[Selected], out: Path) -> int:
        writer: Writer = _function(self.writer)
        return writer(selection, out)

    def stream(self, selection: Iterable[Selected]) -> Iterator[str]:
        if self.streamer is None:
            raise ValueError(f"the {self.name} export is not streamed")
        streamer: Streamer = _function(self.streamer)
        return streamer(selection)


# The one table of export formats. A new format is a module with its writer (and streamer)
# and one line here: the CLI, the API and their help read this table.
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "jsonl", "newsevents.export.tables:write_jsonl", "documents",
            streamer="newsevents.export.stream:stream_jsonl",
            media_type="application/x-ndjson", download="documents.jsonl",
        ),
        ExportFormat(
            "csv", "newsevents.export.tables:write_csv_tables", "documents", folder=True,
            streamer="newsevents.export.stream:stream_events_csv",
            media_type="text/csv; charset=utf-8", download="events.csv", api_help="events",
        ),
        ExportFormat(
            "parquet", "newsevents.export.tables:write_parquet_tables", "documents", folder=True
        ),
        ExportFormat(
            "gdelt", "newsevents.export.gdelt:write_gdelt", "events", occurred_only=True,
            streamer="newsevents.export.stream:stream_gdelt",
            media_type="text/tab-separated-values; charset=utf-8", download="events.gdelt.tsv",
        ),
        ExportFormat(
            "plover", "newsevents.export.plover:write_plover", "events", occurred_only=True
        ),
    )
}  # fmt: skip
# The formats the API streams: one file each, built a document at a time.
STREAMED = tuple(name for name, f in FORMATS.items() if f.streamer)


def export_format(fmt: str) -> ExportFormat:
    """The format called ``fmt``; UnknownFormat (naming the known ones) otherwise."""
    if fmt not in FORMATS:
        raise UnknownFormat("--format", value=fmt, formats=", ".join(FORMATS))
    return FORMATS[fmt]


def export(
    session: Session,
    fmt: str,
    out: Path,
    *,
    filters: EventFilters | None = None,
    all_modalities: bool = False,
) -> int:
    """Write the corpus (or the filtered part) to ``out``; how many records were written.

    A folder format (csv, parquet) writes a folder of tables; the others write one file.
    """
    from newsevents.export.selection import select_documents
    from newsevents.store.queries import EventFilters

    form = export_format(fmt)
    _check_out(out, folder=form.folder)
    filters = filters or EventFilters()
    if form.occurred_only and filters.modality is None and not all_modalities:
        filters = replace(filters, modality="occurred")
    selection = select_documents(session, filters)
    try:
        return form.write(selection, out)
    except OSError as e:
        raise BadExportPath(str(out), problem=e.strerror or str(e)) from e


def _function(reference: str) -> Any:
    module, name = reference.split(":")
    return getattr(import_module(module), name)


def _check_out(out: Path, *, folder: bool) -> None:
    try:
        if folder:
            if out.exists() and not out.is_dir():
                folders = " and ".join(name for name, f in FORMATS.items() if f.folder)
                raise BadExportPath(str(out), problem=f"{folders} write a folder, not a file")
            out.mkdir(parents=True, exist_ok=True)
        else:
            if out.is_dir():
                raise BadExportPath(str(out), problem="this is a folder; give a file name")
            out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BadExportPath(str(out), problem=e.strerror or str(e)) from e


__all__ = ["FORMATS", "STREAMED", "ExportFormat", "export", "export_format"]
