"""The learned pass of the event coder: a linear model that types each trigger candidate.

The rules (the other passes of ``extract/events/``) find candidates and read their
arguments and modality; this model decides, for each candidate, which PLOVER type it is or
that it is no event (``NONE``). It looks at the trigger in its parse: its lemma, the rule's
sense, its object, prepositions, particles, subject, governor and modifiers, and the words
around it. It is a multinomial logistic regression trained by ``newsevents train-events``
(``make train``) on the annotated corpus under ``data/train/events/`` and shipped as
``kb/models/events.npz``; nothing is downloaded at run time.

The model also names the open vocabulary: lemmas seen as triggers in training that the
lexicon has no sense for become candidates too, so words no rule lists can still be coded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from newsevents.errors import BadKnowledgeBase
from newsevents.kb import KB_DIR
from newsevents.kb.model_files import read_model_file, write_model_file

MODEL_FILE = KB_DIR / "models" / "events.npz"
NONE = "NONE"
_WINDOW = 4  # words either side of the trigger that count as context


def trigger_features(
    token: Token,
    rule_type: str | None,
    is_actor: Callable[[Token], bool],
    verb_types: dict[str, str],
) -> list[str]:
    """The features of one trigger candidate: strings, each an indicator. ``verb_types`` is
    the field's verb dictionary (lemma -> PLOVER type, ``kb/cameo_verbs.tsv``)."""
    lemma = token.lemma_.lower()
    nominal = token.pos_ in ("NOUN", "PROPN")
    rule = rule_type or "-"
    dictionary = verb_types.get(lemma, "-") if not nominal else "-"
    feats = [
        f"cv={dictionary}",
        f"cv,r={dictionary},{rule}",
        f"cv,dep={dictionary},{token.dep_}",
        "bias",
        f"l={lemma}",
        f"r={rule}",
        f"l,r={lemma},{rule}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"l,n={lemma},{nominal}",
        f"r,dep={rule},{token.dep_}",
    ]
    head = token.head
    if head.i != token.i:
        feats.append(f"h={head.lemma_.lower()}")
        feats.append(f"h,dep={head.lemma_.lower()},{token.dep_}")
        feats.append(f"l,h={lemma},{head.lemma_.lower()}")
    has_subject = False
    for child in token.children:
        dep, clemma = child.dep_, child.lemma_.lower()
        if dep in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            feats.append(f"l,obj={lemma},{clemma}")
            feats.append(f"obj={clemma}")
            feats.append(f"obj_ent={child.ent_type_ or '-'}")
            feats.append(f"r,obj_actor={rule},{is_actor(child)}")
            feats.append(f"cv,obj_actor={dictionary},{is_actor(child)}")
            feats.append(f"l,obj_actor={lemma},{is_actor(child)}")
        elif dep in ("nsubj", "agent", "csubj"):
            has_subject = True
            feats.append(f"subj={clemma}")
            feats.append(f"subj_ent={child.ent_type_ or '-'}")
            feats.append(f"l,subj_actor={lemma},{is_actor(child)}")
            feats.append(f"cv,subj_actor={dictionary},{is_actor(child)}")
        elif dep in ("prep", "prt"):
            feats.append(f"l,p={lemma},{child.lower_}")
            for obj in child.children:
                if obj.dep_ == "pobj":
                    feats.append(f"l,p,o={lemma},{child.lower_},{obj.lemma_.lower()}")
                    feats.append(f"p,o_actor={child.lower_},{is_actor(obj)}")
        elif dep in ("compound", "amod", "nmod", "poss"):
            feats.append(f"l,mod={lemma},{clemma}")
            feats.append(f"mod={clemma}")
            if dep == "poss" or is_actor(child):
                feats.append(f"mod_actor={dep}")
        elif dep == "neg":
            feats.append("neg")
        elif dep in ("xcomp", "ccomp"):
            feats.append(f"l,{dep}={lemma},{clemma}")
        elif dep == "aux":
            feats.append(f"aux={clemma}")
    feats.append(f"has_subj={has_subject}")
    doc = token.doc
    sent = token.sent
    lo, hi = max(sent.start, token.i - _WINDOW), min(sent.end, token.i + _WINDOW + 1)
    for other in doc[lo:hi]:
        if other.i != token.i and other.is_alpha:
            side = "<" if other.i < token.i else ">"
            feats.append(f"w{side}{other.lemma_.lower()}")
    return feats


@dataclass(frozen=True)
class EventModel:
    """A linear model over trigger features; ``labels[0]`` is ``NONE``."""

    labels: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    vocabulary: frozenset[str]  # trigger lemmas seen in training
    keep: float  # a rule candidate is dropped when P(NONE) exceeds this
    add: float  # an open candidate is kept when its best type's P exceeds this
    retype: float  # a rule candidate takes another type when that type's P exceeds this

    def probabilities(self, features: Sequence[str]) -> np.ndarray:
        rows = [self.index[f] for f in features if f in self.index]
        scores = self.bias + self.weights[rows].sum(axis=0) if rows else self.bias.copy()
        scores = scores - scores.max()
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum())

    def decide(self, features: Sequence[str], rule_type: str | None) -> tuple[str | None, float]:
        """The type this candidate gets (None: no event) and the model's probability of it."""
        probs = self.probabilities(features)
        best = int(probs.argmax())
        label = self.labels[best]
        if rule_type is None:  # an open candidate: only a confident type makes it an event
            if label == NONE or probs[best] < self.add:
                return None, float(probs[best])
            return label, float(probs[best])
        if probs[0] > self.keep:
            return None, float(probs[0])
        rule_p = float(probs[self.labels.index(rule_type)]) if rule_type in self.labels else 0.0
        if label not in (NONE, rule_type) and probs[best] > self.retype:
            return label, float(probs[best])
        return rule_type, rule_p


def save_model(model: EventModel, path: Path) -> None:
    """Write a model as one compressed numpy file (float16 weights, JSON metadata)."""
    features = sorted(model.index, key=model.index.__getitem__)
    meta = {
        "labels": list(model.labels),
        "features": features,
        "vocabulary": sorted(model.vocabulary),
        "keep": model.keep,
        "add": model.add,
        "retype": model.retype,
    }
    write_model_file(
        path,
        meta,
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
    )


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> EventModel | None:
    """The shipped model, or None when there is none (the rules then decide alone)."""
    read = read_model_file(path, "event", ("weights", "bias"))
    if read is None:
        return None
    meta, arrays = read
    weights, bias = arrays["weights"].astype(np.float32), arrays["bias"].astype(np.float32)
    labels = tuple(meta["labels"])
    if weights.shape != (len(meta["features"]), len(labels)) or labels[0] != NONE:
        raise BadKnowledgeBase(str(path), problem="weights and labels do not agree")
    return EventModel(
        labels=labels,
        index={f: i for i, f in enumerate(meta["features"])},
        weights=weights,
        bias=bias,
        vocabulary=frozenset(meta["vocabulary"]),
        keep=float(meta["keep"]),
        add=float(meta["add"]),
        retype=float(meta["retype"]),
    )
