"""Train the learned event pass (``extract/events/model.py``) and say honestly how good it is.

``make train`` runs ``newsevents train-events``:

1. read the annotated corpus (``train/corpus.py``) and parse every article once;
2. list every trigger candidate (the lexicon's, and words annotated as triggers elsewhere)
   and label it with the annotated event it heads, or ``NONE``;
3. 5-fold cross-validation by article over the ``train`` split: for each fold, fit on four
   parts, run the whole event coder on the fifth and score it with the contract's event
   measures (``eval.score_events``), for the rules alone and for rules + model, over a small
   grid of decision thresholds;
4. fit on the whole ``train`` split with the best thresholds, score once on the ``held``
   split (never used for fitting or choosing anything), and write ``kb/models/events.npz``.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
from rich.progress import Progress
from spacy.tokens import Doc

from newsevents import nlp
from newsevents.errors import TrainingUnavailable
from newsevents.eval import Score, score_events
from newsevents.extract.events import CandidateExample, candidate_examples
from newsevents.extract.events.model import MODEL_FILE, NONE, EventModel, save_model
from newsevents.pipeline import build_context, events_of
from newsevents.records import PLOVER_TYPES, Article, Document
from newsevents.train.corpus import AnnotatedArticle, GoldEvent, gold_file

LABELS = (NONE, *PLOVER_TYPES)
OPTIONAL_WEIGHT = 0.5  # an event the annotator marked optional teaches half as much
MIN_TRIGGER_COUNT = 2  # a lemma joins the open vocabulary after this many annotated triggers
# Decision thresholds: keep (drop a rule candidate above this P(NONE)), add (keep an open
# candidate above this P), retype (take the model's type above it). keep is fixed: with 0.65
# or 0.8 (the best 5-fold F1, 0.526) the model drops rule candidates that the contract's own
# gold codes (dev typed F1 0.83, under its floor); at 0.9 the 5-fold and held-out figures
# lose under 0.01. add and retype are chosen by cross-validation.
KEEP = 0.9
GRID = [*product((KEEP,), (0.5, 0.7), (0.6, 0.8))]  # (keep, add, retype)
C = 3.0  # inverse regularisation; of 0.3, 1 and 3, 3 gave the best 5-fold figure


@dataclass
class Prepared:
    """One annotated article, parsed, with every record the event coder reads."""

    article: AnnotatedArticle
    doc: Doc
    context: Document
    gold: dict[str, Any]


def prepare(articles: Sequence[AnnotatedArticle]) -> list[Prepared]:
    """Parse each article once and run the extractors that come before the events."""
    texts = (a.text for a in articles)
    prepared = []
    for annotated, doc in zip(articles, nlp.parse_many(texts), strict=True):
        article = Article(id=annotated.id, text=annotated.text, published=annotated.published)
        prepared.append(Prepared(annotated, doc, build_context(article, doc), gold_file(annotated)))
    return prepared


def _head(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def trigger_vocabulary(prepared: Iterable[Prepared]) -> frozenset[str]:
    """Lemmas annotated as trigger heads at least MIN_TRIGGER_COUNT times."""
    counts: Counter[str] = Counter()
    for item in prepared:
        for event in item.article.events:
            head = _head(item.doc, *event.trigger)
            if head is not None:
                counts[item.doc[head].lemma_.lower()] += 1
    return frozenset(lemma for lemma, n in counts.items() if n >= MIN_TRIGGER_COUNT)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def labelled_examples(
    item: Prepared, vocabulary: frozenset[str]
) -> list[tuple[CandidateExample, str, float]]:
    """The article's candidates with their labels and weights.

    Each annotated event labels one candidate among those overlapping its trigger: one the
    lexicon already gives its type, else the one highest in the parse. Other candidates
    inside an annotated trigger are left out (neither event nor non-event); the rest are
    ``NONE``.
    """
    candidates = candidate_examples(
        item.doc,
        actors=item.context.actors,
        places=item.context.places,
        vocabulary=vocabulary,
    )
    labels: dict[int, tuple[str, float]] = {}
    covered: set[int] = set()
    for event in item.article.events:
        inside = [i for i, c in enumerate(candidates) if _overlaps((c.start, c.end), event.trigger)]
        if not inside:
            continue
        covered.update(inside)
        chosen = _chosen(candidates, inside, event, item.doc)
        if chosen not in labels:
            labels[chosen] = (event.type, OPTIONAL_WEIGHT if event.optional else 1.0)
    examples = []
    for i, cand in enumerate(candidates):
        if i in labels:
            label, weight = labels[i]
            examples.append((cand, label, weight))
        elif i not in covered:
            examples.append((cand, NONE, 1.0))
    return examples


def _chosen(
    candidates: Sequence[CandidateExample], inside: list[int], event: GoldEvent, doc: Doc
) -> int:
    same = [i for i in inside if candidates[i].rule_type == event.type]
    if same:
        return same[0]

    def depth(i: int) -> int:
        token, steps = doc[candidates[i].head], 0
        while token.head.i != token.i and steps < 50:
            token, steps = token.head, steps + 1
        return steps

    return min(inside, key=depth)


def fit(
    examples: Sequence[tuple[CandidateExample, str, float]],
    vocabulary: frozenset[str],
    *,
    keep: float,
    add: float,
    retype: float,
    c: float = C,
) -> EventModel:
    """A multinomial logistic regression over the candidates' features."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:
        raise TrainingUnavailable("scikit-learn", problem="scikit-learn is not installed") from e
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(ex.features, 1) for ex, _, _ in examples])
    y = [LABELS.index(label) for _, label, _ in examples]
    weights = [w for _, _, w in examples]
    classifier = LogisticRegression(C=c, max_iter=2000)
    classifier.fit(x, y, sample_weight=weights)
    present = list(classifier.classes_)
    coef = np.zeros((x.shape[1], len(LABELS)), dtype=np.float32)
    bias = np.full(len(LABELS), -30.0, dtype=np.float32)  # a label never seen never wins
    for column, label in enumerate(present):
        if len(present) == 2:  # sklearn keeps one row for two classes
            sign = 1.0 if column == 1 else -1.0
            coef[:, label] = sign * classifier.coef_[0] / 2
            bias[label] = sign * classifier.intercept_[0] / 2
        else:
            coef[:, label] = classifier.coef_[column]
            bias[label] = classifier.intercept_[column]
    names = vectorizer.get_feature_names_out()
    used = np.abs(coef).max(axis=1) > 1e-3
    index = {str(name): i for i, name in enumerate(names[used])}
    return EventModel(
        labels=LABELS,
        index=index,
        weights=coef[used],
        bias=bias,
        vocabulary=vocabulary,
        keep=keep,
        add=add,
        retype=retype,
    )


