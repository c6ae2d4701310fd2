"""Learn the quote-cue table (``extract/cue_model.py``) from the polnear training set.

``make train-quote-cues`` runs ``newsevents train-quote-cues``:

1. list the polnear training articles (``NAME.txt`` + ``NAME.json``, read in place) sorted by
   name; the fifth with index % 5 == 4 is held out and never read here;
2. parse the other four fifths; every verb with a subject and a clausal or infinitive
   complement (``cue_model.construction``) outside quotation marks is a candidate, labelled
   a cue when an annotated quote has its cue there (a quote marked optional leaves it
   unlabelled), and a cue with that content when the quote's content overlaps the complement;
3. count, per lemma and construction, how often a candidate is a cue;
4. choose the least count and least share by 5-fold cross-validation over articles: the
   pair whose lemma set, counted on four parts, finds the most cues beyond the lexicon in
   the fifth part, less the candidates it takes wrongly; likewise the lexicon cues to drop
   in a construction (seen often, rarely a cue: "believed that ..."), by the wrong
   candidates dropped less the cues dropped;
5. write both lists, with their counts, to ``kb/models/quote_cues.json``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsevents import nlp
from newsevents.extract.cue_model import complement, construction, key, save_table
from newsevents.extract.quotes import LEX, find_quoted
from newsevents.train.polnear import HELD_OUT, annotated_docs, tuning_files

MIN_COUNTS = (2, 3, 4, 6, 10)
MIN_SHARES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MIN_SEEN = (5, 10, 20)
MAX_SHARES = (0.0, 0.05, 0.1, 0.2)
FOLDS = 5

__all__ = ["HELD_OUT", "Candidate", "candidates_of", "choose", "train", "tuning_files"]


@dataclass(frozen=True)
class Candidate:
    """One verb that could be a cue: its article, lemma/construction key and label."""

    article: int
    key: str
    cue: bool | None  # the verb is an annotated cue (None: of optional quotes only)
    content: bool = False  # ... and the annotated content overlaps its complement


def candidates_of(n: int, doc: Doc, quotes: Iterable[dict[str, Any]]) -> list[Candidate]:
    text = nlp.text_of(doc)
    marks = [(s.start, s.end) for s in find_quoted(text)]
    annotated = [q for q in quotes if q.get("cue_span") and q.get("start") is not None]
    found = []
    for tok in doc:
        kind = construction(tok)
        if kind is None or any(a <= tok.idx < b for a, b in marks):
            continue
        comp = complement(tok, kind)
        if comp is None:
            continue
        first = max(comp.left_edge.i, tok.i + 1)
        start = doc[first].idx
        end = comp.right_edge.idx + len(comp.right_edge.text)
        cue: bool | None = False
        content = False
        for q in annotated:
            a, b = q["cue_span"]
            if not a <= tok.idx < b:
                continue
            if q.get("optional"):
                cue = None if cue is False else cue
                continue
            cue = True
            content = content or (q["start"] < end and start < q["end"])
        found.append(Candidate(n, key(tok.lemma_.lower(), kind), cue, content))
    return found


def collect(files: Sequence[Path], *, step: Callable[[], None] | None = None) -> list[Candidate]:
    return [c for n, doc, qs in annotated_docs(files, step=step) for c in candidates_of(n, doc, qs)]


def counts(items: Iterable[Candidate], *, content: bool = True) -> dict[str, tuple[int, int]]:
    """key -> (labelled candidates, cues among them); with ``content`` a cue counts only when
    its annotated content overlaps the verb's complement (what a learned cue reports)."""
    seen: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    for c in items:
        if c.cue is None:
            continue
        seen[c.key] += 1
        cues[c.key] += c.content if content else c.cue
    return {k: (seen[k], cues[k]) for k in seen}


def _new(k: str) -> bool:
    """A lemma the lexicon does not know already."""
    return k.split("/", 1)[0] not in LEX.all_verbs


