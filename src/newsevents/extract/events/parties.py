"""Noun phrases to actor ids: the head word, its modifiers, its coordinated conjuncts, the
"of" complement of a group head, and the doer of a verb (subject, passive agent, or the
subject it inherits through xcomp, conj, advcl and relative clauses). Spans become ids
through ``actor_index`` only, so every id is one of the document's actors.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.extract.events.context import Context
from newsevents.extract.events.syntax import (
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    child_with,
    is_passive,
    lemma_of,
    token_span,
)

# Prepositions inside an argument phrase that name a party ("an offer from X", "action
# against X", "ties with X").
_MODIFIER_PREPS = frozenset(
    {"of", "from", "by", "against", "on", "to", "with", "toward", "towards"}
)


def _actor_at(ctx: Context, start: int, end: int) -> str | None:
    return ctx.actors.owner_at(start, end)


def token_actor(ctx: Context, token: Token, *, deep: bool = True) -> str | None:
    """The actor a noun-phrase head refers to: the head word, else its pre-modifiers
    ("Israeli army bulldozers"), else its "of" complement for group heads."""
    if token.pos_ in ("ADP", "PUNCT", "CCONJ", "SCONJ") or token.lower_ in RELATIVE_PRONOUNS:
        return None
    start, end = token_span(token)
    found = _actor_at(ctx, start, end)
    if found or not deep:
        return found
    left = token.left_edge
    if left.i < token.i:
        found = _actor_at(ctx, left.idx, end)
        if found:
            return found
    for child in token.children:
        if child.dep_ == "appos":
            found = token_actor(ctx, child, deep=False)
            if found:
                return found
    if lemma_of(token) in ctx.lexicon.group_heads:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return token_actor(ctx, obj)
    return None


def np_actors(ctx: Context, token: Token | None) -> list[str]:
    """Actors of a noun phrase and its coordinated conjuncts ("he and Putin")."""
    if token is None:
        return []
    found: list[str] = []
    for t in (token, *token.conjuncts):
        actor = token_actor(ctx, t)
        if actor and actor not in found:
            found.append(actor)
    return found


def _modifier_actors(ctx: Context, token: Token) -> list[str]:
    """Actors named inside a non-actor noun phrase: its possessor, actor adjectives and
    compounds, and its "of/from/by" complements ("Saddam Hussein's proposal", "an Indian
    proposal", "an offer from Afghanistan")."""
    found: list[str] = []
    for child in token.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod"):
            actor = token_actor(ctx, child)
            if actor and actor not in found:
                found.append(actor)
        elif child.dep_ == "prep" and child.lower_ in _MODIFIER_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    for actor in np_actors(ctx, obj):
                        if actor not in found:
                            found.append(actor)
    return found


def phrase_actors(ctx: Context, token: Token | None) -> list[str]:
    """Actors of an argument: the phrase itself, else the actors named inside it."""
    if token is None:
        return []
    return np_actors(ctx, token) or _modifier_actors(ctx, token)


def other_actors(ctx: Context, token: Token | None, source: list[str]) -> list[str]:
    """Actors of an argument other than the doer: when the phrase is the doer's own ("his
    commitment to the farmers"), the parties named inside it."""
    found = phrase_actors(ctx, token)
    if token is not None and found and all(a in source for a in found):
        found = found + _modifier_actors(ctx, token)
    return found


def subject_actors(ctx: Context, verb: Token, depth: int = 0) -> list[str]:
    """Actors doing what the verb says: its subject (agent if passive), else inherited."""
    if is_passive(verb):
        agent = child_with(verb, "agent")
        if agent is not None:
            return phrase_actors(ctx, child_with(agent, "pobj"))
        return []
    subject = child_with(verb, *SUBJECT_DEPS)
    if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS:
        return np_actors(ctx, subject) or _modifier_actors(ctx, subject)
    if depth >= 3:
        return []
    head = verb.head
    if verb.dep_ == "relcl" or (subject is not None and verb.dep_ in ("relcl", "acl")):
        return np_actors(ctx, head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        found = np_actors(ctx, head)
        if (
            not found
            and lemma_of(head) in ctx.lexicon.instrument_nouns
            and head.dep_ in ("dobj", "nsubjpass")
        ):
            # "parliament passed a law restricting NGOs": the law's makers act through it.
            found = subject_actors(ctx, head.head, depth + 1)
        return found
    if verb.dep_ == "xcomp":
        controller = child_with(head, "dobj")
        if controller is not None:
            return np_actors(ctx, controller)
        raised = child_with(head, "nsubjpass")
        if raised is not None and child_with(head, "agent") is None:
            return np_actors(ctx, raised)  # "they are set to meet", "is expected to sign"
        return subject_actors(ctx, head, depth + 1)
    if verb.dep_ in ("conj", "advcl"):
        if is_passive(head) and not is_passive(verb):
            agent = child_with(head, "agent")
            return phrase_actors(ctx, child_with(agent, "pobj")) if agent is not None else []
        return subject_actors(ctx, head, depth + 1)
    if verb.dep_ == "acomp":  # "France is ready to contribute": the subject of "is"
        return subject_actors(ctx, head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_actors(ctx, head.head, depth + 1)  # "X escaped after firing": X fired
    return []
