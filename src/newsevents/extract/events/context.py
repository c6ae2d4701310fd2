"""The lookups shared by every trigger of one document, and the trigger candidate that the
passes fill in (sense, arguments, absorption) before it becomes an Event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsevents.extract.events.lexicon import (
    Lexicon,
    Modality,
    Sense,
    modality_words,
    trigger_lexicon,
)
from newsevents.extract.events.model import EventModel
from newsevents.extract.spans import MentionIndex, actor_index
from newsevents.kb.lexicons import Lexicons, load_lexicons
from newsevents.records import (
    Actor,
    Place,
)


@dataclass
class Context:
    """Lookups shared by every trigger of one document."""

    doc: Doc
    lexicon: Lexicon
    modality: Modality
    actors: MentionIndex
    actor_types: dict[str, str]
    place_index: MentionIndex
    model: EventModel | None = None


@dataclass
class Candidate:
    token: Token
    sense: Sense
    nominal: bool
    start: int  # trigger mention offsets
    end: int
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    borrowed: bool = False  # actors came from an earlier event or the quote's speaker
    absorbed_by: Candidate | None = None
    governor: Token | None = None  # the verb a nominal trigger depends on
    own_parties: bool = False  # a nominal trigger names its own parties ("X's deal with Y")
    rules: list[str] = field(default_factory=list)  # the rules that decided it, for ``why``
    model: str | None = None  # the learned pass's decision: keep, retype, add
    score: float | None = None  # its probability
    entry: str | None = None  # the dictionary entry that made it a candidate


def make_context(
    doc: Doc,
    actors: list[Actor],
    places: list[Place],
    model: EventModel | None,
    lexicons: Lexicons | None = None,
) -> Context:
    lexicons = lexicons or load_lexicons()
    return Context(
        doc=doc,
        lexicon=trigger_lexicon(lexicons),
        modality=modality_words(lexicons),
        actors=actor_index(actors),
        actor_types={a.id: a.type for a in actors},
        place_index=MentionIndex([(str(i), p.mentions) for i, p in enumerate(places)]),
        model=model,
    )
