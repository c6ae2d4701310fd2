"""Must-contain checks on the bundled sample (published 2025-10-17)."""

from __future__ import annotations

from newsevents.records import Document


def test_budapest_is_geocoded(sample_document: Document) -> None:
    places = {p.name: p for p in sample_document.places}
    budapest = places["Budapest"]
    assert budapest.country == "HUN" and budapest.feature == "city"
    assert abs(budapest.lat - 47.5) < 0.2 and abs(budapest.lon - 19.0) < 0.2
    assert "the Hungarian capital" in {m.text for m in budapest.mentions}
    assert {"Hungary", "Alaska", "Moscow", "Ukraine"} <= set(places)
    assert places["Alaska"].country == "USA" and places["Moscow"].country == "RUS"


def test_kyiv_as_government_is_not_a_place(sample_document: Document) -> None:
    text = sample_document.article.text
    pushes = text.index("Kyiv pushes")
    for place in sample_document.places:
        assert all(m.start != pushes for m in place.mentions)


def test_times_resolve_against_the_publication_date(sample_document: Document) -> None:
    times = {t.text: t.value for t in sample_document.times}
    expected = {
        "next week": ("2025-10-20", "2025-10-26"),
        "within the next two weeks": ("2025-10-17", "2025-10-31"),
        "last week": ("2025-10-06", "2025-10-12"),
    }
    for text, (start, end) in expected.items():
        value = times[text]
        assert value is not None and (value.start, value.end) == (start, end), text


def test_opinion_sentences(sample_document: Document) -> None:
    text = sample_document.article.text

    def kind(opening: str) -> str:
        (found,) = [s.kind for s in sample_document.sentences if text.startswith(opening, s.start)]
        return found

    assert kind("Yet, one must wonder if Hungary") == "opinion"
    assert kind("Kyiv’s frustration is palpable") == "opinion"
    assert kind("This uncertainty only fuels the urgency") == "report"
    assert kind("Preparations are already in motion") == "attributed"  # Trump announcing that
