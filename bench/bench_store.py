"""Documents stored per second (NLP excluded), into SQLite and into PostgreSQL.

Extracts the bundled sample article once, then builds N variants in memory (own URL and
id, actor ids drawn from a pool so the actor table grows as in a real corpus, shifted
offsets), and times `save_documents` in batches with a commit per batch, the way
`newsevents ingest` stores them. PostgreSQL is a throwaway local server started as the
tests start it (newsevents.store.pgtemp), with durable commits (fsync on).

    python bench/bench_store.py [--documents 10000] [--batch 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import tempfile
import time
from pathlib import Path

from newsevents.records import Document

GOAL = 200.0


def variants(base: list[Document], n: int, *, seed: int = 7) -> list[Document]:
    """n distinct documents built from the extracted ones."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        source = base[i % len(base)]
        data = source.to_dict()
        data["article"]["id"] = f"bench-{i}"
        data["article"]["url"] = f"https://bench.example/{i}"
        data["article"]["published"] = f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        document = Document.from_dict(data)
        # About a third of the actors become "new" actors drawn from a pool of 3,000.
        renamed = {}
        for actor in document.actors:
            if rng.random() < 0.33:
                renamed[actor.id] = f"{actor.id}-{rng.randrange(3000)}"
        for actor in document.actors:
            actor.id = renamed.get(actor.id, actor.id)
        for event in document.events:
            event.source = [renamed.get(a, a) for a in event.source]
            event.target = [renamed.get(a, a) for a in event.target]
        for quote in document.quotes:
            if quote.speaker:
                quote.speaker = renamed.get(quote.speaker, quote.speaker)
        document.actors = list({a.id: a for a in document.actors}.values())
        out.append(document)
    return out


def bench(url: str, documents: list[Document], batch: int) -> float:
    from newsevents.store import open_store, save_documents

    store = open_store(url)
    start = time.perf_counter()
    with store.session() as session:
        for i in range(0, len(documents), batch):
            save_documents(session, documents[i : i + batch], "bench")
            session.commit()
    elapsed = time.perf_counter() - start
    store.close()
    return len(documents) / elapsed


def sample_documents() -> list[Document]:
    from newsevents.cli import sample_article
    from newsevents.pipeline import extract_document

    article = sample_article()
    whole = extract_document(article)
    # A second, shorter document: the first half of the sample, re-extracted.
    half = article.text[: len(article.text) // 2]
    half = half[: half.rfind("\n") if "\n" in half else len(half)]
    short = extract_document(dataclasses.replace(article, text=half, id="half"))
    return [whole, short]


def describe(documents: list[Document]) -> str:
    per = lambda f: sum(f(d) for d in documents) / len(documents)  # noqa: E731
    return (
        f"{per(lambda d: len(d.actors)):.0f} actors, "
        f"{per(lambda d: sum(len(a.mentions) for a in d.actors)):.0f} mentions, "
        f"{per(lambda d: len(d.events)):.0f} events, "
        f"{per(lambda d: len(d.sentences)):.0f} sentences, "
        f"{per(lambda d: len(d.article.text)):.0f} characters per document"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()

    base = sample_documents()
    documents = variants(base, args.documents)
    print(f"{len(documents):,} documents: {describe(documents)}")

    results: dict[str, float | str] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = bench(str(Path(folder) / "bench.db"), documents, args.batch)
    try:
        from newsevents.store.pgtemp import PostgresUnavailable, temporary_server

        with temporary_server(durable=True) as url:
            results["PostgreSQL"] = bench(url, documents, args.batch)
    except PostgresUnavailable as e:
        results["PostgreSQL"] = f"skipped: {e}"
    for name, rate in results.items():
        if isinstance(rate, str):
            print(f"{name:<11} {rate}")
        else:
            verdict = "ok" if rate >= GOAL else f"below the goal of {GOAL:.0f}"
            print(f"{name:<11} {rate:8.0f} documents/second stored ({verdict})")


if __name__ == "__main__":
    main()
