"""Provenance: every actor, place, quote and event says what decided it (``why``)."""

from __future__ import annotations

import datetime as dt
import re

from newsevents import nlp
from newsevents.extract.actors import extract_actors
from newsevents.extract.events import extract_events, load_model
from newsevents.extract.places import extract_places
from newsevents.extract.quotes import extract_quotes
from newsevents.records import Actor, Event, Mention, Sentence

PUBLISHED = dt.date(2024, 5, 14)


def _events(text: str, actors: dict[str, str], *, learned: bool = True) -> list[Event]:
    doc = nlp.parse(text)
    records = [
        Actor(id=i, name=i, type="group", mentions=[Mention.of(text, m.start(), m.end())])
        for i, form in actors.items()
        for m in re.finditer(re.escape(form), text)
    ]
    return extract_events(
        doc,
        actors=records,
        places=[],
        times=[],
        quotes=[],
        sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents],
        model=load_model() if learned else None,
    )


def test_an_event_the_model_added_names_the_model_its_score_and_the_entry() -> None:
    # "detonate" is in no lexicon sense: only the learned pass makes it an event.
    events = _events("The rebels detonated a car bomb on Monday.", {"anon:XXX-REB": "The rebels"})
    added = [e for e in events if e.trigger.text == "detonated"]
    assert len(added) == 1, [(e.type, e.trigger.text, e.why) for e in events]
    why = added[0].why
    assert why is not None
    assert why["model"] == "add"
    assert 0.5 < float(why["score"]) <= 1.0
    assert "sense" not in why
    assert "detonate" in str(why["entry"])


def test_a_lexicon_event_names_its_sense_and_the_models_decision() -> None:
    events = _events("Peru shelled Chile.", {"gov:PER": "Peru", "gov:CHL": "Chile"})
    assert [e.type for e in events] == ["ASSAULT"]
    why = events[0].why
    assert why is not None
    assert why["sense"] == "events.yaml verbs.shell[0]"
    assert why["model"] == "keep"
    assert float(why["score"]) > 0.5


def test_a_hostile_promise_says_which_rule_recoded_it() -> None:
    text = "Peru vowed to retaliate against Chile."
    events = _events(text, {"gov:PER": "Peru", "gov:CHL": "Chile"}, learned=False)
    assert [e.type for e in events] == ["THREATEN"]
    assert events[0].why is not None
    assert events[0].why["sense"] == "events.yaml verbs.vow[0]"
    assert "hostile promise" in str(events[0].why["rule"])
    assert "model" not in events[0].why  # the rules alone decided


def test_actors_name_the_knowledge_base_or_role_entry_that_coded_them() -> None:
    text = "Ukrainian officials met President Volodymyr Zelensky in Kyiv on Tuesday."
    actors = {a.id: a for a in extract_actors(nlp.parse(text), published=PUBLISHED)}
    officials = actors["anon:UKR-GOV"].why
    assert officials == {"rule": "role noun", "entry": "roles.tsv officials (GOV)"}
    zelensky = actors["person:volodymyr-zelensky"].why
    assert zelensky is not None and zelensky["rule"] == "knowledge-base person"
    assert str(zelensky["entry"]).endswith(".yaml person:volodymyr-zelensky")


def test_a_place_names_its_gazetteer_entry() -> None:
    places = extract_places(nlp.parse("Troops shelled Kharkiv on Tuesday."))
    assert [p.name for p in places] == ["Kharkiv"]
    why = places[0].why
    assert why is not None
    assert f"geonames {places[0].geonames_id}" in str(why["entry"])
    assert str(why["entry"]).startswith("gazetteer Kharkiv (city, UKR")


def test_a_quote_names_its_construction_and_cue() -> None:
    text = '"We will not negotiate under fire," President Volodymyr Zelensky told reporters.'
    doc = nlp.parse(text)
    quotes = extract_quotes(doc, actors=extract_actors(doc, published=PUBLISHED))
    assert len(quotes) == 1
    assert quotes[0].why == {
        "rule": "quotation marks with a speech cue",
        "entry": "speech cue tell",
    }
