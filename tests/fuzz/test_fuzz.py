"""Invariants under random input: no crash (a coded error at most), every offset valid,
ids unique, nothing lost or doubled in the store."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzz_strategies import WORDS, any_text, jsonl_line, newsish_text, text_inputs
from fuzz_support import FUZZ, count, run_for_a_while
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.corpus import ingest
from newsevents.errors import ExtractionFailed, NewsEventsError, TooLong
from newsevents.ingest.csv_source import read_csv
from newsevents.ingest.text import check_text, read_jsonl, read_text
from newsevents.pipeline import extract_document
from newsevents.records import Article, Document, article_id
from newsevents.store import count_rows, open_store
from newsevents.store.save import stored_versions

_dates = st.none() | st.dates().map(lambda d: d.isoformat())


def check_document(document: Document) -> None:
    """Every span is text[start:end]; every index points at a record; ids are unique."""
    text = document.article.text

    def span(what: str, value: str, start: int, end: int) -> None:
        assert 0 <= start <= end <= len(text), f"{what} {start}:{end} outside the text"
        assert text[start:end] == value, f"{what} {value!r} != text[{start}:{end}]"

    for actor in document.actors:
        for m in actor.mentions:
            span("actor mention", m.text, m.start, m.end)
    for place in document.places:
        for m in place.mentions:
            span("place mention", m.text, m.start, m.end)
    for t in document.times:
        span("time", t.text, t.start, t.end)
    for q in document.quotes:
        span("quote", q.text, q.start, q.end)
        if q.speaker_mention is not None:
            m = q.speaker_mention
            span("speaker mention", m.text, m.start, m.end)
    actor_ids = {a.id for a in document.actors}
    for e in document.events:
        span("event trigger", e.trigger.text, e.trigger.start, e.trigger.end)
        assert e.place is None or 0 <= e.place < len(document.places)
        assert 0 <= e.sentence < len(document.sentences) or not document.sentences
        assert set(e.source) | set(e.target) <= actor_ids
    for s in document.sentences:
        assert 0 <= s.start <= s.end <= len(text)
    for name, ids in (
        ("actor", [a.id for a in document.actors]),
        ("quote", [q.id for q in document.quotes]),
        ("event", [e.id for e in document.events]),
    ):
        assert len(ids) == len(set(ids)), f"{name} ids repeat: {ids}"
    assert Document.from_json(document.to_json()) == document


def test_reading_any_bytes_gives_an_article_or_a_coded_error() -> None:
    @FUZZ
    @given(st.binary(max_size=2000) | text_inputs.map(lambda t: t.encode("utf-8")))
    def prop(raw: bytes) -> None:
        count("read_text")
        try:
            article = read_text("-", stdin=raw, published=None)
        except NewsEventsError:
            return
        assert article.text.strip() and "\r" not in article.text

    run_for_a_while("read_text", prop)


def test_every_jsonl_line_gives_one_article_or_one_error_naming_it() -> None:
    @FUZZ
    @given(st.lists(jsonl_line(), max_size=12))
    def prop(lines: list[str]) -> None:
        count("read_jsonl")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "a.jsonl"
            path.write_text("\n".join(lines), encoding="utf-8")
            items = list(read_jsonl(path, published="2025-01-01"))
        # Blank as the reader sees it (ASCII white space): a no-break space is a bad line.
        numbered = [n for n, line in enumerate(lines, start=1) if line.encode().strip()]
        assert len(items) == len(numbered)
        for number, item in zip(numbered, items, strict=True):
            if isinstance(item, NewsEventsError):
                assert str(item).startswith(f"[{item.code}] {path}:{number}")
            else:
                assert isinstance(item, Article)
                for value in (item.id, item.text, item.language):
                    assert isinstance(value, str)
                for value in (item.url, item.title, item.source, item.published):
                    assert value is None or isinstance(value, str)
                assert item.published is not None and len(item.published) == 10

    run_for_a_while("read_jsonl", prop)


def test_every_csv_row_gives_one_article_or_one_error() -> None:
    @FUZZ
    @given(st.lists(st.lists(any_text, min_size=1, max_size=4), min_size=1, max_size=8))
    def prop(rows: list[list[str]]) -> None:
        count("read_csv")
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["id", "text", "published"])
        writer.writerows(rows)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "a.csv"
            path.write_text(out.getvalue(), encoding="utf-8")
            items = list(read_csv(path))
        assert all(isinstance(i, Article | NewsEventsError) for i in items)

    run_for_a_while("read_csv", prop)


def test_extraction_keeps_every_offset_valid_on_any_text() -> None:
    @FUZZ
    @given(text_inputs, _dates)
    def prop(text: str, published: str | None) -> None:
        count("extract")
        with contextlib.suppress(NewsEventsError):  # a coded error is a fine outcome ...
            check_text(text, subject="fuzz")
        if not text.strip():
            return
        # ... but the extractors must survive the text anyway: the CLI is not the only way in.
        document = extract_document(Article(id="fuzz", text=text, published=published))
        check_document(document)

    run_for_a_while("extract", prop)


def test_a_five_megabyte_text_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(("The minister said talks would resume. " * 140_000)[:5_000_000])
    with pytest.raises(TooLong):
        read_text(path)
    lines = tmp_path / "a.jsonl"
    lines.write_text(
        json.dumps({"id": "huge", "text": path.read_text()})
        + "\n"
        + json.dumps({"id": "small", "text": "The minister said talks would resume on Monday."}),
        encoding="utf-8",
    )
    items = list(read_jsonl(lines))
    assert isinstance(items[0], TooLong) and isinstance(items[1], Article)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A database on a throwaway PostgreSQL server (skipped where none can start, not in CI)."""
    import os

    from newsevents.store.pgtemp import PostgresUnavailable, create_database, temporary_server

    server = temporary_server()
    try:
        url = server.__enter__()
    except PostgresUnavailable as e:
        if os.environ.get("CI"):
            pytest.fail(f"no PostgreSQL server could be started in CI: {e}")
        pytest.skip(f"no PostgreSQL server could be started: {e}")
    try:
        yield create_database(url, "fuzz")
    finally:
        server.__exit__(None, None, None)


