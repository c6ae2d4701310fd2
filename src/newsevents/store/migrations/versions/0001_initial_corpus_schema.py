"""Initial corpus schema: articles, actors, mentions, places, times, quotes, events,
event_actors, sentences and the ingest log.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("sector", sa.String(length=8), nullable=True),
        sa.Column("wikidata", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_name"), ["name"], unique=False)

    op.create_table(
        "articles",
        sa.Column("key", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=512), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=512), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("tone_score", sa.Float(), nullable=False),
        sa.Column("tone_positive", sa.Float(), nullable=False),
        sa.Column("tone_negative", sa.Float(), nullable=False),
        sa.Column("schema", sa.String(length=32), nullable=False),
        sa.Column("newsevents_version", sa.String(length=32), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_articles")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_id"), ["id"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)

    op.create_table(
        "ingest_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("article_key", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_log")),
    )
    with op.batch_alter_table("ingest_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ingest_log_article_key"), ["article_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_ingest_log_run_id"), ["run_id"], unique=False)

    op.create_table(
        "article_actors",
        sa.Column("article_key", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(length=255), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_article_actors_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_article_actors_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_key", "ordinal", name=op.f("pk_article_actors")),
    )
    with op.batch_alter_table("article_actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_actors_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("article_key", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("place_ordinal", sa.Integer(), nullable=True),
        sa.Column("time_start", sa.String(length=10), nullable=True),
        sa.Column("time_end", sa.String(length=10), nullable=True),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("reported_by", sa.String(length=255), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_events_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_key", "ordinal", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_day"), ["day"], unique=False)
        batch_op.create_index("ix_events_type_modality", ["type", "modality"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("article_key", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(length=255), nullable=True),
        sa.Column("actor_ordinal", sa.Integer(), nullable=True),
        sa.Column("place_ordinal", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_mentions_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_mentions_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_key", "ordinal", name=op.f("pk_mentions")),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("article_key", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("feature", sa.String(length=16), nullable=False),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_places_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_key", "ordinal", name=op.f("pk_places")),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_name"), ["name"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("article_key", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("speaker", sa.String(length=255), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        sa.Column("cue", sa.String(length=255), nullable=True),
        sa.Column("channel", sa.String(length=255), nullable=True),
        sa.Column("reported_by", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_quotes_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_key", "ordinal", name=op.f("pk_quotes")),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quotes_speaker"), ["speaker"], unique=False)

    op.create_table(
        "sentences",
        sa.Column("article_key", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("tone", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_sentences_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_key", "ordinal", name=op.f("pk_sentences")),
    )
    op.create_table(
        "times",
        sa.Column("article_key", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("value_start", sa.String(length=10), nullable=True),
        sa.Column("value_end", sa.String(length=10), nullable=True),
        sa.Column("granularity", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_key"],
            ["articles.key"],
            name=op.f("fk_times_article_key_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_key", "ordinal", name=op.f("pk_times")),
    )
    op.create_table(
        "event_actors",
        sa.Column("article_key", sa.String(length=16), nullable=False),
        sa.Column("event_ordinal", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_key", "event_ordinal"],
            ["events.article_key", "events.ordinal"],
            name="fk_event_actors_event",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "article_key", "event_ordinal", "role", "position", name=op.f("pk_event_actors")
        ),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_actors_actor_id"), ["actor_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actors_actor_id"))

    op.drop_table("event_actors")
    op.drop_table("times")
    op.drop_table("sentences")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotes_speaker"))

    op.drop_table("quotes")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_name"))
        batch_op.drop_index(batch_op.f("ix_places_country"))

    op.drop_table("places")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_actor_id"))

    op.drop_table("mentions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_type_modality")
        batch_op.drop_index(batch_op.f("ix_events_day"))

    op.drop_table("events")
    with op.batch_alter_table("article_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_actors_actor_id"))

    op.drop_table("article_actors")
    with op.batch_alter_table("ingest_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ingest_log_run_id"))
        batch_op.drop_index(batch_op.f("ix_ingest_log_article_key"))

    op.drop_table("ingest_log")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_published"))
        batch_op.drop_index(batch_op.f("ix_articles_id"))

    op.drop_table("articles")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_name"))
        batch_op.drop_index(batch_op.f("ix_actors_country"))

    op.drop_table("actors")
