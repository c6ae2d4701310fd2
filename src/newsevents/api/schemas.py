"""Response shapes, so /openapi.json describes every field a client gets."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class EventItem(BaseModel):
    date: str | None
    type: str
    mode: str | None
    cameo: str
    modality: str
    source: str
    target: str
    source_ids: list[str]
    target_ids: list[str]
    trigger: str
    place: str | None
    place_country: str | None
    reported_by: str | None
    confidence: float
    sentence: str | None
    event_id: str
    article: str
    title: str | None
    url: str | None
    published: str | None


class EventPage(Page):
    total_exact: bool  # false: there are more than `total` events (counting stopped there)
    items: list[EventItem]


class QuoteItem(BaseModel):
    date: str | None
    speaker: str | None
    speaker_id: str | None
    kind: str
    cue: str | None
    text: str
    channel: str | None
    reported_by: str | None
    quote_id: str
    article: str
    title: str | None
    url: str | None


class QuotePage(Page):
    items: list[QuoteItem]


class ArticleItem(BaseModel):
    key: str
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    events: int
    quotes: int


class ArticlePage(Page):
    items: list[ArticleItem]


class ArticleDocument(BaseModel):
    key: str
    document: dict[str, Any]  # the whole newsevents/1 document (shared/spec/README.md)


class ActorItem(BaseModel):
    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    wikidata: str | None
    articles: int
    events_as_source: int
    events_as_target: int
    quotes: int


class ActorPage(Page):
    items: list[ActorItem]


class ActorRole(BaseModel):
    role: str
    articles: int
    first: str | None
    last: str | None


class ActorProfile(ActorItem):
    roles: list[ActorRole]


class TimelineItem(BaseModel):
    date: str | None
    kind: str
    role: str
    what: str
    with_: str | None = Field(default=None, alias="with")
    text: str | None
    article: str
    title: str | None
    url: str | None


class TimelinePage(Page):
    actor: str
    items: list[TimelineItem]


class NetworkNode(BaseModel):
    id: str
    name: str
    type: str | None
    country: str | None
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class TypeCount(BaseModel):
    type: str
    events: int


class DayCount(BaseModel):
    day: str | None
    events: int


class CountryCount(BaseModel):
    country: str | None
    events: int


class Stats(BaseModel):
    events: int
    per_type: list[TypeCount]
    per_day: list[DayCount]
    per_country: list[CountryCount]


class MapPlace(BaseModel):
    name: str
    country: str | None
    lat: float
    lon: float
    events: int


class MapPlaces(BaseModel):
    items: list[MapPlace]