def selected(table: dict[str, tuple[int, int]], min_count: int, min_share: float) -> set[str]:
    return {
        k
        for k, (n, cues) in table.items()
        if _new(k) and cues >= min_count and cues / n >= min_share
    }


def dropped(table: dict[str, tuple[int, int]], min_seen: int, max_share: float) -> set[str]:
    return {
        k
        for k, (n, cues) in table.items()
        if not _new(k) and n >= min_seen and cues / n <= max_share
    }


def choose_dropped(items: Sequence[Candidate]) -> tuple[int, float, int]:
    """(min_seen, max_share, gain) of lexicon cues to drop, by cross-validated gain: the
    candidates dropped wrongly taken less the cues dropped."""
    best = (MIN_SEEN[-1], MAX_SHARES[0], 0)
    for min_seen in MIN_SEEN:
        for max_share in MAX_SHARES:
            gain = 0
            for fold in range(FOLDS):
                table = counts((c for c in items if c.article % FOLDS != fold), content=False)
                chosen = dropped(table, min_seen, max_share)
                for c in items:
                    if c.article % FOLDS == fold and c.key in chosen and c.cue is not None:
                        gain += -1 if c.cue else 1
            if gain > best[2]:
                best = (min_seen, max_share, gain)
    return best


@dataclass
class Report:
    candidates: int
    min_count: int
    min_share: float
    gain: int  # cross-validated cues found less candidates taken wrongly
    found: int
    wrong: int
    cues: list[str]
    not_cues: list[str]


def choose(items: Sequence[Candidate]) -> tuple[int, float, int, int, int]:
    """(min_count, min_share, gain, found, wrong) with the best cross-validated gain."""
    best = (MIN_COUNTS[-1], MIN_SHARES[-1], 0, 0, 0)
    for min_count in MIN_COUNTS:
        for min_share in MIN_SHARES:
            found = wrong = 0
            for fold in range(FOLDS):
                table = counts(c for c in items if c.article % FOLDS != fold)
                chosen = selected(table, min_count, min_share)
                for c in items:
                    if c.article % FOLDS == fold and c.key in chosen and c.cue is not None:
                        found += c.content
                        wrong += not c.content
            if found - wrong > best[2]:
                best = (min_count, min_share, found - wrong, found, wrong)
    return best


def train(folder: Path, *, out: Path, step: Callable[[], None] | None = None) -> Report:
    files = tuning_files(folder)
    items = collect(files, step=step)
    return write(items, out=out, source=folder.name, articles=len(files))


def write(items: Sequence[Candidate], *, out: Path, source: str, articles: int) -> Report:
    min_count, min_share, gain, found, wrong = choose(items)
    table = counts(items)
    chosen = sorted(selected(table, min_count, min_share))
    min_seen, max_share, _ = choose_dropped(items)
    cue_table = counts(items, content=False)
    not_chosen = sorted(dropped(cue_table, min_seen, max_share))
    save_table(
        out,
        {
            "about": "Verb lemmas outside kb/speech.yaml that PolNeAR annotators mark as quote "
            "cues in a construction (ccomp: clause after the verb; xcomp: infinitive). "
            "Regenerate with `make train-quote-cues`.",
            "source": f"{source}: {articles} articles (sorted names, index % 5 != {HELD_OUT}; "
            "the held-out fifth is never read)",
            "min_count": min_count,
            "min_share": min_share,
            "cross_validated": {"found": found, "wrong": wrong},
            "cues": {k: {"seen": table[k][0], "cue": table[k][1]} for k in chosen},
            "not_cues_min_seen": min_seen,
            "not_cues_max_share": max_share,
            "not_cues": {k: {"seen": cue_table[k][0], "cue": cue_table[k][1]} for k in not_chosen},
        },
    )
    return Report(len(items), min_count, min_share, gain, found, wrong, chosen, not_chosen)
