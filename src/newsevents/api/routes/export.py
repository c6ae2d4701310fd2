"""GET /api/export/{format}: the current selection of events in a format the API streams
(``export.STREAMED``: CSV, JSONL or GDELT)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path
from fastapi.responses import StreamingResponse

from newsevents.api.deps import FiltersDep, get_store
from newsevents.export import FORMATS, STREAMED
from newsevents.export.selection import select_documents
from newsevents.store import Store
from newsevents.store.queries import EventFilters

router = APIRouter(prefix="/api/export", tags=["export"])

_CONTENT = {
    FORMATS[name].media_type.split(";")[0]: {"schema": {"type": "string"}} for name in STREAMED
}
# The formats of the table that the API streams, as a type FastAPI validates and documents.
StreamedFormat = Literal[STREAMED]  # type: ignore[valid-type]
_NAMES = [f"{n} ({FORMATS[n].api_help})" if FORMATS[n].api_help else n for n in STREAMED]
_FORMAT_HELP = ", ".join(_NAMES[:-1]) + f" or {_NAMES[-1]}"


@router.get(
    "/{fmt}",
    response_class=StreamingResponse,
    responses={200: {"content": _CONTENT, "description": "The export file, streamed."}},
)
def export(
    store: Annotated[Store, Depends(get_store)],
    filters: FiltersDep,
    fmt: Annotated[StreamedFormat, Path(description=f"{_FORMAT_HELP}.")],
) -> StreamingResponse:
    """The events the filters select, exported as `newsevents export` writes them."""
    form = FORMATS[fmt]
    return StreamingResponse(
        _chunks(store, filters, fmt),
        media_type=form.media_type,
        headers={"Content-Disposition": f'attachment; filename="{form.download}"'},
    )


def _chunks(store: Store, filters: EventFilters, fmt: str) -> Iterator[str]:
    # The response outlives the request's session: the stream opens its own.
    with store.session() as session:
        yield from FORMATS[fmt].stream(select_documents(session, filters))
