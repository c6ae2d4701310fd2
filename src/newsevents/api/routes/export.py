"""GET /api/export/{format}: the current selection of events as CSV, JSONL or GDELT."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path
from fastapi.responses import StreamingResponse

from newsevents.api.deps import FiltersDep, get_store
from newsevents.export.selection import select_documents
from newsevents.export.stream import STREAM_FORMATS, stream_export
from newsevents.store import Store
from newsevents.store.queries import EventFilters

router = APIRouter(prefix="/api/export", tags=["export"])

_CONTENT = {
    media.split(";")[0]: {"schema": {"type": "string"}} for media, _ in STREAM_FORMATS.values()
}


@router.get(
    "/{fmt}",
    response_class=StreamingResponse,
    responses={200: {"content": _CONTENT, "description": "The export file, streamed."}},
)
def export(
    store: Annotated[Store, Depends(get_store)],
    filters: FiltersDep,
    fmt: Annotated[
        Literal["csv", "jsonl", "gdelt"], Path(description="csv (events), jsonl or gdelt.")
    ],
) -> StreamingResponse:
    """The events the filters select, exported as `newsevents export` writes them."""
    media, filename = STREAM_FORMATS[fmt]
    return StreamingResponse(
        _chunks(store, filters, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _chunks(store: Store, filters: EventFilters, fmt: str) -> Iterator[str]:
    # The response outlives the request's session: the stream opens its own.
    with store.session() as session:
        yield from stream_export(select_documents(session, filters), fmt)
