"""Shared fixtures: the parsed sample is built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.cli import sample_article
from newsevents.pipeline import extract_document
from newsevents.records import Article, Document


@pytest.fixture(scope="session")
def sample() -> Article:
    return sample_article()


@pytest.fixture(scope="session")
def sample_document(sample: Article) -> Document:
    return extract_document(sample)


# ---------------------------------------------------------------- a served sample corpus

WEB_ARTICLES = Path(__file__).resolve().parent / "data" / "web" / "articles.jsonl"


@pytest.fixture(scope="session")
def served_corpus(tmp_path_factory: pytest.TempPathFactory, sample: Article) -> str:
    """A SQLite corpus of invented articles (one hostile) and the bundled sample, ingested
    through the real pipeline; its path."""
    from newsevents.corpus import ingest
    from newsevents.ingest.text import read_jsonl
    from newsevents.store import open_store

    path = str(tmp_path_factory.mktemp("served") / "corpus.db")
    store = open_store(path)
    try:
        report = ingest([*read_jsonl(WEB_ARTICLES), sample], store)
    finally:
        store.close()
    assert report.failed == 0, report
    return path


@pytest.fixture(scope="session")
def live_server(served_corpus: str) -> Iterator[str]:
    """`newsevents serve` on the sample corpus: uvicorn on 127.0.0.1, a free port; its URL."""
    from newsevents.api.serving import running_server

    with running_server(served_corpus) as url:
        yield url
