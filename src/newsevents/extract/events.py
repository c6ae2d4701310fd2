"""PLOVER/CAMEO events with source, target, modality, place, time and reporting source."""

from __future__ import annotations

from spacy.tokens import Doc

from newsevents.records import Actor, Event, Place, Quote, Sentence, Time


def extract_events(
    doc: Doc,
    *,
    actors: list[Actor],
    places: list[Place],
    times: list[Time],
    quotes: list[Quote],
    sentences: list[Sentence],
) -> list[Event]:
    """One event per mention of an interaction that fits a PLOVER type."""
    return []
