"""Actors get name_key, their name folded for search (no accents, lower case), so that
``--actor orban`` finds Orbán on SQLite and PostgreSQL alike; existing rows are filled.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from newsevents.store.save import name_key

    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=512), nullable=True))
        batch_op.create_index(batch_op.f("ix_actors_name_key"), ["name_key"], unique=False)
    actors = sa.table("actors", sa.column("id", sa.String), sa.column("name", sa.String),
                      sa.column("name_key", sa.String))  # fmt: skip
    connection = op.get_bind()
    rows = connection.execute(sa.select(actors.c.id, actors.c.name)).all()
    for start in range(0, len(rows), 1000):
        connection.execute(
            actors.update()
            .where(actors.c.id == sa.bindparam("actor_id"))
            .values(name_key=sa.bindparam("key")),
            [{"actor_id": i, "key": name_key(n)} for i, n in rows[start : start + 1000]],
        )


def downgrade() -> None:
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_name_key"))
        batch_op.drop_column("name_key")
