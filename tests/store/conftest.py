"""Stores to test against: a SQLite file, and a database on a real PostgreSQL server.

The PostgreSQL server is a throwaway cluster (newsevents.store.pgtemp): Debian's
binaries, installed with apt-get when missing, run as a non-root user on 127.0.0.1. Tests
that need it are skipped, with the reason, only when no server can be started, and never
in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.records import Document
from newsevents.store import Store, open_store
from newsevents.store.pgtemp import PostgresUnavailable, create_database, temporary_server

DOCUMENTS = Path(__file__).resolve().parent.parent / "data" / "store"
_databases = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a fresh PostgreSQL server's database, for the whole session."""
    server = temporary_server()
    try:
        url = server.__enter__()
    except PostgresUnavailable as e:
        if os.environ.get("CI"):  # CI must prove PostgreSQL support, never skip it
            pytest.fail(f"no PostgreSQL server could be started in CI: {e}")
        pytest.skip(f"no PostgreSQL server could be started: {e}")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new empty database on the session's server (tests do not see each other's rows)."""
    return create_database(postgres_server, f"test_{next(_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        url = str(tmp_path / "corpus.db")
    else:
        url = request.getfixturevalue("postgres_url")
    opened = open_store(url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def documents() -> list[Document]:
    """Three hand-made documents of invented articles (tests/data/store)."""
    return [
        Document.from_json(p.read_text(encoding="utf-8"))
        for p in sorted(DOCUMENTS.glob("article-*.json"))
    ]
