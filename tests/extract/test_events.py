"""Events: hand-written sentences with hand-built actors, so the actor extractor's state
does not matter. Each case checks type, CAMEO root, modality and the actors."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsevents import nlp
from newsevents.errors import BadKnowledgeBase
from newsevents.extract.events import extract_events, load_lexicon
from newsevents.extract.times import extract_times
from newsevents.records import PLOVER_TYPES, Actor, Event, Mention, Place, Quote, Sentence

PUBLISHED = dt.date(2025, 10, 17)

# id -> surface forms; every occurrence of a form is a mention of that actor.
ACTORS: dict[str, tuple[str, ...]] = {
    "person:ramos": ("Ramos", "the Chilean minister"),
    "person:lindqvist": ("Lindqvist",),
    "person:okafor": ("Okafor", "the opposition leader", "The opposition leader"),
    "gov:CHL": ("Chile", "The Chilean government", "the Chilean government"),
    "gov:PER": ("Peru",),
    "gov:NOR": ("Norway",),
    "gov:GHA": ("Ghana",),
    "gov:CAN": ("Canada",),
    "gov:HTI": ("Haiti",),
    "gov:MLI": ("Mali",),
    "gov:FRA": ("France",),
    "gov:TUR": ("Turkey", "Ankara"),
    "gov:EST": ("Estonia",),
    "gov:SRB": ("Serbia", "Belgrade"),
    "gov:BLR": ("Belarus",),
    "gov:AZE": ("Baku",),
    "org:eu": ("The European Union",),
    "anon:RUS-GOV": ("two Russian diplomats",),
    "anon:XXX-REB": ("The rebels", "the rebels", "Rebel forces", "militants"),
    "anon:XXX-COP": ("Police", "the police"),
    "anon:XXX-MIL": ("The army", "Soldiers", "Israeli jets"),
    "anon:XXX-CVL": ("Thousands of students", "the protesters", "the villagers"),
    "anon:XXX-MED": ("the journalist", "three jailed journalists"),
    "anon:XXX-JUN": ("The junta",),
    "person:mayor": ("The mayor",),
    "anon:XXX-PRT": ("The two parties",),
    "person:president": ("The president", "the president"),
    "anon:XXX-LAB": ("the unions",),
}
PLACES = ("Nairobi", "Geneva", "Dhaka", "Minsk", "Goma", "Oslo", "Gaza City")


def _mentions(text: str, forms: tuple[str, ...]) -> list[Mention]:
    found = []
    for form in forms:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            found.append(Mention.of(text, m.start(), m.end()))
    return found


def events_in(text: str, quotes: list[Quote] | None = None) -> tuple[list[Event], list[Place]]:
    doc = nlp.parse(text)
    actors = [
        Actor(id=i, name=i, type="person" if i.startswith("person:") else "group",
              mentions=_mentions(text, forms))
        for i, forms in ACTORS.items()
    ]  # fmt: skip
    actors = [a for a in actors if a.mentions]
    places = [
        Place(name=p, country=None, lat=None, lon=None, feature="city", geonames_id=None,
              mentions=_mentions(text, (p,)))
        for p in PLACES
    ]  # fmt: skip
    places = [p for p in places if p.mentions]
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
    events = extract_events(
        doc,
        actors=actors,
        places=places,
        times=extract_times(doc, published=PUBLISHED),
        quotes=quotes or [],
        sentences=sentences,
    )
    return events, places


def one(text: str, event_type: str | None = None) -> Event:
    events, _ = events_in(text)
    if event_type is not None:
        events = [e for e in events if e.type == event_type]
    assert len(events) == 1, [(e.type, e.trigger.text) for e in events]
    return events[0]


def actors_of(event: Event) -> set[str]:
    return {*event.source, *event.target}


# --------------------------------------------------------------------------- each type

TYPES = [
    ("The Chilean government signed a trade pact with Peru on Monday.", "AGREE", "057",
     {"gov:CHL", "gov:PER"}),
    ("Ramos held a phone call with Lindqvist on Tuesday.", "CONSULT", "041",
     {"person:ramos", "person:lindqvist"}),
    ("Lindqvist praised Ramos for his restraint.", "SUPPORT", "051",
     {"person:lindqvist", "person:ramos"}),
    ("Norway sold fighter jets to Ghana.", "COOPERATE", "062", {"gov:NOR", "gov:GHA"}),
    ("Canada sent humanitarian aid to Haiti.", "AID", "073", {"gov:CAN", "gov:HTI"}),
    ("The junta released three jailed journalists.", "CONCEDE", "084",
     {"anon:XXX-JUN", "anon:XXX-MED"}),
    ("The rebels withdrew from the town.", "RETREAT", "0874", {"anon:XXX-REB"}),
    ("The opposition leader urged the president to resign.", "REQUEST", "020",
     {"person:okafor", "person:president"}),
    ("Mali accused France of arming militants.", "ACCUSE", "112",
     {"gov:MLI", "gov:FRA", "anon:XXX-REB"}),
    ("The president declined a meeting with the opposition leader.", "REJECT", "125",
     {"person:president", "person:okafor"}),
    ("Turkey threatened to shell the border villages.", "THREATEN", "130", {"gov:TUR"}),
    ("Thousands of students protested in Dhaka on Sunday.", "PROTEST", "141",
     {"anon:XXX-CVL"}),
    ("Estonia expelled two Russian diplomats.", "SANCTION", "166",
     {"gov:EST", "anon:RUS-GOV"}),
    ("Serbia deployed troops to the border.", "MOBILIZE", "150", {"gov:SRB"}),
    ("Police arrested the journalist in Minsk.", "COERCE", "173",
     {"anon:XXX-COP", "anon:XXX-MED"}),
    ("Rebel forces shelled the city of Goma.", "ASSAULT", "194", {"anon:XXX-REB"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event_type", "cameo", "actors"), TYPES)
def test_each_plover_type(text: str, event_type: str, cameo: str, actors: set[str]) -> None:
    event = one(text)
    assert (event.type, event.cameo, event.modality) == (event_type, cameo, "occurred")
    assert actors_of(event) == actors
    assert 0.0 < event.confidence <= 1.0


def test_every_type_is_in_the_lexicon() -> None:
    lexicon = load_lexicon()
    covered = {
        s.type for table in (lexicon.verbs, lexicon.nouns) for v in table.values() for s in v
    }
    assert set(PLOVER_TYPES) <= covered


# --------------------------------------------------------------------------- modality


def test_planned_meeting_with_place_and_time() -> None:
    event = one("Ramos will meet with Lindqvist in Geneva next week.")
    assert (event.type, event.cameo, event.modality) == ("CONSULT", "036", "planned")
    assert event.source == ["person:ramos"] and event.target == ["person:lindqvist"]
    assert event.time is not None and event.time.start == "2025-10-20"
    _, places = events_in("Ramos will meet with Lindqvist in Geneva next week.")
    assert event.place is not None and places[event.place].name == "Geneva"


def test_set_to_is_planned_and_coordinated_actors_are_both_sources() -> None:
    event = one("Ramos and Lindqvist are set to meet in Oslo.")
    assert event.modality == "planned"
    assert event.source == ["person:ramos", "person:lindqvist"]


def test_considering_is_hypothetical() -> None:
    event = one("The European Union is considering sanctions against Belarus.")
    assert (event.type, event.modality) == ("SANCTION", "hypothetical")
    assert actors_of(event) == {"org:eu", "gov:BLR"}


def test_potential_support_is_hypothetical() -> None:
    event = one("Canada weighed potential military support to Haiti.", "AID")
    assert event.modality == "hypothetical"
    assert "gov:HTI" in event.target


def test_conditional_is_hypothetical() -> None:
    event = one("If Ankara attacks the town, the rebels will leave.", "ASSAULT")
    assert event.modality == "hypothetical"


def test_did_not_is_negated() -> None:
    event = one("The army did not attack the villagers.")
    assert (event.type, event.modality) == ("ASSAULT", "negated")


def test_denied_that_is_negated() -> None:
    event = one("Ramos denied that the police arrested the journalist.", "COERCE")
    assert event.modality == "negated"


def test_refusing_is_a_reject_that_occurred() -> None:
    event = one("The rebels refused to negotiate with the Chilean government.")
    assert (event.type, event.modality) == ("REJECT", "occurred")
    assert actors_of(event) == {"anon:XXX-REB", "gov:CHL"}


def test_will_not_is_a_refusal() -> None:
    event = one("Baku said it will not release the journalist.")
    assert (event.type, event.modality) == ("REJECT", "occurred")


# --------------------------------------------------------------------------- arguments


def test_passive_swaps_source_and_target() -> None:
    event = one("The mayor was arrested by the police.")
    assert event.source == ["anon:XXX-COP"] and event.target == ["person:mayor"]


def test_proposed_by_and_accepted_by() -> None:
    event = one("The plan, proposed by Ramos and swiftly accepted by Lindqvist, is final.")
    assert event.type == "AGREE"
    assert event.source == ["person:lindqvist"] and event.target == ["person:ramos"]


def test_possessive_nominal() -> None:
    event = one("Estonia's expulsion of two Russian diplomats angered Belgrade.")
    assert event.type == "SANCTION"
    assert event.source == ["gov:EST"] and "anon:RUS-GOV" in event.target


def test_nominal_ultimatum() -> None:
    event = one("Ramos delivered an ultimatum to Belgrade.")
    assert (event.type, event.mode, event.cameo) == ("THREATEN", "ultimatum", "139")
    assert event.source == ["person:ramos"] and event.target == ["gov:SRB"]


def test_threat_absorbs_its_content() -> None:
    events, _ = events_in("Turkey threatened to shell the border villages.")
    assert [e.type for e in events] == ["THREATEN"]


# --------------------------------------------------------------------------- word sense


def test_strike_a_deal_is_agree() -> None:
    assert one("The two parties struck a deal on Friday.").type == "AGREE"


def test_strike_a_city_is_assault() -> None:
    event = one("Israeli jets struck Gaza City overnight.")
    assert event.type == "ASSAULT"


def test_firing_a_minister_is_no_event() -> None:
    events, _ = events_in("The president fired the Chilean minister on Monday.")
    assert events == []


def test_firing_on_people_is_assault() -> None:
    assert one("Soldiers fired on the protesters.").type == "ASSAULT"


def test_meeting_demands_is_a_concession() -> None:
    assert one("The president met the demands of the unions.").type == "CONCEDE"


def test_saying_is_not_an_event() -> None:
    events, _ = events_in("Ramos said the economy is growing.")
    assert events == []


# --------------------------------------------------------------------------- reporting


def test_speaker_of_indirect_speech_reports_the_event() -> None:
    event = one("Ramos said that police arrested the journalist.")
    assert event.reported_by == "person:ramos"


def test_according_to() -> None:
    event = one("Police arrested the journalist, according to Lindqvist.")
    assert event.reported_by == "person:lindqvist"


def test_quote_speaker_reports_an_event_inside_it() -> None:
    text = "Lindqvist wrote: police arrested the journalist."
    start = text.index("police")
    quote = Quote("q1", text[start:], start, len(text), "direct", speaker="person:lindqvist")
    events, _ = events_in(text, quotes=[quote])
    assert [e.reported_by for e in events] == ["person:lindqvist"]


def test_ids_and_sentences_follow_text_order() -> None:
    events, _ = events_in(
        "Police arrested the journalist. The rebels shelled Goma. Estonia expelled two "
        "Russian diplomats."
    )
    assert [e.id for e in events] == ["e1", "e2", "e3"]
    assert [e.sentence for e in events] == [0, 1, 2]


def test_a_bad_lexicon_entry_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "events.yaml"
    bad.write_text("verbs:\n  meet:\n    - {type: GREET, cameo: '040'}\nnouns: {}\n")
    with pytest.raises(BadKnowledgeBase, match="GREET"):
        load_lexicon(bad)


# --------------------------------------------------------------------------- borrowed actors


def test_a_named_doer_that_is_no_actor_does_not_borrow_the_speaker() -> None:
    events, _ = events_in("The neighbours agreed to share information, Ramos said.")
    assert all("person:ramos" not in e.source for e in events)


def test_a_passive_event_does_not_borrow_the_speaker() -> None:
    event = one("Police said the journalist was arrested in Minsk.")
    assert event.type == "COERCE"
    assert event.source == [] and event.target == ["anon:XXX-MED"]


def test_a_background_event_is_not_the_main_subjects_act() -> None:
    events, _ = events_in("Ramos resigned following protests in Dhaka.")
    assert [e.type for e in events] == ["CONCEDE"]


def test_a_happening_told_by_a_speaker_is_not_the_speakers_act() -> None:
    events, _ = events_in("Lindqvist said the fighting in Goma continued.")
    assert events == []


# --------------------------------------------------------------------------- one event


def test_a_purpose_clause_is_the_goal_of_the_event_it_follows() -> None:
    events, _ = events_in("Thousands of students staged demonstrations to demand reforms.")
    assert [e.type for e in events] == ["PROTEST"]


def test_an_event_noun_as_subject_of_its_own_verb_is_one_event() -> None:
    events, _ = events_in("A bombing in Goma killed three jailed journalists.")
    assert [(e.type, e.trigger.text) for e in events] == [("ASSAULT", "killed")]


# --------------------------------------------------------------------------- word sense (2)


def test_a_state_of_siege_is_martial_law() -> None:
    event = one("The junta declared a state of siege on Saturday.")
    assert (event.type, event.cameo, event.source) == ("COERCE", "1724", ["anon:XXX-JUN"])


def test_a_press_release_is_no_release() -> None:
    events, _ = events_in("Ramos praised Lindqvist in a press release.")
    assert [e.type for e in events] == ["SUPPORT"]


def test_ready_to_contribute_troops_is_a_promise() -> None:
    event = one("Canada is ready to contribute troops to the mission.")
    assert (event.type, event.cameo, event.source) == ("AGREE", "033", ["gov:CAN"])


def test_ready_to_impose_martial_law_is_a_threat() -> None:
    event = one("The junta is prepared to impose martial law.")
    assert (event.type, event.cameo, event.source) == ("THREATEN", "137", ["anon:XXX-JUN"])


def test_stopping_work_is_a_strike() -> None:
    event = one("On Monday the unions stopped work.")
    assert (event.type, event.cameo, event.source) == ("PROTEST", "143", ["anon:XXX-LAB"])


def test_on_alert_takes_the_subject_of_its_verb() -> None:
    event = one("The army remained on alert near Goma.")
    assert (event.type, event.source) == ("MOBILIZE", ["anon:XXX-MIL"])


def test_forcing_people_out_is_an_expulsion() -> None:
    event = one("Soldiers forced out the villagers from their homes.")
    assert (event.type, event.cameo) == ("ASSAULT", "201")
    assert actors_of(event) == {"anon:XXX-MIL", "anon:XXX-CVL"}


def test_rule_is_no_negation_without_out() -> None:
    assert one("Ramos ruled that Chile will meet Peru.").modality == "planned"


def test_talking_to_reporters_is_no_consultation() -> None:
    events, _ = events_in("Ramos talked to reporters in Oslo.")
    assert events == []


def test_arriving_in_a_place_is_a_visit_but_not_in_time() -> None:
    assert one("Ramos arrived in Oslo on Monday.").type == "CONSULT"
    events, _ = events_in("The police did not arrive in time.")
    assert events == []


def test_pressuring_with_a_threat_is_threaten() -> None:
    event = one("Ramos pressured Lindqvist with the threat of sanctions.")
    assert (event.type, event.source, event.target) == (
        "THREATEN",
        ["person:ramos"],
        ["person:lindqvist"],
    )


def test_first_half_of_a_hyphenated_word_is_no_trigger() -> None:
    events, _ = events_in("Ramos praised the deal-making skills of Lindqvist.")
    assert [e.type for e in events] == ["SUPPORT"]


def test_offering_a_chance_is_no_offer() -> None:
    events, _ = events_in("Oslo offers a rare chance for peace.")
    assert events == []


def test_a_gerund_after_a_preposition_takes_the_verbs_subject() -> None:
    event = one("The army demoralised the villagers by shelling Goma.", "ASSAULT")
    assert event.source == ["anon:XXX-MIL"]


def test_the_doers_own_phrase_yields_the_parties_inside_it() -> None:
    event = one("Ramos reneged on his commitment to the villagers.")
    assert (event.type, event.source, event.target) == (
        "REJECT",
        ["person:ramos"],
        ["anon:XXX-CVL"],
    )


def test_holding_people_as_shields_is_assault() -> None:
    event = one("The army held the villagers as human shields.")
    assert (event.type, event.cameo) == ("ASSAULT", "184")


def test_an_event_that_is_the_passive_subject_of_another_is_its_content() -> None:
    events, _ = events_in("The talks with Peru were cancelled by Chile.")
    assert [e.type for e in events] == ["SANCTION"]


def test_an_attempt_is_the_act() -> None:
    assert one("The rebels tried to shell Goma.").modality == "occurred"


def test_until_a_present_clause_is_a_condition() -> None:
    event = one("The rebels refused to talk until the army withdraws from Goma.", "RETREAT")
    assert event.modality == "hypothetical"


def test_the_one_who_orders_an_event_is_its_source() -> None:
    event = one("The junta has ordered patrols by the police in Goma.")
    assert event.type == "MOBILIZE"
    assert event.source[0] == "anon:XXX-JUN" and "anon:XXX-COP" in event.source


def test_not_far_from_an_event_is_a_place_not_its_content() -> None:
    events, _ = events_in(
        "Soldiers wounded the villagers not far from protests against the Chilean government."
    )
    assert sorted(e.type for e in events) == ["ASSAULT", "PROTEST"]


def test_against_on_a_nearer_noun_is_the_target_of_a_protest() -> None:
    event = one("Dhaka saw protests in the suburbs against the Chilean government.")
    assert (event.type, event.target) == ("PROTEST", ["gov:CHL"])


def test_talks_told_by_a_speaker_are_the_speakers() -> None:
    event = one("Ramos said the talks were productive.")
    assert (event.type, event.source) == ("CONSULT", ["person:ramos"])


NEW_VERBS = [
    ("Lindqvist lauded Ramos for his courage.", "SUPPORT", "051"),
    ("Ramos lambasted Lindqvist over the budget.", "ACCUSE", "111"),
    ("Police quelled the protest in Dhaka.", "COERCE", "175"),
    ("The army reinforced the border with more troops.", "MOBILIZE", "150"),
    ("Rebel forces ambushed the army near Goma.", "ASSAULT", "190"),
    ("Turkey annexed the border villages.", "ASSAULT", "192"),
    ("Canada aided the rebels with food.", "AID", "070"),
    ("The army disengaged from the front near Goma.", "RETREAT", "087"),
    ("The junta exiled the journalist.", "COERCE", "174"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event_type", "cameo"), NEW_VERBS)
def test_more_verbs(text: str, event_type: str, cameo: str) -> None:
    event = one(text)
    assert (event.type, event.cameo) == (event_type, cameo)


def test_blasting_a_rock_is_no_criticism() -> None:
    events, _ = events_in("The miners blasted the rock near Goma.")
    assert events == []
