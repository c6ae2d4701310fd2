"""End-to-end speed against spaCy's parse alone, on real articles; start-up; peak memory.

The figure that matters is the ratio: newsevents words/second over spaCy-parse words/second
on the same texts (1.0 would mean extraction costs nothing on top of parsing). Texts: the
news articles of ../shared/gold/polnear and ../shared/gold/gwn when present (read in place;
a temporary JSONL for the command line), else the bundled sample repeated.

Two ratios: warm (models, knowledge base and gazetteer loaded before the clock starts, best
of REPEATS runs in this process) and command line (`newsevents extract ARTICLES.jsonl --out
DIR` against a fresh process that imports spaCy, loads the model and parses the same texts:
start-up and writing included, as a user runs it).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsevents import nlp
from newsevents.cli import sample_article
from newsevents.pipeline import extract_documents
from newsevents.records import Article

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
GOLD = Path(os.environ.get("GOLD", Path(__file__).resolve().parents[2] / "shared" / "gold"))


def fixed_texts() -> tuple[str, list[Article]]:
    paths = sorted((GOLD / "polnear").glob("*.txt")) + sorted((GOLD / "gwn").glob("*.txt"))
    if paths:
        articles = [
            Article(id=p.stem, text=p.read_text(encoding="utf-8"), published="2025-10-17")
            for p in paths
        ]
        return f"{len(paths)} articles of {GOLD}/polnear and /gwn", articles
    sample = sample_article()
    return "the bundled sample x 40", [sample] * 40


def best_of(run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of a command run in a fresh process (CPU
    time is the figure to compare on a machine shared with other jobs)."""
    started = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(args)}")
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, cpu, usage.ru_maxrss / 1024


SPACY_ONLY = """
import json, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


KNOWLEDGE = """
import time
import spacy  # the parser's import is start-up's business, not the knowledge's
started = time.perf_counter()
from newsevents.kb.dictionaries import load_agents, load_orgs, load_people
from newsevents.kb.gazetteer import load_gazetteer
from newsevents.kb.lexicons import load_lexicons
from newsevents.resolve import lexicon
load_people(); load_orgs(); load_agents()
field = time.perf_counter() - started
lexicon(); load_lexicons(); load_gazetteer()
print(field, time.perf_counter() - started)
"""


def knowledge_load() -> tuple[float, float]:
    """Seconds a fresh process takes to load the field dictionaries (kb/field/), then those
    and the knowledge base, lexicons and gazetteer, from the disk caches (best of REPEATS;
    a first run builds the caches when they are stale)."""
    runs = [
        tuple(float(x) for x in subprocess.run([sys.executable, "-c", KNOWLEDGE],
              capture_output=True, text=True, check=True).stdout.split())
        for _ in range(REPEATS + 1)
    ]  # fmt: skip
    return min(r[0] for r in runs[1:]), min(r[1] for r in runs[1:])


def command_line(articles: list[Article], words: int) -> None:
    """The command as a user runs it, against spaCy in a fresh process, and start-up."""
    cli = str(Path(sys.executable).with_name("newsevents"))
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for a in articles:
                f.write(json.dumps({"id": a.id, "text": a.text, "published": a.published}) + "\n")
        small = Path(tmp) / "small.txt"
        small.write_text(sample_article().text[:1500], encoding="utf-8")
        start_up = min(timed([cli, "extract", str(small), "--json"])[:2] for _ in range(REPEATS))
        spacy_only = timed([sys.executable, "-c", SPACY_ONLY, str(source), nlp.MODEL_PACKAGE])
        one = timed([cli, "extract", str(source), "--out", f"{tmp}/one"])
        two = timed([cli, "extract", str(source), "--out", f"{tmp}/two", "--workers", "2"])
    field, knowledge = knowledge_load()
    print(f"dictionaries     {field:10.2f} s   (kb/field/ people, bodies, agents from the disk "
          "cache, fresh process; goal <= 1.0)")  # fmt: skip
    print(f"knowledge load   {knowledge:10.2f} s   (the above with the KB, lexicons and "
          "gazetteer)")  # fmt: skip
    print(f"start-up         {start_up[0]:10.2f} s   ({start_up[1]:.2f} s CPU; extract of 1,500 "
          "characters --json; goal <= 2.5)")  # fmt: skip
    for label, (wall, cpu, _) in (("spaCy, process", spacy_only), ("CLI extract", one)):
        print(f"{label:<16} {words / wall:10,.0f} words/s  ({wall:.2f} s, {cpu:.2f} s CPU)")
    print(f"CLI ratio        {spacy_only[0] / one[0]:10.3f}   (wall; "
          f"{spacy_only[1] / one[1]:.3f} in CPU time; goal >= 0.85)")  # fmt: skip
    print(f"CLI peak RSS     {one[2]:10,.0f} MB  (goal <= 600)")
    print(f"CLI --workers 2  {words / two[0]:10,.0f} words/s  ({two[0]:.2f} s; "
          f"ratio {spacy_only[0] / two[0]:.3f} against one spaCy process)")  # fmt: skip


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
    command_line(articles, words)
    if failures:
        print(f"failed           {len(failures)}: " + "; ".join(failures[:3]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
