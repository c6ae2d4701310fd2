"""GET /api/events, /api/events/stats, /api/events/places: the filtered events."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from newsevents.api.deps import FiltersDep, PagingDep, SessionDep, SettingsDep
from newsevents.api.schemas import EventPage, MapPlaces, Stats
from newsevents.store.queries import count_events, event_places, event_stats, query_events

router = APIRouter(prefix="/api", tags=["events"])


@router.get("/events", response_model=EventPage)
def events(
    session: SessionDep, page: PagingDep, filters: FiltersDep, settings: SettingsDep
) -> dict[str, Any]:
    """Events matching the filters, oldest first: the rows of `newsevents query events`.

    `total` is exact up to a bound (1,000 by default); past it `total_exact` is false.
    """
    bound = settings.exact_events_total
    found = count_events(session, filters=filters, at_most=bound)
    items = query_events(session, filters=filters, limit=page.limit, offset=page.offset)
    return {**page.of(min(found, bound), items), "total_exact": found <= bound}


@router.get("/stats", response_model=Stats)
def stats(session: SessionDep, filters: FiltersDep) -> dict[str, Any]:
    """Counts of the selected events per type, per day and per country of their place."""
    return event_stats(session, filters=filters)


@router.get("/places", response_model=MapPlaces)
def places(session: SessionDep, filters: FiltersDep, settings: SettingsDep) -> dict[str, Any]:
    """The places of the selected events, with coordinates and event counts (for the map)."""
    return {"items": event_places(session, filters=filters, limit=settings.max_map_places)}
