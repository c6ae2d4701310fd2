"""The learned speaker ranker: who speaks through a cue when the parse rules find no one.

The rules of ``quotes.py`` read the speaker off the cue's subject, agent or inverted name.
When the parse leaves the cue without one ('"...," added a state delegate.', 'Clinton,
exasperated, famously responded: "..."'), this model scores the nouns, names and pronouns
around the cue and takes the best one: a binary logistic regression over parse features
(signed distance to the cue, the candidate's relation to it, part of speech, entity type,
punctuation between them). It is trained by ``newsevents train-speakers`` (``make
train-speakers``) on four fifths of the polnear training set and shipped as
``kb/models/speakers.npz``; numpy only at run time, nothing downloaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from newsevents.errors import BadKnowledgeBase
from newsevents.kb.model_files import read_model_file, write_model_file

MODEL_FILE = Path(__file__).resolve().parent.parent / "kb" / "models" / "speakers.npz"
WINDOW = 12  # tokens either side of the cue where a speaker is looked for
_CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
_INNER_DEPS = frozenset({"compound", "flat", "amod", "det", "poss", "nmod", "nummod"})


def _bucket(distance: int) -> str:
    size = abs(distance)
    band = str(size) if size <= 3 else "4-6" if size <= 6 else "7+"
    return ("-" if distance < 0 else "+") + band


def candidates(cue: Token, quoted: Callable[[int], object]) -> list[Token]:
    """Heads of noun phrases near the cue, in its sentence and outside quotation marks."""
    sent = cue.sent
    first, last = max(sent.start, cue.i - WINDOW), min(sent.end, cue.i + WINDOW + 1)
    found = []
    for tok in cue.doc[first:last]:
        if tok.i == cue.i or tok.pos_ not in _CANDIDATE_POS:
            continue
        if tok.dep_ in _INNER_DEPS and tok.head.pos_ in _CANDIDATE_POS:
            continue  # a word inside a longer name: its head stands for it
        if quoted(tok.idx) is not None:
            continue
        found.append(tok)
    return found


def _after_quote(cue: Token, quoted: Callable[[int], object]) -> bool:
    """'"...," added X': the cue comes right after quoted words."""
    i = cue.i - 1
    while i >= cue.sent.start and (cue.doc[i].is_punct or cue.doc[i].is_quote):
        i -= 1
    return i >= cue.sent.start and i < cue.i - 1 and quoted(cue.doc[i].idx) is not None


def speaker_features(
    cand: Token, cue: Token, nearest: bool, after_quote: bool = False
) -> list[str]:
    """Indicator features of one candidate for one cue."""
    distance = cand.i - cue.i
    lo, hi = sorted((cand.i, cue.i))
    between = cue.doc[lo + 1 : hi]
    commas = sum(t.text == "," for t in between)
    marks = sum(t.is_quote for t in between)
    side = "L" if distance < 0 else "R"
    pron = cand.lower_ if cand.pos_ == "PRON" else "-"
    relation = (
        "child"
        if cand.head.i == cue.i
        else "parent"
        if cue.head.i == cand.i
        else "sibling"
        if cand.head.i == cue.head.i
        else "other"
    )
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
    lemma = cue.lemma_.lower()
    return [
        "bias",
        f"cue={lemma}",
        f"cue,dep={lemma},{cand.dep_}",
        f"cue,side={lemma},{side}",
        f"subj={subject}",
        f"subj,side,dep={subject},{side},{cand.dep_}",
        f"aq,side,near={after_quote},{side},{nearest}",
        f"aq,side,dep={after_quote},{side},{cand.dep_}",
        f"end={cand.i + 1 < len(cue.doc) and cue.doc[cand.i + 1].is_punct}",
        f"d={_bucket(distance)}",
        f"side,near={side},{nearest}",
        f"dep={cand.dep_}",
        f"dep,rel={cand.dep_},{relation}",
        f"rel={relation}",
        f"pos={cand.pos_}",
        f"tag={cand.tag_}",
        f"ent={cand.ent_type_ or '-'}",
        f"pron={pron}",
        f"side,pos={side},{cand.pos_}",
        f"side,dep={side},{cand.dep_}",
        f"commas={min(commas, 3)}",
        f"side,commas={side},{min(commas, 3)}",
        f"marks={min(marks, 2)}",
        f"cue_dep={cue.dep_}",
        f"cue_tag={cue.tag_}",
        f"cue_dep,side={cue.dep_},{side}",
        f"upper={cand.text[:1].isupper()}",
        f"sent_start={cand.is_sent_start}",
        f"verb_between={any(t.pos_ in ('VERB', 'AUX') for t in between)}",
    ]


def candidate_features(
    cue: Token, quoted: Callable[[int], object]
) -> list[tuple[Token, list[str]]]:
    """Every candidate with its features; the nearest one on each side is marked."""
    found = candidates(cue, quoted)
    left = [t for t in found if t.i < cue.i]
    right = [t for t in found if t.i > cue.i]
    nearest = {left[-1].i if left else -1, right[0].i if right else -1}
    after_quote = _after_quote(cue, quoted)
    return [(t, speaker_features(t, cue, t.i in nearest, after_quote)) for t in found]


@dataclass(frozen=True)
class SpeakerModel:
    index: dict[str, int]
    weights: np.ndarray  # one weight per feature
    bias: float
    threshold: float  # the least probability for a candidate to be taken

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(float(self.weights[self.index[f]]) for f in features if f in self.index)
        return 1.0 / (1.0 + float(np.exp(-z)))

    def choose(self, cue: Token, quoted: Callable[[int], object]) -> Token | None:
        """The most probable speaker of ``cue``, or None when none is probable enough."""
        best, best_p = None, self.threshold
        for tok, features in candidate_features(cue, quoted):
            p = self.probability(features)
            if p >= best_p:
                best, best_p = tok, p
        return best


def save_model(
    path: Path, features: list[str], weights: np.ndarray, bias: float, threshold: float
) -> None:
    meta = {"features": features, "threshold": threshold}
    write_model_file(
        path, meta, weights=weights.astype(np.float32), bias=np.array([bias], dtype=np.float32)
    )


def load_model(path: Path = MODEL_FILE) -> SpeakerModel | None:
    """The shipped model, or None when there is none (the rules then decide alone)."""
    read = read_model_file(path, "speaker", ("weights", "bias"))
    if read is None:
        return None
    meta, arrays = read
    weights = arrays["weights"].astype(np.float32)
    if arrays["bias"].shape != (1,):
        raise BadKnowledgeBase(str(path), problem="the bias is not one number")
    bias = float(arrays["bias"][0])
    if weights.shape != (len(meta["features"]),):
        raise BadKnowledgeBase(str(path), problem="weights and features do not agree")
    index = {f: i for i, f in enumerate(meta["features"])}
    return SpeakerModel(index=index, weights=weights, bias=bias, threshold=float(meta["threshold"]))


@lru_cache(maxsize=1)
def shipped_model() -> SpeakerModel | None:
    return load_model()
