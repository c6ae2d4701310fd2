"""Modality (``kb/modality.yaml``): negated > hypothetical > planned > occurred, from negation,
modal and future auxiliaries, "if" clauses and present-tense "until/before" clauses (a
condition still to be met), governing verbs ("plans to", "considering", "denied that"),
noun modifiers ("potential", "planned"), governing nouns ("the idea of") and future time
expressions ("next week").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.extract.events.arguments import BACKGROUND_PREPS
from newsevents.extract.events.context import Candidate, Context
from newsevents.extract.events.syntax import (
    aux_words,
    child_with,
    clause_marks,
    lemma_of,
    phrasal_lemma,
    present_tense,
)
from newsevents.records import (
    Time,
)

_ADJUNCT_PREPS = BACKGROUND_PREPS | {"following", "during", "until", "unlike"}


def negated_here(ctx: Context, token: Token) -> bool:
    words = ctx.modality.negation_words
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in words) for c in token.children
    )


def conditional_clause(ctx: Context, token: Token, nominal: bool) -> bool:
    """A verbal trigger, not in the past tense, whose clause carries an "if" / "unless"
    condition: "the unions will strike if ...", "X could cut ties unless ..."."""
    if nominal or token.tag_ == "VBD":
        return False
    for child in token.children:
        if child.dep_ != "advcl":
            continue
        marks = clause_marks(child)
        if marks & ctx.modality.hypothetical_marks and not marks & {"as", "even"}:
            return True
    return False


def _past(token: Token, nominal: bool) -> bool:
    """A verbal trigger told in the past ("called for a strike next week"): a future time in
    the sentence belongs to its content, not to it."""
    if nominal:
        return False
    return token.tag_ == "VBD" or bool(aux_words(token) & {"has", "have", "had", "did"})


# Paths from a trigger to a governing verb through which that verb's meaning applies.
_HYPOTHETICAL_VIA = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "prep"})

_PLANNED_VIA = frozenset({"xcomp", "acl", "dobj", "prep", "ccomp", "pcomp"})


def modality_of(ctx: Context, cand: Candidate, times: list[Time]) -> str:
    m = ctx.modality
    token = cand.token
    negated = hypothetical = planned = False
    # The chain of clauses the trigger sits in, up to a speech verb or the root.
    chain: list[tuple[Token, str]] = [(token, "self")]
    current = token
    for _ in range(5):
        dep, head = current.dep_, current.head
        if dep == "ROOT" or head.i == current.i:
            break
        if dep in ("xcomp", "conj", "acl", "advcl", "relcl"):
            chain.append((head, dep))
        elif dep == "ccomp":
            chain.append((head, dep))
            if lemma_of(head) in m.speech_verbs:
                break
        elif dep in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "pcomp", "appos"):
            chain.append((head, dep))
        else:
            break
        if dep in ("advcl", "relcl"):
            break
        if cand.nominal and dep == "prep" and current.lower_ in _ADJUNCT_PREPS:
            chain.pop()  # "following a recent call": the main verb's tense is not the call's
            break
        current = head
    in_speech = any(dep == "ccomp" and lemma_of(t) in m.speech_verbs for t, dep in chain)
    conditional = False
    for position, (t, via) in enumerate(chain):
        lemma = lemma_of(t)
        own_clause = via in ("self", "xcomp", "conj", "acl", "dobj", "pobj", "prep", "nsubj",
                             "nsubjpass", "attr", "pcomp", "appos")  # fmt: skip
        if via == "ccomp" and lemma not in m.speech_verbs:
            own_clause = True  # "the deal will see Saudi Arabia buy ..."
        if t.pos_ in ("VERB", "AUX", "ADJ") and own_clause:
            if negated_here(ctx, t) and (
                (position == 0 and not cand.nominal)
                or (via in ("xcomp", "conj", "acl") and not cand.nominal)
                or (cand.nominal and position == 1 and via == "dobj")
            ):
                negated = True
            aux = aux_words(t)
            if aux & m.planned_aux:
                planned = True
            if aux & m.hypothetical_aux:
                subject = child_with(t, "nsubj", "nsubjpass")
                nominal_subject = subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON")
                if aux & {"would"} and in_speech and not conditional and nominal_subject:
                    planned = True
                else:
                    hypothetical = True
            if clause_marks(t) & m.hypothetical_marks and t.dep_ == "advcl":
                hypothetical = conditional = True
            if t.dep_ == "advcl" and clause_marks(t) & m.pending_marks and present_tense(t):
                hypothetical = conditional = True  # "until their demands are met"
        if (
            (own_clause or position == 0)
            and t.dep_ in ("advcl", "ccomp")
            and clause_marks(t) & m.hypothetical_marks
        ):
            hypothetical = conditional = True
        passive_subject = cand.nominal and position == 1 and via == "nsubjpass"
        if position > 0 and via != "conj":
            if phrasal_lemma(t) in m.negation_governors and (
                via in ("ccomp", "xcomp")
                or (
                    via == "dobj"
                    and position > 1
                    and lemma_of(chain[position - 1][0]) in m.negation_content_nouns
                )
            ):
                negated = True  # "denied that ...", "denied reports that ..."
            elif lemma in m.hypothetical_governors and (
                via in _HYPOTHETICAL_VIA or passive_subject
            ):
                hypothetical = True  # "considering sanctions", "sanctions are being considered"
            elif lemma in m.planned_governors and (
                (via in _PLANNED_VIA or passive_subject)
                and (lemma != "go" or (via == "xcomp" and t.tag_ == "VBG"))  # not "went on"
            ):
                planned = lemma not in m.speech_verbs or via != "ccomp" or planned
            if t.pos_ in ("NOUN", "PROPN") and via in ("pobj", "prep"):
                if lemma in m.hypothetical_nouns:
                    hypothetical = True
                elif lemma in m.planned_nouns:
                    planned = True
    if cand.nominal:
        for child in token.children:
            lemma = lemma_of(child)
            if child.dep_ in ("amod", "compound", "advmod", "nmod"):
                if child.lower_ in m.hypothetical_modifiers or lemma in m.hypothetical_modifiers:
                    hypothetical = True
                elif child.lower_ in m.planned_modifiers or lemma in m.planned_modifiers:
                    planned = True
            elif child.dep_ == "acl":
                if lemma in m.planned_governors or lemma in ("plan", "schedule", "set", "due"):
                    planned = True
                elif lemma in m.hypothetical_governors:
                    hypothetical = True
                if aux_words(child) & m.planned_aux:
                    planned = True
            elif child.dep_ == "det" and child.lower_ in ("no",):
                negated = True
    if conditional_clause(ctx, token, cand.nominal):
        hypothetical = conditional = True  # "they will strike if their demands are not met"
    if conditional:
        negated = False  # "if the demands are not met": not said to have failed
    if not (negated or hypothetical or planned) and not _past(token, cand.nominal):
        for time in times:
            words = set(time.text.lower().split())
            if words & m.planned_time_words:
                planned = True
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if planned:
        return "planned"
    return "occurred"


def complement_of(token: Token, lemmas: frozenset[str]) -> bool:
    """The trigger is the complement of one of these words ("ready to host talks")."""
    current = token
    for _ in range(3):
        dep, head = current.dep_, current.head
        if dep not in ("xcomp", "acomp", "prep", "pcomp", "pobj") or head.i == current.i:
            return False
        if lemma_of(head) in lemmas:
            return True
        current = head
    return False


def future_or_conditional(token: Token) -> bool:
    aux = aux_words(token)
    if token.dep_ in ("xcomp", "conj"):
        aux |= aux_words(token.head)
    return bool(aux & {"will", "would", "wo", "'ll", "shall"})
