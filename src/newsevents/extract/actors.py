"""Actor mentions in a parsed article, resolved to canonical actors (see resolve.py)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from newsevents.records import Actor


def extract_actors(doc: Doc, *, published: date | None) -> list[Actor]:
    """Every actor named or described in the article, each with all its mentions."""
    return []
