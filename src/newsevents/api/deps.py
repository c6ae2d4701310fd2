"""What routes get injected: a session on the app's store, paging, and the event filters."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from newsevents.api.settings import ServeSettings
from newsevents.records import ACTOR_TYPES, MODALITIES, PLOVER_TYPES, QUOTE_KINDS, SECTORS
from newsevents.store import Store
from newsevents.store.queries import EventFilters

MAX_OFFSET = 10**9


# Dependencies are coroutines: FastAPI runs a plain function's dependency in a worker
# thread, a hop each; these do no blocking work, so only the route itself takes a thread.


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


async def get_session(store: Annotated[Store, Depends(get_store)]) -> AsyncIterator[Session]:
    # A Session connects lazily, on the route's first query, in the route's thread.
    session = store.sessions()
    try:
        yield session
    finally:
        session.close()


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int

    def of(self, total: int, items: list[dict[str, Any]]) -> dict[str, Any]:
        """One page of a listing: its items, the total and this paging."""
        return {"total": total, "limit": self.limit, "offset": self.offset, "items": items}


async def paging(
    settings: Annotated[ServeSettings, Depends(get_settings)],
    limit: Annotated[int | None, Query(ge=1, le=500, description="Rows per page.")] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> Paging:
    size = settings.page_size if limit is None else min(limit, settings.max_page_size)
    return Paging(limit=size, offset=offset)


# Documented in the schema so clients (and schemathesis) know the valid values; the
# store's EventFilters checks them and answers a bad one with the CLI's [E120].
DATE = {"format": "date"}
TYPES = {"enum": list(PLOVER_TYPES)}
SECTOR_CODES = {"enum": list(SECTORS)}
MODALITY_NAMES = {"enum": list(MODALITIES)}
CAMEO_PREFIX = {"pattern": "^[0-9]{1,4}$"}
QUOTE_KIND_NAMES = {"enum": list(QUOTE_KINDS)}
ACTOR_TYPE_NAMES = {"enum": list(ACTOR_TYPES)}

# The date bounds: of an event or timeline row, and of an article's publication.
Since = Annotated[
    str | None, Query(description="From this date, YYYY-MM-DD.", json_schema_extra=DATE)
]
Until = Annotated[
    str | None, Query(description="Up to this date, YYYY-MM-DD.", json_schema_extra=DATE)
]
PublishedSince = Annotated[
    str | None, Query(description="Published from, YYYY-MM-DD.", json_schema_extra=DATE)
]
PublishedUntil = Annotated[
    str | None, Query(description="Published up to, YYYY-MM-DD.", json_schema_extra=DATE)
]


async def event_filters(
    actor: Annotated[
        str | None, Query(description="Actor id (person:vladimir-putin) or part of a name.")
    ] = None,
    country: Annotated[str | None, Query(description="ISO3 of an actor or the place.")] = None,
    sector: Annotated[
        str | None, Query(description="Sector of an actor.", json_schema_extra=SECTOR_CODES)
    ] = None,
    type: Annotated[
        str | None, Query(description="PLOVER event type.", json_schema_extra=TYPES)
    ] = None,
    cameo: Annotated[
        str | None,
        Query(description="CAMEO code prefix (19, 042).", json_schema_extra=CAMEO_PREFIX),
    ] = None,
    modality: Annotated[
        str | None, Query(description="The event's modality.", json_schema_extra=MODALITY_NAMES)
    ] = None,
    since: Since = None,
    until: Until = None,
    place: Annotated[str | None, Query(description="Place name (Kyiv).")] = None,
    text: Annotated[str | None, Query(description="Words in the trigger or sentence.")] = None,
) -> EventFilters:
    """The filters of ``newsevents query events``, checked as the CLI checks them."""
    return EventFilters(
        actor=actor, country=country, sector=sector, type=type, cameo=cameo,
        modality=modality, since=since, until=until, place=place, text=text,
    )  # fmt: skip


SessionDep = Annotated[Session, Depends(get_session)]
PagingDep = Annotated[Paging, Depends(paging)]
FiltersDep = Annotated[EventFilters, Depends(event_filters)]
SettingsDep = Annotated[ServeSettings, Depends(get_settings)]
