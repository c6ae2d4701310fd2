"""GET /api/quotes: quotes by speaker and words."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsevents.api.deps import (
    QUOTE_KIND_NAMES,
    PagingDep,
    PublishedSince,
    PublishedUntil,
    SessionDep,
)
from newsevents.api.schemas import QuotePage
from newsevents.store.queries import count_quotes, query_quotes

router = APIRouter(prefix="/api/quotes", tags=["quotes"])


@router.get("", response_model=QuotePage)
def quotes(
    session: SessionDep,
    page: PagingDep,
    speaker: Annotated[str | None, Query(description="Actor id or part of a name.")] = None,
    text: Annotated[str | None, Query(description="Words of the quote.")] = None,
    kind: Annotated[
        str | None, Query(description="The quote's kind.", json_schema_extra=QUOTE_KIND_NAMES)
    ] = None,
    since: PublishedSince = None,
    until: PublishedUntil = None,
) -> dict[str, Any]:
    """Quotes, oldest article first: the rows of `newsevents query quotes`."""
    found = dict(
        speaker=speaker , text=text , kind=kind ,
        since=since , until=until ,
    )  # fmt: skip
    items = query_quotes(session, **found, limit=page.limit, offset=page.offset)
    return page.of(count_quotes(session, **found), items)
