"""Saving and loading documents, identity, actors across articles, migrations."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from newsevents.errors import BadDatabaseUrl, StoreUnavailable
from newsevents.records import Document
from newsevents.store import (
    Store,
    article_keys,
    count_rows,
    database_url,
    load_documents,
    open_store,
    save_document,
    save_documents,
    stored_versions,
)
from newsevents.store.db import head_revision, schema_revision
from newsevents.store.models import ActorRow, ArticleRow
from newsevents.store.save import document_key


def test_documents_round_trip(store: Store, documents: list[Document]) -> None:
    with store.session() as session:
        save_documents(session, documents, "1")
        session.commit()
    with store.session() as session:
        loaded = {d.article.id: d for d in load_documents(session, article_keys(session))}
    assert set(loaded) == {d.article.id for d in documents}
    for document in documents:
        assert loaded[document.article.id].to_dict() == document.to_dict()


def test_saving_twice_stores_once(store: Store, documents: list[Document]) -> None:
    with store.session() as session:
        save_documents(session, documents, "1")
        session.commit()
        before = count_rows(session)
        save_documents(session, documents, "1")
        save_document(session, documents[0], "1")
        session.commit()
        assert count_rows(session) == before
        assert before["articles"] == 3
        assert before["events"] == sum(len(d.events) for d in documents)


def test_identity_is_the_url_else_the_text(store: Store, documents: list[Document]) -> None:
    with_url = documents[0]
    moved = dataclasses.replace(with_url.article, text=with_url.article.text + " Updated.")
    without_url = dataclasses.replace(documents[1].article, id="another-id")
    with store.session() as session:
        save_documents(session, documents, "1")
        # Same URL, corrected text: the same article, replaced.
        save_document(session, dataclasses.replace(with_url, article=moved), "1")
        # No URL, same text under another id: the same article.
        save_document(session, dataclasses.replace(documents[1], article=without_url), "1")
        session.commit()
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 3
        stored = session.get(ArticleRow, document_key(with_url))
        assert stored is not None and stored.text.endswith("Updated.")


def test_one_actor_row_across_articles(store: Store, documents: list[Document]) -> None:
    with store.session() as session:
        save_documents(session, documents[:1], "1")
        session.commit()
        save_documents(session, documents[1:], "1")
        session.commit()
        tamm = session.scalars(select(ActorRow).where(ActorRow.id == "person:jaan-tamm")).all()
        assert len(tamm) == 1
        ids = {a.id for d in documents for a in d.actors}
        assert session.scalar(select(func.count()).select_from(ActorRow)) == len(ids)


def test_versions_are_stored_per_article(store: Store, documents: list[Document]) -> None:
    with store.session() as session:
        save_documents(session, documents[:2], "1")
        save_documents(session, documents[2:], "2")
        session.commit()
        keys = [document_key(d) for d in documents]
        assert stored_versions(session, keys) == dict(zip(keys, ["1", "1", "2"], strict=True))
        row = session.get(ArticleRow, keys[0])
        assert row is not None and row.newsevents_version not in ("", None)


def test_rollback_forgets_cached_actors(store: Store, documents: list[Document]) -> None:
    with store.session() as session:
        save_documents(session, documents[:1], "1")
        session.rollback()
        save_documents(session, documents[:1], "1")  # actors must be inserted again
        session.commit()
        assert count_rows(session)["actors"] == len(documents[0].actors)


def test_schema_is_migrated_to_head(store: Store) -> None:
    assert schema_revision(store.engine) == head_revision() == "0003"
    again = open_store(
        store.engine.url.render_as_string(hide_password=False)
    )  # an existing database opens without migrating again
    again.close()


def test_sqlite_file_is_created_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = open_store(str(path))
    store.close()
    assert path.is_file()


def test_default_database_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSEVENTS_DB", str(tmp_path / "env.db"))
    assert database_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("NEWSEVENTS_DB")
    monkeypatch.chdir(tmp_path)
    assert database_url(None) == "sqlite:///newsevents.db"


def test_postgresql_urls_use_psycopg() -> None:
    assert database_url("postgresql://u@h:5/db") == "postgresql+psycopg://u@h:5/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(BadDatabaseUrl, match=r"\[E101\]"):
        database_url("mysql://u@h/db")


def test_unusable_database_is_one_coded_error(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match=r"\[E100\].*does not exist"):
        open_store(str(tmp_path / "missing" / "corpus.db"))
    with pytest.raises(StoreUnavailable, match=r"\[E100\]"):
        open_store("postgresql://nobody@127.0.0.1:9/none")


@pytest.mark.skipif(os.name != "posix", reason="WAL is a SQLite-on-POSIX detail")
def test_sqlite_uses_wal(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "wal.db"))
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    store.close()


def test_ingest_is_idempotent_on_both_databases(store: Store, documents: list[Document]) -> None:
    from newsevents.corpus import ingest

    by_id = {d.article.id: d for d in documents}

    def extract(articles):  # type: ignore[no-untyped-def]
        for article in articles:
            yield article, by_id[article.id]

    articles = [d.article for d in documents]
    first = ingest(articles, store, extract=extract, pipeline_version="1", batch_size=2)
    second = ingest(articles, store, extract=extract, pipeline_version="1", batch_size=2)
    assert (first.stored, second.stored, second.duplicates) == (3, 0, 3)
    with store.session() as session:
        assert count_rows(session)["articles"] == 3
