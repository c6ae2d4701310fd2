"""Indexes for browsing (newsevents serve): pages of events by type and date, CAMEO
prefixes, and case-insensitive place names.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_type_day", "events", ["type", "day", "article_key", "ordinal"])
    op.create_index("ix_events_day_key", "events", ["day", "article_key", "ordinal"])
    op.create_index("ix_events_cameo", "events", ["cameo"])
    op.create_index("ix_places_lower_name", "places", [sa.text("lower(name)")])


def downgrade() -> None:
    op.drop_index("ix_places_lower_name", table_name="places")
    op.drop_index("ix_events_cameo", table_name="events")
    op.drop_index("ix_events_day_key", table_name="events")
    op.drop_index("ix_events_type_day", table_name="events")
