"""Read the corpus: events, quotes and an actor's timeline with filters, and whole documents.

Every function takes an open session and keyword-only filters, and returns plain data
(dicts of strings and numbers, or Documents): the CLI prints them, export writes them.
Dates are compared as ``YYYY-MM-DD`` strings; an event's date is its own time when the
text gives one, else the article's publication date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from newsevents.errors import BadQuery, UnknownActor
from newsevents.records import (
    MODALITIES,
    PLOVER_TYPES,
    Actor,
    Article,
    Document,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
    Time,
    TimeValue,
    Tone,
)
from newsevents.store.models import (
    ActorRow,
    ArticleActorRow,
    ArticleRow,
    EventActorRow,
    EventRow,
    MentionRow,
    PlaceRow,
    QuoteRow,
    SentenceRow,
    TimeRow,
)
from newsevents.store.save import name_key

_S = TypeVar("_S", bound=Select)


@dataclass(frozen=True)
class EventFilters:
    """The filters shared by ``query events`` and ``export``; None means any."""

    actor: str | None = None  # an actor id, or part of a name (case and accents ignored)
    country: str | None = None  # ISO3 of a source/target actor or of the event's place
    type: str | None = None  # PLOVER type
    modality: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    place: str | None = None  # the place's name (case-insensitive)

    def __post_init__(self) -> None:
        if self.type is not None and self.type.upper() not in PLOVER_TYPES:
            raise BadQuery(
                "--type", problem=f"{self.type!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})"
            )
        if self.modality is not None and self.modality.lower() not in MODALITIES:
            raise BadQuery(
                "--modality",
                problem=f"{self.modality!r} is not a modality ({', '.join(MODALITIES)})",
            )
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError as e:
                    raise BadQuery(
                        f"--{name}", problem=f"{value!r} is not a date YYYY-MM-DD"
                    ) from e

    @property
    def empty(self) -> bool:
        return all(getattr(self, f) is None for f in self.__dataclass_fields__)


# ------------------------------------------------------------------------------- actors


def _name_contains(actor: str) -> ColumnElement[bool]:
    """The actor's name contains ``actor``, ignoring case and accents ("orban" ~ "Orbán")."""
    return ActorRow.name_key.contains(name_key(actor), autoescape=True)


def actor_ids_matching(session: Session, actor: str) -> list[str]:
    """Actor ids equal to ``actor``, or whose name contains it (case and accents ignored)."""
    rows = session.scalars(
        select(ActorRow.id)
        .where(or_(ActorRow.id == actor.strip(), _name_contains(actor)))
        .order_by(ActorRow.id)
    )
    return list(rows)


def _actor_condition(actor: str) -> ColumnElement[bool]:
    named = select(ActorRow.id).where(_name_contains(actor))
    return or_(EventActorRow.actor_id == actor.strip(), EventActorRow.actor_id.in_(named))


