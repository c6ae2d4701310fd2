"""Direct, partial and indirect quotes with speaker, cue, channel and reporting source."""

from __future__ import annotations

from spacy.tokens import Doc

from newsevents.records import Actor, Quote


def extract_quotes(doc: Doc, *, actors: list[Actor]) -> list[Quote]:
    """Every quote in the article, in text order."""
    return []
