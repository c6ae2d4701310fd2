"""GET /api/actors (search), /api/actors/{id}, its timeline and network."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsevents.api.deps import (
    ACTOR_TYPE_NAMES,
    SECTOR_CODES,
    FiltersDep,
    PagingDep,
    SessionDep,
    SettingsDep,
    Since,
    Until,
)
from newsevents.api.schemas import ActorPage, ActorProfile, Network, TimelinePage
from newsevents.store.queries import (
    actor_network,
    actor_profile,
    actor_timeline,
    count_actors,
    count_timeline,
    search_actors,
)

router = APIRouter(prefix="/api", tags=["actors"])


@router.get("/actors", response_model=ActorPage)
def actors(
    session: SessionDep,
    page: PagingDep,
    q: Annotated[str | None, Query(description="Part of the id or name.")] = None,
    country: Annotated[str | None, Query(description="ISO3 country.")] = None,
    type: Annotated[
        str | None, Query(description="The actor's type.", json_schema_extra=ACTOR_TYPE_NAMES)
    ] = None,
    sector: Annotated[
        str | None, Query(description="Sector code.", json_schema_extra=SECTOR_CODES)
    ] = None,
) -> dict[str, Any]:
    """Actors whose id or name contains q, by name, with their counts."""
    found = dict(q=q, country=country, type=type, sector=sector)
    items = search_actors(session, **found, limit=page.limit, offset=page.offset)
    return page.of(count_actors(session, **found), items)


@router.get("/network", response_model=Network)
def network(
    session: SessionDep,
    filters: FiltersDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=500, description="The heaviest edges kept.")] = 100,
) -> dict[str, Any]:
    """Who acts on whom among the selected events (all filters of /api/events apply)."""
    edges = min(limit, settings.max_network_edges)
    return actor_network(session, filters=filters, limit=edges)


@router.get("/actors/{actor_id}", response_model=ActorProfile)
def actor(session: SessionDep, actor_id: str) -> dict[str, Any]:
    """One actor by its exact id: fields, counts, and the roles articles gave it."""
    return actor_profile(session, actor_id)


@router.get("/actors/{actor_id}/timeline", response_model=TimelinePage)
def timeline(
    session: SessionDep,
    page: PagingDep,
    actor_id: str,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """What the actor did, had done to it, and said, in date order."""
    actor_profile(session, actor_id)  # an unknown id is a 404, not a name search
    dates: dict[str, Any] = dict(since=since, until=until)
    items = actor_timeline(session, actor_id, **dates, limit=page.limit, offset=page.offset)
    return {"actor": actor_id, **page.of(count_timeline(session, actor_id, **dates), items)}


@router.get("/actors/{actor_id}/network", response_model=Network)
def actor_network_route(
    session: SessionDep,
    filters: FiltersDep,
    settings: SettingsDep,
    actor_id: str,
    limit: Annotated[int, Query(ge=1, le=500, description="The heaviest edges kept.")] = 100,
) -> dict[str, Any]:
    """Who acts on whom around one actor, weighted by events (filters as /api/events)."""
    actor_profile(session, actor_id)
    edges = min(limit, settings.max_network_edges)
    return actor_network(session, actor=actor_id, filters=filters, limit=edges)
