"""End-to-end speed against spaCy's parse alone, on a fixed set of texts; peak memory.

The figure that matters is the ratio: newsevents words/second over spaCy-parse words/second
on the same texts (1.0 would mean extraction costs nothing on top of parsing). Texts: the
news articles of ../shared/gold/gwn and ../shared/gold/dev when present (read in place),
else the bundled sample repeated. Models, knowledge base and gazetteer are loaded before the
clock starts; each measurement is the best of REPEATS runs.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

from newsevents import nlp
from newsevents.cli import sample_article
from newsevents.pipeline import extract_documents
from newsevents.records import Article

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
GOLD = Path(os.environ.get("GOLD", Path(__file__).resolve().parents[2] / "shared" / "gold"))


def fixed_texts() -> tuple[str, list[Article]]:
    paths = sorted((GOLD / "gwn").glob("*.txt")) + sorted((GOLD / "dev").glob("*.txt"))
    if paths:
        articles = [
            Article(id=p.stem, text=p.read_text(encoding="utf-8"), published="2025-10-17")
            for p in paths
        ]
        return f"{len(paths)} articles of {GOLD}/gwn and /dev", articles
    sample = sample_article()
    return "the bundled sample x 40", [sample] * 40


def best_of(run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    label, articles = fixed_texts()
    words = sum(len(a.text.split()) for a in articles)
    texts = [a.text for a in articles]
    # Warm up: model, knowledge base, gazetteer and lexicons load outside the clock.
    for _ in extract_documents(articles[:3]):
        pass

    parse = best_of(lambda: list(nlp.parse_many(texts)))
    failures: list[str] = []

    def end_to_end() -> None:
        for article, document in extract_documents(articles):
            if isinstance(document, Exception):
                failures.append(f"{article.id}: {document}")

    full = best_of(end_to_end)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parse_wps, full_wps = words / parse, words / full
    per_day = len(articles) / full * 86400
    print(f"texts            {label}: {words:,} words")
    print(f"spaCy parse      {parse_wps:10,.0f} words/s  ({parse:.2f} s)")
    print(f"newsevents       {full_wps:10,.0f} words/s  ({full:.2f} s)")
    print(f"ratio            {full_wps / parse_wps:10.3f}   (goal >= 0.85)")
    print(f"articles/day     {per_day:10,.0f}   (one process, this machine)")
    print(f"peak RSS         {peak_mb:10,.0f} MB  (goal <= 600)")
    if failures:
        print(f"failed           {len(failures)}: " + "; ".join(failures[:3]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
