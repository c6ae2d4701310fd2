"""The trigger lexicon (``kb/events.yaml``) and the modality words (``kb/modality.yaml``
and the "events" speech verbs of ``kb/speech_verbs.tsv``), built once from the lexicons of
``kb.lexicons`` and validated: a bad entry raises BadKnowledgeBase naming it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.errors import BadKnowledgeBase
from newsevents.kb import safe_load
from newsevents.kb.lexicons import Lexicons, load_lexicons
from newsevents.records import (
    PLOVER_TYPES,
)

VERB_CERTAINTY = 0.85

NOUN_CERTAINTY = 0.75


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
    key: str = ""  # where it is in the lexicon: "events.yaml verbs.meet[0]"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    classes: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    causative_verbs: frozenset[str] = frozenset()
    recipient_verbs: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    group_heads: frozenset[str] = frozenset()
    container_nouns: frozenset[str] = frozenset()
    instrument_nouns: frozenset[str] = frozenset()
    background_nouns: frozenset[str] = frozenset()
    cause_nouns: frozenset[str] = frozenset()
    giving_promises: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Modality:
    negation_words: frozenset[str]
    negation_governors: frozenset[str]
    negation_content_nouns: frozenset[str]
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


def _words(value: Any, where: str, path: Path | str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise BadKnowledgeBase(str(path), problem=f"{where}: expected a list of words")
    return frozenset(v.lower() for v in value)


def _sense(raw: Any, where: str, path: Path | str, default_certainty: float) -> Sense:
    if not isinstance(raw, Mapping):
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
        key=f"{Path(path).name} {where}",
    )


def _voice(value: Any, where: str, path: Path | str) -> str | None:
    if value not in (None, "active", "passive"):
        raise BadKnowledgeBase(str(path), problem=f"{where}: voice must be active or passive")
    return value


def _senses(
    section: Any, name: str, path: Path | str, certainty: float
) -> dict[str, tuple[Sense, ...]]:
    if not isinstance(section, Mapping):
        raise BadKnowledgeBase(str(path), problem=f"{name}: expected a mapping lemma -> senses")
    table = {}
    for lemma, senses in section.items():
        if not isinstance(senses, Sequence) or isinstance(senses, str) or not senses:
            raise BadKnowledgeBase(str(path), problem=f"{name}.{lemma}: expected a list of senses")
        table[str(lemma).lower()] = tuple(
            _sense(s, f"{name}.{lemma}[{i}]", path, certainty) for i, s in enumerate(senses)
        )
    return table


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The trigger lexicon of an events.yaml file (default: the package's), validated; a bad
    entry raises BadKnowledgeBase naming it."""
    if path is None:
        return trigger_lexicon(load_lexicons())
    return _lexicon(safe_load(path.read_text(encoding="utf-8")), path)


@lru_cache(maxsize=4)
def trigger_lexicon(lexicons: Lexicons) -> Lexicon:
    """The trigger lexicon of ``lexicons`` (``events.yaml``), built once."""
    return _lexicon(lexicons.events, "events.yaml")


def _lexicon(data: Any, path: Path | str) -> Lexicon:
    if not isinstance(data, Mapping):
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
        event_heads=_words(data.get("event_heads"), "event_heads", path),
        group_heads=_words(data.get("group_heads"), "group_heads", path),
        container_nouns=_words(data.get("container_nouns"), "container_nouns", path),
        instrument_nouns=_words(data.get("instrument_nouns"), "instrument_nouns", path),
        background_nouns=_words(data.get("background_nouns"), "background_nouns", path),
        cause_nouns=_words(data.get("cause_nouns"), "cause_nouns", path),
        giving_promises=_words(data.get("giving_promises"), "giving_promises", path),
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


def load_modality(path: Path | None = None) -> Modality:
    """The modality words of a modality.yaml file (default: the package's)."""
    if path is None:
        return modality_words(load_lexicons())
    verbs = load_lexicons().speech_verbs["events"]
    return _modality(safe_load(path.read_text(encoding="utf-8")), verbs, path)


@lru_cache(maxsize=4)
def modality_words(lexicons: Lexicons) -> Modality:
    """The modality words of ``lexicons`` (``modality.yaml``, speech verbs), built once."""
    return _modality(lexicons.modality, lexicons.speech_verbs["events"], "modality.yaml")


def _modality(data: Any, speech_verbs: frozenset[str], path: Path | str) -> Modality:

    def get(section: str, key: str) -> frozenset[str]:
        return _words((data.get(section) or {}).get(key), f"{section}.{key}", path)

    return Modality(
        negation_words=get("negated", "words"),
        negation_governors=get("negated", "governors"),
        negation_content_nouns=get("negated", "content_nouns"),
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
        speech_verbs=speech_verbs,
        intent_governors=get("intent", "governors"),
        obligation_aux=get("obligation", "auxiliaries"),
    )
