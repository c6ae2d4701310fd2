"""Trigger candidates: one pass over the parsed tokens finds verbs by lemma and nouns by
lemma or text in the lexicon, and keeps the first sense whose word-sense conditions hold
on the parse ("strike" + a deal object is AGREE, "fire" + a person object is no event,
"fire at" is ASSAULT); "X said Y must Z" is a REQUEST.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

from newsevents.extract.events.context import Candidate, Context
from newsevents.extract.events.lexicon import Sense
from newsevents.extract.events.parties import subject_actors, token_actor
from newsevents.extract.events.syntax import (
    TARGET_PREPS,
    agent_phrase,
    aux_words,
    child_with,
    direct_object,
    is_passive,
    lemma_of,
    nominal_governor,
    outer_noun,
    prep_phrase_objects,
    prep_words,
    token_span,
)

# Adverbs the parser may attach as advmod that are the particle of a phrasal verb ("pulled
# its troops back").
_PARTICLE_ADVERBS = frozenset({"back", "out", "off", "away", "down", "up"})


# Heads whose "of" object is what a class test looks at ("part of a stronghold").


ENTITY_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW", "WORK_OF_ART", "EVENT"})

_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _in_classes(ctx: Context, token: Token, words: frozenset[str]) -> bool:
    if (
        lemma_of(token) in ctx.lexicon.event_heads
    ):  # "halted mediation efforts", "cut the aid package"
        for child in token.children:
            if child.dep_ == "compound" and _match_words(ctx, child, words):
                return True
    if lemma_of(token) in ctx.lexicon.group_heads | ctx.lexicon.container_nouns or token.pos_ in (
        "NUM",
        "ADJ",
    ):
        for child in token.children:  # "part of a stronghold", "most of the towns"
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = child_with(child, "pobj")
                if obj is not None and _match_words(ctx, obj, words):
                    return True
    return _match_words(ctx, token, words)


def _match_words(ctx: Context, token: Token, words: frozenset[str]) -> bool:
    lemma, lower = lemma_of(token), token.lower_
    for word in words:
        if not word.startswith("+"):
            if word in (lemma, lower):
                return True
            if " " in word and _compound_match(token, word):
                return True
            continue
        name = word[1:]
        if name == "actor":
            if token.ent_type_ in _ACTOR_ENTS or token_actor(ctx, token, deep=False):
                return True
        elif name == "person":
            actor = token_actor(ctx, token, deep=False)
            if token.ent_type_ == "PERSON" or (actor and ctx.actor_types.get(actor) == "person"):
                return True
            if lemma in ctx.lexicon.classes.get("person_noun", frozenset()):
                return True
            if token.pos_ == "PRON" and lower in ("him", "her", "them"):
                return True
        elif name == "place":
            if token.ent_type_ in _PLACE_ENTS:
                return True
        else:
            members = ctx.lexicon.classes.get(name, frozenset())
            if lemma in members or lower in members:
                return True
            if any(_compound_match(token, m) for m in _two_word(members)):
                return True
    return False


@lru_cache(maxsize=256)  # word classes of the loaded lexicons
def _two_word(members: frozenset[str]) -> tuple[str, ...]:
    """The entries of a word class with a space ("tear gas"), found once per class."""
    return tuple(m for m in members if " " in m)


def _compound_match(token: Token, phrase: str) -> bool:
    """A two-word lexicon entry ("tear gas", "water cannon") on its head noun: the last word
    is the token, the first a compound or adjective modifier of it."""
    first, _, last = phrase.rpartition(" ")
    if last not in (lemma_of(token), token.lower_):
        return False
    return any(
        c.dep_ in ("compound", "amod", "nmod") and first in (c.lower_, lemma_of(c))
        for c in token.children
    )


def _choose(ctx: Context, token: Token, senses: Sequence[Sense], nominal: bool) -> Sense | None:
    """The first sense whose conditions hold on this token, or None."""
    obj = None if nominal else direct_object(token)
    preps = prep_words(token)
    particles = {
        c.lower_
        for c in token.children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLE_ADVERBS)
    }
    modifiers = {
        lemma_of(c) for c in token.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")
    } | {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if token.i > 0 and token.doc[token.i - 1].lower_ == "-" and token.i > 1:
        modifiers.add(token.doc[token.i - 2].lower_)  # "cease-fire", "air-strike"
    for sense in senses:
        if sense.objects and (obj is None or not _in_classes(ctx, obj, sense.objects)):
            continue
        if sense.no_object and obj is not None:
            continue
        if sense.preps and not (sense.preps & preps):
            continue
        if sense.prep_objects and not any(
            _in_classes(ctx, obj, sense.prep_objects)
            for obj in prep_phrase_objects(token, sense.preps or TARGET_PREPS)
        ):
            continue
        if sense.particles and not (sense.particles & particles):
            continue
        if sense.modifiers and not (sense.modifiers & modifiers):
            continue
        if sense.not_modifiers and sense.not_modifiers & modifiers:
            continue
        if sense.governed_by:
            outer = outer_noun(token, ctx.lexicon.container_nouns)
            if not (outer.dep_ == "pobj" and outer.head.lower_ in sense.governed_by):
                continue
        if sense.of_noun and not (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and lemma_of(token.head.head) in sense.of_noun
        ):
            continue
        if sense.complement and not any(
            c.dep_ == "xcomp" and _match_words(ctx, c, sense.complement) for c in token.children
        ):
            continue
        if sense.clause and not any(c.dep_ == "ccomp" for c in token.children):
            continue
        if sense.subject:
            doer = None if nominal else agent_phrase(token)
            if doer is None or not _in_classes(ctx, doer, sense.subject):
                continue
        if sense.governor:
            verb = nominal_governor(token) if nominal else None
            if verb is None or lemma_of(verb) not in sense.governor:
                continue
        if sense.voice is not None and (sense.voice == "passive") != is_passive(token):
            continue
        return sense
    return None


OBLIGATION = Sense(type="REQUEST", cameo="020", mode=None, certainty=0.6)


def _obligation(ctx: Context, token: Token) -> bool:
    """A speech verb reporting that another party must act: "X said Y must Z"."""
    if lemma_of(token) not in ctx.modality.speech_verbs:
        return False
    for child in token.children:
        if child.dep_ == "ccomp" and aux_words(child) & ctx.modality.obligation_aux:
            subject = child_with(child, "nsubj", "nsubjpass")
            if subject is None:
                return False
            if subject.pos_ != "PRON":
                return True
            # "saying he must resign": a pronoun for someone other than the speaker.
            other = token_actor(ctx, subject, deep=False)
            return other is not None and other not in subject_actors(ctx, token)
    return False


def find_candidates(ctx: Context) -> list[Candidate]:
    """Every token that is a trigger in one of its senses, in text order."""
    found = []
    lexicon = ctx.lexicon
    skip_to = -1
    for token in ctx.doc:
        if token.i < skip_to:
            continue
        joined = None if token.whitespace_ else _hyphenated_noun(ctx, token)
        if joined is not None:  # "sit-in", "cease-fire", "walk-out"
            head, joined_senses, last = joined
            skip_to = last + 1
            if head.ent_type_ in ENTITY_NAMES or (
                head.dep_ == "compound" and lemma_of(head.head) not in ctx.lexicon.event_heads
            ):
                continue
            sense = _choose(ctx, head, joined_senses, True)
            if sense is not None and sense.type is not None:
                start, end = token.idx, ctx.doc[last].idx + len(ctx.doc[last].text)
                if head.dep_ == "compound":
                    head = head.head
                    end = max(end, head.idx + len(head.text))
                found.append(Candidate(head, sense, True, start, end))
            continue
        pos = token.pos_
        if pos == "VERB" and _obligation(ctx, token):
            start, end = token_span(token)
            obligation = Candidate(token, OBLIGATION, False, start, end)
            obligation.rules.append("obligation: X said Y must Z")
            found.append(obligation)
            continue
        if pos == "VERB":
            if token.dep_ == "amod":
                continue  # "armed groups", "a proposed deal"
            senses = lexicon.verbs.get(lemma_of(token))
            nominal = False
        elif pos in ("NOUN", "PROPN"):
            if token.dep_ == "compound" and lemma_of(token.head) not in ctx.lexicon.event_heads:
                continue  # "summit plans", "protest movement"
            if token.ent_type_ in ENTITY_NAMES:
                continue  # "Asia-Pacific Economic Cooperation", "Ceasefire Committee"
            after = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if after is not None and after.text == "-" and not after.whitespace_:
                continue  # the first half of a hyphenated word: "deal-making", "war-torn"
            senses = lexicon.nouns.get(lemma_of(token)) or lexicon.nouns.get(token.lower_)
            nominal = True
        else:
            continue
        if not senses:
            continue
        sense = _choose(ctx, token, senses, nominal)
        if sense is None or sense.type is None:
            continue
        start, end = token_span(token)
        if nominal and token.dep_ == "compound":
            token = token.head  # the arguments hang from "effort" in "mediation effort"
            end = token.idx + len(token.text)
        if nominal and sense.modifiers:
            for child in token.children:
                if child.dep_ in ("compound", "amod") and child.i < token.i:
                    start = min(start, child.idx)
        if not nominal:
            for child in token.children:
                if child.dep_ == "prt" and child.i == token.i + 1:
                    end = child.idx + len(child.text)
        found.append(Candidate(token, sense, nominal, start, end))
    return found


def _hyphenated_noun(ctx: Context, token: Token) -> tuple[Token, tuple[Sense, ...], int] | None:
    """A noun trigger the tokenizer split at its hyphen ("sit-in", "walk-out"): its head
    token, senses and last token index."""
    doc = ctx.doc
    if token.i + 2 >= len(doc) or token.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ"):
        return None
    dash, last = doc[token.i + 1], doc[token.i + 2]
    if dash.text != "-" or dash.whitespace_:
        return None
    nouns = ctx.lexicon.nouns
    first = token.lower_
    senses = nouns.get(f"{first}-{last.lower_}") or nouns.get(f"{first}-{lemma_of(last)}")
    if senses is None:
        return None
    inside = range(token.i, last.i + 1)
    head = token if token.head.i not in inside and last.head.i in inside else last
    return head, senses, last.i