def _event_actor_exists(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(
        EventActorRow.article_key == EventRow.article_key,
        EventActorRow.event_ordinal == EventRow.ordinal,
        condition,
    )


def _event_place_exists(condition: Callable[[Any], ColumnElement[bool]]) -> ColumnElement[bool]:
    # An alias: the outer query may join places itself, and must not correlate with this.
    place = aliased(PlaceRow)
    return exists().where(
        place.article_key == EventRow.article_key,
        place.ordinal == EventRow.place_ordinal,
        condition(place),
    )


def _filter_events(stmt: _S, filters: EventFilters) -> _S:
    f = filters
    if f.type:
        stmt = stmt.where(EventRow.type == f.type.upper())
    if f.modality:
        stmt = stmt.where(EventRow.modality == f.modality.lower())
    if f.since:
        stmt = stmt.where(EventRow.day >= f.since)
    if f.until:
        stmt = stmt.where(EventRow.day <= f.until)
    if f.actor:
        stmt = stmt.where(_event_actor_exists(_actor_condition(f.actor)))
    if f.country:
        code = f.country.strip().upper()
        of_actor = EventActorRow.actor_id.in_(select(ActorRow.id).where(ActorRow.country == code))
        stmt = stmt.where(
            or_(_event_actor_exists(of_actor), _event_place_exists(lambda p: p.country == code))
        )
    if f.place:
        place_name = f.place.strip().lower()
        stmt = stmt.where(_event_place_exists(lambda p: func.lower(p.name) == place_name))
    return stmt


# ------------------------------------------------------------------------------- events


def query_events(
    session: Session, *, filters: EventFilters | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Events matching the filters, oldest first and undated last, each a flat dict."""
    filters = filters or EventFilters()
    sentence_text = func.substr(
        ArticleRow.text, SentenceRow.start + 1, SentenceRow.end - SentenceRow.start
    )
    stmt = (
        select(
            EventRow,
            ArticleRow.title,
            ArticleRow.url,
            ArticleRow.published,
            PlaceRow.name.label("place_name"),
            PlaceRow.country.label("place_country"),
            sentence_text.label("sentence_text"),
        )
        .join(ArticleRow, ArticleRow.key == EventRow.article_key)
        .outerjoin(
            PlaceRow,
            and_(
                PlaceRow.article_key == EventRow.article_key,
                PlaceRow.ordinal == EventRow.place_ordinal,
            ),
        )
        .outerjoin(
            SentenceRow,
            and_(
                SentenceRow.article_key == EventRow.article_key,
                SentenceRow.ordinal == EventRow.sentence,
            ),
        )
    )
    # Undated events last, on SQLite (NULLs first) and PostgreSQL (NULLs last) alike.
    stmt = _filter_events(stmt, filters).order_by(
        EventRow.day.is_(None), EventRow.day, EventRow.article_key, EventRow.ordinal
    )
    if limit:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt).all()
    sides = _event_sides(session, sorted({row[0].article_key for row in rows}))
    result = []
    for event, title, url, published, place_name, place_country, sentence in rows:
        names = sides.get((event.article_key, event.ordinal), {})
        result.append(
            {
                "date": event.day,
                "type": event.type,
                "mode": event.mode,
                "cameo": event.cameo,
                "modality": event.modality,
                "source": "; ".join(n for _, n in names.get("source", [])),
                "target": "; ".join(n for _, n in names.get("target", [])),
                "source_ids": [i for i, _ in names.get("source", [])],
                "target_ids": [i for i, _ in names.get("target", [])],
                "trigger": event.trigger_text,
                "place": place_name,
                "place_country": place_country,
                "reported_by": event.reported_by,
                "confidence": event.confidence,
                "sentence": sentence,
                "event_id": event.id,
                "article": event.article_key,
                "title": title,
                "url": url,
                "published": published,
            }
        )
    return result


def _event_sides(
    session: Session, keys: Sequence[str]
) -> dict[tuple[str, int], dict[str, list[tuple[str, str]]]]:
    """{(article, event ordinal): {"source": [(id, name)], "target": [...]}}."""
    sides: dict[tuple[str, int], dict[str, list[tuple[str, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for chunk in _chunks(keys, 500):
        rows = session.execute(
            select(
                EventActorRow.article_key,
                EventActorRow.event_ordinal,
                EventActorRow.role,
                EventActorRow.actor_id,
                ActorRow.name,
            )
            .outerjoin(ActorRow, ActorRow.id == EventActorRow.actor_id)
            .where(EventActorRow.article_key.in_(chunk))
            .order_by(
                EventActorRow.article_key,
                EventActorRow.event_ordinal,
                EventActorRow.role,
                EventActorRow.position,
            )
        )
        for key, ordinal, role, actor_id, name in rows:
            sides[(key, ordinal)][role].append((actor_id, name or actor_id))
    return sides


def matching_event_keys(session: Session, filters: EventFilters) -> dict[str, set[int]]:
    """{article key: event ordinals} for the events the filters select."""
    stmt = _filter_events(select(EventRow.article_key, EventRow.ordinal), filters)
    selected: dict[str, set[int]] = defaultdict(set)
    for key, ordinal in session.execute(stmt):
        selected[key].add(ordinal)
    return dict(selected)


# ------------------------------------------------------------------------------- quotes


def query_quotes(
    session: Session,
    *,
    speaker: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Quotes, oldest article first; ``speaker`` is an actor id or part of a name."""
    EventFilters(since=since, until=until)  # validates the dates
    stmt = (
        select(QuoteRow, ActorRow.name, ArticleRow.title, ArticleRow.url, ArticleRow.published)
        .join(ArticleRow, ArticleRow.key == QuoteRow.article_key)
        .outerjoin(ActorRow, ActorRow.id == QuoteRow.speaker)
    )
    if speaker:
        stmt = stmt.where(or_(QuoteRow.speaker == speaker.strip(), _name_contains(speaker)))
    if kind:
        stmt = stmt.where(QuoteRow.kind == kind.lower())
    if since:
        stmt = stmt.where(ArticleRow.published >= since)
    if until:
        stmt = stmt.where(ArticleRow.published <= until)
    stmt = stmt.order_by(
        ArticleRow.published.is_(None), ArticleRow.published, QuoteRow.article_key,
        QuoteRow.ordinal,
    )  # fmt: skip
    if limit:
        stmt = stmt.limit(limit)
    return [
        {
            "date": published,
            "speaker": name or quote.speaker,
            "speaker_id": quote.speaker,
            "kind": quote.kind,
            "cue": quote.cue,
            "text": quote.text,
            "channel": quote.channel,
            "reported_by": quote.reported_by,
            "quote_id": quote.id,
            "article": quote.article_key,
            "title": title,
            "url": url,
        }
        for quote, name, title, url, published in session.execute(stmt)
    ]


# ----------------------------------------------------------------------------- timeline


def actor_timeline(
    session: Session,
    actor: str,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """What one actor did, had done to it, and said, in date order.

    ``actor`` is an actor id or part of a name; when several actors match, all of them
    are followed (their ids are in each row).
    """
    ids = actor_ids_matching(session, actor)
    if not ids:
        raise UnknownActor(actor)
    rows: list[dict[str, Any]] = []
    for event in query_events(session, filters=EventFilters(actor=actor, since=since, until=until)):
        role = "source" if set(ids) & set(event["source_ids"]) else "target"
        rows.append(
            {
                "date": event["date"],
                "kind": "event",
                "role": role,
                "what": f"{event['type']} ({event['modality']})",
                "with": event["target"] if role == "source" else event["source"],
                "text": event["sentence"] or event["trigger"],
                "article": event["article"],
                "title": event["title"],
                "url": event["url"],
            }
        )
    for quote in query_quotes(session, since=since, until=until):
        if quote["speaker_id"] in ids:
            rows.append(
                {
                    "date": quote["date"],
                    "kind": "quote",
                    "role": "speaker",
                    "what": quote["kind"],
                    "with": quote["channel"],
                    "text": quote["text"],
                    "article": quote["article"],
                    "title": quote["title"],
                    "url": quote["url"],
                }
            )
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["article"], r["kind"]))
    return rows[:limit] if limit else rows


# ---------------------------------------------------------------------------- documents


def count_rows(session: Session) -> dict[str, int]:
    """Rows per table: a quick picture of the corpus."""
    from newsevents.store.models import Base

    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in Base.metadata.tables.items()
    }