_article = st.builds(
    lambda words, ident, url, published: Article(
        id=ident, text=" ".join(words) + ".", url=url, published=published
    ),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
    st.text(max_size=12),
    st.none() | st.sampled_from(["https://news.example/a", "https://news.example/b"]),
    _dates,
)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ingest_loses_and_doubles_nothing(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = str(tmp_path / "fuzz.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    store = open_store(url)

    @FUZZ
    @given(st.lists(_article | newsish_text.map(lambda t: Article(id="x", text=t)), max_size=6))
    def prop(articles: list[Article]) -> None:
        count(f"ingest[{backend}]")
        keys = [article_id(a.text, a.url) for a in articles]
        with store.session() as session:
            before = count_rows(session)
            known = stored_versions(session, keys)
        report = ingest(articles, store, batch_size=4)
        assert report.read == len(articles)
        assert report.stored + report.duplicates + report.failed == report.read
        assert not any(isinstance(f, ExtractionFailed) for f in report.failures)
        with store.session() as session:
            after = count_rows(session)
            now = stored_versions(session, keys)
        new = {k for k in keys if k not in known}
        assert after["articles"] - before["articles"] == report.stored == len(new & set(now))
        again = ingest(articles, store, batch_size=4)
        assert again.stored == 0 and again.failed == report.failed
        assert again.duplicates == len(articles) - report.failed
        with store.session() as session:
            repeated = count_rows(session)
        assert {k: v for k, v in repeated.items() if k != "ingest_log"} == {
            k: v for k, v in after.items() if k != "ingest_log"
        }

    try:
        run_for_a_while(f"ingest[{backend}]", prop)
    finally:
        store.close()


def test_extract_out_writes_one_file_per_good_line(tmp_path: Path) -> None:
    runner = CliRunner()

    @FUZZ
    @given(st.lists(jsonl_line(), min_size=1, max_size=6))
    def prop(lines: list[str]) -> None:
        count("extract --out")
        with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
            source = Path(folder) / "in.jsonl"
            source.write_text("\n".join(lines), encoding="utf-8")
            out = Path(folder) / "out"
            result = runner.invoke(app, ["extract", str(source), "--out", str(out)])
            assert result.exception is None or isinstance(result.exception, SystemExit)
            assert result.exit_code in (0, 1)
            good = [i for i in read_jsonl(source) if isinstance(i, Article)]
            ids = {a.id for a in good}
            written = sorted(out.iterdir()) if out.exists() else []
            assert len(written) == len(ids)
            assert all(p.parent == out and not p.name.startswith(".") for p in written)
            for path in written:
                check_document(Document.from_json(path.read_text(encoding="utf-8")))

    run_for_a_while("extract --out", prop)
