"""`newsevents batch` on one worker and on two: articles/s, speed-up, memory, same rows.

Texts: the real news articles of ../shared/gold/polnear and ../shared/gold/gwn, read in
place into a temporary JSONL (never copied into the repository). Each run is a fresh
process, so Ray's start-up and every worker's model load are inside the wall time; the
"steady" rate counts from the first part begun to the last one written, on the workers'
clocks, without them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newsevents.batch import OUTPUT_TABLES

GOLD = Path(os.environ.get("GOLD", Path(__file__).resolve().parents[2] / "shared" / "gold"))
CORPORA = ("polnear", "gwn")
CHUNK_SIZE = 8


def write_corpus(path: Path) -> int:
    """The gold folders' articles as one JSONL (the first $BENCH_ARTICLES); how many."""
    texts = [t for corpus in CORPORA for t in sorted((GOLD / corpus).glob("*.txt"))]
    limit = int(os.environ.get("BENCH_ARTICLES", len(texts)))
    with path.open("w", encoding="utf-8") as f:
        for text in texts[:limit]:
            article = {"id": f"{text.parent.name}/{text.stem}", "text": text.read_text("utf-8")}
            f.write(json.dumps(article) + "\n")
    return len(texts[:limit])


def child(source: str, out: str, workers: int) -> None:
    """One batch run (in a fresh process): its report as JSON on stdout."""
    from newsevents.batch import run_batch

    spans: list[tuple[float, float]] = []

    def on_part(result: Any) -> None:
        spans.append((result.started, result.finished))

    report = run_batch(
        Path(source), Path(out), workers=workers, chunk_size=CHUNK_SIZE, on_part=on_part
    )
    # From the first part begun to the last one written, on the workers' clocks.
    steady = report.items / (max(e for _, e in spans) - min(s for s, _ in spans))
    print(
        json.dumps(
            {
                "items": report.items,
                "failed": report.failed,
                "steady": steady,
                "peak_rss_mb": sorted(report.peak_rss_mb.values()),
            }
        )
    )


def run(source: Path, out: Path, workers: int) -> dict[str, Any]:
    started = time.perf_counter()
    args = [sys.executable, __file__, "--child", str(source), str(out), str(workers)]
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


def rows(folder: Path) -> dict[str, list[str]]:
    """Every table's rows, as sorted JSON lines."""
    return {
        table: sorted(
            json.dumps(r, sort_keys=True, default=str)
            for r in pq.read_table(folder / table).to_pylist()
        )
        for table in OUTPUT_TABLES
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-scale-") as tmp:
        source = Path(tmp) / "articles.jsonl"
        count = write_corpus(source)
        if not count:
            print(f"no articles under {GOLD}/{{{','.join(CORPORA)}}}", file=sys.stderr)
            return 1
        one = run(source, Path(tmp) / "one", 1)
        two = run(source, Path(tmp) / "two", 2)
        same = rows(Path(tmp) / "one") == rows(Path(tmp) / "two")
    print(f"texts            {count} articles of {GOLD}/{{{','.join(CORPORA)}}}")
    for label, r in (("1 worker", one), ("2 workers", two)):
        print(
            f"{label:<16} {r['items'] / r['wall']:6.2f} articles/s ({r['wall']:.1f} s wall, "
            f"start-up included); {r['steady']:6.2f} articles/s steady; peak RSS per worker "
            + ", ".join(f"{mb:.0f}" for mb in r["peak_rss_mb"])
            + " MB (goal <= 600)"
        )
    print(f"speed-up         {one['wall'] / two['wall']:6.2f}x wall, "
          f"{two['steady'] / one['steady']:.2f}x steady   (goal >= 1.6)")  # fmt: skip
    per_day = two["items"] / two["wall"] * 86400
    print(f"articles/day     {per_day:10,.0f}   (2 workers, this machine)")
    print(f"same rows        {'yes' if same else 'NO'} (every table, 1 worker vs 2)")
    return 0 if same and not one["failed"] and not two["failed"] else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())
