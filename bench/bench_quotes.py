"""Quotes side by side: textacy's ``direct_quotations`` and newsevents on the same texts.

Usage: ``python bench/bench_quotes.py GOLD_DIR [GOLD_DIR ...]``, one table a folder
(``make bench-quotes`` runs it on ../shared/gold/polnear and ../shared/gold/dev). Every text
is parsed once with the newsevents spaCy model; both extractors then run on the same parsed
docs, so the timings compare extraction alone.
Scoring is ``newsevents.eval.score_quotes`` (gold-format.md: half-token overlap both ways,
speaker right by ``speaker_span`` overlap or actor name). textacy is a benchmark peer only
(the ``bench`` extra), never a dependency of the package.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from newsevents import nlp
from newsevents.eval import Measures, Score, add_measures, load_gold_file, score_quotes
from newsevents.extract.actors import extract_actors
from newsevents.extract.quotes import extract_quotes
from newsevents.records import Actor, Document, Mention, Quote

BAILED: list[int] = []  # articles textacy refused (unbalanced marks)
Extractor = Callable[[Doc, str | None], tuple[list[Actor], list[Quote]]]


def textacy_quotes(doc: Doc, published: str | None) -> tuple[list[Actor], list[Quote]]:
    from textacy.extract.triples import direct_quotations

    quotes: list[Quote] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy bails out on an unbalanced quotation mark
        BAILED.append(1)
        return [], quotes
    for n, triple in enumerate(triples, start=1):
        content = triple.content
        speaker = None
        if triple.speaker:
            first, last = triple.speaker[0], triple.speaker[-1]
            speaker = Mention.of(doc.text, first.idx, last.idx + len(last.text))
        quotes.append(
            Quote(
                id=f"q{n}",
                text=content.text,
                start=content.start_char,
                end=content.end_char,
                kind="direct",
                speaker_mention=speaker,
                cue=" ".join(t.text for t in triple.cue) or None,
            )
        )
    return [], quotes


def newsevents_quotes(doc: Doc, published: str | None) -> tuple[list[Actor], list[Quote]]:
    actors = extract_actors(doc, published=date.fromisoformat(published) if published else None)
    return actors, extract_quotes(doc, actors=actors)


def newsevents_quotes_only(doc: Doc, published: str | None) -> tuple[list[Actor], list[Quote]]:
    return [], extract_quotes(doc, actors=[])


def run(
    extractor: Extractor, docs: list[Doc], golds: list[dict], articles: list
) -> tuple[Measures, float]:
    total: Measures = {}
    elapsed = 0.0
    for doc, gold, article in zip(docs, golds, articles, strict=True):
        start = time.perf_counter()
        actors, quotes = extractor(doc, article.published)
        elapsed += time.perf_counter() - start
        document = Document(article=article, actors=actors, quotes=quotes)
        add_measures(total, score_quotes(document, gold))
    return total, elapsed


def main(folders: list[str]) -> None:
    golds, articles = [], []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.json")):
            gold, article = load_gold_file(path)
            golds.append(gold)
            articles.append(article)
    if not articles:
        sys.exit(f"no gold files in {' '.join(folders)}")
    nlp.load()
    start = time.perf_counter()
    docs = list(nlp.parse_many(a.text for a in articles))
    parse_time = time.perf_counter() - start
    words = sum(len(d) for d in docs)
    print(f"{len(docs)} articles, {words} tokens; spaCy parse {parse_time:.2f}s (shared)")
    print(f"{'system':<34}{'span P/R/F1':>22}{'attributed P/R/F1':>24}{'seconds':>9}{'tok/s':>10}")
    systems: list[tuple[str, Extractor]] = [
        ("textacy 0.13 direct_quotations", textacy_quotes),
        ("newsevents quotes (no actors)", newsevents_quotes_only),
        ("newsevents actors + quotes", newsevents_quotes),
    ]
    for name, extractor in systems:
        extractor(docs[0], articles[0].published)  # warm up lexicons and the KB
        BAILED.clear()
        measures, elapsed = run(extractor, docs, golds, articles)
        span, attributed = measures["quotes span"], measures["quotes attributed"]
        assert isinstance(span, Score) and isinstance(attributed, Score)
        print(
            f"{name:<34}"
            f"{span.precision:>8.3f}{span.recall:>7.3f}{span.f1:>7.3f}"
            f"{attributed.precision:>10.3f}{attributed.recall:>7.3f}{attributed.f1:>7.3f}"
            f"{elapsed:>9.2f}{words / max(elapsed, 1e-9):>10.0f}"
        )
        if extractor is textacy_quotes:
            print(
                f"  (textacy bailed out on {len(BAILED)} of {len(docs)} articles: unbalanced marks)"
            )


if __name__ == "__main__":
    gold = Path(__file__).resolve().parents[2] / "shared/gold"
    for folder in sys.argv[1:] or [str(gold / "polnear"), str(gold / "dev")]:
        print(f"\n{folder}")  # one table a gold set: each is scored on its own
        main([folder])
