"""Shared fixtures: the parsed sample is built once per test session."""

from __future__ import annotations

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
