"""Train the speaker ranker (``extract/speaker_model.py``) on the polnear training set.

``make train-speakers`` runs ``newsevents train-speakers``:

1. list the polnear training articles (``NAME.txt`` + ``NAME.json``, read in place) sorted by
   name; the fifth with index % 5 == 4 is held out and never read here;
2. parse the other four fifths; for every annotated quote with a cue and a speaker span,
   list the candidates around the cue (``speaker_model.candidates``), each labelled by
   whether it lies in the speaker span;
3. 5-fold cross-validation by article: fit a logistic regression on four parts, rank the
   fifth's candidates, and choose the least probability at which the top candidate is taken
   (the smallest one whose taken speakers are right at least ``PRECISION`` of the time);
4. fit on all four fifths and write ``kb/models/speakers.npz``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from newsevents import nlp
from newsevents.extract.quotes import LEX, find_quoted
from newsevents.extract.speaker_model import candidate_features, save_model
from newsevents.train.polnear import annotated_docs, tuning_files

PRECISION = 0.8  # the least share of right speakers among those the model takes
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass
class Example:
    """The candidates of one annotated cue: their features and which is the speaker."""

    article: int
    features: list[list[str]]
    labels: list[bool]


def _quoted(text: str) -> Callable[[int], object]:
    spans = find_quoted(text)
    starts = [s.start for s in spans]

    def inside(char: int) -> object:
        i = bisect_right(starts, char) - 1
        return spans[i] if i >= 0 and spans[i].start <= char < spans[i].end else None

    return inside


def _cue_token(doc: Doc, start: int, end: int) -> Token | None:
    tokens = [t for t in doc if start <= t.idx < end]
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    known = [t for t in verbs if t.lemma_.lower() in LEX.all_verbs]
    chosen = known or verbs
    return chosen[0] if chosen else None


def examples_of(n: int, doc: Doc, quotes: Iterable[dict[str, Any]]) -> list[Example]:
    text = nlp.text_of(doc)
    quoted = _quoted(text)
    found = []
    for q in quotes:
        cue_span, speaker_span = q.get("cue_span"), q.get("speaker_span")
        if not cue_span or not speaker_span:
            continue
        cue = _cue_token(doc, *cue_span)
        if cue is None:
            continue
        cands = candidate_features(cue, quoted)
        labels = [speaker_span[0] <= t.idx < speaker_span[1] for t, _ in cands]
        if any(labels):
            found.append(Example(n, [f for _, f in cands], labels))
    return found


def collect(files: Sequence[Path], *, step: Callable[[], None] | None = None) -> list[Example]:
    return [e for n, doc, qs in annotated_docs(files, step=step) for e in examples_of(n, doc, qs)]


def _fit(train: Sequence[Example]) -> tuple[list[str], np.ndarray, float]:
    from sklearn.feature_extraction import DictVectorizer  # the train extra only
    from sklearn.linear_model import LogisticRegression

    rows = [{f: 1.0 for f in feats} for e in train for feats in e.features]
    y = [label for e in train for label in e.labels]
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(x, y)
    return list(vec.get_feature_names_out()), model.coef_[0], float(model.intercept_[0])


def _top(
    example: Example, index: dict[str, int], weights: np.ndarray, bias: float
) -> tuple[float, bool]:
    scored = []
    for feats, label in zip(example.features, example.labels, strict=True):
        z = bias + sum(float(weights[index[f]]) for f in feats if f in index)
        scored.append((1.0 / (1.0 + float(np.exp(-z))), label))
    return max(scored)


@dataclass
class Report:
    cues: int
    top1: float  # cross-validated share of cues whose best candidate is the speaker
    threshold: float
    taken: float  # share of cues where the best candidate passes the threshold
    precision: float  # share of right speakers among those taken


def cross_validate(items: Sequence[Example], k: int = 5) -> list[tuple[float, bool]]:
    tops = []
    for fold in range(k):
        train = [e for e in items if e.article % k != fold]
        test = [e for e in items if e.article % k == fold]
        features, weights, bias = _fit(train)
        index = {f: i for i, f in enumerate(features)}
        tops += [_top(e, index, weights, bias) for e in test]
    return tops


def choose_threshold(tops: Sequence[tuple[float, bool]]) -> tuple[float, float, float]:
    """The smallest threshold whose taken speakers reach ``PRECISION``: (t, taken, precision)."""
    best = (THRESHOLDS[-1], 0.0, 0.0)
    for t in sorted(THRESHOLDS, reverse=True):
        taken = [right for p, right in tops if p >= t]
        if not taken:
            continue
        precision = sum(taken) / len(taken)
        if precision >= PRECISION:
            best = (t, len(taken) / len(tops), precision)
    return best


def train(folder: Path, *, out: Path, step: Callable[[], None] | None = None) -> Report:
    files = tuning_files(folder)
    items = collect(files, step=step)
    tops = cross_validate(items)
    threshold, taken, precision = choose_threshold(tops)
    features, weights, bias = _fit(items)
    save_model(out, features, weights, bias, threshold)
    top1 = sum(right for _, right in tops) / len(tops) if tops else 0.0
    return Report(len(items), top1, threshold, taken, precision)
