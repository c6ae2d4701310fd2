"""PLOVER/CAMEO events with source, target, modality, place, time and reporting source.

``extract_events`` runs the passes of this package in order, each in its own module:

- ``candidates``: one pass over the parsed tokens finds trigger candidates in the lexicon
  (``lexicon``, ``kb/events.yaml``): verbs by lemma, nouns by lemma or text. A lemma has
  senses tried in order, each with word-sense conditions on the parse ("strike" + a deal
  object is AGREE, "fire" + a person object is no event, "fire at" is ASSAULT);
- ``classification``: the learned pass (``model``, ``kb/models/events.npz``) keeps, retypes
  or drops each rule candidate and adds words of its trigger vocabulary no rule took;
- ``arguments``: source and target from the dependency parse (``parties`` turns noun
  phrases into actor ids, through ``actor_index`` only, so every id is one of the
  document's actors);
- ``absorption``: a trigger that is the content of another ("declined a direct meeting
  with X", "threatened to shell"), or the same event told twice, is not an event of its
  own; its actors go to the event that absorbs it;
- ``codes``: promises and threats recoded (a hostile act promised is THREATEN, CAMEO 13; a
  cooperative one AGREE, CAMEO 03; a refused one REJECT), CAMEO defaults and the field's
  verb dictionary;
- ``modality`` (``kb/modality.yaml``): negated > hypothetical > planned > occurred;
- ``attachment``: the place or time mention whose head chain reaches the trigger (or the
  verb governing a nominal trigger) without leaving its clause;
- ``reporting``: the speaker of the quote containing the trigger, else the subject of the
  speech verb whose complement holds it, else "according to X" / "as reported by X".

A nominal trigger with no actor of its own takes the actors of the last event of the same
type in the same or the previous sentence (news repeats the summit it just named), else the
speaker of the quote it sits in. The speaker is never lent to an event whose doer the
sentence names ("the sides agreed, an official said"), to a passive ("X was arrested,
police said") or to a nominal material event ("the fighting", "unrest"). An event told as
background ("after", "following", "in response to") takes no actors from the verb it
depends on. An event with no actor at all is dropped.

``confidence`` = the lexicon's certainty for the sense (0..1: how often that word in that
sense is the event) x an argument factor: 0.6 + 0.25 if a source came from the parse
+ 0.15 if a target did (actors borrowed from an earlier event or from the quote's speaker
count half), clipped to 0.05..0.99. So a verb with subject and object at certainty 0.85
scores 0.85, a bare noun whose actors were borrowed about half of its certainty.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from newsevents.extract.events.absorption import absorb, merge_absorbed
from newsevents.extract.events.arguments import (
    SYMMETRIC_TYPES,
    borrow_actors,
    nominal_arguments,
    verbal_arguments,
)
from newsevents.extract.events.attachment import places_and_times
from newsevents.extract.events.candidates import find_candidates
from newsevents.extract.events.classification import (
    CandidateExample,
    candidate_examples,
    learned_types,
)
from newsevents.extract.events.codes import hostile_promises, recode
from newsevents.extract.events.context import Candidate, make_context
from newsevents.extract.events.lexicon import load_lexicon, load_modality
from newsevents.extract.events.modality import modality_of
from newsevents.extract.events.model import EventModel, load_model
from newsevents.extract.events.reporting import according_to, speakers
from newsevents.kb.lexicons import Lexicons
from newsevents.nlp import text_of
from newsevents.records import (
    Actor,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
    Time,
    TimeValue,
    Why,
)

__all__ = [
    "CandidateExample",
    "EventModel",
    "candidate_examples",
    "extract_events",
    "load_lexicon",
    "load_model",
    "load_modality",
]


def _confidence(cand: Candidate, parsed_source: bool, parsed_target: bool) -> float:
    """The sense's certainty times the argument factor (see the module docstring)."""
    factor = 0.6
    weight = 0.5 if cand.borrowed else 1.0
    if parsed_source:
        factor += 0.25 * weight
    if parsed_target:
        factor += 0.15 * weight
    return round(min(0.99, max(0.05, cand.sense.certainty * factor)), 2)


def _why(cand: Candidate, recoded: str | None) -> Why:
    """What decided the event: its lexicon sense, the rules, the dictionary entry and the
    learned pass's decision with its probability."""
    why: Why = {}
    if cand.sense.key:
        why["sense"] = cand.sense.key
    rules = [*cand.rules, recoded] if recoded else cand.rules
    if rules:
        why["rule"] = "; ".join(rules)
    if cand.entry:
        why["entry"] = cand.entry
    if cand.model is not None and cand.score is not None:
        why["model"], why["score"] = cand.model, round(cand.score, 3)
    return why


def extract_events(
    doc: Doc,
    *,
    actors: list[Actor],
    places: list[Place],
    times: list[Time],
    quotes: list[Quote],
    sentences: list[Sentence],
    model: EventModel | None = None,
    lexicons: Lexicons | None = None,
) -> list[Event]:
    """One event per mention of an interaction that fits a PLOVER type; ``model`` (the
    learned pass, ``model.load_model()``) types the candidates when given; ``lexicons``
    default to the package's."""
    ctx = make_context(doc, actors, places, model, lexicons)
    candidates = learned_types(ctx, find_candidates(ctx))
    if not candidates:
        return []
    for cand in candidates:
        if cand.nominal:
            nominal_arguments(ctx, cand)
        else:
            verbal_arguments(ctx, cand)
    absorb(candidates)
    hostile_promises(ctx, candidates)
    events = merge_absorbed(candidates)
    place_of, time_of = places_and_times(doc, events, places, times)
    starts = [s.start for s in sentences]
    ordered_quotes = sorted(quotes, key=lambda q: (q.start, q.end))
    result: list[Event] = []
    previous: list[tuple[int, Candidate]] = []  # (sentence, event) kept so far
    for cand in events:
        token = cand.token
        sentence = max(0, bisect_right(starts, token.idx) - 1) if starts else 0
        parsed_source, parsed_target = bool(cand.source), bool(cand.target)
        speaker = speakers(ctx, cand, ordered_quotes)
        borrow_actors(cand, previous, sentence, speaker)
        if not cand.source and not cand.target:
            continue
        if cand.sense.type in SYMMETRIC_TYPES and not cand.source and cand.target:
            cand.source, cand.target = cand.target[:1], cand.target[1:]
        event_times = time_of.get(id(cand), [])
        event_type, cameo, modality, recoded = recode(
            ctx, cand, modality_of(ctx, cand, event_times)
        )
        value = next((t.value for t in event_times if t.value is not None), None)
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
                reported_by=speaker[0] if speaker else according_to(ctx, token.sent),
                confidence=_confidence(cand, parsed_source, parsed_target),
                why=_why(cand, recoded),
            )
        )
        previous.append((sentence, cand))
    result.sort(key=lambda e: e.trigger.start)
    for number, event in enumerate(result, start=1):
        event.id = f"e{number}"
    return result
