"""PLOVER/CAMEO events with source, target, modality, place, time and reporting source.

One pass over the parsed tokens finds trigger candidates in the lexicon
(``kb/events.yaml``): verbs by lemma, nouns by lemma or text. A lemma has senses tried in
order, each with word-sense conditions on the parse ("strike" + a deal object is AGREE,
"fire" + a person object is no event, "fire at" is ASSAULT). Then, on the dependency parse:

- **absorption**: a trigger in the complement of another (its object, xcomp, ccomp, or the
  object of one of its argument prepositions) is not an event of its own: "declined a direct
  meeting with X" is one REJECT whose target is X, "threatened to shell" one THREATEN. A
  trigger joined to another of the same type by a conjunction, a participle clause or an
  instrument preposition ("opened fire ... and wounded", "killed ... in a bomb attack"), or
  that is the subject of its verb ("a roadside bombing killed ...") is the same event; a
  purpose clause ("staged demonstrations to demand reforms") is the goal of the event its
  verb's object names;
- **source / target**: subject and object, swapped for passives (agent "by X"); subjects
  inherited through xcomp, conj, advcl and relative clauses; prepositional partners ("with",
  "to", "against", "between" ...); possessives and actor modifiers of nouns ("Putin's
  agreement", "U.S. military support"); coordinated actors are all kept. Spans become actor
  ids through ``actor_index`` only, so every id is one of the document's actors. A nominal
  trigger with no actor of its own takes the actors of the last event of the same type in
  the same or the previous sentence (news repeats the summit it just named), else the
  speaker of the quote it sits in. The speaker is never lent to an event whose doer the
  sentence names ("the sides agreed, an official said"), to a passive ("X was arrested,
  police said") or to a nominal material event ("the fighting", "unrest"). An event told
  as background ("after", "following", "in response to") takes no actors from the verb
  it depends on. An event with no actor at all is dropped;
- **promises and threats**: a cooperative act declared ready or promised ("ready to
  contribute troops") is AGREE (CAMEO 03), a hostile one ("prepared to impose martial
  law", "vowed to retaliate") THREATEN (CAMEO 13), a refused one ("will not meet", "vowed
  never to negotiate") REJECT; a commitment under a condition ("would meet X if ...",
  "will strike unless ...", "may halt mediation if ...") is an offer (AGREE) or a threat
  (THREATEN) that occurred;
- **the receiving end**: a nominal event that is the object of a verb such as "face",
  "draw" ("faced criticism from X", "drew fire from X") has that verb's subject as its
  target; a nominal event that is the passive subject of a light or causative verb
  ("sanctions were imposed by X") takes the agent as its source; an evaluated event with
  its own parties ("welcomed the deal between X and Y") stays an event of its own;
- **modality** (``kb/modality.yaml``): negated > hypothetical > planned > occurred, from
  negation, modal and future auxiliaries, "if" clauses and present-tense "until/before"
  clauses (a condition still to be met), governing verbs ("plans to",
  "considering", "denied that"), noun modifiers ("potential", "planned"), governing nouns
  ("the idea of") and future time expressions ("next week");
- **place / time**: the place or time mention whose head chain reaches the trigger (or the
  verb governing a nominal trigger) without leaving its clause;
- **reported_by**: the speaker of the quote containing the trigger, else the subject of the
  speech verb whose complement holds it, else "according to X" / "as reported by X".

``confidence`` = the lexicon's certainty for the sense (0..1: how often that word in that
sense is the event) x an argument factor: 0.6 + 0.25 if a source came from the parse
+ 0.15 if a target did (actors borrowed from an earlier event or from the quote's speaker
count half), clipped to 0.05..0.99. So a verb with subject and object at certainty 0.85
scores 0.85, a bare noun whose actors were borrowed about half of its certainty.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsevents.errors import BadKnowledgeBase
from newsevents.extract.event_model import EventModel, trigger_features
from newsevents.extract.spans import MentionIndex, actor_index
from newsevents.kb import read_table, safe_load
from newsevents.nlp import text_of
from newsevents.records import (
    PLOVER_TYPES,
    Actor,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
    Time,
    TimeValue,
)

KB = Path(__file__).resolve().parent.parent / "kb"
LEXICON_FILE = KB / "events.yaml"
MODALITY_FILE = KB / "modality.yaml"

VERB_CERTAINTY = 0.85
NOUN_CERTAINTY = 0.75

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
# Adverbs the parser may attach as advmod that are the particle of a phrasal verb ("pulled
# its troops back").
_PARTICLE_ADVERBS = frozenset({"back", "out", "off", "away", "down", "up"})
# Adverbs that make the next preposition a place ("not far from", "close to").
_LOCATIVE_ADVERBS = frozenset({"far", "away", "close", "near", "next", "adjacent", "apart"})
# Prepositions of manner or instrument: a trigger of the same type there is the same event.
_SAME_EVENT_PREPS = frozenset({"in", "during", "by", "through", "with", "amid", "under"})
# Prepositions whose object is a partner or target of the event.
_TARGET_PREPS = frozenset(
    {"with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "between",
     "among", "from", "over", "for", "of", "in"}
)  # fmt: skip
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Quantity and group heads whose "of" complement is the actor ("a group of diplomats").
_GROUP_HEADS = frozenset(
    {"group", "member", "thousand", "hundred", "dozen", "some", "many", "most", "all",
     "delegation", "team", "number", "representative", "part", "unit", "one", "two", "three",
     "wing", "side", "faction", "contingent", "band", "crowd", "coalition", "alliance",
     "government", "army", "military", "force", "leader", "chief", "head"}
)  # fmt: skip
# Prepositions inside an argument phrase that name a party ("an offer from X", "action
# against X", "ties with X").
_MODIFIER_PREPS = frozenset(
    {"of", "from", "by", "against", "on", "to", "with", "toward", "towards"}
)
# Nouns whose clause is what someone said happened: "denied reports that its jets bombed".
_CONTENT_NOUNS = frozenset(
    {"report", "claim", "allegation", "accusation", "suggestion", "rumour", "rumor", "charge",
     "assertion", "speculation"}
)  # fmt: skip
# Acts through which their makers act: "passed a law banning rallies", "issued a decree
# expelling the envoy".
_INSTRUMENT_NOUNS = frozenset(
    {"law", "bill", "decree", "order", "measure", "rule", "regulation", "resolution",
     "legislation", "amendment", "directive", "ordinance", "edict", "act"}
)  # fmt: skip
# Nouns whose "of" complement names the thing itself: "a state of emergency", "the highest
# level of readiness".
_CONTAINER_NOUNS = frozenset({"state", "level", "status", "kind", "form", "degree"})
# Heads whose "of" object is what a class test looks at ("part of a stronghold").
_OF_HEADS = _GROUP_HEADS | _CONTAINER_NOUNS
# Nouns that head an event named by their compound ("mediation effort", "aid package").
_EVENT_HEADS = frozenset(
    {"effort", "mission", "process", "package", "initiative", "bid", "drive", "program",
     "programme", "plan", "round", "deal", "agreement", "campaign", "operation"}
)  # fmt: skip
# Prepositions (and nouns) that put an event in the background of another ("after five
# days of fighting", "in the wake of the killing"): such a mention borrows no actors.
_BACKGROUND_PREPS = frozenset({"after", "since", "before", "amid", "despite", "following"})
_BACKGROUND_NOUNS = frozenset({"wake", "response", "aftermath", "result", "end", "eve"})
# Of those, the ones whose event is another party's doing ("in response to X", "in the wake
# of X"), unlike "the end of his tour".
_CAUSE_NOUNS = frozenset({"wake", "response", "aftermath", "result"})
_ADJUNCT_PREPS = _BACKGROUND_PREPS | {"following", "during", "until", "unlike"}
_ENTITY_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW", "WORK_OF_ART", "EVENT"})
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "ROOT"})
# Cooperative acts that, promised for the future, are PLOVER AGREE (CAMEO 03: intent).
_INTENT_CAMEO = {"SUPPORT": "032", "AID": "033", "CONCEDE": "035", "RETREAT": "035",
                 "COOPERATE": "031", "CONSULT": "036", "AGREE": "030"}  # fmt: skip
_PROMISE_TYPES = frozenset({"SUPPORT", "AID", "CONCEDE", "RETREAT"})
# Hostile acts that, declared ready or promised, are PLOVER THREATEN (CAMEO 13): "is
# ready to declare a curfew", "vowed to retaliate".
_THREAT_CAMEO = {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "1312",
                 "PROTEST": "133"}  # fmt: skip
# Promises of giving: sending forces under them is a contribution ("pledged to send troops
# to the mission"), under "vowed" a show of force.
_GIVING_PROMISES = frozenset({"pledge", "promise", "offer", "commit", "agree"})
# Auxiliaries of a commitment ("will meet if ...") and of a held-out possibility ("may halt
# mediation if ...": with a condition, a threat).
_COMMITTING_AUX = frozenset({"will", "would", "'ll", "shall"})
_POSSIBLE_AUX = frozenset({"may", "might", "could", "can"})
# Acts whose refusal ("will not meet", "would not release") is a REJECT.
_REFUSABLE_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
)  # fmt: skip
# Verbal interactions: a nominal one with no party named ("the talks", "a warning") is
# likely the reporting speaker's own ("X said the talks went well").
_SPOKEN_TYPES = frozenset(
    {"CONSULT", "AGREE", "REQUEST", "SUPPORT", "THREATEN", "REJECT", "ACCUSE"}
)  # fmt: skip
# Verbal judgements of an event: what they praise or condemn happened, so a nominal event
# with its own parties ("condemned Russia's attack on Ukraine") is an event of its own.
_EVALUATIVE_TYPES = frozenset({"SUPPORT", "ACCUSE"})
# Types whose arguments are symmetric partners.
SYMMETRIC_TYPES = frozenset({"CONSULT"})
# Types where "of X" on a nominal trigger is the one acted upon ("the arrest of X").
_OF_IS_TARGET = frozenset({"ASSAULT", "COERCE", "SANCTION", "REJECT", "ACCUSE", "CONCEDE"})


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Sense:
    """One sense of a trigger lemma, with the conditions under which it holds."""

    type: str | None  # None: this sense is not an event
    cameo: str
    mode: str | None
    certainty: float
    objects: frozenset[str] = frozenset()
    no_object: bool = False
    preps: frozenset[str] = frozenset()
    prep_objects: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    not_modifiers: frozenset[str] = frozenset()
    governed_by: frozenset[str] = frozenset()
    of_noun: frozenset[str] = frozenset()
    governor: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    clause: bool = False
    subject: frozenset[str] = frozenset()
    voice: str | None = None


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    classes: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    causative_verbs: frozenset[str] = frozenset()
    recipient_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Modality:
    negation_words: frozenset[str]
    negation_governors: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_nouns: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    hypothetical_marks: frozenset[str]
    pending_marks: frozenset[str]
    planned_aux: frozenset[str]
    planned_governors: frozenset[str]
    planned_nouns: frozenset[str]
    planned_modifiers: frozenset[str]
    planned_time_words: frozenset[str]
    speech_verbs: frozenset[str]
    intent_governors: frozenset[str]
    obligation_aux: frozenset[str]


_SENSE_KEYS = frozenset(
    {"type", "cameo", "mode", "certainty", "none", "object", "no_object", "prep", "particle",
     "prep_object", "modifier", "not_modifier", "governed_by", "of_noun", "governor",
     "complement", "clause", "subject", "voice"}
)  # fmt: skip


def _words(value: Any, where: str, path: Path) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadKnowledgeBase(str(path), problem=f"{where}: expected a list of words")
    return frozenset(v.lower() for v in value)


def _sense(raw: Any, where: str, path: Path, default_certainty: float) -> Sense:
    if not isinstance(raw, dict):
        raise BadKnowledgeBase(str(path), problem=f"{where}: a sense must be a mapping")
    unknown = set(raw) - _SENSE_KEYS
    if unknown:
        raise BadKnowledgeBase(
            str(path),
            problem=f"{where}: unknown keys {sorted(unknown)}; known: {sorted(_SENSE_KEYS)}",
        )
    event_type = None if raw.get("none") else raw.get("type")
    if event_type is not None and event_type not in PLOVER_TYPES:
        raise BadKnowledgeBase(
            str(path), problem=f"{where}: type {event_type!r} is not one of {PLOVER_TYPES}"
        )
    if event_type is not None and not str(raw.get("cameo", "")).isdigit():
        raise BadKnowledgeBase(str(path), problem=f"{where}: cameo must be a digit string")
    certainty = float(raw.get("certainty", default_certainty))
    if not 0.0 < certainty <= 1.0:
        raise BadKnowledgeBase(str(path), problem=f"{where}: certainty must be in (0, 1]")
    return Sense(
        type=event_type,
        cameo=str(raw.get("cameo", "")),
        mode=raw.get("mode"),
        certainty=certainty,
        objects=_words(raw.get("object"), where, path),
        no_object=bool(raw.get("no_object", False)),
        preps=_words(raw.get("prep"), where, path),
        prep_objects=_words(raw.get("prep_object"), where, path),
        particles=_words(raw.get("particle"), where, path),
        modifiers=_words(raw.get("modifier"), where, path),
        not_modifiers=_words(raw.get("not_modifier"), where, path),
        governed_by=_words(raw.get("governed_by"), where, path),
        of_noun=_words(raw.get("of_noun"), where, path),
        governor=_words(raw.get("governor"), where, path),
        complement=_words(raw.get("complement"), where, path),
        clause=bool(raw.get("clause", False)),
        subject=_words(raw.get("subject"), where, path),
        voice=_voice(raw.get("voice"), where, path),
    )


def _voice(value: Any, where: str, path: Path) -> str | None:
    if value not in (None, "active", "passive"):
        raise BadKnowledgeBase(str(path), problem=f"{where}: voice must be active or passive")
    return value


def _senses(section: Any, name: str, path: Path, certainty: float) -> dict[str, tuple[Sense, ...]]:
    if not isinstance(section, dict):
        raise BadKnowledgeBase(str(path), problem=f"{name}: expected a mapping lemma -> senses")
    table = {}
    for lemma, senses in section.items():
        if not isinstance(senses, list) or not senses:
            raise BadKnowledgeBase(str(path), problem=f"{name}.{lemma}: expected a list of senses")
        table[str(lemma).lower()] = tuple(
            _sense(s, f"{name}.{lemma}[{i}]", path, certainty) for i, s in enumerate(senses)
        )
    return table


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """The trigger lexicon, validated; a bad entry raises BadKnowledgeBase naming it."""
    data = safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise BadKnowledgeBase(str(path), problem="expected a mapping at the top level")
    classes = {
        str(k): _words(v, f"classes.{k}", path) for k, v in (data.get("classes") or {}).items()
    }
    lexicon = Lexicon(
        verbs=_senses(data.get("verbs"), "verbs", path, VERB_CERTAINTY),
        nouns=_senses(data.get("nouns"), "nouns", path, NOUN_CERTAINTY),
        classes=classes,
        light_verbs=_words(data.get("light_verbs"), "light_verbs", path),
        causative_verbs=_words(data.get("causative_verbs"), "causative_verbs", path),
        recipient_verbs=_words(data.get("recipient_verbs"), "recipient_verbs", path),
    )
    builtin = {"actor", "person", "place"}
    for table in (lexicon.verbs, lexicon.nouns):
        for lemma, senses in table.items():
            for sense in senses:
                for word in sense.objects | sense.prep_objects | sense.complement | sense.subject:
                    if word.startswith("+") and word[1:] not in set(classes) | builtin:
                        raise BadKnowledgeBase(
                            str(path), problem=f"{lemma}: unknown class {word!r} in object"
                        )
    return lexicon


@lru_cache(maxsize=4)
def load_modality(path: Path = MODALITY_FILE) -> Modality:
    data = safe_load(path.read_text(encoding="utf-8"))

    def get(section: str, key: str) -> frozenset[str]:
        return _words((data.get(section) or {}).get(key), f"{section}.{key}", path)

    return Modality(
        negation_words=get("negated", "words"),
        negation_governors=get("negated", "governors"),
        hypothetical_aux=get("hypothetical", "auxiliaries"),
        hypothetical_governors=get("hypothetical", "governors"),
        hypothetical_nouns=get("hypothetical", "nouns"),
        hypothetical_modifiers=get("hypothetical", "modifiers"),
        hypothetical_marks=get("hypothetical", "marks"),
        pending_marks=get("hypothetical", "pending_marks"),
        planned_aux=get("planned", "auxiliaries"),
        planned_governors=get("planned", "governors"),
        planned_nouns=get("planned", "nouns"),
        planned_modifiers=get("planned", "modifiers"),
        planned_time_words=get("planned", "time_words"),
        speech_verbs=get("speech", "verbs"),
        intent_governors=get("intent", "governors"),
        obligation_aux=get("obligation", "auxiliaries"),
    )


# --------------------------------------------------------------------------- context


@dataclass
class _Context:
    """Lookups shared by every trigger of one document."""

    doc: Doc
    lexicon: Lexicon
    modality: Modality
    actors: MentionIndex
    actor_types: dict[str, str]
    place_index: MentionIndex
    model: EventModel | None = None


@dataclass
class _Candidate:
    token: Token
    sense: Sense
    nominal: bool
    start: int  # trigger mention offsets
    end: int
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    borrowed: bool = False  # actors came from an earlier event or the quote's speaker
    absorbed_by: _Candidate | None = None
    governor: Token | None = None  # the verb a nominal trigger depends on
    own_parties: bool = False  # a nominal trigger names its own parties ("X's deal with Y")


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _actor_at(ctx: _Context, start: int, end: int) -> str | None:
    return ctx.actors.owner_at(start, end)


def _token_actor(ctx: _Context, token: Token, *, deep: bool = True) -> str | None:
    """The actor a noun-phrase head refers to: the head word, else its pre-modifiers
    ("Israeli army bulldozers"), else its "of" complement for group heads."""
    if token.pos_ in ("ADP", "PUNCT", "CCONJ", "SCONJ") or token.lower_ in _RELATIVE_PRONOUNS:
        return None
    start, end = _span(token)
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
            found = _token_actor(ctx, child, deep=False)
            if found:
                return found
    if _lemma(token) in _GROUP_HEADS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _token_actor(ctx, obj)
    return None


def _np_actors(ctx: _Context, token: Token | None) -> list[str]:
    """Actors of a noun phrase and its coordinated conjuncts ("he and Putin")."""
    if token is None:
        return []
    found: list[str] = []
    for t in (token, *token.conjuncts):
        actor = _token_actor(ctx, t)
        if actor and actor not in found:
            found.append(actor)
    return found


def _modifier_actors(ctx: _Context, token: Token) -> list[str]:
    """Actors named inside a non-actor noun phrase: its possessor, actor adjectives and
    compounds, and its "of/from/by" complements ("Saddam Hussein's proposal", "an Indian
    proposal", "an offer from Afghanistan")."""
    found: list[str] = []
    for child in token.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod"):
            actor = _token_actor(ctx, child)
            if actor and actor not in found:
                found.append(actor)
        elif child.dep_ == "prep" and child.lower_ in _MODIFIER_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    for actor in _np_actors(ctx, obj):
                        if actor not in found:
                            found.append(actor)
    return found


def _phrase_actors(ctx: _Context, token: Token | None) -> list[str]:
    """Actors of an argument: the phrase itself, else the actors named inside it."""
    if token is None:
        return []
    return _np_actors(ctx, token) or _modifier_actors(ctx, token)


def _other_actors(ctx: _Context, token: Token | None, source: list[str]) -> list[str]:
    """Actors of an argument other than the doer: when the phrase is the doer's own ("his
    commitment to the farmers"), the parties named inside it."""
    found = _phrase_actors(ctx, token)
    if token is not None and found and all(a in source for a in found):
        found = found + _modifier_actors(ctx, token)
    return found


# --------------------------------------------------------------------------- senses


def _child(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _is_passive(token: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in token.children):
        return True
    if token.tag_ == "VBN" and token.dep_ == "acl":
        # "the town captured by rebels", but not "reports that its jets had bombed"
        return not any(c.dep_ in ("nsubj", "aux") for c in token.children)
    return token.tag_ == "VBN" and token.dep_ == "conj" and _is_passive(token.head)


def _object(token: Token) -> Token | None:
    """The direct object of a verb; for a passive its subject, or the noun it modifies."""
    if _is_passive(token):
        subject = _child(token, "nsubjpass")
        if subject is not None:
            return subject
        if token.dep_ == "acl":
            return token.head
        return None
    return _child(token, "dobj")


def _in_classes(ctx: _Context, token: Token, words: frozenset[str]) -> bool:
    if _lemma(token) in _EVENT_HEADS:  # "halted mediation efforts", "cut the aid package"
        for child in token.children:
            if child.dep_ == "compound" and _match_words(ctx, child, words):
                return True
    if _lemma(token) in _OF_HEADS or token.pos_ in ("NUM", "ADJ"):
        for child in token.children:  # "part of a stronghold", "most of the towns"
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = _child(child, "pobj")
                if obj is not None and _match_words(ctx, obj, words):
                    return True
    return _match_words(ctx, token, words)


def _match_words(ctx: _Context, token: Token, words: frozenset[str]) -> bool:
    lemma, lower = _lemma(token), token.lower_
    for word in words:
        if not word.startswith("+"):
            if word in (lemma, lower):
                return True
            if " " in word and _compound_match(token, word):
                return True
            continue
        name = word[1:]
        if name == "actor":
            if token.ent_type_ in _ACTOR_ENTS or _token_actor(ctx, token, deep=False):
                return True
        elif name == "person":
            actor = _token_actor(ctx, token, deep=False)
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
    if last not in (_lemma(token), token.lower_):
        return False
    return any(
        c.dep_ in ("compound", "amod", "nmod") and first in (c.lower_, _lemma(c))
        for c in token.children
    )


def _prep_words(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("prep", "prt", "agent", "dative")}


def _choose(ctx: _Context, token: Token, senses: Sequence[Sense], nominal: bool) -> Sense | None:
    """The first sense whose conditions hold on this token, or None."""
    obj = None if nominal else _object(token)
    preps = _prep_words(token)
    particles = {
        c.lower_
        for c in token.children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLE_ADVERBS)
    }
    modifiers = {
        _lemma(c) for c in token.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")
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
            for obj in _prep_objects(token, sense.preps or _TARGET_PREPS)
        ):
            continue
        if sense.particles and not (sense.particles & particles):
            continue
        if sense.modifiers and not (sense.modifiers & modifiers):
            continue
        if sense.not_modifiers and sense.not_modifiers & modifiers:
            continue
        if sense.governed_by:
            outer = _outer_noun(token)
            if not (outer.dep_ == "pobj" and outer.head.lower_ in sense.governed_by):
                continue
        if sense.of_noun and not (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and _lemma(token.head.head) in sense.of_noun
        ):
            continue
        if sense.complement and not any(
            c.dep_ == "xcomp" and _match_words(ctx, c, sense.complement) for c in token.children
        ):
            continue
        if sense.clause and not any(c.dep_ == "ccomp" for c in token.children):
            continue
        if sense.subject:
            doer = None if nominal else _agent_phrase(token)
            if doer is None or not _in_classes(ctx, doer, sense.subject):
                continue
        if sense.governor:
            verb = _nominal_governor(token) if nominal else None
            if verb is None or _lemma(verb) not in sense.governor:
                continue
        if sense.voice is not None and (sense.voice == "passive") != _is_passive(token):
            continue
        return sense
    return None


def _outer_noun(token: Token) -> Token:
    """The noun a trigger is the "of" complement of, through container nouns ("on the
    highest level of combat readiness", "a state of emergency"), else the trigger."""
    current = token
    for _ in range(3):
        head = current.head
        if not (current.dep_ == "pobj" and head.lower_ == "of"):
            break
        if _lemma(head.head) not in _CONTAINER_NOUNS:
            break
        current = head.head
    return current


_OBLIGATION = Sense(type="REQUEST", cameo="020", mode=None, certainty=0.6)


def _obligation(ctx: _Context, token: Token) -> bool:
    """A speech verb reporting that another party must act: "X said Y must Z"."""
    if _lemma(token) not in ctx.modality.speech_verbs:
        return False
    for child in token.children:
        if child.dep_ == "ccomp" and _aux_words(child) & ctx.modality.obligation_aux:
            subject = _child(child, "nsubj", "nsubjpass")
            if subject is None:
                return False
            if subject.pos_ != "PRON":
                return True
            # "saying he must resign": a pronoun for someone other than the speaker.
            other = _token_actor(ctx, subject, deep=False)
            return other is not None and other not in _subject(ctx, token)
    return False


def _candidates(ctx: _Context) -> list[_Candidate]:
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
            if head.ent_type_ in _ENTITY_NAMES or (
                head.dep_ == "compound" and _lemma(head.head) not in _EVENT_HEADS
            ):
                continue
            sense = _choose(ctx, head, joined_senses, True)
            if sense is not None and sense.type is not None:
                start, end = token.idx, ctx.doc[last].idx + len(ctx.doc[last].text)
                if head.dep_ == "compound":
                    head = head.head
                    end = max(end, head.idx + len(head.text))
                found.append(_Candidate(head, sense, True, start, end))
            continue
        pos = token.pos_
        if pos == "VERB" and _obligation(ctx, token):
            start, end = _span(token)
            found.append(_Candidate(token, _OBLIGATION, False, start, end))
            continue
        if pos == "VERB":
            if token.dep_ == "amod":
                continue  # "armed groups", "a proposed deal"
            senses = lexicon.verbs.get(_lemma(token))
            nominal = False
        elif pos in ("NOUN", "PROPN"):
            if token.dep_ == "compound" and _lemma(token.head) not in _EVENT_HEADS:
                continue  # "summit plans", "protest movement"
            if token.ent_type_ in _ENTITY_NAMES:
                continue  # "Asia-Pacific Economic Cooperation", "Ceasefire Committee"
            after = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if after is not None and after.text == "-" and not after.whitespace_:
                continue  # the first half of a hyphenated word: "deal-making", "war-torn"
            senses = lexicon.nouns.get(_lemma(token)) or lexicon.nouns.get(token.lower_)
            nominal = True
        else:
            continue
        if not senses:
            continue
        sense = _choose(ctx, token, senses, nominal)
        if sense is None or sense.type is None:
            continue
        start, end = _span(token)
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
        found.append(_Candidate(token, sense, nominal, start, end))
    return found


@lru_cache(maxsize=1)
def default_cameo() -> dict[str, str]:
    """{PLOVER type: the CAMEO code of a trigger no lexicon sense codes} (kb/event_types.tsv)."""
    return {t: code for t, code in read_table("event_types.tsv", columns=2, header="type")}


@lru_cache(maxsize=1)
def verb_types() -> dict[str, str]:
    """{verb lemma: PLOVER type} from the field's CAMEO verb dictionary (kb/cameo_verbs.tsv)
    mapped through kb/cameo_plover.tsv; verbs of public statements (CAMEO 01) are left out."""
    prefixes = sorted(
        read_table("cameo_plover.tsv", columns=2, header="prefix"), key=lambda r: -len(r[0])
    )
    table = {}
    for lemma, code in read_table("cameo_verbs.tsv", columns=2, header="lemma"):
        plover = next((t for prefix, t in prefixes if code.startswith(prefix)), None)
        if plover is not None:
            table[lemma] = plover
    return table


def _model_sense(ctx: _Context, token: Token, event_type: str, certainty: float) -> Sense:
    """The sense a model-typed trigger gets: its lexicon sense of that type, if any (for the
    CAMEO code and mode), else the type's default code."""
    table = ctx.lexicon.nouns if token.pos_ in ("NOUN", "PROPN") else ctx.lexicon.verbs
    for sense in table.get(_lemma(token), ()):
        if sense.type == event_type:
            return replace(sense, certainty=certainty)
    return Sense(type=event_type, cameo=default_cameo()[event_type], mode=None, certainty=certainty)


def _open_trigger(token: Token, vocabulary: frozenset[str]) -> bool:
    """A word the lexicon does not make a trigger here but the model has seen as one, or a
    verb the field's dictionary codes."""
    if token.pos_ == "VERB":
        if _lemma(token) not in vocabulary and _lemma(token) not in verb_types():
            return False
        return token.dep_ != "amod"
    if _lemma(token) not in vocabulary:
        return False
    if token.pos_ != "NOUN" or token.ent_type_ in _ENTITY_NAMES:
        return False
    return not (token.dep_ == "compound" and _lemma(token.head) not in _EVENT_HEADS)


def _open_tokens(ctx: _Context, found: list[_Candidate], vocabulary: frozenset[str]) -> list[Token]:
    """Words of the model's trigger vocabulary that no rule candidate covers."""
    taken = {c.token.i for c in found}
    for cand in found:
        span = ctx.doc.char_span(cand.start, cand.end, alignment_mode="expand")
        taken.update(t.i for t in span or ())
    return [t for t in ctx.doc if t.i not in taken and _open_trigger(t, vocabulary)]


def _open_label(ctx: _Context, token: Token) -> str | None:
    """The rule's word on an open candidate: "none" when the lexicon knows the word but none
    of its senses held here, None when the lexicon does not know it."""
    known = _lemma(token) in ctx.lexicon.verbs or _lemma(token) in ctx.lexicon.nouns
    return "none" if known else None


def _actor_test(ctx: _Context) -> Callable[[Token], bool]:
    return lambda t: _token_actor(ctx, t, deep=False) is not None


def _features(ctx: _Context, token: Token, rule: str | None) -> list[str]:
    return trigger_features(token, rule, _actor_test(ctx), verb_types())


def _learned_types(ctx: _Context, found: list[_Candidate]) -> list[_Candidate]:
    """The model's pass over the candidates: each rule candidate is kept, retyped or
    dropped; words of the model's trigger vocabulary that no rule took are added when the
    model is confident they are an event."""
    model = ctx.model
    if model is None:
        return found
    typed: list[_Candidate] = []
    for cand in found:
        rule_type = cand.sense.type
        if cand.sense is _OBLIGATION:  # "X said Y must Z": a construction, not a word sense
            typed.append(cand)
            continue
        event_type, p = model.decide(_features(ctx, cand.token, rule_type), rule_type)
        if event_type is None:
            continue
        if event_type != rule_type:
            cand.sense = _model_sense(ctx, cand.token, event_type, p)
        typed.append(cand)
    for token in _open_tokens(ctx, found, model.vocabulary):
        event_type, p = model.decide(_features(ctx, token, _open_label(ctx, token)), None)
        if event_type is None:
            continue
        start, end = _span(token)
        sense = _model_sense(ctx, token, event_type, p)
        typed.append(_Candidate(token, sense, token.pos_ == "NOUN", start, end))
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
    ctx = _context(doc, actors, places, None)
    found = _candidates(ctx)
    examples = [
        CandidateExample(
            c.start, c.end, c.token.i, c.sense.type, tuple(_features(ctx, c.token, c.sense.type))
        )
        for c in found
    ]
    for token in _open_tokens(ctx, found, vocabulary):
        start, end = _span(token)
        feats = _features(ctx, token, _open_label(ctx, token))
        examples.append(CandidateExample(start, end, token.i, None, tuple(feats)))
    return examples


def _context(
    doc: Doc, actors: list[Actor], places: list[Place], model: EventModel | None
) -> _Context:
    return _Context(
        doc=doc,
        lexicon=load_lexicon(),
        modality=load_modality(),
        actors=actor_index(actors),
        actor_types={a.id: a.type for a in actors},
        place_index=MentionIndex([(str(i), p.mentions) for i, p in enumerate(places)]),
        model=model,
    )


def _hyphenated_noun(ctx: _Context, token: Token) -> tuple[Token, tuple[Sense, ...], int] | None:
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
    senses = nouns.get(f"{first}-{last.lower_}") or nouns.get(f"{first}-{_lemma(last)}")
    if senses is None:
        return None
    inside = range(token.i, last.i + 1)
    head = token if token.head.i not in inside and last.head.i in inside else last
    return head, senses, last.i


# --------------------------------------------------------------------------- structure


def _absorb(candidates: list[_Candidate]) -> None:
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
        if cand.absorbed_by is None and _purpose_clause(token):
            # "staged demonstrations to demand reforms": the goal of the event its verb's
            # object names ("demonstrations"), not an event of its own.
            for obj in _objects_of(token.head):
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


def _objects_of(verb: Token) -> Iterable[Token]:
    """The verb's direct objects and the objects of its "on" / "into" phrases ("staged
    protests", "went on strike", "broke into protest")."""
    for child in verb.children:
        if child.dep_ == "dobj":
            yield child
        elif child.dep_ == "prep" and child.lower_ in ("on", "into"):
            yield from (o for o in child.children if o.dep_ == "pobj")


def _hostile_promises(ctx: _Context, candidates: list[_Candidate]) -> None:
    """A promise whose content is hostile is a threat: "vowed to retaliate", "pledged to
    expel the diplomats" (CAMEO 13, not 03)."""
    for cand in candidates:
        governor = cand.absorbed_by
        if (
            governor is None
            or governor.nominal
            or governor.sense.type != "AGREE"
            or _lemma(governor.token) not in ctx.modality.intent_governors
        ):
            continue
        kind = cand.sense.type or ""
        if kind == "MOBILIZE" and _lemma(governor.token) in _GIVING_PROMISES:
            continue  # "pledged to send police to Haiti": a contribution, not a threat
        if kind in _THREAT_CAMEO or kind == "THREATEN":
            cameo = _THREAT_CAMEO.get(kind, "130")
            governor.sense = replace(governor.sense, type="THREATEN", cameo=cameo)
        elif kind in _REFUSABLE_TYPES and _negated_here(ctx, cand.token):
            # "vowed not to return the land", "pledged never to negotiate": a refusal.
            governor.sense = replace(governor.sense, type="REJECT", cameo="120")


def _purpose_clause(token: Token) -> bool:
    """A to-infinitive adverbial clause without a subject of its own ("... to demand X")."""
    return (
        token.dep_ == "advcl"
        and token.pos_ == "VERB"
        and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
        and _child(token, "nsubj", "nsubjpass") is None
    )


def _root_of(cand: _Candidate) -> _Candidate:
    top = cand
    while top.absorbed_by is not None:
        top = top.absorbed_by
    return top


def _subject(ctx: _Context, verb: Token, depth: int = 0) -> list[str]:
    """Actors doing what the verb says: its subject (agent if passive), else inherited."""
    if _is_passive(verb):
        agent = _child(verb, "agent")
        if agent is not None:
            return _phrase_actors(ctx, _child(agent, "pobj"))
        return []
    subject = _child(verb, *_SUBJECT_DEPS)
    if subject is not None and subject.lower_ not in _RELATIVE_PRONOUNS:
        return _np_actors(ctx, subject) or _modifier_actors(ctx, subject)
    if depth >= 3:
        return []
    head = verb.head
    if verb.dep_ == "relcl" or (subject is not None and verb.dep_ in ("relcl", "acl")):
        return _np_actors(ctx, head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        found = _np_actors(ctx, head)
        if not found and _lemma(head) in _INSTRUMENT_NOUNS and head.dep_ in ("dobj", "nsubjpass"):
            # "parliament passed a law restricting NGOs": the law's makers act through it.
            found = _subject(ctx, head.head, depth + 1)
        return found
    if verb.dep_ == "xcomp":
        controller = _child(head, "dobj")
        if controller is not None:
            return _np_actors(ctx, controller)
        raised = _child(head, "nsubjpass")
        if raised is not None and _child(head, "agent") is None:
            return _np_actors(ctx, raised)  # "they are set to meet", "is expected to sign"
        return _subject(ctx, head, depth + 1)
    if verb.dep_ in ("conj", "advcl"):
        if _is_passive(head) and not _is_passive(verb):
            agent = _child(head, "agent")
            return _phrase_actors(ctx, _child(agent, "pobj")) if agent is not None else []
        return _subject(ctx, head, depth + 1)
    if verb.dep_ == "acomp":  # "France is ready to contribute": the subject of "is"
        return _subject(ctx, head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _subject(ctx, head.head, depth + 1)  # "X escaped after firing": X fired
    return []


def _agent_phrase(verb: Token, depth: int = 0) -> Token | None:
    """The word that names the doer of the verb (its subject, the agent of a passive, or the
    phrase it inherits them from), whether or not it is a known actor; None if unsaid."""
    if _is_passive(verb):
        agent = _child(verb, "agent")
        return _child(agent, "pobj") if agent is not None else None
    subject = _child(verb, *_SUBJECT_DEPS)
    if subject is not None:
        return subject
    if depth >= 3:
        return None
    head = verb.head
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return head
    if verb.dep_ == "xcomp":
        controller = _child(head, "dobj") or _child(head, "nsubjpass")
        return controller if controller is not None else _agent_phrase(head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "acomp"):
        return _agent_phrase(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _agent_phrase(head.head, depth + 1)
    return None


def _names_own_agent(cand: _Candidate) -> bool:
    """The sentence names who did it (a noun phrase, not a pronoun), or tells the event as a
    happening, so it must not borrow the reporting speaker as its source: in "the sides
    agreed, an official said" the official did not agree; in "five men were arrested,
    the paper said" the paper arrested no one."""
    token = cand.token
    if not cand.nominal:
        if _is_passive(token):
            return True
        return _is_named(_agent_phrase(token))
    if any(c.dep_ == "poss" for c in token.children) or "by" in _prep_words(token):
        return True
    if cand.governor is not None and not _is_passive(cand.governor):
        agent = _agent_phrase(cand.governor)
        if agent is not None and agent.pos_ == "PRON" and agent.lower_ not in _RELATIVE_PRONOUNS:
            return False  # "it is ready to declare a curfew": the speaker, likely
        if _is_named(agent):
            return True
    # "X said the talks went well": X likely took part. "X said the fighting went on",
    # "a curfew was imposed, X said": the one who tells of it did not fight.
    return cand.sense.type not in _SPOKEN_TYPES


def _is_named(phrase: Token | None) -> bool:
    return (
        phrase is not None
        and phrase.pos_ in ("NOUN", "PROPN")
        and phrase.lower_ not in _RELATIVE_PRONOUNS
    )


def _prep_objects(token: Token, words: frozenset[str]) -> Iterable[Token]:
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in words:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield obj
        elif child.dep_ == "dative" and child.pos_ != "ADP":
            yield child


def _verbal_arguments(ctx: _Context, cand: _Candidate) -> None:
    verb = cand.token
    source = _subject(ctx, verb)
    target: list[str] = []
    patient = _object(verb)
    target += _other_actors(ctx, patient, source)
    for obj in _prep_objects(verb, _TARGET_PREPS):
        target += _other_actors(ctx, obj, source)
    # The content clause: "urged him to", "demanded that China drop", "threatened to ban X".
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp"):
            if child.dep_ == "ccomp":
                target += _np_actors(ctx, _child(child, "nsubj", "nsubjpass"))
            target += _phrase_actors(ctx, _child(child, "dobj"))
            for obj in _prep_objects(child, frozenset({"to", "with", "against", "on"})):
                target += _np_actors(ctx, obj)
    # A response to someone's move: "proposed by Trump and swiftly accepted by Putin".
    if not target and verb.dep_ == "conj":
        other = _subject(ctx, verb.head)
        target += [a for a in other if a not in source]
    cand.source = _unique(source)
    cand.target = [a for a in _unique(target) if a not in cand.source]


def _nominal_governor(token: Token) -> Token | None:
    """The verb a nominal trigger is the object of, through "of"/"for" chains ("held
    talks", "dangles the idea of an ultimatum", "announcement of a summit")."""
    current, steps = token, 0
    while steps < 5:
        dep, head = current.dep_, current.head
        if dep in ("dobj", "attr", "oprd", "dative", "conj", "appos"):
            pass
        elif dep == "pobj":
            if head.lower_ not in ("of", "for", "with", "in", "to", "at"):
                return None
        elif dep == "prep":
            if head.pos_ not in ("NOUN", "PROPN", "VERB", "AUX"):
                return None
        else:
            return None
        if head.pos_ in ("VERB", "AUX") and dep != "conj":
            return head
        if head.i == current.i:
            return None
        current = head
        steps += 1
    return None


def _phrase_preps(noun: Token, word: str) -> Iterable[Token]:
    """Prepositions `word` inside the noun's prepositional phrases, one level down ("protests
    in the suburbs against X")."""
    for child in noun.children:
        if child.dep_ != "prep" or child.lower_ == word:
            continue
        for obj in child.children:
            if obj.dep_ == "pobj":
                for grandchild in obj.children:
                    if grandchild.dep_ == "prep" and grandchild.lower_ == word:
                        yield grandchild


def _nominal_arguments(ctx: _Context, cand: _Candidate) -> None:
    noun = cand.token
    source: list[str] = []
    target: list[str] = []
    of_is_target = cand.sense.type in _OF_IS_TARGET
    for child in noun.children:
        dep = child.dep_
        if dep == "poss":
            source += _np_actors(ctx, child)
        elif dep in ("compound", "amod", "nmod") and child.i < noun.i:
            actor = _token_actor(ctx, child)
            if actor:
                source.append(actor)
        elif dep == "prep":
            word = child.lower_
            objects = [o for o in child.children if o.dep_ == "pobj"]
            for obj in objects:
                actors = _phrase_actors(ctx, obj)
                if word in ("by", "from"):
                    source += actors
                elif word == "of":
                    (target if of_is_target else source).extend(actors)
                elif word in ("with", "to", "against", "on", "toward", "towards", "between",
                              "among", "at", "into", "over", "for"):  # fmt: skip
                    target += actors
        elif dep == "acl":
            target += _phrase_actors(ctx, _child(child, "dobj"))
    if not target:
        # "protests in the suburbs against the government": the parser often hangs the
        # "against" phrase on the nearer noun.
        for prep in _phrase_preps(noun, "against"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    target += _phrase_actors(ctx, obj)
    cand.own_parties = bool(source or target)
    governor = _nominal_governor(noun)
    passive_of = None  # "sanctions were imposed by the EU", "the expulsion was ordered by X"
    if governor is None and noun.dep_ == "nsubjpass" and noun.head.pos_ == "VERB":
        verb_lemma = _lemma(noun.head)
        if verb_lemma in ctx.lexicon.light_verbs or verb_lemma in ctx.lexicon.causative_verbs:
            governor = passive_of = noun.head
    outer = _outer_noun(noun)
    if (
        governor is None
        and outer.dep_ == "pobj"
        and outer.head.lower_ in cand.sense.governed_by
        and outer.head.head.pos_ in ("VERB", "AUX")
    ):
        governor = outer.head.head  # "troops remained on alert": the preposition is the predicate's
    cand.governor = governor
    if passive_of is not None:
        if _lemma(passive_of) in ctx.lexicon.causative_verbs:
            source = _subject(ctx, passive_of) + source  # the agent ordered it
        elif not source:
            source = _subject(ctx, passive_of)  # the agent did it
        for obj in _prep_objects(passive_of, frozenset({"on", "against", "with", "to"})):
            target += _np_actors(ctx, obj)
    elif (
        governor is not None
        and not _is_passive(governor)
        and _lemma(governor) in ctx.lexicon.causative_verbs
    ):
        # "the government ordered patrols by police": the one who orders it is its source.
        source = _subject(ctx, governor) + source
    if (
        governor is not None
        and not _is_passive(governor)
        and _lemma(governor) in ctx.lexicon.recipient_verbs
    ):
        # "X faced criticism from Y", "drew fire from Y": X is on the receiving end.
        target = _subject(ctx, governor) + target
        if not source:
            for obj in _prep_objects(governor, frozenset({"from", "by"})):
                source += _phrase_actors(ctx, obj)
    elif (
        not source
        and governor is not None
        and not _is_passive(governor)
        and not _in_background(noun, _CAUSE_NOUNS)  # "X resigned after protests": X did not protest
    ):
        source = _subject(ctx, governor)
    if governor is not None and noun.dep_ == "dobj" and noun.head.i == governor.i:
        # The parser often hangs the partner on the verb: "imposed sanctions on Iran".
        for obj in _prep_objects(governor, frozenset({"to", "on", "against", "with", "toward"})):
            target += _np_actors(ctx, obj)
        for other in governor.children:  # "gave the junta an ultimatum": the recipient
            if other.dep_ in ("dobj", "dative") and other.i < noun.i and other.pos_ != "ADP":
                target += _np_actors(ctx, other)
    cand.source = _unique(source)
    cand.target = [a for a in _unique(target) if a not in cand.source]


def _unique(ids: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for i in ids:
        if i not in seen:
            seen.append(i)
    return seen


# --------------------------------------------------------------------------- modality


def _aux_words(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def _negated_here(ctx: _Context, token: Token) -> bool:
    words = ctx.modality.negation_words
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in words) for c in token.children
    )


def _present(verb: Token) -> bool:
    """A present-tense clause ("they demobilize", "demands are met"): after "until" or
    "before", a condition still to be fulfilled."""
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if tags & {"VBD", "MD"}:
        return False
    return bool(tags & {"VBP", "VBZ"}) or (verb.tag_ == "VB" and not _aux_words(verb))


def _phrasal(token: Token) -> str:
    """The lemma with its particle, if any: "rule out", "call off"."""
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    return f"{_lemma(token)} {particle}" if particle else _lemma(token)


def _clause_marks(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ == "mark"}


def _conditional_clause(ctx: _Context, token: Token, nominal: bool) -> bool:
    """A verbal trigger, not in the past tense, whose clause carries an "if" / "unless"
    condition: "the unions will strike if ...", "X could cut ties unless ..."."""
    if nominal or token.tag_ == "VBD":
        return False
    for child in token.children:
        if child.dep_ != "advcl":
            continue
        marks = _clause_marks(child)
        if marks & ctx.modality.hypothetical_marks and not marks & {"as", "even"}:
            return True
    return False


def _past(token: Token, nominal: bool) -> bool:
    """A verbal trigger told in the past ("called for a strike next week"): a future time in
    the sentence belongs to its content, not to it."""
    if nominal:
        return False
    return token.tag_ == "VBD" or bool(_aux_words(token) & {"has", "have", "had", "did"})


# Paths from a trigger to a governing verb through which that verb's meaning applies.
_HYPOTHETICAL_VIA = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "prep"})
_PLANNED_VIA = frozenset({"xcomp", "acl", "dobj", "prep", "ccomp", "pcomp"})


def _modality(ctx: _Context, cand: _Candidate, times: list[Time]) -> str:
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
            if _lemma(head) in m.speech_verbs:
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
    in_speech = any(dep == "ccomp" and _lemma(t) in m.speech_verbs for t, dep in chain)
    conditional = False
    for position, (t, via) in enumerate(chain):
        lemma = _lemma(t)
        own_clause = via in ("self", "xcomp", "conj", "acl", "dobj", "pobj", "prep", "nsubj",
                             "nsubjpass", "attr", "pcomp", "appos")  # fmt: skip
        if via == "ccomp" and lemma not in m.speech_verbs:
            own_clause = True  # "the deal will see Saudi Arabia buy ..."
        if t.pos_ in ("VERB", "AUX", "ADJ") and own_clause:
            if _negated_here(ctx, t) and (
                (position == 0 and not cand.nominal)
                or (via in ("xcomp", "conj", "acl") and not cand.nominal)
                or (cand.nominal and position == 1 and via == "dobj")
            ):
                negated = True
            aux = _aux_words(t)
            if aux & m.planned_aux:
                planned = True
            if aux & m.hypothetical_aux:
                subject = _child(t, "nsubj", "nsubjpass")
                nominal_subject = subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON")
                if aux & {"would"} and in_speech and not conditional and nominal_subject:
                    planned = True
                else:
                    hypothetical = True
            if _clause_marks(t) & m.hypothetical_marks and t.dep_ == "advcl":
                hypothetical = conditional = True
            if t.dep_ == "advcl" and _clause_marks(t) & m.pending_marks and _present(t):
                hypothetical = conditional = True  # "until their demands are met"
        if (
            (own_clause or position == 0)
            and t.dep_ in ("advcl", "ccomp")
            and _clause_marks(t) & m.hypothetical_marks
        ):
            hypothetical = conditional = True
        passive_subject = cand.nominal and position == 1 and via == "nsubjpass"
        if position > 0 and via != "conj":
            if _phrasal(t) in m.negation_governors and (
                via in ("ccomp", "xcomp")
                or (
                    via == "dobj"
                    and position > 1
                    and _lemma(chain[position - 1][0]) in _CONTENT_NOUNS
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
            lemma = _lemma(child)
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
                if _aux_words(child) & m.planned_aux:
                    planned = True
            elif child.dep_ == "det" and child.lower_ in ("no",):
                negated = True
    if _conditional_clause(ctx, token, cand.nominal):
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


# --------------------------------------------------------------------------- attachment


def _attach(
    doc: Doc,
    spans: Iterable[tuple[int, int, int]],
    owners: dict[int, _Candidate],
) -> dict[int, list[int]]:
    """For each (key, start, end) mention: the candidate (by token index) its head chain
    reaches first without leaving its clause. Returns candidate token index -> keys."""
    attached: dict[int, list[int]] = {}
    for key, start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        current = span.root
        for _ in range(8):
            if current.i in owners and not (start <= current.idx < end):
                attached.setdefault(current.i, []).append(key)
                break
            if current.dep_ in _CLAUSE_DEPS and current.i not in owners:
                break
            if current.head.i == current.i:
                break
            current = current.head
    return attached


def _in_background(token: Token, nouns: frozenset[str] = _BACKGROUND_NOUNS) -> bool:
    """A nominal trigger told as the background of another event ("after five days of
    fighting", "in response to recent unrest")."""
    current = token
    for _ in range(4):
        dep, head = current.dep_, current.head
        if dep != "pobj" or head.i == current.i:
            return False
        word = head.lower_
        if word in _BACKGROUND_PREPS:
            return True
        prep_head = head.head
        if word in ("of", "to") and _lemma(prep_head) in nouns:
            return True
        if word != "of" or prep_head.pos_ not in ("NOUN", "PROPN", "NUM"):
            return False
        current = prep_head
    return False


def _governed_by(token: Token, lemmas: frozenset[str]) -> bool:
    """The trigger is the complement of one of these words ("ready to host talks")."""
    current = token
    for _ in range(3):
        dep, head = current.dep_, current.head
        if dep not in ("xcomp", "acomp", "prep", "pcomp", "pobj") or head.i == current.i:
            return False
        if _lemma(head) in lemmas:
            return True
        current = head
    return False


def _future_or_conditional(token: Token) -> bool:
    aux = _aux_words(token)
    if token.dep_ in ("xcomp", "conj"):
        aux |= _aux_words(token.head)
    return bool(aux & {"will", "would", "wo", "'ll", "shall"})


# --------------------------------------------------------------------------- reporting


def _speaker(ctx: _Context, token: Token) -> list[str]:
    """The subject of the speech verb whose complement holds the token."""
    current = token
    for _ in range(8):
        dep, head = current.dep_, current.head
        if head.i == current.i:
            break
        if dep in ("ccomp", "parataxis") and _lemma(head) in ctx.modality.speech_verbs:
            return _subject(ctx, head)
        if dep == "ROOT":
            break
        current = head
    # "..., police said": the parser often makes the speech verb the root.
    root = token.sent.root
    if root.i != token.i and _lemma(root) in ctx.modality.speech_verbs:
        ancestors = set(t.i for t in token.ancestors)
        if root.i in ancestors:
            return _subject(ctx, root)
    return []


def _according_to(ctx: _Context, sent: Span) -> str | None:
    """ "according to X", "as reported by X" anywhere in the sentence."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            nxt = token.doc[token.i + 1]
            for obj in nxt.children:
                if obj.dep_ == "pobj":
                    actors = _phrase_actors(ctx, obj)
                    if actors:
                        return actors[0]
        if _lemma(token) == "report" and token.dep_ == "advcl":
            agent = _child(token, "agent")
            if agent is not None:
                actors = _phrase_actors(ctx, _child(agent, "pobj"))
                if actors:
                    return actors[0]
    return None


# --------------------------------------------------------------------------- main


def _confidence(cand: _Candidate, parsed_source: bool, parsed_target: bool) -> float:
    factor = 0.6
    weight = 0.5 if cand.borrowed else 1.0
    if parsed_source:
        factor += 0.25 * weight
    if parsed_target:
        factor += 0.15 * weight
    return round(min(0.99, max(0.05, cand.sense.certainty * factor)), 2)


def extract_events(
    doc: Doc,
    *,
    actors: list[Actor],
    places: list[Place],
    times: list[Time],
    quotes: list[Quote],
    sentences: list[Sentence],
    model: EventModel | None = None,
) -> list[Event]:
    """One event per mention of an interaction that fits a PLOVER type; ``model`` (the
    learned pass, ``event_model.load_model()``) types the candidates when given."""
    ctx = _context(doc, actors, places, model)
    candidates = _learned_types(ctx, _candidates(ctx))
    if not candidates:
        return []
    for cand in candidates:
        if cand.nominal:
            _nominal_arguments(ctx, cand)
        else:
            _verbal_arguments(ctx, cand)
    _absorb(candidates)
    _hostile_promises(ctx, candidates)
    for cand in candidates:
        if cand.absorbed_by is not None:
            top = _root_of(cand)
            extra = [a for a in (*cand.source, *cand.target) if a not in top.source]
            top.target = _unique([*top.target, *extra])
    events = [c for c in candidates if c.absorbed_by is None]

    # Places and times hang from the trigger or from the verb governing a nominal trigger.
    owners = {c.token.i: c for c in events}
    for c in events:
        if c.governor is not None and c.governor.i not in owners:
            owners[c.governor.i] = c
    owner_of = {i: c for i, c in owners.items()}
    place_spans = [(i, m.start, m.end) for i, p in enumerate(places) for m in p.mentions]
    time_spans = [(i, t.start, t.end) for i, t in enumerate(times)]
    place_hits = _attach(doc, place_spans, owners)
    time_hits = _attach(doc, time_spans, owners)
    place_of: dict[int, int] = {}
    time_of: dict[int, list[Time]] = {}
    for i, keys in place_hits.items():
        cand = owner_of[i]
        place_of.setdefault(id(cand), keys[0])
    for i, keys in time_hits.items():
        cand = owner_of[i]
        time_of.setdefault(id(cand), []).extend(times[k] for k in keys)

    starts = [s.start for s in sentences]
    quote_spans = sorted((q.start, q.end, q) for q in quotes)
    result: list[Event] = []
    previous: list[tuple[int, _Candidate]] = []  # (sentence, event) kept so far
    for cand in events:
        token = cand.token
        sentence = max(0, bisect_right(starts, token.idx) - 1) if starts else 0
        parsed_source, parsed_target = bool(cand.source), bool(cand.target)
        quote = next((q for s, e, q in quote_spans if s <= token.idx < e), None)
        speaker = [quote.speaker] if quote is not None and quote.speaker else _speaker(ctx, token)
        background = cand.nominal and not cand.source and not cand.target and _in_background(token)
        if background:
            speaker = []
        if cand.nominal and not cand.source and not cand.target:
            # The same kind of event just named is this one ("... will meet, following a
            # recent phone call"), even in the background.
            for sent_index, earlier in reversed(previous):
                if sent_index < sentence - 1:
                    break
                if earlier.sense.type == cand.sense.type and (earlier.source or earlier.target):
                    cand.source, cand.target = list(earlier.source), list(earlier.target)
                    cand.borrowed = True
                    break
        if not cand.source and speaker and not _names_own_agent(cand):
            cand.source = [s for s in speaker if s not in cand.target][:1] or []
            cand.borrowed = cand.borrowed or bool(cand.source)
        if not cand.source and not cand.target:
            continue
        if cand.sense.type in SYMMETRIC_TYPES and not cand.source and cand.target:
            cand.source, cand.target = cand.target[:1], cand.target[1:]
        event_times = time_of.get(id(cand), [])
        modality = _modality(ctx, cand, event_times)
        event_type, cameo = cand.sense.type or "", cand.sense.cameo
        # "they would meet X if ...", "will strike if ...": a conditional commitment is an
        # offer (AGREE, CAMEO 03) or a threat (THREATEN, CAMEO 13), which occurred.
        conditional = (
            not cand.nominal
            and modality == "hypothetical"
            and bool(cand.source)
            and _conditional_clause(ctx, token, False)
        )
        aux = _aux_words(token) if conditional else set()
        if conditional and aux & _COMMITTING_AUX and event_type in _INTENT_CAMEO:
            event_type, cameo, modality = "AGREE", _INTENT_CAMEO[event_type], "occurred"
        elif (
            conditional and aux & (_COMMITTING_AUX | _POSSIBLE_AUX) and event_type in _THREAT_CAMEO
        ):
            event_type, cameo, modality = "THREATEN", _THREAT_CAMEO[event_type], "occurred"
        elif (
            not cand.nominal
            and event_type in _INTENT_CAMEO
            and modality in ("planned", "hypothetical")
            and _governed_by(token, ctx.modality.intent_governors)
        ) or (event_type in _PROMISE_TYPES and modality == "planned" and not cand.nominal):
            # A promise of cooperation is itself the event: PLOVER AGREE (CAMEO 03).
            event_type, cameo, modality = "AGREE", _INTENT_CAMEO[event_type], "occurred"
        elif (
            event_type in _THREAT_CAMEO
            and modality != "negated"
            and _governed_by(
                cand.governor if cand.nominal and cand.governor is not None else token,
                ctx.modality.intent_governors,
            )
        ):
            event_type, cameo, modality = "THREATEN", _THREAT_CAMEO[event_type], "occurred"
        elif (
            modality == "negated"
            and event_type in _REFUSABLE_TYPES
            and not cand.nominal
            and _future_or_conditional(token)
        ):
            # "will not meet", "would not release": a refusal, which occurred.
            event_type, cameo, modality = "REJECT", "120", "occurred"
        if modality == "planned":
            # An announced act is coded in CAMEO as the intent to do it: 03x for cooperation,
            # 13x (threats) for hostile acts ("said it would close the border": 1312).
            cameo = _INTENT_CAMEO.get(event_type) or _THREAT_CAMEO.get(event_type) or cameo
        value = next((t.value for t in event_times if t.value is not None), None)
        reported_by = speaker[0] if speaker else _according_to(ctx, token.sent)
        result.append(
            Event(
                id="",
                type=event_type,
                mode=cand.sense.mode if event_type == cand.sense.type else None,
                cameo=cameo,
                modality=modality,
                trigger=Mention.of(text_of(doc), cand.start, cand.end),
                source=cand.source,
                target=cand.target,
                place=place_of.get(id(cand)),
                time=TimeValue(value.start, value.end) if value else None,
                sentence=sentence,
                reported_by=reported_by,
                confidence=_confidence(cand, parsed_source, parsed_target),
            )
        )
        previous.append((sentence, cand))
    result.sort(key=lambda e: e.trigger.start)
    for number, event in enumerate(result, start=1):
        event.id = f"e{number}"
    return result
