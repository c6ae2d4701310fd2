"""GET /api/quotes: quotes by speaker and words."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsevents.api.deps import DATE, QUOTE_KIND_NAMES, PagingDep, SessionDep
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
    since: Annotated[
        str | None, Query(description="Published from, YYYY-MM-DD.", json_schema_extra=DATE)
    ] = None,
    until: Annotated[
        str | None, Query(description="Published up to, YYYY-MM-DD.", json_schema_extra=DATE)
    ] = None,
) -> dict[str, Any]:
    """Quotes, oldest article first: the rows of `newsevents query quotes`."""
    found = dict(
        speaker=speaker , text=text , kind=kind ,
        since=since , until=until ,
    )  # fmt: skip
    return {
        "total": count_quotes(session, **found),
        "limit": page.limit,
        "offset": page.offset,
        "items": query_quotes(session, **found, limit=page.limit, offset=page.offset),
    }
