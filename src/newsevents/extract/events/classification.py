"""The learned pass over the candidates: the model (``model.py``) keeps, retypes or drops each
rule candidate, and adds the words of its trigger vocabulary that no rule took when it is
confident they are an event. ``candidate_examples`` gives the same candidates to training.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsevents.extract.events.candidates import (
    ENTITY_NAMES,
    OBLIGATION,
    find_candidates,
)
from newsevents.extract.events.codes import default_cameo, verb_types
from newsevents.extract.events.context import Candidate, Context, make_context
from newsevents.extract.events.lexicon import Sense
from newsevents.extract.events.model import trigger_features
from newsevents.extract.events.parties import token_actor
from newsevents.extract.events.syntax import lemma_of, token_span
from newsevents.records import (
    Actor,
    Place,
)


def _model_sense(ctx: Context, token: Token, event_type: str, certainty: float) -> Sense:
    """The sense a model-typed trigger gets: its lexicon sense of that type, if any (for the
    CAMEO code and mode), else the type's default code."""
    table = ctx.lexicon.nouns if token.pos_ in ("NOUN", "PROPN") else ctx.lexicon.verbs
    for sense in table.get(lemma_of(token), ()):
        if sense.type == event_type:
            return replace(sense, certainty=certainty)
    return Sense(type=event_type, cameo=default_cameo()[event_type], mode=None, certainty=certainty)


def _open_trigger(token: Token, vocabulary: frozenset[str], event_heads: frozenset[str]) -> bool:
    """A word the lexicon does not make a trigger here but the model has seen as one, or a
    verb the field's dictionary codes."""
    if token.pos_ == "VERB":
        if lemma_of(token) not in vocabulary and lemma_of(token) not in verb_types():
            return False
        return token.dep_ != "amod"
    if lemma_of(token) not in vocabulary:
        return False
    if token.pos_ != "NOUN" or token.ent_type_ in ENTITY_NAMES:
        return False
    return not (token.dep_ == "compound" and lemma_of(token.head) not in event_heads)


def _open_tokens(ctx: Context, found: list[Candidate], vocabulary: frozenset[str]) -> list[Token]:
    """Words of the model's trigger vocabulary that no rule candidate covers."""
    taken = {c.token.i for c in found}
    for cand in found:
        span = ctx.doc.char_span(cand.start, cand.end, alignment_mode="expand")
        taken.update(t.i for t in span or ())
    return [
        t
        for t in ctx.doc
        if t.i not in taken and _open_trigger(t, vocabulary, ctx.lexicon.event_heads)
    ]


def _open_entry(token: Token) -> str:
    """What made an open word a candidate: the field's verb dictionary, else the words the
    model saw as triggers in training."""
    coded = verb_types().get(lemma_of(token)) if token.pos_ == "VERB" else None
    if coded is not None:
        return f"cameo_verbs.tsv {lemma_of(token)} -> {coded}"
    return f"model vocabulary {lemma_of(token)}"


def _open_label(ctx: Context, token: Token) -> str | None:
    """The rule's word on an open candidate: "none" when the lexicon knows the word but none
    of its senses held here, None when the lexicon does not know it."""
    known = lemma_of(token) in ctx.lexicon.verbs or lemma_of(token) in ctx.lexicon.nouns
    return "none" if known else None


def _actor_test(ctx: Context) -> Callable[[Token], bool]:
    return lambda t: token_actor(ctx, t, deep=False) is not None


def _features(ctx: Context, token: Token, rule: str | None) -> list[str]:
    return trigger_features(token, rule, _actor_test(ctx), verb_types())


def learned_types(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """The model's pass over the candidates: each rule candidate is kept, retyped or
    dropped; words of the model's trigger vocabulary that no rule took are added when the
    model is confident they are an event."""
    model = ctx.model
    if model is None:
        return found
    typed: list[Candidate] = []
    for cand in found:
        rule_type = cand.sense.type
        if cand.sense is OBLIGATION:  # "X said Y must Z": a construction, not a word sense
            typed.append(cand)
            continue
        event_type, p = model.decide(_features(ctx, cand.token, rule_type), rule_type)
        if event_type is None:
            continue
        cand.model, cand.score = "keep", p
        if event_type != rule_type:
            cand.rules.append(f"retyped from {rule_type} ({cand.sense.key})")
            cand.sense = _model_sense(ctx, cand.token, event_type, p)
            cand.model = "retype"
            if not cand.sense.key:
                cand.entry = f"event_types.tsv {event_type} -> {cand.sense.cameo}"
        typed.append(cand)
    for token in _open_tokens(ctx, found, model.vocabulary):
        event_type, p = model.decide(_features(ctx, token, _open_label(ctx, token)), None)
        if event_type is None:
            continue
        start, end = token_span(token)
        sense = _model_sense(ctx, token, event_type, p)
        added = Candidate(token, sense, token.pos_ == "NOUN", start, end)
        added.model, added.score, added.entry = "add", p, _open_entry(token)
        typed.append(added)
    typed.sort(key=lambda c: c.start)
    return typed


@dataclass(frozen=True)
class CandidateExample:
    """A trigger candidate as the model sees it: for training and error analysis."""

    start: int
    end: int
    head: int  # token index of the trigger's head word
    rule_type: str | None  # the lexicon's type; None for a word only the vocabulary names
    features: tuple[str, ...]


def candidate_examples(
    doc: Doc, *, actors: list[Actor], places: list[Place], vocabulary: frozenset[str]
) -> list[CandidateExample]:
    """Every candidate the model would judge in ``doc``: the lexicon's and the vocabulary's."""
    ctx = make_context(doc, actors, places, None)
    found = find_candidates(ctx)
    examples = [
        CandidateExample(
            c.start, c.end, c.token.i, c.sense.type, tuple(_features(ctx, c.token, c.sense.type))
        )
        for c in found
    ]
    for token in _open_tokens(ctx, found, vocabulary):
        start, end = token_span(token)
        feats = _features(ctx, token, _open_label(ctx, token))
        examples.append(CandidateExample(start, end, token.i, None, tuple(feats)))
    return examples
