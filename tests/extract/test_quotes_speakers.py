"""Who speaks: unnamed and plural sources, alternating speakers, name variants, and groups
that stay apart; through the whole pipeline (actors, then quotes) on invented articles."""

from __future__ import annotations

import pytest

from newsevents.pipeline import extract_document
from newsevents.records import Actor, Article, Document, Quote


def document(text: str) -> Document:
    return extract_document(Article(id="t", text=text, published="2024-05-01"))


def speaker(doc: Document, quote_words: str) -> Actor | None:
    """The speaker actor of the one quote containing ``quote_words``."""
    (quote,) = [q for q in doc.quotes if quote_words in q.text]
    by_id = {a.id: a for a in doc.actors}
    return by_id.get(quote.speaker) if quote.speaker else None


def quote_with(doc: Document, quote_words: str) -> Quote:
    (quote,) = [q for q in doc.quotes if quote_words in q.text]
    return quote


@pytest.mark.parametrize(
    ("text", "words", "country", "sector"),
    [
        ("Iranian officials said the talks would resume in June.", "talks", "IRN", "GOV"),
        ("A senior U.S. diplomat said the embargo would stay.", "embargo", "USA", "GOV"),
        ("Officials said the bridge over the river would reopen.", "bridge", None, "GOV"),
        ("Witnesses said the shelling lasted for hours.", "shelling", None, "CVL"),
    ],
)
def test_an_unnamed_source_is_a_group_coded_from_its_description(
    text: str, words: str, country: str | None, sector: str
) -> None:
    actor = speaker(document(text), words)
    assert actor is not None
    assert actor.type == "group"
    assert (actor.country, actor.sector) == (country, sector)


def test_police_said_makes_a_police_group_speaker() -> None:
    doc = document("Two men were arrested near the harbour on Friday. Police said both were armed.")
    actor = speaker(doc, "armed")
    assert actor is not None and actor.type == "group" and actor.sector == "COP"


def test_a_source_noun_without_a_sector_is_still_a_named_group() -> None:
    doc = document("Security analysts said the convoy would need air cover.")
    actor = speaker(doc, "convoy")
    assert actor is not None
    assert actor.type == "group" and actor.name == "Security analysts"
    assert actor.sector is None


def test_according_to_an_unnamed_source() -> None:
    doc = document("The ferry sank within minutes, according to Greek coastguard officials.")
    actor = speaker(doc, "ferry")
    assert actor is not None and (actor.country, actor.sector) == ("GRC", "GOV")


def test_a_thing_that_says_is_not_a_group_of_people() -> None:
    doc = document("Reports said the dam had cracked after the storm.")
    assert not [a for a in doc.actors if a.name.lower() == "reports"]


def test_one_of_a_group_speaks_for_the_group() -> None:
    doc = document(
        'Russian diplomats met the envoys in Geneva. "We are ready to sign," one of them said.'
    )
    actor = speaker(doc, "ready")
    assert actor is not None and (actor.country, actor.sector) == ("RUS", "GOV")


def test_alternating_quotes_keep_two_people_apart() -> None:
    doc = document(
        "Nadia Okonkwo sat across from Peter Lindqvist at the hearing.\n\n"
        '"The budget is wrong," Okonkwo said.\n\n'
        '"It is balanced," Lindqvist replied.\n\n'
        '"Not for the schools," she said.\n\n'
        '"The schools get more than last year," he said.'
    )
    names = [
        (speaker(doc, words) or Actor(id="", name="", type="")).name
        for words in ("budget", "balanced", "Not for", "more than")
    ]
    assert names == ["Nadia Okonkwo", "Peter Lindqvist", "Nadia Okonkwo", "Peter Lindqvist"]


def test_name_variants_join_the_full_name() -> None:
    doc = document(
        "Leila Rahman, a council member, opened the meeting on Tuesday. "
        '"We have waited too long," Ms Rahman said. '
        "Rahman said the vote would be held in July."
    )
    first, second = speaker(doc, "waited"), speaker(doc, "vote")
    assert first is not None and second is not None
    assert first.id == second.id and first.name == "Leila Rahman"
    assert len([a for a in doc.actors if "Rahman" in a.name]) == 1


def test_different_unnamed_crowds_in_different_sentences_stay_apart() -> None:
    doc = document(
        "Three people were injured when a wall collapsed in the market. "
        "On Sunday thousands of demonstrators marched to the ministry. "
        "The demonstrators said they wanted the market rebuilt."
    )
    marchers = speaker(doc, "rebuilt")
    assert marchers is not None and marchers.type == "group"
    injured = [a for a in doc.actors if any(m.text == "Three people" for m in a.mentions)]
    assert injured and injured[0].id != marchers.id
    assert not any(m.text == "Three people" for m in marchers.mentions)


def test_an_unnamed_source_inside_a_named_body_is_the_body() -> None:
    doc = document("The Kenyan army spokesman said the road was open again.")
    quote = quote_with(doc, "road")
    actor = speaker(doc, "road")
    assert quote.speaker_mention is not None
    assert actor is None or actor.name.lower() != "spokesman"


def test_the_speaker_ranker_finds_a_speaker_the_parse_left_as_an_object() -> None:
    doc = document(
        "The convention closed on Thursday.\n\n"
        '"We have had better years than this one," added a delegate from Ohio.'
    )
    quote = quote_with(doc, "better years")
    assert quote.speaker_mention is not None
    assert "delegate" in quote.speaker_mention.text


def test_it_is_said_stays_without_a_speaker_or_a_quote() -> None:
    doc = document("It is said that the old bridge will close in the spring.")
    assert all(q.speaker is None for q in doc.quotes if "bridge" in q.text)
