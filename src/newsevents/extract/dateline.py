"""Datelines, bylines and credits: the parts of an article that name its makers, not actors.

Pure functions over the article text (no parse; the words of ``kb/credits.yaml``), so the
actor, place and quote extractors can share them:

- ``dateline(text)``: "LAGOS, Nigeria —", "KYIV (Reuters) -", "RALEIGH, N.C. (AP) --" at the
  start of the text or of one of its first lines: the article's place, and the agency;
- ``credits(text)``: character ranges of bylines ("By Jane Roe"), photo credits ("Photo:
  Jane Roe/Agency", "(Photo by Jane Roe/Getty Images)"), reporting lines ("(Reporting by
  ...; Editing by ...)") and "Jane Roe contributed reporting": no name inside is an actor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsevents.kb.lexicons import Lexicons, load_lexicons

# A name word: capitalised ("Jane", "O'Neil", "McAllister", "Jean-Luc"), an initial ("J."),
# a particle inside a name ("van", "de"), or in capitals in a byline ("JANE ROE").
_WORD = r"(?:[A-Z][\w'’.-]*|(?:van|von|de|der|den|da|di|du|la|le|al|bin|el)(?=\s+[A-Z]))"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,4}}"
_NAMES = rf"{_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*){_NAME})*"
_BYLINE = re.compile(rf"(?m)^[ \t]*[Bb][Yy][ \t]+(?P<names>{_NAMES})[ \t]*(?=$|[|,·•—–-]|\n)")
# Cues are searched in the lower-cased text (fast literal scanning), names in the original.
_PHOTO_CUE = re.compile(
    r"\(?\b(?:photo(?:graph)?s?|pictures?|images?|credit|photo credit|video|foto)"
    r"(?:[ \t]+by)?[ \t]*:?[ \t]*"
)
_PHOTO_NAME = re.compile(
    rf"(?P<names>{_NAME})"
    rf"(?P<agency>[ \t]*/[ \t]*[A-Z][\w&.' -]{{0,40}}?(?=[)\n.|;]|$)"
    rf"|[ \t]+via[ \t]+[A-Z][\w ]{{0,30}}"
    rf"|(?=[ \t]*(?:\)|\||\n|$)))",
    re.MULTILINE,
)
_REPORTING_CUE = re.compile(
    r"\b(?:additional[ \t]+)?(?:reporting|writing|editing|research|compiled|graphics|produced"
    r"|translated|translation)(?:[ \t]+and[ \t]+\w+)?[ \t]+by[ \t]+"
)
_NAMES_AT = re.compile(_NAMES)
_CONTRIBUTED = re.compile(
    rf"(?m)(?:^|(?<=[.!?)][ \t])|(?<=\n))[ \t]*(?P<names>{_NAMES})[ \t]+contributed"
    rf"(?:[ \t]+(?:reporting|research|to[ \t]+this[ \t]+(?:report|story|article)))"
)
# "LAGOS, Nigeria —", "KYIV (Reuters) -", "ST. LOUIS –", "RALEIGH, N.C. (AP) --"
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<city>[A-Z][A-Z'’.-]*(?:[ \t]+[A-Z][A-Z'’.-]*){0,3})"
    r"(?:,[ \t]*(?P<region>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}))?"
    r"(?:[ \t]*\((?P<agency>[^()\n]{1,40})\))?"
    r"[ \t]*(?:—|–|--|-|:)[ \t]+(?=\S)"
)
_DATELINE_WINDOW = 400  # characters: a dateline opens the article, after a title or byline


@dataclass(frozen=True)
class Dateline:
    """ "LAGOS, Nigeria —": ``city`` "LAGOS", ``region`` "Nigeria", ``agency`` None;
    offsets are character offsets in the text (``end``: after the dash)."""

    city: str
    region: str | None
    agency: str | None
    start: int
    end: int
    city_start: int
    city_end: int
    agency_start: int = -1  # "(Reuters)", with its brackets; -1 without an agency
    agency_end: int = -1

    @property
    def place(self) -> str:
        """The place as a gazetteer would take it: "Lagos, Nigeria", "Kyiv"."""
        city = " ".join(w.capitalize() if w.isupper() else w for w in self.city.split())
        return f"{city}, {self.region}" if self.region else city


def dateline(text: str, *, is_place: Callable[[str], bool] | None = None) -> Dateline | None:
    """The dateline that opens the article (its first lines), if any. ``is_place`` (a
    gazetteer test) rejects a capitalised heading that is no place ("BREAKING NEWS -")."""
    for m in _DATELINE.finditer(text[:_DATELINE_WINDOW]):
        before = text[: m.start()]
        if before.strip() and before.count("\n") > 4:
            break
        city = m.group("city")
        if not any(ch.isalpha() for ch in city) or len(city.replace(".", "")) < 2:
            continue
        if not city.isupper():
            continue
        candidate = Dateline(
            city=city,
            region=m.group("region"),
            agency=m.group("agency"),
            start=m.start("city"),
            end=m.end(),
            city_start=m.start("city"),
            city_end=m.end("city"),
            agency_start=m.start("agency") - 1 if m.group("agency") else -1,
            agency_end=m.end("agency") + 1 if m.group("agency") else -1,
        )
        if is_place is not None and not is_place(candidate.place):
            continue
        return candidate
    return None


def credits(text: str, *, lexicons: Lexicons | None = None) -> list[tuple[int, int]]:
    """Character ranges of the names in bylines, photo credits and reporting lines (with the
    agency of a credit: "Jane Roe/Reuters"), in text order, not overlapping. ``lexicons``
    (the words of ``kb/credits.yaml``) default to the package's own."""
    not_names = (lexicons or load_lexicons()).credits["not_byline_names"]
    spans: list[tuple[int, int]] = []
    for m in _BYLINE.finditer(text):
        names = m.group("names")
        if names.split()[0].rstrip(",") in not_names:
            continue
        spans.append((m.start(), m.end("names")))
    low = text.lower()
    if len(low) == len(text):  # else offsets would shift: no cue is searched
        for m in _PHOTO_CUE.finditer(low):
            name = _PHOTO_NAME.match(text, m.end())
            if name is not None:
                spans.append((m.start(), name.end()))
        for m in _REPORTING_CUE.finditer(low):
            name = _NAMES_AT.match(text, m.end())
            if name is not None:
                spans.append((m.start(), name.end()))
    if "contributed" in text:
        for m in _CONTRIBUTED.finditer(text):
            spans.append((m.start("names"), m.end()))
    found = dateline(text)
    if found is not None and found.agency:
        spans.append((found.agency_start, found.agency_end))  # "(Reuters)" of the dateline
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


__all__ = ["Dateline", "credits", "dateline"]
