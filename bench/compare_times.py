"""Compare time resolution: newsevents' own rules against dateparser, on a gold folder.

    .venv/bin/python bench/compare_times.py [GOLD_DIR] [--limit N]

GOLD_DIR holds NAME.txt + NAME.json pairs (shared/spec/gold-format.md). Three systems are
scored on times (found = spans overlap a gold time; resolved = also the same start and
end; optional gold items neither earn nor cost; micro-averaged over files):

- ``rules``: ``newsevents.extract.times.extract_times`` (spans and values).
- ``dateparser``: ``dateparser.search.search_dates`` finds the spans and resolves them
  with RELATIVE_BASE = published; the period dateparser reports (day/week/month/year)
  widens the date to that unit.
- ``rules+dateparser``: our spans, each resolved by ``DateDataParser.get_date_data``:
  isolates the resolution step from span finding.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import dateparser
from dateparser.date import DateDataParser
from dateparser.search import search_dates
from spacy.tokens import Doc

from newsevents import nlp
from newsevents.extract.times import extract_times

Prediction = tuple[int, int, tuple[str, str] | None]  # start, end, (value start, end)
System = Callable[[Doc, dt.date | None], list[Prediction]]

DEFAULT_GOLD = Path("/work/shared/gold/timebank")


def _settings(published: dt.date) -> dict[str, object]:
    return {
        "RELATIVE_BASE": dt.datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "past",  # news mostly reports what happened
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    }


def _widen(date: dt.date, period: str | None) -> tuple[str, str]:
    """The interval of the unit dateparser says the date stands for."""
    if period == "week":
        monday = date - dt.timedelta(days=date.weekday())
        start, end = monday, monday + dt.timedelta(days=6)
    elif period == "month":
        start = date.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    elif period == "year":
        start, end = dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    else:
        start = end = date
    return start.isoformat(), end.isoformat()


_PARSERS: dict[dt.date, DateDataParser] = {}


def _dateparser_value(text: str, published: dt.date | None) -> tuple[str, str] | None:
    if published is None:
        return None
    parser = _PARSERS.get(published)
    if parser is None:
        parser = _PARSERS[published] = DateDataParser(
            languages=["en"], settings=_settings(published)
        )
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    return _widen(data.date_obj.date(), data.period)


def rules(doc: Doc, published: dt.date | None) -> list[Prediction]:
    return [
        (t.start, t.end, (t.value.start, t.value.end) if t.value else None)
        for t in extract_times(doc, published=published)
    ]


def dateparser_search(doc: Doc, published: dt.date | None) -> list[Prediction]:
    base = published or dt.date(2000, 1, 1)
    found = search_dates(doc.text, languages=["en"], settings=_settings(base)) or []
    predictions: list[Prediction] = []
    cursor = 0
    for phrase, _date in found:
        start = doc.text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        predictions.append((start, cursor, _dateparser_value(phrase, published)))
    return predictions


def rules_then_dateparser(doc: Doc, published: dt.date | None) -> list[Prediction]:
    return [
        (t.start, t.end, _dateparser_value(t.text, published))
        for t in extract_times(doc, published=published)
    ]


def score(
    system: System, docs: Iterable[tuple[Doc, dict[str, object]]]
) -> dict[str, tuple[float, float, float]]:
    counts: Counter[str] = Counter()
    for doc, gold in docs:
        article = gold["article"]
        assert isinstance(article, dict)
        published = dt.date.fromisoformat(article["published"]) if article["published"] else None
        gold_times = gold["times"]
        assert isinstance(gold_times, list)
        used: set[int] = set()
        for start, end, value in system(doc, published):
            hit = next(
                (
                    i
                    for i, t in enumerate(gold_times)
                    if i not in used and start < t["span"][1] and t["span"][0] < end
                ),
                None,
            )
            if hit is None:
                counts["fp"] += 1
                counts["resolved_fp"] += 1
                continue
            used.add(hit)
            if gold_times[hit].get("optional"):
                continue  # earns nothing, costs nothing
            counts["tp"] += 1
            if value == (gold_times[hit]["start"], gold_times[hit]["end"]):
                counts["resolved_tp"] += 1
            else:
                counts["resolved_fp"] += 1
        counts["gold"] += sum(1 for t in gold_times if not t.get("optional"))
    return {
        "found": _prf(counts["tp"], counts["fp"], counts["gold"]),
        "resolved": _prf(counts["resolved_tp"], counts["resolved_fp"], counts["gold"]),
    }


def _prf(tp: int, fp: int, gold: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=None, help="score the first N files")
    args = parser.parse_args(argv)
    files = sorted(args.gold.glob("*.json"))[: args.limit]
    if not files:
        print(f"no gold files in {args.gold}", file=sys.stderr)
        return 1
    golds = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    texts = [f.with_suffix(".txt").read_text(encoding="utf-8") for f in files]
    docs = list(zip(nlp.parse_many(texts), golds, strict=True))
    print(f"{len(files)} files from {args.gold} (dateparser {dateparser.__version__})")
    print(f"{'system':<18} {'found P/R/F1':<22} {'resolved P/R/F1':<22} seconds")
    systems: dict[str, System] = {
        "rules": rules,
        "dateparser": dateparser_search,
        "rules+dateparser": rules_then_dateparser,
    }
    for name, system in systems.items():
        started = time.perf_counter()
        result = score(system, docs)
        seconds = time.perf_counter() - started
        found = "/".join(f"{x:.3f}" for x in result["found"])
        resolved = "/".join(f"{x:.3f}" for x in result["resolved"])
        print(f"{name:<18} {found:<22} {resolved:<22} {seconds:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