def predict(item: Prepared, model: EventModel | None) -> Document:
    return replace(item.context, events=events_of(item.context, item.doc, model))


def score(items: Iterable[Prepared], model: EventModel | None) -> dict[str, Score]:
    """Events typed and full, summed over the articles (the contract's measures)."""
    total = {"events typed": Score(), "events full": Score()}
    for item in items:
        for name, part in score_events(predict(item, model), item.gold).items():
            if isinstance(part, Score):
                total[name].add(part)
    return total


def folds(items: Sequence[Prepared], k: int = 5, seed: int = 13) -> list[list[Prepared]]:
    """k parts by article, shuffled once with a fixed seed."""
    order = list(items)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


@dataclass
class Report:
    rules_cv: dict[str, Score]
    model_cv: dict[str, Score]
    thresholds: dict[str, float]
    rules_held: dict[str, Score]
    model_held: dict[str, Score]
    by_setting: dict[tuple[float, float, float], float]  # 5-fold typed F1 of each setting
    examples: int
    vocabulary: int


def _add(total: dict[str, Score], part: dict[str, Score]) -> None:
    for name, s in part.items():
        total.setdefault(name, Score()).add(s)


def train(
    articles: Sequence[AnnotatedArticle],
    *,
    out: Path = MODEL_FILE,
    k: int = 5,
    progress: Progress | None = None,
) -> Report:
    """Cross-validate, choose thresholds, fit on every training article, write the model."""
    task = progress.add_task("training: parse, 5 folds, fit", total=k + 2) if progress else None

    def step() -> None:
        if progress is not None and task is not None:
            progress.advance(task)

    prepared = prepare(articles)
    step()
    training = [p for p in prepared if p.article.split == "train"]
    held = [p for p in prepared if p.article.split == "held"]
    parts = folds(training, k)
    settings = GRID
    rules_cv: dict[str, Score] = {}
    by_setting: list[dict[str, Score]] = [{} for _ in settings]
    for i, test in enumerate(parts):
        fit_on = [p for j, part in enumerate(parts) if j != i for p in part]
        vocabulary = trigger_vocabulary(fit_on)
        examples = [ex for p in fit_on for ex in labelled_examples(p, vocabulary)]
        base = fit(examples, vocabulary, keep=1.0, add=1.0, retype=1.0)
        _add(rules_cv, score(test, None))
        for s, setting in enumerate(settings):
            keep, add, retype = setting
            _add(by_setting[s], score(test, replace(base, keep=keep, add=add, retype=retype)))
        step()
    best = max(range(len(settings)), key=lambda s: by_setting[s]["events typed"].f1)
    vocabulary = trigger_vocabulary(training)
    examples = [ex for p in training for ex in labelled_examples(p, vocabulary)]
    keep, add, retype = settings[best]
    model = fit(examples, vocabulary, keep=keep, add=add, retype=retype)
    save_model(model, out)
    step()
    return Report(
        rules_cv=rules_cv,
        model_cv=by_setting[best],
        thresholds={"keep": keep, "add": add, "retype": retype},
        rules_held=score(held, None),
        model_held=score(held, model),
        examples=len(examples),
        vocabulary=len(vocabulary),
        by_setting={settings[s]: by_setting[s]["events typed"].f1 for s in range(len(settings))},
    )
