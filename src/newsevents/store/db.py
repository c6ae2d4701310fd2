"""Open the corpus database: SQLite by default, PostgreSQL by URL; migrate on first use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from newsevents.errors import BadDatabaseUrl, DatabaseMissing, StoreUnavailable

DEFAULT_DB = "newsevents.db"
DB_ENV = "NEWSEVENTS_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass
class Store:
    """An open corpus: the engine, a session factory, and the URL it came from."""

    engine: Engine
    sessions: sessionmaker[Session]
    url: str

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for --db / NEWSEVENTS_DB / the default file in the current folder.

    A plain path is a SQLite file; ``postgresql://`` and ``postgres://`` use psycopg 3.
    """
    value = db or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    scheme, rest = value.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    if scheme.startswith(("sqlite", "postgresql+")):
        return value
    raise BadDatabaseUrl(value, problem=f"the scheme {scheme!r} is not supported")


def open_store(url: str | None = None, *, migrate: bool = True, create: bool = True) -> Store:
    """Connect, create the database on first use, and bring its schema to the newest revision.

    With ``create=False`` (query, export) a SQLite file that does not exist is an error
    (DatabaseMissing), not a new empty corpus.
    """
    sa_url = database_url(url)
    try:
        parsed = make_url(sa_url)
    except ArgumentError as e:
        raise BadDatabaseUrl(str(url), problem=str(e)) from e
    shown = parsed.render_as_string(hide_password=True)
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().resolve().parent
            if not create and not Path(parsed.database).expanduser().is_file():
                raise DatabaseMissing(parsed.database, path=parsed.database)
            if not folder.is_dir():
                raise StoreUnavailable(shown, problem=f"the folder {folder} does not exist")
        options["connect_args"] = {"timeout": 30}
    engine = create_engine(sa_url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        if migrate:
            upgrade(engine)
        else:
            with engine.connect():
                pass
    except OperationalError as e:
        engine.dispose()
        raise StoreUnavailable(shown, problem=str(e.orig).strip().splitlines()[0]) from e
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreUnavailable(shown, problem=f"{type(e).__name__}: {e}") from e
    return Store(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), url=shown)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets readers (a query, a test polling progress) read while an ingest writes;
    # synchronous=NORMAL in WAL mode survives a killed process (not a power cut) and is fast.
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(connection: Any = None) -> Any:
    """An Alembic Config built in code: the scripts live inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def schema_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(engine: Engine) -> None:
    """Run the migrations that this database has not had yet (none when it is current)."""
    from alembic import command

    if _is_current(engine):
        return
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def _is_current(engine: Engine) -> bool:
    if not inspect(engine).has_table("alembic_version"):
        return False
    return schema_revision(engine) == head_revision()
