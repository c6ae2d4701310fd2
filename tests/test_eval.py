"""The scorer: each rule of gold-format.md on hand-built documents and invented gold."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from newsevents import eval as ev
from newsevents.errors import ExtractionFailed, FileNotFound, NewsEventsError
from newsevents.records import (
    Actor,
    Article,
    Document,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
    Time,
    TimeValue,
)

DATA = Path(__file__).parent / "data" / "eval"
TEXT = (
    "Freedonian President Rufus Firefly met Sylvanian envoy Trentino in Fredonia City on "
    'Tuesday. "We made great progress," Firefly said. A Sylvanian official said talks '
    "would go on next week."
)


def doc(**records: Any) -> Document:
    return Document(article=Article(id="t", text=TEXT, published="2030-03-08"), **records)


def at(text: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Mention.of(TEXT, start, start + len(text))


def counts(score: ev.Measure) -> tuple[int, ...]:
    if isinstance(score, ev.Score):
        return (score.tp, score.fp, score.fn)
    return (score.correct, score.total)


FIREFLY = Actor(
    "person:rufus-firefly", "Rufus Firefly", "person", "FRE", "GOV", mentions=[at("Firefly")]
)
SYL_GOV = Actor("anon:SYL-GOV", "Sylvanian official", "group", "SYL", "GOV")
GOLD_FIREFLY = {"name": "Rufus Firefly", "alt": ["Firefly"], "country": "FRE", "sector": "GOV"}
GOLD_SYL = {"name": "SYL-GOV", "alt": ["Sylvania"], "country": "SYL", "sector": "GOV"}


# ------------------------------------------------------------------ names and matching


def test_names_ignore_case_and_accents_and_punctuation_is_a_space() -> None:
    assert ev.normalize("Viktor Orbán") == ev.normalize("VIKTOR ORBAN")
    assert ev.normalize("al-Assad") == ev.normalize("al Assad") == "al assad"
    assert ev.normalize("anti-war") == ev.normalize("anti - war")
    assert ev.normalize("Firefly") != ev.normalize("Fireflies")


def test_punctuation_separates_words_and_a_leading_the_stays() -> None:
    # the old matcher dropped punctuation and spaces ("U.S." = "US") and a leading "the"
    assert ev.normalize("U.S.") == "u s" != ev.normalize("US")
    assert ev.normalize("the Kremlin") != ev.normalize("Kremlin")
    assert ev.normalize("Firefly_Rufus") == ev.normalize("Firefly Rufus")


def test_score_arithmetic() -> None:
    score = ev.Score(tp=2, fp=2, fn=0)
    assert (score.precision, score.recall) == (0.5, 1.0)
    assert score.f1 == pytest.approx(2 / 3)
    assert ev.Score().f1 == 0.0


# ------------------------------------------------------------------ actors


def test_actor_found_by_alt_and_coded_by_country_and_sector() -> None:
    surname_only = Actor("person:x", "Firefly", "person", "FRE", "MIL")
    measures = ev.score_actors(doc(actors=[surname_only]), {"actors": [GOLD_FIREFLY]})
    assert counts(measures["actors found"]) == (1, 0, 0)
    assert counts(measures["actors coded"]) == (0, 1, 1)


def test_group_key_matches_an_unnamed_actor_with_that_country_and_sector() -> None:
    gold = {"actors": [{**GOLD_SYL, "alt": []}]}
    for actor in (
        SYL_GOV,
        Actor("gov:SYL", "Government of Sylvania", "government", "SYL", "GOV"),
        Actor("country:SYL", "Sylvania", "country", "SYL", "GOV"),
    ):
        assert counts(ev.score_actors(doc(actors=[actor]), gold)["actors coded"]) == (1, 0, 0)
    wrong_sector = Actor("anon:SYL-MIL", "Sylvanian soldiers", "group", "SYL", "MIL")
    assert counts(ev.score_actors(doc(actors=[wrong_sector]), gold)["actors found"]) == (0, 1, 1)


def test_group_key_does_not_match_a_named_person() -> None:
    minister = Actor("person:trentino", "Trentino", "person", "SYL", "GOV")
    gold = {"actors": [{**GOLD_SYL, "alt": []}]}
    assert counts(ev.score_actors(doc(actors=[minister]), gold)["actors found"]) == (0, 1, 1)


def test_group_key_in_alt_matches_too() -> None:
    gold = {
        "actors": [{"name": "Sylvanian", "alt": ["SYL-GOV"], "country": "SYL", "sector": "GOV"}]
    }
    assert counts(ev.score_actors(doc(actors=[SYL_GOV]), gold)["actors found"]) == (1, 0, 0)


def test_sector_alternatives_and_null_country() -> None:
    gold = {
        "actors": [
            {"name": "Rufus Firefly", "country": "FRE", "sector": ["PTY", "GOV"]},
            {"name": "analysts", "country": None, "sector": None},
        ]
    }
    analysts = Actor("group:analysts", "analysts", "group", None, None)
    measures = ev.score_actors(doc(actors=[FIREFLY, analysts]), gold)
    assert counts(measures["actors coded"]) == (2, 0, 0)
    coded_country = Actor("group:analysts", "analysts", "group", "FRE", None)
    assert counts(ev.score_actors(doc(actors=[coded_country]), gold)["actors coded"]) == (0, 1, 2)


def test_a_second_actor_matching_the_same_gold_actor_is_a_false_positive() -> None:
    twin = Actor("person:firefly", "Firefly", "person", "FRE", "GOV")
    measures = ev.score_actors(doc(actors=[FIREFLY, twin]), {"actors": [GOLD_FIREFLY]})
    assert counts(measures["actors found"]) == (1, 1, 0)


# ------------------------------------------------------------------ places


def fredonia(country: str | None = "FRE", lat: float = 10.0, lon: float = 20.0) -> Place:
    return Place("Fredonia City", country, lat, lon, "city", None, [at("Fredonia City")])


def test_place_by_name_and_country() -> None:
    gold = {"places": [{"name": "Fredonia City", "country": "FRE"}]}
    assert counts(ev.score_places(doc(places=[fredonia()]), gold)["places name+country"]) == (
        1,
        0,
        0,
    )
    wrong = doc(places=[fredonia(country="SYL")])
    assert counts(ev.score_places(wrong, gold)["places name+country"]) == (0, 1, 1)
    no_country = {"places": [{"name": "Fredonia City"}]}  # absent: name only
    assert counts(ev.score_places(wrong, no_country)["places name+country"]) == (1, 0, 0)


def test_place_geo_at_161_km() -> None:
    span = at("Fredonia City")
    gold = {
        "places": [
            {"name": "Fredonia City", "lat": 10.0, "lon": 21.0, "spans": [[span.start, span.end]]}
        ]
    }
    near = ev.score_places(doc(places=[fredonia(lat=10.0, lon=20.0)]), gold)
    assert counts(near["places name+country"]) == (1, 0, 0)
    assert counts(near["places geo@161km"]) == (1, 1)  # about 110 km
    far = ev.score_places(doc(places=[fredonia(lat=10.0, lon=23.0)]), gold)
    assert counts(far["places geo@161km"]) == (0, 1)  # about 219 km


def test_haversine() -> None:
    assert ev.haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert ev.haversine_km(47.4979, 19.0402, 47.4979, 19.0402) == 0


def test_optional_place_earns_and_costs_nothing() -> None:
    gold = {"places": [{"name": "Fredonia City", "optional": True}]}
    assert counts(ev.score_places(doc(places=[fredonia()]), gold)["places name+country"]) == (
        0,
        0,
        0,
    )
    assert counts(ev.score_places(doc(), gold)["places name+country"]) == (0, 0, 0)


# ------------------------------------------------------------------ times


def tuesday(start: str = "2030-03-05", end: str = "2030-03-05") -> Time:
    m = at("on Tuesday")
    return Time(m.text, m.start, m.end, TimeValue(start, end), "day")


def test_time_overlap_and_resolved_with_gold_span() -> None:
    m = at("Tuesday")
    gold = {
        "times": [
            {
                "text": "Tuesday",
                "span": [m.start, m.end],
                "start": "2030-03-05",
                "end": "2030-03-05",
            }
        ]
    }
    right = ev.score_times(doc(times=[tuesday()]), gold)
    assert counts(right["times overlap"]) == (1, 0, 0)
    assert counts(right["times resolved"]) == (1, 0, 0)
    wrong = ev.score_times(doc(times=[tuesday(start="2030-03-12", end="2030-03-12")]), gold)
    assert counts(wrong["times overlap"]) == (1, 0, 0)
    assert counts(wrong["times resolved"]) == (0, 1, 1)


def test_time_with_only_text_is_located_in_the_article() -> None:
    gold = {"times": [{"text": "next week", "start": "2030-03-11", "end": "2030-03-17"}]}
    m = at("next week")
    predicted = Time(m.text, m.start, m.end, TimeValue("2030-03-11", "2030-03-17"), "week")
    assert counts(ev.score_times(doc(times=[predicted]), gold)["times resolved"]) == (1, 0, 0)
    elsewhere = tuesday()
    assert counts(ev.score_times(doc(times=[elsewhere]), gold)["times overlap"]) == (0, 1, 1)


def test_optional_time_and_a_second_prediction_on_the_same_span() -> None:
    m = at("on Tuesday")
    gold = {"times": [{"text": "on Tuesday", "span": [m.start, m.end], "optional": True}]}
    assert counts(ev.score_times(doc(times=[tuesday()]), gold)["times overlap"]) == (0, 0, 0)
    required = {
        "times": [
            {
                "text": "on Tuesday",
                "span": [m.start, m.end],
                "start": "2030-03-05",
                "end": "2030-03-05",
            }
        ]
    }
    assert counts(ev.score_times(doc(times=[tuesday(), tuesday()]), required)["times overlap"]) == (
        1,
        1,
        0,
    )


# ------------------------------------------------------------------ quotes


def quote(text: str, speaker: str | None = None, speaker_mention: Mention | None = None) -> Quote:
    m = at(text)
    return Quote("q", m.text, m.start, m.end, "direct", speaker, speaker_mention)


def test_quote_half_token_overlap_both_ways() -> None:
    gold = {"text": "We made great progress,"}
    assert ev.quote_overlap(quote("great progress"), gold)  # 2/4 and 2/2
    assert not ev.quote_overlap(quote("made"), gold)  # 1/4 of the gold
    long_prediction = quote('"We made great progress," Firefly said. A Sylvanian official said')
    assert not ev.quote_overlap(long_prediction, gold)  # 4 of 9 distinct predicted words


def test_quote_words_are_compared_as_text_not_by_offsets() -> None:
    m = at("talks would go on next week")
    gold = {"text": m.text, "start": m.start, "end": m.end}
    # gold offsets are not used: the same words at other offsets are inside the gold quote
    other = Quote("q", m.text, 0, len(m.text), "indirect")
    assert ev.quote_overlap(other, gold)


def test_quote_words_are_distinct_normalised_words() -> None:
    # "no" four times is one word: 2 of 2 gold words (the old multiset test: 2 of 5)
    no_deal = Quote("q", "no deal", 0, 7, "direct")
    assert ev.quote_overlap(no_deal, {"text": "No, no, no, no deal"})
    # accents stripped and hyphens split, as names are
    assert ev.quote_overlap(quote("Sylvanian official"), {"text": "the Sylvánian-official"})


def test_quote_attributed_by_speaker_name() -> None:
    gold = {
        "actors": [GOLD_FIREFLY],
        "quotes": [{"text": "We made great progress,", "speaker": "Rufus Firefly"}],
    }
    right = doc(actors=[FIREFLY], quotes=[quote("We made great progress,", FIREFLY.id)])
    measures = ev.score_quotes(right, gold)
    assert counts(measures["quotes span"]) == (1, 0, 0)
    assert counts(measures["quotes attributed"]) == (1, 0, 0)
    unattributed = doc(actors=[FIREFLY], quotes=[quote("We made great progress,")])
    assert counts(ev.score_quotes(unattributed, gold)["quotes attributed"]) == (0, 1, 1)


def test_quote_attributed_by_group_key_speaker() -> None:
    gold = {
        "actors": [GOLD_SYL],
        "quotes": [{"text": "talks would go on next week", "speaker": "SYL-GOV"}],
    }
    document = doc(actors=[SYL_GOV], quotes=[quote("talks would go on next week", SYL_GOV.id)])
    assert counts(ev.score_quotes(document, gold)["quotes attributed"]) == (1, 0, 0)


def test_quote_attributed_by_speaker_span() -> None:
    official = at("A Sylvanian official")
    gold = {
        "quotes": [
            {
                "text": "talks would go on next week",
                "speaker_span": [official.start + 2, official.end],
            }
        ]
    }
    by_mention = quote("talks would go on next week", None, official)
    assert counts(ev.score_quotes(doc(quotes=[by_mention]), gold)["quotes attributed"]) == (
        1,
        0,
        0,
    )
    speaker = Actor(
        "anon:SYL-GOV", "Sylvanian official", "person", "SYL", "GOV", mentions=[official]
    )
    by_actor = quote("talks would go on next week", speaker.id, None)
    document = doc(actors=[speaker], quotes=[by_actor])
    assert counts(ev.score_quotes(document, gold)["quotes attributed"]) == (1, 0, 0)
    wrong = quote("talks would go on next week", None, at("Firefly", 1))
    assert counts(ev.score_quotes(doc(quotes=[wrong]), gold)["quotes attributed"]) == (0, 1, 1)


def test_each_gold_quote_matches_once_and_optional_quotes_are_free() -> None:
    gold = {
        "quotes": [
            {"text": "We made great progress,", "speaker": "Rufus Firefly"},
            {"text": "talks would go on next week", "speaker": "SYL-GOV", "optional": True},
        ]
    }
    document = doc(
        quotes=[
            quote("We made great progress,"),
            quote("great progress"),
            quote("talks would go on next week"),
        ]
    )
    assert counts(ev.score_quotes(document, gold)["quotes span"]) == (1, 1, 0)


# ------------------------------------------------------------------ events


SENTENCES = [Sentence(0, TEXT.index(' "We')), Sentence(TEXT.index('"We'), len(TEXT))]
GOLD_EVENT = {
    "type": "CONSULT",
    "modality": ["occurred", "planned"],
    "actors": ["Rufus Firefly", "SYL-GOV"],
    "place": "Fredonia City",
    "evidence": "met Sylvanian envoy Trentino in Fredonia City",
}


def event(
    type_: str = "CONSULT",
    *,
    modality: str = "occurred",
    source: list[str] | None = None,
    target: list[str] | None = None,
    place: int | None = 0,
    sentence: int = 0,
    trigger: str = "met",
) -> Event:
    return Event(
        "e", type_, None, "04", modality, at(trigger),
        source=[FIREFLY.id] if source is None else source,
        target=[] if target is None else target,
        place=place, sentence=sentence,
    )  # fmt: skip


def event_doc(*events: Event) -> Document:
    return doc(
        actors=[FIREFLY, SYL_GOV], places=[fredonia()], sentences=SENTENCES, events=list(events)
    )


def event_gold(**change: Any) -> dict[str, Any]:
    return {
        "actors": [GOLD_FIREFLY, GOLD_SYL],
        "places": [{"name": "Fredonia City", "country": "FRE"}],
        "events": [{**GOLD_EVENT, **change}],
    }


def test_event_typed_and_full() -> None:
    measures = ev.score_events(event_doc(event()), event_gold())
    assert counts(measures["events typed"]) == (1, 0, 0)
    assert counts(measures["events full"]) == (1, 0, 0)


def test_event_needs_the_evidence_sentence_the_type_and_a_shared_actor() -> None:
    elsewhere = event(sentence=1, trigger="said")
    assert counts(ev.score_events(event_doc(elsewhere), event_gold())["events typed"]) == (0, 1, 1)
    wrong_type = event("ASSAULT")
    assert counts(ev.score_events(event_doc(wrong_type), event_gold())["events typed"]) == (0, 1, 1)
    no_shared = event(source=[], target=[])
    assert counts(ev.score_events(event_doc(no_shared), event_gold())["events typed"]) == (0, 1, 1)
    by_group_key = event(source=[SYL_GOV.id])
    assert counts(ev.score_events(event_doc(by_group_key), event_gold())["events typed"]) == (
        1,
        0,
        0,
    )


def test_event_with_no_actors_on_either_side_matches() -> None:
    gold = event_gold(actors=[])
    assert counts(ev.score_events(event_doc(event(source=[])), gold)["events typed"]) == (1, 0, 0)


def test_event_outside_a_sentence_holding_the_whole_evidence_does_not_match() -> None:
    split = doc(
        actors=[FIREFLY],
        places=[fredonia()],
        sentences=[
            Sentence(0, TEXT.index("Trentino")),
            Sentence(TEXT.index("Trentino"), len(TEXT)),
        ],
        events=[event()],
    )
    assert counts(ev.score_events(split, event_gold())["events typed"]) == (0, 1, 1)


def test_event_full_needs_an_accepted_modality_and_the_place() -> None:
    planned = event(modality="planned")
    assert counts(ev.score_events(event_doc(planned), event_gold())["events full"]) == (1, 0, 0)
    negated = event(modality="negated")
    measures = ev.score_events(event_doc(negated), event_gold())
    assert counts(measures["events typed"]) == (1, 0, 0)
    assert counts(measures["events full"]) == (0, 1, 1)
    no_place = event(place=None)
    assert counts(ev.score_events(event_doc(no_place), event_gold())["events full"]) == (0, 1, 1)
    no_gold_place = event_gold(place=None)
    assert counts(ev.score_events(event_doc(no_place), no_gold_place)["events full"]) == (1, 0, 0)


def test_a_second_prediction_of_one_gold_event_is_a_false_positive() -> None:
    measures = ev.score_events(event_doc(event(), event(trigger="envoy")), event_gold())
    assert counts(measures["events typed"]) == (1, 1, 0)


def test_optional_event_earns_and_costs_nothing() -> None:
    gold = event_gold(optional=True)
    assert counts(ev.score_events(event_doc(event()), gold)["events typed"]) == (0, 0, 0)
    assert counts(ev.score_events(event_doc(), gold)["events typed"]) == (0, 0, 0)


# ------------------------------------------------------------------ the yardstick's rules
# Each test below failed on the old matcher (greedy best-first pairs, mention-text names,
# optional items absorbing any number of predictions, positional quote tokens).


def test_pairs_are_a_maximum_matching_list_order_never_decides() -> None:
    gold = {
        "places": [
            {"name": "Fredonia City", "alt": ["Fredonia"], "country": "FRE"},
            {"name": "Fredonia", "country": "FRE"},
        ]
    }
    short = Place("Fredonia", "FRE", None, None, "country", None)
    # "Fredonia" could take the first gold place, but then "Fredonia City" pairs with none
    measures = ev.score_places(doc(places=[short, fredonia()]), gold)
    assert counts(measures["places name+country"]) == (2, 0, 0)


def test_place_matches_by_its_canonical_name_not_by_a_mention() -> None:
    misnamed = Place("Freedonia", "FRE", None, None, "city", None, [at("Fredonia City")])
    gold = {"places": [{"name": "Fredonia City", "country": "FRE"}]}
    assert counts(ev.score_places(doc(places=[misnamed]), gold)["places name+country"]) == (
        0,
        1,
        1,
    )


def test_an_optional_item_absorbs_one_prediction_only() -> None:
    gold = {"places": [{"name": "Fredonia City", "optional": True}]}
    twice = doc(places=[fredonia(), fredonia()])
    assert counts(ev.score_places(twice, gold)["places name+country"]) == (0, 1, 0)


TWO_TUESDAYS = "On Tuesday the talks began; on Tuesday they ended."


def tuesday_at(occurrence: int) -> Time:
    start = TWO_TUESDAYS.index("Tuesday", 10 * occurrence)
    return Time("Tuesday", start, start + 7, TimeValue("2030-03-05", "2030-03-05"), "day")


def two_tuesdays(*times: Time) -> Document:
    return Document(article=Article(id="t", text=TWO_TUESDAYS), times=list(times))


def test_gold_times_take_successive_occurrences_of_their_text() -> None:
    one = {"text": "Tuesday", "start": "2030-03-05", "end": "2030-03-05"}
    both = ev.score_times(two_tuesdays(tuesday_at(0), tuesday_at(1)), {"times": [one, one]})
    assert counts(both["times resolved"]) == (2, 0, 0)
    # one gold entry stands on the first occurrence: a prediction on the second is a FP
    single = ev.score_times(two_tuesdays(tuesday_at(0), tuesday_at(1)), {"times": [one]})
    assert counts(single["times overlap"]) == (1, 1, 0)
    second_only = ev.score_times(two_tuesdays(tuesday_at(1)), {"times": [one]})
    assert counts(second_only["times overlap"]) == (0, 1, 1)


def test_a_gold_time_span_is_not_used() -> None:
    gold = {
        "times": [{"text": "Tuesday", "span": [0, 2], "start": "2030-03-05", "end": "2030-03-05"}]
    }
    assert counts(ev.score_times(two_tuesdays(tuesday_at(0)), gold)["times overlap"]) == (1, 0, 0)


def test_attributed_is_its_own_maximum_matching() -> None:
    gold = {
        "actors": [GOLD_FIREFLY],
        "quotes": [{"text": "We made great progress,", "speaker": "Rufus Firefly"}],
    }
    exact_unattributed = quote("We made great progress,")
    shorter_attributed = quote("made great progress", FIREFLY.id)
    document = doc(actors=[FIREFLY], quotes=[exact_unattributed, shorter_attributed])
    measures = ev.score_quotes(document, gold)
    assert counts(measures["quotes span"]) == (1, 1, 0)
    assert counts(measures["quotes attributed"]) == (1, 1, 0)


def test_a_gold_quote_without_speaker_is_never_attributed() -> None:
    gold = {"quotes": [{"text": "talks would go on next week"}]}
    document = doc(quotes=[quote("talks would go on next week")])
    measures = ev.score_quotes(document, gold)
    assert counts(measures["quotes span"]) == (1, 0, 0)
    assert counts(measures["quotes attributed"]) == (0, 1, 1)


def test_group_key_without_country() -> None:
    rebels = Actor("anon:REB", "rebels", "group", None, "REB")
    gold = {"actors": [{"name": "---REB", "country": None, "sector": "REB"}]}
    measures = ev.score_actors(doc(actors=[rebels]), gold)
    assert counts(measures["actors coded"]) == (1, 0, 0)
    with_country = Actor("anon:SYL-REB", "Sylvanian rebels", "group", "SYL", "REB")
    assert counts(ev.score_actors(doc(actors=[with_country]), gold)["actors found"]) == (0, 1, 1)


def test_coded_expects_no_country_where_the_gold_gives_none() -> None:
    gold = {"actors": [{"name": "Rufus Firefly", "sector": "GOV"}]}
    measures = ev.score_actors(doc(actors=[FIREFLY]), gold)
    assert counts(measures["actors found"]) == (1, 0, 0)
    assert counts(measures["actors coded"]) == (0, 1, 1)


def test_an_unnamed_person_stands_for_a_group_key_in_events_only() -> None:
    official = Actor("anon:SYL-GOV", "Sylvanian official", "person", "SYL", "GOV")
    gold = {"actors": [{**GOLD_SYL, "alt": []}]}
    assert counts(ev.score_actors(doc(actors=[official]), gold)["actors found"]) == (0, 1, 1)
    assert ev.event_actor_matches(official, GOLD_SYL)


def test_event_evidence_is_compared_as_normalised_text() -> None:
    gold = event_gold(evidence="Sylvanian-envoy Trentino, in FREDONIA city")
    assert counts(ev.score_events(event_doc(event()), gold)["events typed"]) == (1, 0, 0)


def test_event_actor_by_the_words_of_its_name_in_the_gold_name() -> None:
    gold = event_gold(actors=["President Rufus Firefly"])
    assert counts(ev.score_events(event_doc(event()), gold)["events typed"]) == (1, 0, 0)
    surname = Actor("person:firefly", "Firefly", "person", "FRE", "GOV")
    one_word = doc(
        actors=[surname],
        places=[fredonia()],
        sentences=SENTENCES,
        events=[event(source=[surname.id])],
    )
    assert counts(ev.score_events(one_word, gold)["events typed"]) == (0, 1, 1)


def test_a_prediction_on_an_optional_event_costs_nothing_whatever_its_type() -> None:
    gold = event_gold(optional=True)
    assert counts(ev.score_events(event_doc(event("ASSAULT")), gold)["events typed"]) == (0, 0, 0)
    twice = event_doc(event("ASSAULT"), event("COERCE", trigger="envoy"))
    assert counts(ev.score_events(twice, gold)["events typed"]) == (0, 1, 0)


# ------------------------------------------------------------------ annotated, resolve


def test_annotated_limits_the_scored_record_types() -> None:
    gold = {"article": {"annotated": ["places"]}, "actors": [GOLD_FIREFLY], "places": []}
    measures = ev.score_document(doc(actors=[FIREFLY]), gold)
    assert set(measures) == {"places name+country", "places geo@161km"}
    everything = ev.score_document(doc(), {"article": {}})
    assert {k.split()[0] for k in everything} == set(ev.RECORD_TYPES)


def test_resolve_cells() -> None:
    assert ev.expected_ok("UKR", "UKR") is True
    assert ev.expected_ok(None, "") is True
    assert ev.expected_ok("UKR", "") is False
    assert ev.expected_ok("REB", "PTY|REB") is True
    assert ev.expected_ok("GOV", "*") is None


def test_resolve_table(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsevents.resolve

    seen: list[tuple[str, Any]] = []

    def fake(phrase: str, *, on: Any = None) -> Actor | None:
        seen.append((phrase, on))
        if "Firefly" in phrase:
            return FIREFLY
        if "League" in phrase:
            return Actor("org:league", "Grand League", "organization", "IGO", "NGO")
        return None

    monkeypatch.setattr(newsevents.resolve, "resolve_phrase", fake)
    measures, rows = ev.evaluate_resolve(DATA / "phrases" / "invented.resolve.tsv")
    assert rows == 4
    assert str(seen[0][1]) == "2030-01-01"
    # country: Firefly right, farmers wrong (None), League right, vague right (None) = 3/4
    assert counts(measures["resolve country"]) == (3, 4)
    # sector: farmers not scored; Firefly, League (alternative), vague (None) right = 3/3
    assert counts(measures["resolve sector"]) == (3, 3)
    # P/R/F1 over the codes: farmers' SYL is missed; vague expects and gets none
    assert counts(measures["resolve country codes"]) == (2, 0, 1)
    assert counts(measures["resolve sector codes"]) == (2, 0, 0)


def test_resolve_codes_wrong_and_unexpected_and_saved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import newsevents.resolve

    def fake(phrase: str, *, on: Any = None) -> Actor | None:
        if "Firefly" in phrase:
            return FIREFLY
        if "League" in phrase:
            return Actor("org:league", "Grand League", "organization", "IGO", "NGO")
        return None

    monkeypatch.setattr(newsevents.resolve, "resolve_phrase", fake)
    table = tmp_path / "t.resolve.tsv"
    rows = ["phrase\tdate\tcountry\tsector", "Rufus Firefly\t2030-01-01\tSYL\tGOV",
            "the Grand League\t2030-01-01\t\t", "farmers\t2030-01-01\t*\tCVL"]  # fmt: skip
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    measures, _ = ev.evaluate_resolve(table, save=tmp_path / "out")
    # country: FRE for SYL is a FP and a FN; IGO where none is expected a FP
    assert counts(measures["resolve country codes"]) == (0, 2, 1)
    assert counts(measures["resolve country"]) == (0, 2)
    # sector: GOV right; NGO unexpected (FP); farmers' CVL missed (FN)
    assert counts(measures["resolve sector codes"]) == (1, 1, 1)
    saved = (tmp_path / "out" / "t.resolve.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in saved] == [
        {"phrase": "Rufus Firefly", "country": "FRE", "sector": "GOV"},
        {"phrase": "the Grand League", "country": "IGO", "sector": "NGO"},
        {"phrase": "farmers", "country": None, "sector": None},
    ]


# ------------------------------------------------------------------ folders end to end


def fake_extract(documents: dict[str, Document | NewsEventsError]) -> ev.Extractor:
    def extract(
        articles: Iterable[Article],
    ) -> Iterator[tuple[Article, Document | NewsEventsError]]:
        for article in articles:
            found = documents.get(article.id)
            if found is None:
                found = Document(article=article)
            yield article, found

    return extract


def summit_document(article: Article) -> Document:
    text = article.text

    def m(s: str) -> Mention:
        return Mention.of(text, text.index(s), text.index(s) + len(s))

    firefly = Actor(
        "person:rufus-firefly", "Rufus Firefly", "person", "FRE", "GOV", mentions=[m("Firefly")]
    )
    place = Place("Fredonia City", "FRE", 10.0, 20.0, "city", None, [m("Fredonia City")])
    return Document(
        article=article,
        actors=[firefly],
        places=[place],
        times=[
            Time(
                "on Tuesday",
                *(lambda x: (x.start, x.end))(m("on Tuesday")),
                TimeValue("2030-03-05", "2030-03-05"),
                "day",
            )
        ],
    )


def test_evaluate_folders_micro_averages_and_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsevents.resolve

    monkeypatch.setattr(newsevents.resolve, "resolve_phrase", lambda phrase, on=None: None)
    gold_summit, article = ev.load_gold_file(DATA / "articles" / "summit.json")
    assert article.published == "2030-03-08" and article.text.startswith("Freedonian")
    result = ev.evaluate(
        [DATA / "articles", DATA / "phrases", DATA / "stories"],
        extract=fake_extract({"summit": summit_document(article)}),
    )
    articles, phrases, stories = result.folders
    assert articles.files == 2 and not articles.failures
    # summit: 1 of 2 actors; places: summit 1/1 plus places-only 0/1 (nothing predicted)
    assert counts(articles.measures["actors found"]) == (1, 0, 1)
    assert counts(articles.measures["places name+country"]) == (1, 0, 1)
    assert counts(articles.measures["times resolved"]) == (1, 0, 0)
    assert counts(articles.measures["quotes span"]) == (0, 0, 1)
    assert counts(articles.measures["events typed"]) == (0, 0, 1)
    assert list(articles.measures)[0] == "actors found"
    assert "resolve country" in phrases.measures
    assert any("no scorer yet" in note for note in stories.notes)
    assert not result.failed


def test_a_failed_extraction_counts_as_all_missed() -> None:
    failure = ExtractionFailed("summit", problem="Boom")
    result = ev.evaluate([DATA / "articles"], extract=fake_extract({"summit": failure}))
    folder = result.folders[0]
    assert counts(folder.measures["actors found"]) == (0, 0, 2)
    assert any("summit" in f and "all missed" in f for f in folder.failures)
    assert result.failed


def test_bad_gold_files_are_reported_and_the_rest_goes_on() -> None:
    result = ev.evaluate([DATA / "broken"], extract=fake_extract({}))
    failures = result.folders[0].failures
    assert len(failures) == 2
    assert all("[E040]" in f for f in failures)
    assert any("lonely.txt" in f for f in failures)


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFound):
        ev.evaluate([tmp_path / "nowhere"], extract=fake_extract({}))


def test_eval_cli_prints_tables_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    console = Console(width=120, file=io.StringIO())
    code = ev.eval_cli(
        [DATA / "articles"], as_json=False, console=console, extract=fake_extract({})
    )
    assert code == 0
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "articles" in text and "actors" in text and "geo@161km" in text
    code = ev.eval_cli([DATA / "articles"], as_json=True, console=console, extract=fake_extract({}))
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    measures = data["folders"][0]["measures"]
    assert measures["actors found"] == {
        "tp": 0,
        "fp": 0,
        "fn": 2,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


def test_an_actor_matches_by_canonical_name_an_event_actor_also_by_mention() -> None:
    text = "Russian President Boris Yeltsin met the envoy."
    yeltsin = Actor(
        "person:boris-yeltsin",
        "Boris Yeltsin",
        "person",
        "RUS",
        "GOV",
        mentions=[Mention.of(text, 0, 31)],
    )
    other = Actor("person:x", "Someone Else", "person", "RUS", "GOV", mentions=[])
    gold = {"name": "Russian President Boris Yeltsin", "country": "RUS", "sector": "GOV"}
    assert not ev.actor_matches(yeltsin, gold)  # actor lists: the canonical name only
    assert ev.event_actor_matches(yeltsin, gold)  # events: a mention's text too
    assert not ev.event_actor_matches(other, gold)


def test_a_folder_without_gold_files_fails_with_a_clear_line(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing to score", encoding="utf-8")
    console = Console(width=120, file=io.StringIO())
    code = ev.eval_cli([tmp_path], as_json=False, console=console, extract=fake_extract({}))
    assert code == 1
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "[E040]" in text and "no gold files" in text


def test_geo_without_gold_coordinates_is_na_not_zero(tmp_path: Path) -> None:
    for name in ("summit.json", "summit.txt"):
        content = (DATA / "articles" / name).read_text(encoding="utf-8")
        if name.endswith(".json"):
            gold = json.loads(content)
            for place in gold.get("places", []):
                place.pop("lat", None)
                place.pop("lon", None)
            content = json.dumps(gold)
        (tmp_path / name).write_text(content, encoding="utf-8")
    console = Console(width=120, file=io.StringIO())
    assert ev.eval_cli([tmp_path], as_json=False, console=console, extract=fake_extract({})) == 0
    output = console.file.getvalue()  # type: ignore[attr-defined]
    line = next(x for x in output.splitlines() if "geo@161km" in x)
    assert "n/a" in line and "0.000" not in line
    result = ev.evaluate([tmp_path], extract=fake_extract({}))
    assert result.folders[0].measures["places geo@161km"].to_dict()["accuracy"] is None
