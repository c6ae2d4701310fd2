"""Absorption: a trigger in the complement of another (its object, xcomp, ccomp, or the
object of one of its argument prepositions) is not an event of its own: "declined a direct
meeting with X" is one REJECT whose target is X, "threatened to shell" one THREATEN. A
trigger joined to another of the same type by a conjunction, a participle clause or an
instrument preposition ("opened fire ... and wounded", "killed ... in a bomb attack"), or
that is the subject of its verb ("a roadside bombing killed ...") is the same event; a
purpose clause ("staged demonstrations to demand reforms") is the goal of the event its
verb's object names.
"""

from __future__ import annotations

from newsevents.extract.events.context import Candidate
from newsevents.extract.events.syntax import objects_of, purpose_clause, unique
from newsevents.kb.lexicons import load_lexicons

# Dependencies through which a trigger is the complement (content) of the trigger above it.
_COMPLEMENT_DEPS = frozenset(
    {"dobj", "xcomp", "ccomp", "pcomp", "acl", "attr", "oprd", "dative", "nsubjpass"}
)


# Prepositions whose object is an argument of the trigger they hang from ("refused to",
# "appeal for", "accused of", "agreed to"): a trigger there is absorbed.
_ARGUMENT_PREPS = frozenset(
    {"for", "to", "of", "on", "against", "from", "over", "about", "into", "toward", "towards",
     "upon", "at"}
)  # fmt: skip


# Adverbs that make the next preposition a place ("not far from", "close to").
_LOCATIVE_ADVERBS = frozenset({"far", "away", "close", "near", "next", "adjacent", "apart"})


# Prepositions of manner or instrument: a trigger of the same type there is the same event.
_SAME_EVENT_PREPS = frozenset({"in", "during", "by", "through", "with", "amid", "under"})


# Verbal judgements of an event: what they praise or condemn happened, so a nominal event
# with its own parties ("condemned Russia's attack on Ukraine") is an event of its own.
_EVALUATIVE_TYPES = load_lexicons().event_traits["evaluative"]  # kb/event_types.tsv


def absorb(candidates: list[Candidate]) -> None:
    """Mark triggers that are the content of another trigger, or the same event as it."""
    by_token = {c.token.i: c for c in candidates}
    for cand in candidates:
        token = cand.token
        # Content of a trigger above it: object, xcomp/ccomp, argument preposition.
        current, steps = token, 0
        while current.dep_ != "ROOT" and steps < 4:
            dep, head = current.dep_, current.head
            if dep == "pobj":
                if head.lower_ not in _ARGUMENT_PREPS | _SAME_EVENT_PREPS:
                    break
                if head.i > 0 and head.nbor(-1).lower_ in _LOCATIVE_ADVERBS:
                    break  # "injured two guards not far from the rally": a place
            elif dep == "prep":
                pass
            elif dep == "conj" and cand.nominal and current.pos_ in ("NOUN", "PROPN"):
                current = head  # "a pact of trade and security"
                steps += 1
                continue
            elif dep == "advcl":
                if not any(c.lower_ == "to" and c.dep_ == "aux" for c in current.children):
                    break  # only purpose clauses "... to demand reforms"
            elif dep not in _COMPLEMENT_DEPS:
                break
            steps += 1
            governor = by_token.get(head.i)
            if (
                governor is not None
                and current is token
                and dep == "dobj"
                and cand.nominal
                and governor.sense.type in _EVALUATIVE_TYPES
                and cand.own_parties
            ):
                break  # "welcomed the deal between X and Y": the deal is an event too
            if governor is not None and governor is not cand:
                via_prep = current.dep_ == "prep" or dep == "pobj"
                prep_word = current.lower_ if current.dep_ == "prep" else head.lower_
                if via_prep and prep_word in _SAME_EVENT_PREPS and prep_word not in _ARGUMENT_PREPS:
                    if governor.sense.type == cand.sense.type:
                        cand.absorbed_by = governor
                    break
                cand.absorbed_by = governor
                break
            current = head
        if cand.absorbed_by is None and purpose_clause(token):
            # "staged demonstrations to demand reforms": the goal of the event its verb's
            # object names ("demonstrations"), not an event of its own.
            for obj in objects_of(token.head):
                owner = by_token.get(obj.i)
                if owner is not None and owner.nominal and owner is not cand:
                    cand.absorbed_by = owner
                    break
        if cand.absorbed_by is not None:
            continue
        # The same event told twice: "opened fire ... and wounded", "killing or wounding".
        if token.dep_ in ("conj", "advcl") and token.tag_ != "TO":
            same = by_token.get(token.head.i)
            if same is not None and same.sense.type == cand.sense.type:
                cand.absorbed_by = same
        # The event as the subject of its own verb: "a roadside bombing killed two soldiers".
        elif cand.nominal and token.dep_ == "nsubj":
            verb = by_token.get(token.head.i)
            if verb is not None and not verb.nominal and verb.sense.type == cand.sense.type:
                cand.absorbed_by = verb
    # Break cycles, if the parse has any.
    for cand in candidates:
        seen = {id(cand)}
        top = cand.absorbed_by
        while top is not None and top.absorbed_by is not None:
            if id(top) in seen:
                top.absorbed_by = None
                break
            seen.add(id(top))
            top = top.absorbed_by


def root_of(cand: Candidate) -> Candidate:
    top = cand
    while top.absorbed_by is not None:
        top = top.absorbed_by
    return top


def merge_absorbed(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that are events of their own; the actors of each absorbed trigger join
    the targets of the event at the top of its chain."""
    for cand in candidates:
        if cand.absorbed_by is not None:
            top = root_of(cand)
            extra = [a for a in (*cand.source, *cand.target) if a not in top.source]
            top.target = unique([*top.target, *extra])
    return [c for c in candidates if c.absorbed_by is None]