def article_keys(session: Session, filters: EventFilters | None = None) -> list[str]:
    """Keys of the stored articles, or of those with an event the filters select."""
    if filters is None or filters.empty:
        return list(session.scalars(select(ArticleRow.key).order_by(ArticleRow.key)))
    return sorted(matching_event_keys(session, filters))


def load_documents(session: Session, keys: Sequence[str]) -> Iterator[Document]:
    """The stored documents with these keys, rebuilt record by record, in key order."""
    for chunk in _chunks(sorted(keys), 200):
        yield from _load_chunk(session, chunk)


def _load_chunk(session: Session, keys: Sequence[str]) -> Iterator[Document]:
    def rows(model: Any, order: Any = None) -> dict[str, list[Any]]:
        grouped: dict[str, list[Any]] = defaultdict(list)
        stmt = select(model).where(model.article_key.in_(keys))
        stmt = stmt.order_by(model.article_key, order if order is not None else model.ordinal)
        for row in session.scalars(stmt):
            grouped[row.article_key].append(row)
        return grouped

    articles = session.scalars(
        select(ArticleRow).where(ArticleRow.key.in_(keys)).order_by(ArticleRow.key)
    ).all()
    article_actors = rows(ArticleActorRow)
    mentions = rows(MentionRow)
    places = rows(PlaceRow)
    times = rows(TimeRow)
    quotes = rows(QuoteRow)
    events = rows(EventRow)
    sentences = rows(SentenceRow)
    sides: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in session.scalars(
        select(EventActorRow)
        .where(EventActorRow.article_key.in_(keys))
        .order_by(EventActorRow.event_ordinal, EventActorRow.role, EventActorRow.position)
    ):
        sides[(row.article_key, row.event_ordinal)][row.role].append(row.actor_id)
    actor_ids = {r.actor_id for group in article_actors.values() for r in group}
    actors = {
        a.id: a
        for chunk in _chunks(sorted(actor_ids), 500)
        for a in session.scalars(select(ActorRow).where(ActorRow.id.in_(chunk)))
    }
    for a in articles:
        k = a.key
        actor_mentions: dict[int, list[Mention]] = defaultdict(list)
        place_mentions: dict[int, list[Mention]] = defaultdict(list)
        for m in mentions.get(k, []):
            target = actor_mentions if m.actor_ordinal is not None else place_mentions
            target[m.actor_ordinal if m.actor_ordinal is not None else m.place_ordinal].append(
                Mention(m.text, m.start, m.end)
            )
        yield Document(
            article=Article(
                id=a.id,
                text=a.text,
                url=a.url,
                source=a.source,
                title=a.title,
                published=a.published,
                language=a.language,
            ),
            actors=[
                Actor(
                    id=link.actor_id,
                    name=actors[link.actor_id].name,
                    type=actors[link.actor_id].type,
                    country=actors[link.actor_id].country,
                    sector=actors[link.actor_id].sector,
                    role=link.role,
                    wikidata=actors[link.actor_id].wikidata,
                    mentions=actor_mentions[link.ordinal],
                )
                for link in article_actors.get(k, [])
            ],
            places=[
                Place(
                    name=p.name,
                    country=p.country,
                    lat=p.lat,
                    lon=p.lon,
                    feature=p.feature,
                    geonames_id=p.geonames_id,
                    mentions=place_mentions[p.ordinal],
                )
                for p in places.get(k, [])
            ],
            times=[
                Time(
                    text=t.text,
                    start=t.start,
                    end=t.end,
                    value=TimeValue(t.value_start, t.value_end)
                    if t.value_start and t.value_end
                    else None,
                    granularity=t.granularity,
                )
                for t in times.get(k, [])
            ],
            quotes=[
                Quote(
                    id=q.id,
                    text=q.text,
                    start=q.start,
                    end=q.end,
                    kind=q.kind,
                    speaker=q.speaker,
                    speaker_mention=Mention(q.speaker_text, q.speaker_start, q.speaker_end)
                    if q.speaker_text is not None
                    and q.speaker_start is not None
                    and q.speaker_end is not None
                    else None,
                    cue=q.cue,
                    channel=q.channel,
                    reported_by=q.reported_by,
                )
                for q in quotes.get(k, [])
            ],
            events=[
                Event(
                    id=e.id,
                    type=e.type,
                    mode=e.mode,
                    cameo=e.cameo,
                    modality=e.modality,
                    trigger=Mention(e.trigger_text, e.trigger_start, e.trigger_end),
                    source=list(sides[(k, e.ordinal)]["source"]),
                    target=list(sides[(k, e.ordinal)]["target"]),
                    place=e.place_ordinal,
                    time=TimeValue(e.time_start, e.time_end)
                    if e.time_start and e.time_end
                    else None,
                    sentence=e.sentence,
                    reported_by=e.reported_by,
                    confidence=e.confidence,
                )
                for e in events.get(k, [])
            ],
            sentences=[
                Sentence(start=s.start, end=s.end, kind=s.kind, tone=s.tone)
                for s in sentences.get(k, [])
            ],
            tone=Tone(score=a.tone_score, positive=a.tone_positive, negative=a.tone_negative),
            schema=a.schema,
        )


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


__all__ = [
    "EventFilters",
    "actor_ids_matching",
    "actor_timeline",
    "article_keys",
    "count_rows",
    "load_documents",
    "matching_event_keys",
    "query_events",
    "query_quotes",
]
