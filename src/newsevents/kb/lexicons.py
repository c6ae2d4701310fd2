"""The lexicons: every word list and recoding table the extractors read, as data files.

``load_lexicons()`` reads them once per process, from ``kb/`` only, into one frozen
``Lexicons`` object (mappings read-only, lists as tuples): the pipeline hands it to the
extractors (``pipeline.Resources``), which build their own typed views of their sections.
The files are described in ``src/newsevents/kb/README.md``; a malformed file stops the load
with ``[E050]`` naming it, a speech verb without a known use with ``[E640]``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from newsevents.errors import BadKnowledgeBase, BadSpeechVerb
from newsevents.kb import KB_DIR, read_table, safe_load

# The passes that read the speech verbs (the `uses` column of speech_verbs.tsv).
SPEECH_VERB_USES = ("quotes", "events", "actors", "audience", "places", "times")


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity
class Lexicons:
    """Every lexicon of ``kb/``, read-only."""

    events: Mapping[str, Any]  # events.yaml: trigger senses and word classes
    modality: Mapping[str, Any]  # modality.yaml: negation, hypothesis, plans
    speech: Mapping[str, Any]  # speech.yaml: attribution cues but the speech verbs
    times: Mapping[str, Any]  # times.yaml: months, weekdays, numbers, holidays
    opinion: Mapping[str, Any]  # opinion.yaml: cues of the author's voice
    speech_verbs: Mapping[str, frozenset[str]]  # speech_verbs.tsv: use -> lemmas
    cameo_roots: Mapping[str, tuple[int, float]]  # cameo.tsv: root -> (QuadClass, Goldstein)
    cameo_goldstein: Mapping[str, float]  # cameo_goldstein.tsv: code -> Goldstein
    cameo_plover: tuple[tuple[str, str], ...]  # cameo_plover.tsv: (code prefix, PLOVER type)
    cameo_verbs: tuple[tuple[str, str], ...]  # cameo_verbs.tsv: (verb lemma, CAMEO code)
    event_types: Mapping[str, str]  # event_types.tsv: PLOVER type -> default CAMEO code
    event_traits: Mapping[str, frozenset[str]]  # event_types.tsv: trait -> PLOVER types
    cameo_recode: Mapping[str, Mapping[str, str]]  # cameo_recode.tsv: intent|threat -> type -> code
    place_words: Mapping[str, frozenset[str]]  # place_words.tsv: kind -> words (case-folded)
    languages: Mapping[str, Any]  # languages.yaml: function words of English and others
    credits: Mapping[str, Any]  # credits.yaml: words of bylines and credits
    actor_words: Mapping[str, Any]  # actor_words.yaml: modifiers, titles, nouns of descriptions


def freeze(value: Any) -> Any:
    """A read-only copy of parsed YAML: mappings as read-only views, lists as tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def read_yaml(name: str, root: Path = KB_DIR) -> Any:
    """The parsed YAML file ``kb/NAME``; an unreadable or malformed file is an [E050] error."""
    path = root / name
    try:
        return safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        problem = " ".join(str(error).split())
        raise BadKnowledgeBase(name, problem=f"cannot read it: {problem}") from error


def _section(name: str) -> Mapping[str, Any]:
    data = read_yaml(name)
    if not isinstance(data, dict):
        raise BadKnowledgeBase(name, problem="expected a mapping of sections at the top level")
    frozen: Mapping[str, Any] = freeze(data)
    return frozen


def speech_verbs(rows: list[list[str]]) -> Mapping[str, frozenset[str]]:
    """use -> lemmas, from the rows (lemma, space-separated uses) of ``speech_verbs.tsv``."""
    verbs: dict[str, set[str]] = {use: set() for use in SPEECH_VERB_USES}
    for lemma, uses in rows:
        for use in uses.split():
            if use not in verbs:
                raise BadSpeechVerb(lemma, use=use, known=" ".join(SPEECH_VERB_USES))
            verbs[use].add(lemma.lower())
    return MappingProxyType({use: frozenset(lemmas) for use, lemmas in verbs.items()})


def _cameo_roots() -> Mapping[str, tuple[int, float]]:
    rows = read_table("cameo.tsv", columns=4, header="root")
    return MappingProxyType({root: (int(quad), float(g)) for root, _name, quad, g in rows})


def _cameo_recode() -> Mapping[str, Mapping[str, str]]:
    recodings: dict[str, dict[str, str]] = {"intent": {}, "threat": {}}
    for number, (recode, event_type, code) in enumerate(
        read_table("cameo_recode.tsv", columns=3, header="recode"), start=1
    ):
        if recode not in recodings or not code.isdigit():
            raise BadKnowledgeBase(
                f"cameo_recode.tsv: row {number}",
                problem=f"expected intent or threat and a CAMEO code, not {recode!r} {code!r}",
            )
        recodings[recode][event_type] = code
    return MappingProxyType({k: MappingProxyType(v) for k, v in recodings.items()})


EVENT_TRAITS = ("spoken", "symmetric", "of_target", "promise", "refusable", "evaluative")


def _event_types() -> tuple[Mapping[str, str], Mapping[str, frozenset[str]]]:
    """(PLOVER type -> default CAMEO code, trait -> types) from ``event_types.tsv``."""
    codes: dict[str, str] = {}
    traits: dict[str, set[str]] = {trait: set() for trait in EVENT_TRAITS}
    for number, (event_type, code, words) in enumerate(
        read_table("event_types.tsv", columns=3, header="type"), start=1
    ):
        codes[event_type] = code
        for trait in words.split():
            if trait == "-":
                continue
            if trait not in traits:
                raise BadKnowledgeBase(
                    f"event_types.tsv: row {number}",
                    problem=f"unknown trait {trait!r}; known: {' '.join(EVENT_TRAITS)}",
                )
            traits[trait].add(event_type)
    frozen = {trait: frozenset(types) for trait, types in traits.items()}
    return MappingProxyType(codes), MappingProxyType(frozen)


def _place_words() -> Mapping[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for word, kind in read_table("place_words.tsv", columns=2, header="word"):
        kinds.setdefault(kind, set()).add(word.casefold())
    return MappingProxyType({kind: frozenset(words) for kind, words in kinds.items()})


@functools.lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """The package's lexicons, read once per process."""
    goldstein = read_table("cameo_goldstein.tsv", columns=None, header="code")
    event_types, event_traits = _event_types()
    return Lexicons(
        events=_section("events.yaml"),
        modality=_section("modality.yaml"),
        speech=_section("speech.yaml"),
        times=_section("times.yaml"),
        opinion=_section("opinion.yaml"),
        speech_verbs=speech_verbs(read_table("speech_verbs.tsv", columns=2, header="lemma")),
        cameo_roots=_cameo_roots(),
        cameo_goldstein=MappingProxyType({row[0]: float(row[1]) for row in goldstein}),
        cameo_plover=tuple(
            (prefix, plover)
            for prefix, plover in read_table("cameo_plover.tsv", columns=2, header="prefix")
        ),
        cameo_verbs=tuple(
            (lemma, code)
            for lemma, code in read_table("cameo_verbs.tsv", columns=2, header="lemma")
        ),
        event_types=event_types,
        event_traits=event_traits,
        cameo_recode=_cameo_recode(),
        place_words=_place_words(),
        languages=_section("languages.yaml"),
        credits=_section("credits.yaml"),
        actor_words=_section("actor_words.yaml"),
    )


__all__ = [
    "EVENT_TRAITS",
    "SPEECH_VERB_USES",
    "Lexicons",
    "freeze",
    "load_lexicons",
    "read_yaml",
    "speech_verbs",
]
