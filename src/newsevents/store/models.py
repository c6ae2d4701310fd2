"""The corpus schema: one table per record type of the newsevents/1 contract.

Every row that belongs to one article carries the article's ``key`` (its identity: a hash
of the URL, else of the text) and its position in the document (``ordinal``), so a batch
of documents is written with bulk inserts and no round trips for generated ids. Actors
are the exception: one row per canonical actor id across the whole corpus, linked to the
articles that mention them by ``article_actors`` (which also holds the role on that
article's date). Dates are ``YYYY-MM-DD`` strings: they sort and compare as dates on
SQLite and PostgreSQL alike.

Changing this file means adding an Alembic revision under ``migrations/versions/``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so migrations can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

KEY = String(16)  # records.article_id: 16 hex digits
ARTICLE_FK = "articles.key"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ArticleRow(Base):
    __tablename__ = "articles"

    key: Mapped[str] = mapped_column(KEY, primary_key=True)
    id: Mapped[str] = mapped_column(String(512), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(512))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    tone_score: Mapped[float] = mapped_column(Float, default=0.0)
    tone_positive: Mapped[float] = mapped_column(Float, default=0.0)
    tone_negative: Mapped[float] = mapped_column(Float, default=0.0)
    schema: Mapped[str] = mapped_column(String(32))
    newsevents_version: Mapped[str] = mapped_column(String(32))
    pipeline_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class ActorRow(Base):
    """One canonical actor across the corpus; the first article to name it sets its fields."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    name: Mapped[str] = mapped_column(String(512), index=True)
    # The name folded for search (store.save.name_key): no accents, lower case.
    name_key: Mapped[str | None] = mapped_column(String(512), index=True)
    type: Mapped[str] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    sector: Mapped[str | None] = mapped_column(String(8))
    wikidata: Mapped[str | None] = mapped_column(String(32))


class ArticleActorRow(Base):
    """An actor as one article sees it: its place in the document and its role that day."""

    __tablename__ = "article_actors"

    article_key: Mapped[str] = mapped_column(
        ForeignKey(ARTICLE_FK, ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str | None] = mapped_column(Text)


class MentionRow(Base):
    """A mention of an actor (actor_ordinal) or of a place (place_ordinal) in one article."""

    __tablename__ = "mentions"

    article_key: Mapped[str] = mapped_column(
        ForeignKey(ARTICLE_FK, ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"), index=True)
    actor_ordinal: Mapped[int | None] = mapped_column(Integer)
    place_ordinal: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class PlaceRow(Base):
    __tablename__ = "places"

    article_key: Mapped[str] = mapped_column(
        ForeignKey(ARTICLE_FK, ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(512), index=True)
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    feature: Mapped[str] = mapped_column(String(16))
    geonames_id: Mapped[int | None] = mapped_column(Integer)


class TimeRow(Base):
    __tablename__ = "times"

    article_key: Mapped[str] = mapped_column(
        ForeignKey(ARTICLE_FK, ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value_start: Mapped[str | None] = mapped_column(String(10))
    value_end: Mapped[str | None] = mapped_column(String(10))
    granularity: Mapped[str] = mapped_column(String(16))


class QuoteRow(Base):
    __tablename__ = "quotes"

    article_key: Mapped[str] = mapped_column(
        ForeignKey(ARTICLE_FK, ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    # Actor ids, not foreign keys: an extractor may name an actor the document does not list.
    speaker: Mapped[str | None] = mapped_column(String(255), index=True)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(String(255))
    channel: Mapped[str | None] = mapped_column(String(255))
    reported_by: Mapped[str | None] = mapped_column(String(255))


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_type_modality", "type", "modality"),
        # Pages of events come oldest first: these serve the filter and the order at once.
        Index("ix_events_type_day", "type", "day", "article_key", "ordinal"),
        Index("ix_events_day_key", "day", "article_key", "ordinal"),
        Index("ix_events_cameo", "cameo"),
    )

    article_key: Mapped[str] = mapped_column(
        ForeignKey(ARTICLE_FK, ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(32))
    cameo: Mapped[str] = mapped_column(String(8))
    modality: Mapped[str] = mapped_column(String(16))
    trigger_text: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    place_ordinal: Mapped[int | None] = mapped_column(Integer)
    time_start: Mapped[str | None] = mapped_column(String(10))
    time_end: Mapped[str | None] = mapped_column(String(10))
    # The event's date: its time when it has one, else the article's publication date.
    day: Mapped[str | None] = mapped_column(String(10), index=True)
    sentence: Mapped[int] = mapped_column(Integer)
    reported_by: Mapped[str | None] = mapped_column(String(255))
    confidence: Mapped[float] = mapped_column(Float)


class EventActorRow(Base):
    """A source or target actor of an event, in the order the event lists them."""

    __tablename__ = "event_actors"
    __table_args__ = (
        ForeignKeyConstraint(
            ["article_key", "event_ordinal"],
            ["events.article_key", "events.ordinal"],
            ondelete="CASCADE",
            name="fk_event_actors_event",
        ),
    )

    article_key: Mapped[str] = mapped_column(KEY, primary_key=True)
    event_ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(8), primary_key=True)  # source | target
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(255), index=True)


class SentenceRow(Base):
    __tablename__ = "sentences"

    article_key: Mapped[str] = mapped_column(
        ForeignKey(ARTICLE_FK, ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    tone: Mapped[float] = mapped_column(Float)


class IngestLogRow(Base):
    """What happened to every item of every ingest run: stored, duplicate or failed (why)."""

    __tablename__ = "ingest_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(32), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    item: Mapped[str] = mapped_column(Text)
    article_key: Mapped[str | None] = mapped_column(KEY, index=True)
    status: Mapped[str] = mapped_column(
        String(16)
    )  # stored | reprocessed | replaced | duplicate | failed
    code: Mapped[str | None] = mapped_column(String(8))
    message: Mapped[str | None] = mapped_column(Text)


# Place names are matched case-insensitively (``--place kyiv``).
Index("ix_places_lower_name", func.lower(PlaceRow.name))
