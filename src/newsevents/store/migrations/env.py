"""Alembic environment: newsevents runs migrations in code (store.db.upgrade), never by CLI.

The caller passes an open connection in ``config.attributes["connection"]``; without one
(``alembic`` run by hand with a ``-x url=...``) a connection is made from that URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from newsevents.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = context.get_x_argument(as_dictionary=True).get("url")
        if not url:
            raise SystemExit("give the database with -x url=sqlite:///newsevents.db")
        with create_engine(url).connect() as own:
            _run(own)
            own.commit()
        return
    _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run them online")
run_migrations()
