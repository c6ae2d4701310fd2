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

from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from newsevents.errors import BadExportPath, UnknownFormat
from newsevents.export.selection import Selected, select_documents
from newsevents.store.queries import EventFilters

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")
# Formats of events as other coders make them: only what occurred, by default.
EVENT_FORMATS = ("gdelt", "plover")


def export(
    session: Session,
    fmt: str,
    out: Path,
    *,
    filters: EventFilters | None = None,
    all_modalities: bool = False,
) -> int:
    """Write the corpus (or the filtered part) to ``out``; how many records were written.

    jsonl, gdelt and plover write one file; csv and parquet write a folder of tables.
    """
    from newsevents.export.gdelt import write_gdelt
    from newsevents.export.plover import write_plover
    from newsevents.export.tables import write_jsonl, write_tables

    if fmt not in FORMATS:
        raise UnknownFormat("--format", value=fmt, formats=", ".join(FORMATS))
    _check_out(out, folder=fmt in ("csv", "parquet"))
    filters = filters or EventFilters()
    if fmt in EVENT_FORMATS and filters.modality is None and not all_modalities:
        filters = replace(filters, modality="occurred")
    selection = select_documents(session, filters)
    try:
        if fmt == "jsonl":
            return write_jsonl(selection, out)
        if fmt in ("csv", "parquet"):
            return write_tables(selection, out, fmt=fmt)
        if fmt == "gdelt":
            return write_gdelt(selection, out)
        return write_plover(selection, out)
    except OSError as e:
        raise BadExportPath(str(out), problem=e.strerror or str(e)) from e


def _check_out(out: Path, *, folder: bool) -> None:
    try:
        if folder:
            if out.exists() and not out.is_dir():
                raise BadExportPath(str(out), problem="csv and parquet write a folder, not a file")
            out.mkdir(parents=True, exist_ok=True)
        else:
            if out.is_dir():
                raise BadExportPath(str(out), problem="this is a folder; give a file name")
            out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BadExportPath(str(out), problem=e.strerror or str(e)) from e


__all__ = ["FORMATS", "Selected", "export", "select_documents"]
