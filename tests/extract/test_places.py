"""Places: hand-written sentences for homonyms, capitals, metonymy and offsets."""

from __future__ import annotations

import pytest

from newsevents.extract.places import extract_places, is_government_metonym
from newsevents.nlp import parse
from newsevents.records import Place


def places(text: str) -> dict[str, Place]:
    return {p.name: p for p in extract_places(parse(text))}


def by_country(text: str, name: str) -> Place:
    found = [p for p in extract_places(parse(text)) if p.name == name]
    assert found, (name, [p.name for p in extract_places(parse(text))])
    return found[0]


def test_mentions_are_exact_offsets() -> None:
    text = "Floods hit Portugal on Monday. Rescue teams reached Lisbon and Porto by evening."
    doc = parse(text)
    for place in extract_places(doc):
        for m in place.mentions:
            assert text[m.start : m.end] == m.text


def test_capital_description_is_a_mention() -> None:
    text = (
        "Leaders of Poland and Lithuania will meet in Warsaw next week. "
        "The talks in the Polish capital are expected to focus on energy."
    )
    warsaw = by_country(text, "Warsaw")
    assert warsaw.country == "POL"
    assert "the Polish capital" in [m.text for m in warsaw.mentions]


def test_homonyms_follow_context() -> None:
    us = "The storm moved across Texas overnight, and Paris, Texas lost power for hours."
    assert by_country(us, "Paris").country == "USA"
    fr = "Tourists returned to France this summer, and Paris hotels were full."
    assert by_country(fr, "Paris").country == "FRA"
    moscow = "Drones were shot down near Moscow on Sunday, Russian officials said."
    assert by_country(moscow, "Moscow").country == "RUS"


def test_new_york_is_the_city() -> None:
    place = by_country("The exhibition opened in New York on Friday.", "New York")
    assert place.feature == "city" and abs(place.lat - 40.7) < 1


def test_metonymic_capital_is_not_a_place() -> None:
    text = "Ottawa warned on Tuesday that tariffs would hurt both economies."
    assert "Ottawa" not in places(text)
    literal = "Heavy snow fell in Ottawa on Tuesday."
    assert "Ottawa" in places(literal)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Berlin insists on new talks.", "Berlin", True),
        ("Madrid's response was swift.", "Madrid", True),
        ("They hope to force Iran to negotiate.", "Iran", True),
        ("Ankara and Athens agreed to resume talks.", "Athens", True),
        ("Thousands marched through Berlin.", "Berlin", False),
        ("Kenya remains in a drought.", "Kenya", False),
    ],
)
def test_is_government_metonym(text: str, name: str, expected: bool) -> None:
    doc = parse(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    assert is_government_metonym(span) is expected


def test_demonyms_and_organisation_names_are_not_places() -> None:
    found = places("Swedish officials met executives of the Bank of England in Stockholm.")
    assert "Stockholm" in found
    assert "England" not in found and "Swedish" not in found


def test_exclude_spans_are_ignored() -> None:
    text = "Officials in Nairobi confirmed the plan."
    start = text.index("Nairobi")
    doc = parse(text)
    assert extract_places(doc, exclude=[(start, start + 7)]) == []
