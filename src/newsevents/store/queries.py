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

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from newsevents.errors import BadQuery, UnknownActor, UnknownArticle
from newsevents.records import (
    ACTOR_TYPES,
    MODALITIES,
    PLOVER_TYPES,
    QUOTE_KINDS,
    SECTORS,
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
    sector: str | None = None  # sector code of a source/target actor (GOV, MIL...)
    cameo: str | None = None  # a CAMEO code prefix: 19 selects 190-196 and their subcodes
    text: str | None = None  # words in the event's trigger or sentence (case-insensitive)

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
        if self.sector is not None and self.sector.strip().upper() not in SECTORS:
            raise BadQuery(
                "--sector", problem=f"{self.sector!r} is not a sector ({', '.join(SECTORS)})"
            )
        if self.cameo is not None and not (
            self.cameo.strip().isdigit() and 1 <= len(self.cameo.strip()) <= 4
        ):
            raise BadQuery(
                "--cameo", problem=f"{self.cameo!r} is not a CAMEO code prefix (1 to 4 digits: 19)"
            )
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    # Only YYYY-MM-DD: stored dates compare as such strings (not 20250101).
                    if len(value) != 10:
                        raise ValueError(value)
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


def _event_actor_exists(
    condition: ColumnElement[bool], *, drive: bool = False
) -> ColumnElement[bool]:
    """Events with a source or target actor meeting ``condition``.

    ``drive`` finds them from the actor side (an IN on the event's key: the database reads
    only the matching event_actors rows), which is best when this filter selects few
    events; otherwise each event is probed (EXISTS), best when an index on the events
    (type, date) already narrows them or gives the order.
    """
    if drive:
        return tuple_(EventRow.article_key, EventRow.ordinal).in_(
            select(EventActorRow.article_key, EventActorRow.event_ordinal).where(condition)
        )
    return exists().where(
        EventActorRow.article_key == EventRow.article_key,
        EventActorRow.event_ordinal == EventRow.ordinal,
        condition,
    )


def _event_place_exists(
    condition: Callable[[Any], ColumnElement[bool]], *, drive: bool = False
) -> ColumnElement[bool]:
    # An alias: the outer query may join places itself, and must not correlate with this.
    place = aliased(PlaceRow)
    if drive:
        return tuple_(EventRow.article_key, EventRow.place_ordinal).in_(
            select(place.article_key, place.ordinal).where(condition(place))
        )
    return exists().where(
        place.article_key == EventRow.article_key,
        place.ordinal == EventRow.place_ordinal,
        condition(place),
    )


def _country_condition(country: str) -> ColumnElement[bool]:
    code = country.strip().upper()
    return EventActorRow.actor_id.in_(select(ActorRow.id).where(ActorRow.country == code))


def _sector_condition(sector: str) -> ColumnElement[bool]:
    code = sector.strip().upper()
    return EventActorRow.actor_id.in_(select(ActorRow.id).where(ActorRow.sector == code))


# Filters an index on the events serves (with the date order): actor filters then probe.
_INDEXED = ("type", "since", "until", "cameo", "place")


def _filter_events(stmt: _S, filters: EventFilters, *, drive_actors: bool | None = None) -> _S:
    f = filters
    if drive_actors is None:
        drive_actors = not any(getattr(f, name) for name in _INDEXED)
    if f.type:
        stmt = stmt.where(EventRow.type == f.type.upper())
    if f.modality:
        stmt = stmt.where(EventRow.modality == f.modality.lower())
    if f.since:
        stmt = stmt.where(EventRow.day >= f.since)
    if f.until:
        stmt = stmt.where(EventRow.day <= f.until)
    if f.actor:
        stmt = stmt.where(_event_actor_exists(_actor_condition(f.actor), drive=drive_actors))
    if f.country:
        code = f.country.strip().upper()
        stmt = stmt.where(
            or_(
                _event_actor_exists(_country_condition(code), drive=drive_actors),
                _event_place_exists(lambda p: p.country == code, drive=drive_actors),
            )
        )
    if f.place:
        place_name = f.place.strip().lower()
        stmt = stmt.where(
            _event_place_exists(lambda p: func.lower(p.name) == place_name, drive=True)
        )
    if f.sector:
        stmt = stmt.where(_event_actor_exists(_sector_condition(f.sector), drive=drive_actors))
    if f.cameo:
        # A range, not LIKE, so the cameo index serves it: "042" <= code < "043".
        prefix = f.cameo.strip()
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # "19" -> "1:" (':' follows '9')
        stmt = stmt.where(EventRow.cameo >= prefix, EventRow.cameo < after)
    if f.text:
        stmt = stmt.where(_event_text_condition(f.text))
    return stmt


def _page_drives_from_actors(session: Session, filters: EventFilters, *, few: int = 5000) -> bool:
    """For a page in date order: read from the actor side only when it selects few events.

    An actor in thousands of events is better found by walking the events in date order
    until the page is full; a rare one by reading its few events and sorting them.
    """
    f = filters
    if any(getattr(f, name) for name in _INDEXED):
        return False
    conditions = [
        condition
        for value, condition_of in (
            (f.actor, _actor_condition), (f.country, _country_condition),
            (f.sector, _sector_condition),
        )
        if value
        for condition in [condition_of(value)]
    ]  # fmt: skip
    if not conditions:
        return True
    for condition in conditions:
        rows = select(EventActorRow.actor_id).where(condition).limit(few).subquery()
        if (session.scalar(select(func.count()).select_from(rows)) or 0) < few:
            return True
    return False


def _event_text_condition(text: str) -> ColumnElement[bool]:
    """The trigger or the event's sentence contains ``text`` (case-insensitive)."""
    needle = text.strip().lower()
    sentence = aliased(SentenceRow)
    article = aliased(ArticleRow)
    sentence_text = func.substr(article.text, sentence.start + 1, sentence.end - sentence.start)
    in_sentence = exists().where(
        sentence.article_key == EventRow.article_key,
        sentence.ordinal == EventRow.sentence,
        article.key == EventRow.article_key,
        func.lower(sentence_text).contains(needle, autoescape=True),
    )
    return or_(func.lower(EventRow.trigger_text).contains(needle, autoescape=True), in_sentence)


# ------------------------------------------------------------------------------- events


def _dated_then_undated(
    session: Session, stmt: Select[Any], *, limit: int | None, offset: int
) -> list[Any]:
    """The page of ``stmt`` in date order with undated events last (SQLite sorts NULLs first,
    PostgreSQL last). Dated and undated rows are read as two queries so that each can walk
    the (type, day) and (day) indexes: ``ORDER BY day IS NULL`` would sort the whole match."""
    dated = stmt.where(EventRow.day.is_not(None)).order_by(
        EventRow.day, EventRow.article_key, EventRow.ordinal
    )
    undated = stmt.where(EventRow.day.is_(None)).order_by(EventRow.article_key, EventRow.ordinal)
    if not limit:
        rows = [*session.execute(dated).all(), *session.execute(undated).all()]
        return rows[offset:]
    rows = list(session.execute(dated.offset(offset).limit(limit)).all())
    if len(rows) == limit:
        return rows
    if rows:
        dated_count = offset + len(rows)
    else:
        counted = select(func.count()).select_from(dated.order_by(None).subquery())
        dated_count = session.scalar(counted) or 0
    more = undated.offset(max(0, offset - dated_count)).limit(limit - len(rows))
    return [*rows, *session.execute(more).all()]


def query_events(
    session: Session,
    *,
    filters: EventFilters | None = None,
    limit: int | None = None,
    offset: int = 0,
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
    drive = _page_drives_from_actors(session, filters) if limit else None
    rows = _dated_then_undated(
        session, _filter_events(stmt, filters, drive_actors=drive), limit=limit, offset=offset
    )
    if limit and len(rows) <= 500:  # a page: only its events' actors
        pairs = [(row[0].article_key, row[0].ordinal) for row in rows]
        sides = _event_sides(session, [], events=pairs)
    else:
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
    session: Session, keys: Sequence[str], *, events: Sequence[tuple[str, int]] = ()
) -> dict[tuple[str, int], dict[str, list[tuple[str, str]]]]:
    """{(article, event ordinal): {"source": [(id, name)], "target": [...]}}.

    For every event of the articles ``keys``, or for the ``events`` (article, ordinal) given.
    """
    sides: dict[tuple[str, int], dict[str, list[tuple[str, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    wanted: list[ColumnElement[bool]] = [
        EventActorRow.article_key.in_(chunk) for chunk in _chunks(keys, 500)
    ]
    if events:  # by key and ordinal separately: a row-value IN list defeats SQLite's index
        wanted.append(
            and_(
                EventActorRow.article_key.in_({key for key, _ in events}),
                EventActorRow.event_ordinal.in_({ordinal for _, ordinal in events}),
            )
        )
    for condition in wanted:
        rows = session.execute(
            select(
                EventActorRow.article_key,
                EventActorRow.event_ordinal,
                EventActorRow.role,
                EventActorRow.actor_id,
                ActorRow.name,
            )
            .outerjoin(ActorRow, ActorRow.id == EventActorRow.actor_id)
            .where(condition)
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
    text: str | None = None,
    speaker_ids: Sequence[str] | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes, oldest article first; ``speaker`` is an actor id or part of a name.

    ``text`` is part of the quote's words; ``speaker_ids`` are exact actor ids.
    """
    stmt = _quote_select(
        speaker=speaker, kind=kind, since=since, until=until, text=text, speaker_ids=speaker_ids
    )
    stmt = stmt.order_by(
        ArticleRow.published.is_(None), ArticleRow.published, QuoteRow.article_key,
        QuoteRow.ordinal,
    )  # fmt: skip
    stmt = _page(stmt, limit, offset)
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


def count_quotes(
    session: Session,
    *,
    speaker: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
) -> int:
    """How many quotes ``query_quotes`` returns for the same filters, without a limit."""
    stmt = _quote_select(speaker=speaker, kind=kind, since=since, until=until, text=text)
    return _count(session, stmt)


def _quote_select(
    *,
    speaker: str | None,
    kind: str | None,
    since: str | None,
    until: str | None,
    text: str | None = None,
    speaker_ids: Sequence[str] | None = None,
) -> Select[*tuple[Any, ...]]:
    EventFilters(since=since, until=until)  # validates the dates
    if kind is not None and kind.lower() not in QUOTE_KINDS:
        raise BadQuery("kind", problem=f"{kind!r} is not a quote kind ({', '.join(QUOTE_KINDS)})")
    stmt = (
        select(QuoteRow, ActorRow.name, ArticleRow.title, ArticleRow.url, ArticleRow.published)
        .join(ArticleRow, ArticleRow.key == QuoteRow.article_key)
        .outerjoin(ActorRow, ActorRow.id == QuoteRow.speaker)
    )
    if speaker:
        named = select(ActorRow.id).where(_name_contains(speaker))
        # Both sides on quotes.speaker (indexed), not on the joined name: an OR across
        # tables would read every quote.
        stmt = stmt.where(or_(QuoteRow.speaker == speaker.strip(), QuoteRow.speaker.in_(named)))
    if kind:
        stmt = stmt.where(QuoteRow.kind == kind.lower())
    if since:
        stmt = stmt.where(ArticleRow.published >= since)
    if until:
        stmt = stmt.where(ArticleRow.published <= until)
    if text:
        needle = text.strip().lower()
        stmt = stmt.where(func.lower(QuoteRow.text).contains(needle, autoescape=True))
    if speaker_ids is not None:
        stmt = stmt.where(QuoteRow.speaker.in_(list(speaker_ids)))
    return stmt


# ----------------------------------------------------------------------------- timeline


def actor_timeline(
    session: Session,
    actor: str,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """What one actor did, had done to it, and said, in date order.

    ``actor`` is an actor id or part of a name; when several actors match, all of them
    are followed (their ids are in each row). Events and quotes each come in date order,
    so a page needs at most ``offset + limit`` of each.
    """
    ids = actor_ids_matching(session, actor)
    if not ids:
        raise UnknownActor(actor)
    enough = offset + limit if limit else None
    filters = EventFilters(actor=actor, since=since, until=until)
    rows: list[dict[str, Any]] = []
    for event in query_events(session, filters=filters, limit=enough):
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
    for quote in query_quotes(session, since=since, until=until, speaker_ids=ids, limit=enough):
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
    return rows[offset : offset + limit] if limit else rows[offset:]


def count_timeline(
    session: Session, actor: str, *, since: str | None = None, until: str | None = None
) -> int:
    """How many rows ``actor_timeline`` returns for the same actor and dates."""
    ids = actor_ids_matching(session, actor)
    if not ids:
        raise UnknownActor(actor)
    events = count_events(session, filters=EventFilters(actor=actor, since=since, until=until))
    stmt = _quote_select(
        speaker=None, kind=None, since=since, until=until, speaker_ids=ids
    ).with_only_columns(QuoteRow.ordinal)
    return events + _count(session, stmt)


def _page(stmt: Select[Any], limit: int | None, offset: int) -> Select[Any]:
    """``stmt`` limited to one page (no limit when ``limit`` is None or 0)."""
    if limit:
        stmt = stmt.limit(limit)
    return stmt.offset(offset) if offset else stmt


def _count(session: Session, stmt: Select[Any]) -> int:
    """How many rows ``stmt`` returns."""
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


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


# ----------------------------------------------------------------------------- browsing


def count_events(
    session: Session, *, filters: EventFilters | None = None, at_most: int | None = None
) -> int:
    """How many events ``query_events`` returns for the same filters, without a limit.

    With ``at_most``, counting stops after ``at_most + 1`` events (a larger result reads
    as "more than at_most"): a page's total then costs no more than the page.
    """
    filters = filters or EventFilters()
    if at_most is None:
        stmt = _filter_events(select(func.count()).select_from(EventRow), filters)
        return session.scalar(stmt) or 0
    drive = _page_drives_from_actors(session, filters)
    found = _filter_events(select(EventRow.ordinal), filters, drive_actors=drive)
    bounded = found.limit(at_most + 1).subquery()
    return session.scalar(select(func.count()).select_from(bounded)) or 0


def list_articles(
    session: Session,
    *,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stored articles, newest first, with how many events and quotes each holds.

    ``text`` is part of the title (case-insensitive); dates bound the publication date.
    """
    stmt = _article_select(since=since, until=until, text=text).order_by(
        ArticleRow.published.desc(), ArticleRow.key
    )
    stmt = _page(stmt, limit, offset)
    articles = session.execute(stmt).all()
    keys = [row.key for row in articles]
    events = _counts_by_article(session, EventRow, keys)
    quotes = _counts_by_article(session, QuoteRow, keys)
    return [
        {
            "key": row.key,
            "id": row.id,
            "title": row.title,
            "url": row.url,
            "source": row.source,
            "published": row.published,
            "events": events.get(row.key, 0),
            "quotes": quotes.get(row.key, 0),
        }
        for row in articles
    ]


def count_articles(
    session: Session, *, since: str | None = None, until: str | None = None, text: str | None = None
) -> int:
    """How many articles ``list_articles`` returns for the same filters, without a limit."""
    stmt = _article_select(since=since, until=until, text=text)
    return _count(session, stmt)


def _article_select(
    *, since: str | None, until: str | None, text: str | None
) -> Select[*tuple[Any, ...]]:
    EventFilters(since=since, until=until)  # validates the dates
    stmt: Select[*tuple[Any, ...]] = select(
        ArticleRow.key, ArticleRow.id, ArticleRow.title, ArticleRow.url, ArticleRow.source,
        ArticleRow.published,
    )  # fmt: skip
    if since:
        stmt = stmt.where(ArticleRow.published >= since)
    if until:
        stmt = stmt.where(ArticleRow.published <= until)
    if text:
        needle = text.strip().lower()
        stmt = stmt.where(func.lower(ArticleRow.title).contains(needle, autoescape=True))
    return stmt


def _counts_by_article(session: Session, model: Any, keys: Sequence[str]) -> dict[str, int]:
    if not keys:
        return {}
    rows = session.execute(
        select(model.article_key, func.count())
        .where(model.article_key.in_(keys))
        .group_by(model.article_key)
    )
    return {key: n for key, n in rows}


def get_document(session: Session, key: str) -> Document:
    """The stored document with this key (the store's key, or the article's own id)."""
    found = session.scalar(select(ArticleRow.key).where(ArticleRow.key == key))
    if found is None:
        found = session.scalar(
            select(ArticleRow.key).where(ArticleRow.id == key).order_by(ArticleRow.key).limit(1)
        )
    if found is None:
        raise UnknownArticle(key)
    return next(iter(load_documents(session, [found])))


def search_actors(
    session: Session,
    *,
    q: str | None = None,
    country: str | None = None,
    type: str | None = None,
    sector: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Actors whose id or name contains ``q`` (case-insensitive), by name, with their counts."""
    stmt = _actor_select(q=q, country=country, type=type, sector=sector).order_by(
        ActorRow.name, ActorRow.id
    )
    stmt = _page(stmt, limit, offset)
    actors = session.scalars(stmt).all()
    counts = _actor_counts(session, [a.id for a in actors])
    return [{**_actor_fields(a), **counts[a.id]} for a in actors]


def count_actors(
    session: Session,
    *,
    q: str | None = None,
    country: str | None = None,
    type: str | None = None,
    sector: str | None = None,
) -> int:
    """How many actors ``search_actors`` returns for the same filters, without a limit."""
    stmt = _actor_select(q=q, country=country, type=type, sector=sector)
    return _count(session, stmt)


def _actor_select(
    *, q: str | None, country: str | None, type: str | None, sector: str | None
) -> Select[*tuple[Any, ...]]:
    if type is not None and type.strip().lower() not in ACTOR_TYPES:
        raise BadQuery("type", problem=f"{type!r} is not an actor type ({', '.join(ACTOR_TYPES)})")
    EventFilters(sector=sector)  # validates the sector
    stmt = select(ActorRow)
    if q:
        needle = q.strip().lower()
        stmt = stmt.where(
            or_(
                func.lower(ActorRow.id).contains(needle, autoescape=True),
                func.lower(ActorRow.name).contains(needle, autoescape=True),
            )
        )
    if country:
        stmt = stmt.where(ActorRow.country == country.strip().upper())
    if type:
        stmt = stmt.where(ActorRow.type == type.strip().lower())
    if sector:
        stmt = stmt.where(ActorRow.sector == sector.strip().upper())
    return stmt


def _actor_fields(actor: ActorRow) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "sector": actor.sector,
        "wikidata": actor.wikidata,
    }


def _actor_counts(session: Session, ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """{actor id: {"articles", "events_as_source", "events_as_target", "quotes"}}."""
    counts: dict[str, dict[str, int]] = {
        i: {"articles": 0, "events_as_source": 0, "events_as_target": 0, "quotes": 0} for i in ids
    }
    for chunk in _chunks(list(ids), 500):
        for actor_id, n in session.execute(
            select(ArticleActorRow.actor_id, func.count(func.distinct(ArticleActorRow.article_key)))
            .where(ArticleActorRow.actor_id.in_(chunk))
            .group_by(ArticleActorRow.actor_id)
        ):
            counts[actor_id]["articles"] = n
        for actor_id, role, n in session.execute(
            select(EventActorRow.actor_id, EventActorRow.role, func.count())
            .where(EventActorRow.actor_id.in_(chunk))
            .group_by(EventActorRow.actor_id, EventActorRow.role)
        ):
            counts[actor_id][f"events_as_{role}"] = n
        for speaker, n in session.execute(
            select(QuoteRow.speaker, func.count())
            .where(QuoteRow.speaker.in_(chunk))
            .group_by(QuoteRow.speaker)
        ):
            if speaker is not None:
                counts[speaker]["quotes"] = n
    return counts


def actor_profile(session: Session, actor_id: str) -> dict[str, Any]:
    """One actor by its exact id: its fields, counts, and the roles articles gave it."""
    actor = session.get(ActorRow, actor_id)
    if actor is None:
        raise UnknownActor(actor_id)
    roles = [
        {"role": role, "articles": n, "first": first, "last": last}
        for role, n, first, last in session.execute(
            select(
                ArticleActorRow.role,
                func.count(),
                func.min(ArticleRow.published),
                func.max(ArticleRow.published),
            )
            .join(ArticleRow, ArticleRow.key == ArticleActorRow.article_key)
            .where(ArticleActorRow.actor_id == actor_id, ArticleActorRow.role.is_not(None))
            .group_by(ArticleActorRow.role)
            .order_by(func.count().desc(), ArticleActorRow.role)
        )
    ]
    return {**_actor_fields(actor), **_actor_counts(session, [actor_id])[actor_id], "roles": roles}


def actor_network(
    session: Session,
    *,
    actor: str | None = None,
    filters: EventFilters | None = None,
    limit: int = 100,
) -> dict[str, list[dict[str, Any]]]:
    """Who acts on whom: {"nodes": [...], "edges": [{source, target, events}]}.

    An edge counts the selected events with one actor as a source and the other as a
    target; ``actor`` (an id or part of a name) keeps the edges that touch it. The
    ``limit`` heaviest edges are kept.
    """
    filters = filters or EventFilters()
    source, target = aliased(EventActorRow), aliased(EventActorRow)
    stmt = (
        select(source.actor_id, target.actor_id, func.count().label("events"))
        .select_from(EventRow)
        .join(
            source,
            and_(
                source.article_key == EventRow.article_key,
                source.event_ordinal == EventRow.ordinal,
                source.role == "source",
            ),
        )
        .join(
            target,
            and_(
                target.article_key == EventRow.article_key,
                target.event_ordinal == EventRow.ordinal,
                target.role == "target",
            ),
        )
        .where(source.actor_id != target.actor_id)
    )
    stmt = _filter_events(stmt, filters)
    if actor:
        ids = actor_ids_matching(session, actor)
        if not ids:
            raise UnknownActor(actor)
        stmt = stmt.where(or_(source.actor_id.in_(ids), target.actor_id.in_(ids)))
    stmt = (
        stmt.group_by(source.actor_id, target.actor_id)
        .order_by(func.count().desc(), source.actor_id, target.actor_id)
        .limit(limit)
    )
    pairs: list[tuple[str, str, int]] = [(s, t, n) for s, t, n in session.execute(stmt).all()]
    edges = [{"source": s, "target": t, "events": n} for s, t, n in pairs]
    ids = sorted({s for s, _, _ in pairs} | {t for _, t, _ in pairs})
    known = {
        a.id: a
        for chunk in _chunks(ids, 500)
        for a in session.scalars(select(ActorRow).where(ActorRow.id.in_(chunk)))
    }
    weights: dict[str, int] = defaultdict(int)
    for s, t, n in pairs:
        weights[s] += n
        weights[t] += n
    nodes = [
        {
            "id": i,
            "name": known[i].name if i in known else i,
            "type": known[i].type if i in known else None,
            "country": known[i].country if i in known else None,
            "events": weights[i],
        }
        for i in ids
    ]
    return {"nodes": nodes, "edges": edges}


def event_stats(session: Session, *, filters: EventFilters | None = None) -> dict[str, Any]:
    """Counts of the selected events: in total, per type, per day, per country.

    The country of an event is the country of its place (where it happened, as GDELT's
    ActionGeo); events without a placed country count under None.
    """
    filters = filters or EventFilters()

    def grouped(column: Any, *, join_place: bool = False) -> list[tuple[Any, int]]:
        stmt = select(column, func.count()).select_from(EventRow)
        if join_place:
            stmt = stmt.outerjoin(
                PlaceRow,
                and_(
                    PlaceRow.article_key == EventRow.article_key,
                    PlaceRow.ordinal == EventRow.place_ordinal,
                ),
            )
        stmt = _filter_events(stmt, filters).group_by(column)
        return [(value, n) for value, n in session.execute(stmt)]

    per_type = sorted(grouped(EventRow.type), key=lambda r: (-r[1], r[0]))
    per_day = sorted(grouped(EventRow.day), key=lambda r: r[0] or "")
    per_country = sorted(
        grouped(PlaceRow.country, join_place=True), key=lambda r: (-r[1], r[0] or "")
    )
    return {
        "events": sum(n for _, n in per_type),
        "per_type": [{"type": t, "events": n} for t, n in per_type],
        "per_day": [{"day": d, "events": n} for d, n in per_day],
        "per_country": [{"country": c, "events": n} for c, n in per_country],
    }


def event_places(
    session: Session, *, filters: EventFilters | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    """The places of the selected events that have coordinates, with their event counts."""
    stmt = (
        select(PlaceRow.name, PlaceRow.country, PlaceRow.lat, PlaceRow.lon, func.count())
        .select_from(EventRow)
        .join(
            PlaceRow,
            and_(
                PlaceRow.article_key == EventRow.article_key,
                PlaceRow.ordinal == EventRow.place_ordinal,
            ),
        )
        .where(PlaceRow.lat.is_not(None), PlaceRow.lon.is_not(None))
    )
    stmt = (
        _filter_events(stmt, filters or EventFilters())
        .group_by(PlaceRow.name, PlaceRow.country, PlaceRow.lat, PlaceRow.lon)
        .order_by(func.count().desc(), PlaceRow.name)
        .limit(limit)
    )
    return [
        {"name": name, "country": country, "lat": lat, "lon": lon, "events": n}
        for name, country, lat, lon, n in session.execute(stmt)
    ]


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


__all__ = [
    "EventFilters",
    "actor_ids_matching",
    "actor_network",
    "actor_profile",
    "actor_timeline",
    "article_keys",
    "count_actors",
    "count_articles",
    "count_events",
    "count_quotes",
    "count_rows",
    "count_timeline",
    "event_places",
    "event_stats",
    "get_document",
    "list_articles",
    "load_documents",
    "matching_event_keys",
    "query_events",
    "query_quotes",
    "search_actors",
]
