"""Datelines, bylines and credits (invented texts)."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from newsevents.extract.dateline import credits, dateline
from newsevents.kb.lexicons import load_lexicons


def _credited(text: str) -> list[str]:
    return [text[a:b] for a, b in credits(text)]


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("LAGOS, Nigeria — Police arrested three men.", "Lagos, Nigeria", None),
        ("KYIV (Reuters) - Officials said the talks failed.", "Kyiv", "Reuters"),
        ("RALEIGH, N.C. (AP) -- A new report shows costs rose.", "Raleigh, N.C.", "AP"),
        ("ST. LOUIS – The city council met.", "St. Louis", None),
        ("By Jane Roe\nNAIROBI, Kenya — Rains fell.", "Nairobi, Kenya", None),
    ],
)
def test_a_dateline_gives_the_place_and_agency(text: str, place: str, agency: str | None) -> None:
    found = dateline(text)
    assert found is not None and (found.place, found.agency) == (place, agency)
    assert text[found.city_start : found.city_end] == found.city


def test_no_dateline_in_prose_or_a_heading_that_is_no_place() -> None:
    assert dateline("The minister said - in Lagos - that talks failed.") is None
    assert dateline("Police in Lagos - the largest city - arrested men.") is None
    heading = "BREAKING NEWS — The minister resigned."
    assert dateline(heading) is not None  # shaped like one ...
    assert dateline(heading, is_place=lambda name: name != "Breaking News") is None  # ... no place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Roe\nThe minister spoke.", ["By Jane Roe"]),
        ("By JANE ROE and Tom Li | Lagos\nText.", ["By JANE ROE and Tom Li"]),
        ("Text. Photo: Jane Roe/Agency", ["Photo: Jane Roe/Agency"]),
        (
            "(Photo by Jane Roe/Example Images) The rally grew.",
            ["(Photo by Jane Roe/Example Images"],
        ),
        (
            "Talks failed. (Reporting by Jane Roe; Editing by Tom Li and Ann Poe)",
            ["Reporting by Jane Roe", "Editing by Tom Li and Ann Poe"],
        ),
        ("Talks failed.\nJane Roe contributed reporting.", ["Jane Roe contributed reporting"]),
    ],
)
def test_credits_cover_the_names_of_the_makers(text: str, expected: list[str]) -> None:
    assert _credited(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "By the time the vote began, the minister had left.",
        "By 2015, the market was in a slide.",
        "The man was shot by John Smith on Monday.",
        "Photo: Apocalypse Band. The band was due to play.",
    ],
)
def test_prose_with_by_or_photo_is_no_credit(text: str) -> None:
    assert credits(text) == []


def test_the_words_that_are_no_byline_come_from_the_lexicons_passed_in() -> None:
    text = "By Midnight, the streets were empty."
    assert credits(text) == []
    lexicons = load_lexicons()
    without = dataclasses.replace(
        lexicons, credits=MappingProxyType({"not_byline_names": frozenset()})
    )
    assert credits(text, lexicons=without) == [(0, len("By Midnight"))]
