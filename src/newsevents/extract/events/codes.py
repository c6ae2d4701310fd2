"""CAMEO codes and recoding: the default code of each PLOVER type, the field's verb
dictionary, and promises and threats: a cooperative act declared ready or promised ("ready
to contribute troops") is AGREE (CAMEO 03), a hostile one ("vowed to retaliate") THREATEN
(CAMEO 13), a refused one ("will not meet", "vowed never to negotiate") REJECT; a
commitment under a condition ("would meet X if ...", "will strike unless ...") is an offer
or a threat that occurred.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from newsevents.extract.events.context import Candidate, Context
from newsevents.extract.events.modality import (
    complement_of,
    conditional_clause,
    future_or_conditional,
    negated_here,
)
from newsevents.extract.events.syntax import aux_words, lemma_of
from newsevents.kb.lexicons import load_lexicons

# Cooperative acts that, promised for the future, are PLOVER AGREE (CAMEO 03: intent),
# from kb/cameo_recode.tsv.
INTENT_CAMEO = load_lexicons().cameo_recode["intent"]

# Cooperative acts whose planned form is a promise (kb/event_types.tsv trait "promise").
PROMISE_TYPES = load_lexicons().event_traits["promise"]


# Hostile acts that, declared ready or promised, are PLOVER THREATEN (CAMEO 13): "is
# ready to declare a curfew", "vowed to retaliate"; from kb/cameo_recode.tsv.
THREAT_CAMEO = load_lexicons().cameo_recode["threat"]


# Auxiliaries of a commitment ("will meet if ...") and of a held-out possibility ("may halt
# mediation if ...": with a condition, a threat).
COMMITTING_AUX = frozenset({"will", "would", "'ll", "shall"})

POSSIBLE_AUX = frozenset({"may", "might", "could", "can"})


# Acts whose refusal ("will not meet", "would not release") is a REJECT.
REFUSABLE_TYPES = load_lexicons().event_traits["refusable"]  # kb/event_types.tsv


def default_cameo() -> Mapping[str, str]:
    """{PLOVER type: the CAMEO code of a trigger no lexicon sense codes} (kb/event_types.tsv)."""
    return load_lexicons().event_types


@lru_cache(maxsize=1)
def verb_types() -> dict[str, str]:
    """{verb lemma: PLOVER type} from the field's CAMEO verb dictionary (kb/cameo_verbs.tsv)
    mapped through kb/cameo_plover.tsv; verbs of public statements (CAMEO 01) are left out."""
    lexicons = load_lexicons()
    prefixes = sorted(lexicons.cameo_plover, key=lambda r: -len(r[0]))
    table = {}
    for lemma, code in lexicons.cameo_verbs:
        plover = next((t for prefix, t in prefixes if code.startswith(prefix)), None)
        if plover is not None:
            table[lemma] = plover
    return table


def hostile_promises(ctx: Context, candidates: list[Candidate]) -> None:
    """A promise whose content is hostile is a threat: "vowed to retaliate", "pledged to
    expel the diplomats" (CAMEO 13, not 03)."""
    for cand in candidates:
        governor = cand.absorbed_by
        if (
            governor is None
            or governor.nominal
            or governor.sense.type != "AGREE"
            or lemma_of(governor.token) not in ctx.modality.intent_governors
        ):
            continue
        kind = cand.sense.type or ""
        if kind == "MOBILIZE" and lemma_of(governor.token) in ctx.lexicon.giving_promises:
            continue  # "pledged to send police to Haiti": a contribution, not a threat
        if kind in THREAT_CAMEO or kind == "THREATEN":
            cameo = THREAT_CAMEO.get(kind, default_cameo()["THREATEN"])
            governor.sense = replace(governor.sense, type="THREATEN", cameo=cameo)
            governor.rules.append("hostile promise: THREATEN")
        elif kind in REFUSABLE_TYPES and negated_here(ctx, cand.token):
            governor.rules.append("refused promise: REJECT")
            # "vowed not to return the land", "pledged never to negotiate": a refusal.
            governor.sense = replace(governor.sense, type="REJECT", cameo=default_cameo()["REJECT"])


def recode(ctx: Context, cand: Candidate, modality: str) -> tuple[str, str, str, str | None]:
    """The event's (type, CAMEO code, modality) once offers, promises, threats and refusals
    are read as the acts they are, and the name of the rule that recoded it (or None)."""
    token = cand.token
    event_type, cameo = cand.sense.type or "", cand.sense.cameo
    rule = None
    # "they would meet X if ...", "will strike if ...": a conditional commitment is an
    # offer (AGREE, CAMEO 03) or a threat (THREATEN, CAMEO 13), which occurred.
    conditional = (
        not cand.nominal
        and modality == "hypothetical"
        and bool(cand.source)
        and conditional_clause(ctx, token, False)
    )
    aux = aux_words(token) if conditional else set()
    if conditional and aux & COMMITTING_AUX and event_type in INTENT_CAMEO:
        event_type, cameo, modality = "AGREE", INTENT_CAMEO[event_type], "occurred"
        rule = "conditional offer: AGREE"
    elif conditional and aux & (COMMITTING_AUX | POSSIBLE_AUX) and event_type in THREAT_CAMEO:
        event_type, cameo, modality = "THREATEN", THREAT_CAMEO[event_type], "occurred"
        rule = "conditional threat: THREATEN"
    elif (
        not cand.nominal
        and event_type in INTENT_CAMEO
        and modality in ("planned", "hypothetical")
        and complement_of(token, ctx.modality.intent_governors)
    ) or (event_type in PROMISE_TYPES and modality == "planned" and not cand.nominal):
        # A promise of cooperation is itself the event: PLOVER AGREE (CAMEO 03).
        event_type, cameo, modality = "AGREE", INTENT_CAMEO[event_type], "occurred"
        rule = "promise: AGREE"
    elif (
        event_type in THREAT_CAMEO
        and modality != "negated"
        and complement_of(
            cand.governor if cand.nominal and cand.governor is not None else token,
            ctx.modality.intent_governors,
        )
    ):
        event_type, cameo, modality = "THREATEN", THREAT_CAMEO[event_type], "occurred"
        rule = "declared readiness: THREATEN"
    elif (
        modality == "negated"
        and event_type in REFUSABLE_TYPES
        and not cand.nominal
        and future_or_conditional(token)
    ):
        rule = "refusal: REJECT"
        # "will not meet", "would not release": a refusal, which occurred.
        event_type, cameo, modality = "REJECT", default_cameo()["REJECT"], "occurred"
    if modality == "planned":
        # An announced act is coded in CAMEO as the intent to do it: 03x for cooperation,
        # 13x (threats) for hostile acts ("said it would close the border": 1312).
        cameo = INTENT_CAMEO.get(event_type) or THREAT_CAMEO.get(event_type) or cameo
    return event_type, cameo, modality, rule
