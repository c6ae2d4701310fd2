"""Ingest into the store: idempotent, re-extraction on request, crash-safe under kill -9.

Most tests use a stand-in extractor (the store is under test, not the NLP); the
end-to-end tests run the real `newsevents ingest` in a subprocess on small corpora.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from newsevents.corpus import ingest
from newsevents.errors import ExtractionFailed, NewsEventsError
from newsevents.ingest.sources import expand_sources
from newsevents.records import Actor, Article, Document, Event, Mention, Sentence
from newsevents.store import count_rows, open_store, save_documents

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


def fake_extract(
    articles: Iterable[Article],
) -> Iterator[tuple[Article, Document | NewsEventsError]]:
    """One actor, one event, one sentence per article; 'CRASH' in the text fails it."""
    for a in articles:
        if "CRASH" in a.text:
            yield a, ExtractionFailed(a.id, problem="RuntimeError: boom")
            continue
        word = a.text.split()[0]
        mention = Mention(word, 0, len(word))
        actor = Actor(f"group:{word.lower()}", word, "group", mentions=[mention])
        yield (
            a,
            Document(
                article=a,
                actors=[actor],
                events=[Event("e0", "CONSULT", None, "040", "occurred", mention, [actor.id])],
                sentences=[Sentence(0, len(a.text))],
            ),
        )


def corpus(n: int, *, crash: int | None = None) -> list[Article | NewsEventsError]:
    return [
        Article(
            id=f"a{i}",
            text=f"Country{i} {'CRASH ' if i == crash else ''}leaders met on Monday number {i}.",
            url=f"https://news.example/{i}" if i % 2 else None,
        )
        for i in range(n)
    ]


def test_ingesting_twice_stores_nothing_twice(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "c.db"))
    first = ingest(corpus(10), store, extract=fake_extract, pipeline_version="1", batch_size=3)
    second = ingest(corpus(10), store, extract=fake_extract, pipeline_version="1", batch_size=3)
    assert (first.read, first.stored, first.duplicates, first.failed) == (10, 10, 0, 0)
    assert (second.read, second.stored, second.duplicates, second.failed) == (10, 0, 10, 0)
    with store.session() as session:
        rows = count_rows(session)
    assert rows["articles"] == 10 and rows["events"] == 10 and rows["ingest_log"] == 20
    store.close()


def test_duplicates_within_one_run_and_failures(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "c.db"))
    items: list[Article | NewsEventsError] = [
        *corpus(4, crash=2),
        corpus(4)[1],
        ExtractionFailed("bad-line", problem="x"),
    ]
    report = ingest(items, store, extract=fake_extract, pipeline_version="1")
    assert (report.read, report.stored, report.duplicates, report.failed) == (6, 3, 1, 2)
    assert report.summary() == ("read 6, stored 3, skipped 1 as duplicate, failed 2 (E090 x2)")
    store.close()


def test_reprocess_only_when_asked_and_only_older_versions(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "c.db"))
    ingest(corpus(4), store, extract=fake_extract, pipeline_version="1")
    newer = ingest(corpus(4), store, extract=fake_extract, pipeline_version="2")
    assert (newer.stored, newer.duplicates) == (0, 4)
    redone = ingest(corpus(4), store, extract=fake_extract, pipeline_version="2", reprocess=True)
    assert (redone.stored, redone.reprocessed, redone.duplicates) == (4, 4, 0)
    again = ingest(corpus(4), store, extract=fake_extract, pipeline_version="2", reprocess=True)
    assert (again.stored, again.duplicates) == (0, 4)
    with store.session() as session:
        rows = count_rows(session)
    assert rows["articles"] == 4 and rows["events"] == 4 and rows["actors"] == 4
    store.close()


def test_known_urls_are_skipped_before_fetching(tmp_path: Path, site) -> None:  # type: ignore[no-untyped-def]
    from newsevents.corpus import skip_known_urls

    page = site.add("/story", (DATA / "page.html").read_bytes())
    store = open_store(str(tmp_path / "c.db"))
    skip = skip_known_urls(store, reprocess=False, pipeline_version="1")
    first = ingest(expand_sources([page], skip_url=skip), store, extract=fake_extract,
                   pipeline_version="1")  # fmt: skip
    second = ingest(expand_sources([page], skip_url=skip), store, extract=fake_extract,
                    pipeline_version="1")  # fmt: skip
    assert (first.stored, second.stored, second.duplicates) == (1, 0, 1)
    assert site.hits == ["/story"]
    store.close()


# ------------------------------------------------------------------- the real command


def newsevents(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsevents.cli", *args],
        capture_output=True, text=True, timeout=300, **options,  # type: ignore[call-overload]
    )  # fmt: skip


@pytest.mark.slow
def test_ingest_command_end_to_end(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    first = newsevents("ingest", str(DATA), "--db", db, "--published", "2025-01-15")
    assert first.returncode == 1, first.stderr  # some items are bad on purpose
    lines = first.stderr.strip().splitlines()
    for code in ("[E030]", "[E111]", "[E112]", "[E114]"):
        assert sum(line.startswith(code) for line in lines) == 1, first.stderr
    summary = lines[-1]
    assert summary.startswith("read 11, stored 7, skipped 0 as duplicate, failed 4"), summary
    second = newsevents("ingest", str(DATA), "--db", db)
    assert "stored 0, skipped 7 as duplicate, failed 4" in second.stderr
    events = newsevents("query", "events", "--db", db, "--json")
    assert events.returncode == 0, events.stderr
    assert json.loads(events.stdout), "the corpus has events"
    exported = newsevents(
        "export", "--db", db, "--format", "gdelt", "--out", str(tmp_path / "e.tsv")
    )
    assert exported.returncode == 0, exported.stderr
    rows = (tmp_path / "e.tsv").read_text().splitlines()
    assert rows and all(len(r.split("\t")) == 61 for r in rows)


def write_corpus(path: Path, n: int) -> None:
    """n short invented articles, each different (its own URL and numbers)."""
    countries = ["Latvia", "Estonia", "Lithuania", "Poland", "Finland", "Sweden", "Norway"]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            a, b = countries[i % 7], countries[(i + 3) % 7]
            text = (
                f"{a} and {b} signed a trade agreement on Monday covering {i + 2} ports. "
                f"Officials from {a} said talks would resume in {i % 12 + 1} weeks."
            )
            article = {"id": f"story-{i}", "url": f"https://news.example/story-{i}",
                       "published": "2025-06-02", "text": text}  # fmt: skip
            f.write(json.dumps(article) + "\n")


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created or not migrated yet


@pytest.mark.slow
def test_kill_9_then_resume_loses_and_doubles_nothing(tmp_path: Path) -> None:
    n = 120
    source, db = tmp_path / "corpus.jsonl", tmp_path / "corpus.db"
    write_corpus(source, n)
    command = [sys.executable, "-m", "newsevents.cli", "ingest", str(source), "--db", str(db),
               "--batch-size", "4"]  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while stored_count(db) < 8 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    committed = stored_count(db)
    assert run.returncode == -signal.SIGKILL
    assert 8 <= committed < n, f"killed after {committed} of {n}: the test needs a mid-run kill"
    assert committed % 4 == 0  # whole batches only

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"read {n}, stored {n - committed}, skipped {committed} as duplicate, failed 0" in (
        resumed.stderr
    )
    with sqlite3.connect(db) as connection:
        keys = [r[0] for r in connection.execute("SELECT key FROM articles")]
        urls = {r[0] for r in connection.execute("SELECT url FROM articles")}
        empty = connection.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.article_key = a.key)"
        ).fetchone()[0]
        stored_logs = connection.execute(
            "SELECT count(*), count(DISTINCT article_key) FROM ingest_log WHERE status='stored'"
        ).fetchone()
    assert len(keys) == len(set(keys)) == n
    assert urls == {f"https://news.example/story-{i}" for i in range(n)}
    assert empty == 0  # every article has its records, none half-written
    assert tuple(stored_logs) == (n, n)


def test_an_article_stored_by_another_run_meanwhile_is_logged_replaced(tmp_path: Path) -> None:
    """Two runs ingest the same article at once: the second to save logs 'replaced'."""
    db = str(tmp_path / "corpus.db")
    store, other = open_store(db), open_store(db)
    articles = corpus(3)

    def extract_while_another_run_saves(
        batch: Iterable[Article],
    ) -> Iterator[tuple[Article, Document | NewsEventsError]]:
        done = list(fake_extract(batch))
        # The other run saw the same article as new too, and committed first.
        with other.session() as session:
            save_documents(session, [d for a, d in done[:1] if isinstance(d, Document)], "1")
            session.commit()
        yield from done

    report = ingest(articles, store, pipeline_version="1", extract=extract_while_another_run_saves)
    assert (report.stored, report.replaced, report.reprocessed) == (3, 1, 0)
    assert "replaced 1 stored meanwhile" in report.summary()
    with sqlite3.connect(db) as connection:
        statuses = sorted(r[0] for r in connection.execute("SELECT status FROM ingest_log"))
        assert statuses == ["replaced", "stored", "stored"]
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    store.close()
    other.close()
