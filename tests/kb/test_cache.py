"""The knowledge base and the lexicon cached on disk are those built from the files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents import kb, resolve


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    kb._load_cached.cache_clear()
    resolve.lexicon.cache_clear()
    yield tmp_path
    kb._load_cached.cache_clear()
    resolve.lexicon.cache_clear()


def test_the_cached_lexicon_is_the_built_one_over_the_same_knowledge_base(cache: Path) -> None:
    built = resolve.lexicon()
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.pickle")) == ["kb", "lexicon"]
    kb._load_cached.cache_clear()
    resolve.lexicon.cache_clear()
    loaded = resolve.lexicon()
    assert loaded is not built
    assert loaded.kb is kb.load_kb()  # one knowledge base in the process, not two
    assert loaded.names == built.names and loaded.roles == built.roles
    assert loaded.kb.people.keys() == built.kb.people.keys()
    assert loaded.kb.countries == built.kb.countries


def test_an_unreadable_cache_is_built_again(cache: Path) -> None:
    first = kb.load_kb()
    for path in cache.glob("kb-*.pickle"):
        path.write_bytes(b"not a pickle")
    kb._load_cached.cache_clear()
    again = kb.load_kb()
    assert again is not first and again.countries == first.countries
    assert all(p.read_bytes() != b"not a pickle" for p in cache.glob("kb-*.pickle"))
