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


def events_in(
    text: str, quotes: list[Quote] | None = None, actors: list[Actor] | None = None
) -> tuple[list[Event], list[Place]]:
    doc = nlp.parse(text)
    if actors is None:
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
    event = one("The junta stands ready to declare martial law.")
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


# --------------------------------------------------------------------------- across topics
# Invented sentences over every PLOVER type, many regions and topics, with actors built
# from the parser's named entities and a few group nouns (so the actor resolver's state does
# not matter). Each case: text, expected type (None: no event at all), modality, and a word
# of one source or target actor mention (None: not checked).

_GROUP_WORDS = frozenset(
    {"police", "rebel", "army", "troop", "soldier", "protester", "militant", "gunman",
     "teacher", "farmer", "student", "worker", "union", "opposition", "junta", "activist",
     "journalist", "prosecutor", "court", "parliament", "congress", "lawmaker", "senator",
     "president", "minister", "government", "party", "demonstrator", "nurse", "dockworker",
     "villager", "trader", "authority", "paramilitary", "insurgent", "fighter", "candidate",
     "driver", "miner", "navy", "doctor", "military", "emir", "company", "group", "force",
     "leader",
     "delegation", "counterpart", "official", "general", "chief", "prince", "diplomat",
     "ambassador", "national", "prisoner", "voter", "board", "ngo", "rival"}
)  # fmt: skip
_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def entity_actors(text: str) -> list[Actor]:
    """One actor per noun phrase naming an entity or headed by a group word ("Brazil's
    foreign minister", "Gunmen"), and per entity outside such phrases."""
    doc = nlp.parse(text)
    spans: list[tuple[int, int]] = []
    for chunk in doc.noun_chunks:
        named = any(t.ent_type_ in _ENTITY_LABELS for t in chunk) or (
            chunk.root.pos_ == "PROPN" and not chunk.root.ent_type_
        )
        if named or chunk.root.lemma_.lower() in _GROUP_WORDS:
            spans.append((chunk.start_char, chunk.end_char))
    for ent in doc.ents:
        if ent.label_ in _ENTITY_LABELS and not any(s <= ent.start_char < e for s, e in spans):
            spans.append((ent.start_char, ent.end_char))
    return [
        Actor(id=f"x:{text[s:e]}", name=text[s:e], type="group",
              mentions=[Mention.of(text, s, e)])
        for s, e in sorted(spans)
    ]  # fmt: skip


GENERAL = [
    # diplomacy: visits, calls, summits, hosting, refusals
    ("Kenyan President William Ruto visited Ethiopia on Monday for talks with Prime Minister "
     "Abiy Ahmed.", "CONSULT", "occurred", "Ruto"),
    ("Brazil's foreign minister spoke by phone with his Argentine counterpart on Tuesday.",
     "CONSULT", "occurred", "Brazil"),
    ("Indonesia will host a summit of Southeast Asian leaders in Jakarta next month.",
     "CONSULT", "planned", "Indonesia"),
    ("Egypt hosted talks between Sudan's army and the Rapid Support Forces in Cairo.",
     "CONSULT", "occurred", "Egypt"),
    ("The Vietnamese prime minister is expected to travel to Tokyo next week.", "CONSULT",
     "planned", "Vietnamese"),
    ("Chile is considering a visit by the Bolivian president.", "CONSULT", "hypothetical",
     "Bolivian"),
    ("The Peruvian and Ecuadorian presidents did not meet during the summit in Lima.",
     "CONSULT", "negated", "Peruvian"),
    ("Senegal's president held talks with his Gambian counterpart in Dakar on Friday.",
     "CONSULT", "occurred", "Senegal"),
    ("Qatar's emir held a phone call with the Iranian president on Saturday.", "CONSULT",
     "occurred", "Iranian"),
    ("Talks between Guyana and Venezuela are scheduled for December in Brasilia.", "CONSULT",
     "planned", "Guyana"),
    ("The Kenyan and Tanzanian presidents are due to meet in Arusha on Friday.", "CONSULT",
     "planned", "Kenyan"),
    ("Cuba's foreign minister arrived in Hanoi on a three-day visit.", "CONSULT", "occurred",
     "Cuba"),
    ("Peru and Chile have not held talks on the maritime border since 2014.", "CONSULT",
     "negated", "Peru"),
    ("The Saudi crown prince may visit Pakistan later this year.", "CONSULT", "hypothetical",
     "Saudi"),
    ("Argentina's president plans to visit Israel in April.", "CONSULT", "planned",
     "Argentina"),
    ("The Egyptian president received his Saudi counterpart in Cairo.", "CONSULT", "occurred",
     "Egyptian"),
    ("Pakistan declined an invitation to attend the summit in New Delhi.", "REJECT",
     "occurred", "Pakistan"),
    ("The Thai foreign minister refused to meet the Cambodian delegation.", "REJECT",
     "occurred", "Thai"),
    ("Sudan's army chief rejected any talks with the paramilitary group.", "REJECT",
     "occurred", "Sudan"),
    # agreements, ceasefires, withdrawals
    ("Nigeria and Ghana agreed to set up a joint commission on trade.", "AGREE", "occurred",
     "Nigeria"),
    ("Colombia's government and the ELN rebels signed a ceasefire agreement in Havana.",
     "AGREE", "occurred", "Colombia"),
    ("The company struck a deal with the Nigerian government to build a refinery.", "AGREE",
     "occurred", "Nigerian"),
    ("Israel and Hamas agreed to a ceasefire in Gaza.", "AGREE", "occurred", "Israel"),
    ("Angola offered to mediate between Rwanda and the Democratic Republic of Congo.",
     "AGREE", "occurred", "Angola"),
    ("Russian forces withdrew from Kherson.", "RETREAT", "occurred", "Russian"),
    ("France completed the withdrawal of its troops from Niger.", "RETREAT", "occurred",
     "troops"),
    ("Ukraine pulled its troops back from Avdiivka.", "RETREAT", "occurred", "Ukraine"),
    ("The rebels refused to withdraw from the captured towns.", "REJECT", "occurred",
     "rebels"),
    # sanctions, embargoes, expulsions
    ("The European Union imposed new sanctions on Iran over its drone exports.", "SANCTION",
     "occurred", "European Union"),
    ("Washington slapped an arms embargo on South Sudan.", "SANCTION", "occurred",
     "Washington"),
    ("Mali expelled the French ambassador.", "SANCTION", "occurred", "Mali"),
    ("Burkina Faso ordered the expulsion of two French diplomats.", "SANCTION", "occurred",
     "Burkina Faso"),
    ("The United States is weighing sanctions against Venezuelan officials.", "SANCTION",
     "hypothetical", "United States"),
    ("Japan has not yet imposed sanctions on Myanmar's generals.", "SANCTION", "negated",
     "Japan"),
    ("Lithuania recalled its ambassador from Beijing.", "SANCTION", "occurred", "Lithuania"),
    ("Bangladesh suspended trade with Myanmar.", "SANCTION", "occurred", "Bangladesh"),
    ("Turkey cut diplomatic ties with Israel.", "SANCTION", "occurred", "Turkey"),
    ("Britain froze the assets of three Sudanese generals.", "SANCTION", "occurred",
     "Britain"),
    ("Nicaragua severed diplomatic relations with the Netherlands.", "SANCTION", "occurred",
     "Nicaragua"),
    ("Washington imposed visa restrictions on Ugandan officials.", "SANCTION", "occurred",
     "Washington"),
    ("The EU will not impose tariffs on Chinese electric cars, a spokesman said.",
     "SANCTION", "negated", "EU"),
    ("Bolivia could cut ties with Israel if the bombing continues.", "THREATEN", "occurred",
     "Bolivia"),
    ("Bolivia is considering cutting ties with Israel.", "SANCTION", "hypothetical",
     "Bolivia"),
    ("The European Union may halt its mediation efforts if the fighting continues.",
     "THREATEN", "occurred", "European Union"),
    ("Uganda vowed never to negotiate with the rebels.", "REJECT", "occurred", "Uganda"),
    # arms sales, cooperation, aid
    ("France sold 24 Rafale fighter jets to Indonesia.", "COOPERATE", "occurred", "France"),
    ("Poland plans to buy tanks from South Korea.", "COOPERATE", "planned", "Poland"),
    ("The United States approved a $1.2 billion sale of air defense missiles to Egypt.",
     "COOPERATE", "occurred", "United States"),
    ("Colombia extradited a drug lord to the United States.", "COOPERATE", "occurred",
     "Colombia"),
    ("India and Japan held joint naval exercises in the Bay of Bengal.", "COOPERATE",
     "occurred", "India"),
    ("Japan provided $200 million in loans to Sri Lanka.", "AID", "occurred", "Japan"),
    ("Saudi Arabia deposited $3 billion in Pakistan's central bank.", "AID", "occurred",
     "Saudi Arabia"),
    ("India donated one million vaccine doses to Nepal.", "AID", "occurred", "India"),
    ("The IMF approved a $3 billion loan for Egypt.", "AID", "occurred", "IMF"),
    ("Germany pledged 500 million euros in humanitarian aid to Sudan.", "AGREE", "occurred",
     "Germany"),
    ("Thailand has refused to extradite the dissident to Cambodia.", "REJECT", "occurred",
     "Thailand"),
    # protests, strikes, boycotts
    ("Thousands of teachers went on strike in Nairobi to demand higher pay.", "PROTEST",
     "occurred", "teachers"),
    ("Farmers blocked highways across France to protest against cheap imports.", "PROTEST",
     "occurred", "Farmers"),
    # a conditional commitment is a threat (or, for cooperation, an offer) that occurred
    ("Dockworkers in Chile will strike next week if their demands are not met.", "THREATEN",
     "occurred", "Dockworkers"),
    ("The rebels said they would meet the mediator if he guaranteed their safety.", "AGREE",
     "occurred", "rebels"),
    ("Dockworkers in Chile may strike next week.", "PROTEST", "hypothetical", "Dockworkers"),
    ("The opposition boycotted the parliamentary vote in Dhaka.", "PROTEST", "occurred",
     "opposition"),
    ("Students staged a sit-in outside the education ministry in Jakarta.", "PROTEST",
     "occurred", "Students"),
    ("Truck drivers in Peru launched a nationwide strike on Monday.", "PROTEST", "occurred",
     "drivers"),
    ("Demonstrators in Tbilisi protested against the foreign agents law.", "PROTEST",
     "occurred", "Demonstrators"),
    ("Pakistani traders observed a nationwide shutdown against rising power prices.",
     "PROTEST", "occurred", "traders"),
    ("Workers at the copper mine in Zambia struck for higher wages on Monday.", "PROTEST",
     "occurred", "Workers"),
    ("Hundreds of nurses held a rally outside parliament in Accra.", "PROTEST", "occurred",
     "nurses"),
    ("Unions called off a general strike planned for Thursday.", "CONCEDE", "occurred",
     "Unions"),
    ("Mozambique's opposition called for a national strike next week.", "REQUEST",
     "occurred", "opposition"),
    # arrests, detentions, deportations, censorship
    ("Ugandan police arrested opposition leader Bobi Wine in Kampala.", "COERCE", "occurred",
     "Bobi Wine"),
    ("The journalist was detained by Egyptian authorities on Sunday.", "COERCE", "occurred",
     "journalist"),
    ("Tanzania deported a Kenyan activist on Friday.", "COERCE", "occurred", "Tanzania"),
    ("The army denied arresting the activists.", "COERCE", "negated", None),
    ("Police fired tear gas at protesters in Nairobi.", "COERCE", "occurred", "Police"),
    ("Police in Dhaka used tear gas to disperse the crowd.", "COERCE", "occurred", "Police"),
    ("Riot police charged the protesters with batons in Lagos.", "COERCE", "occurred",
     "protesters"),
    ("Georgia's parliament passed a law restricting foreign-funded NGOs.", "COERCE",
     "occurred", "NGOs"),
    ("The Turkish government blocked access to Wikipedia.", "COERCE", "occurred", "Turkish"),
    ("Canada barred Iranian officials from entering the country.", "COERCE", "occurred",
     "Canada"),
    ("A Tunisian court sentenced an opposition leader to five years in prison.", "COERCE",
     "occurred", "Tunisian"),
    ("The Indonesian navy seized a Vietnamese fishing boat off the Natuna Islands.", "COERCE",
     "occurred", "Indonesian"),
    ("Nigeria's deportation of Ghanaian traders angered Accra.", "COERCE", "occurred",
     "Nigeria"),
    ("Rwanda's government has never jailed a journalist, the minister claimed.", "COERCE",
     "negated", "Rwanda"),
    # attacks, battles, shelling, bombings, killings
    ("Gunmen killed 12 villagers in northern Burkina Faso on Sunday.", "ASSAULT", "occurred",
     "Gunmen"),
    ("Al-Shabaab militants attacked a military base in Somalia.", "ASSAULT", "occurred",
     "militants"),
    ("Colombian troops clashed with FARC dissidents in Cauca.", "ASSAULT", "occurred",
     "Colombian"),
    ("The Myanmar military bombed a village in Sagaing region, killing 30 people.",
     "ASSAULT", "occurred", "Myanmar"),
    ("A Ukrainian drone struck a fuel depot in Belgorod.", "ASSAULT", "occurred",
     "Ukrainian"),
    ("The army charged the enemy positions at dawn.", "ASSAULT", "occurred", "army"),
    ("The government denied that soldiers had killed civilians in Tigray.", "ASSAULT",
     "negated", "soldiers"),
    ("Two Chinese nationals were kidnapped by gunmen in Nigeria's Kaduna state.", "ASSAULT",
     "occurred", "gunmen"),
    ("Indian and Pakistani troops exchanged fire along the Line of Control.", "ASSAULT",
     "occurred", "Indian"),
    ("Russia launched a massive missile attack on Kyiv overnight.", "ASSAULT", "occurred",
     "Russia"),
    # mobilisation, deployments, alerts
    ("Venezuela deployed troops to the border with Guyana.", "MOBILIZE", "occurred",
     "Venezuela"),
    ("Pakistan put its air force on high alert after the attack.", "MOBILIZE", "occurred",
     "Pakistan"),
    ("India moved additional troops to the border with China.", "MOBILIZE", "occurred",
     "India"),
    ("The Philippines will deploy coast guard vessels to the Scarborough Shoal.", "MOBILIZE",
     "planned", "Philippines"),
    ("North Korea conducted military drills near the border.", "MOBILIZE", "occurred",
     "North Korea"),
    ("Serbia placed its army on the highest level of combat readiness.", "MOBILIZE",
     "occurred", "Serbia"),
    ("The United States dispatched an aircraft carrier to the eastern Mediterranean.",
     "MOBILIZE", "occurred", "United States"),
    ("Armenia called up reservists amid tensions with Azerbaijan.", "MOBILIZE", "occurred",
     "Armenia"),
    # releases and concessions
    ("Iran released a French national held for two years.", "CONCEDE", "occurred", "Iran"),
    ("Belarus pardoned 30 political prisoners on Thursday.", "CONCEDE", "occurred",
     "Belarus"),
    ("The junta has not released the former president.", "CONCEDE", "negated", "junta"),
    ("Israel eased restrictions on the entry of goods into Gaza.", "CONCEDE", "occurred",
     "Israel"),
    ("The government lifted the state of emergency in Ecuador.", "CONCEDE", "occurred",
     "government"),
    # apologies and praise
    ("Germany apologised to Namibia for the colonial-era genocide.", "SUPPORT", "occurred",
     "Namibia"),
    ("Indian Prime Minister Narendra Modi praised Bangladesh for its handling of the refugee "
     "crisis.", "SUPPORT", "occurred", "Bangladesh"),
    ("The African Union welcomed the peace deal between Ethiopia and Eritrea.", "SUPPORT",
     "occurred", "African Union"),
    ("The African Union welcomed the peace deal between Ethiopia and Eritrea.", "AGREE",
     "occurred", "Eritrea"),
    ("The Japanese prime minister expressed remorse for wartime atrocities in Korea.",
     "SUPPORT", "occurred", "Japanese"),
    ("Serbia might recognise Kosovo's independence.", "SUPPORT", "hypothetical", "Serbia"),
    # threats and ultimatums
    ("Turkey threatened to launch a new military operation in northern Syria.", "THREATEN",
     "occurred", "Turkey"),
    ("ECOWAS gave the coup leaders in Niger a one-week ultimatum to restore the president.",
     "THREATEN", "occurred", "leaders"),
    ("China warned the Philippines against further provocations in the South China Sea.",
     "THREATEN", "occurred", "China"),
    ("Iran vowed to retaliate against Israel.", "THREATEN", "occurred", "Iran"),
    ("Israel threatened to strike Iranian nuclear sites.", "THREATEN", "occurred", "Israel"),
    ("Hezbollah threatened Israel with retaliation.", "THREATEN", "occurred", "Israel"),
    # requests, accusations, rejections
    ("Ukraine asked Germany for more air defence systems.", "REQUEST", "occurred", "Germany"),
    ("Human rights groups called on Egypt to release detained activists.", "REQUEST",
     "occurred", "Egypt"),
    ("Pakistan accused India of sponsoring terrorism.", "ACCUSE", "occurred", "India"),
    ("Colombia blamed the ELN for the bombing of a police station.", "ACCUSE", "occurred",
     "Colombia"),
    ("Israel rejected the ceasefire proposal put forward by Egypt.", "REJECT", "occurred",
     "Israel"),
    ("Russia vetoed a UN resolution on Sudan.", "REJECT", "occurred", "Russia"),
    ("Hungary declined to sign the joint statement.", "REJECT", "occurred", "Hungary"),
    ("Indonesia denied accusations of abuses in Papua.", "REJECT", "occurred", "Indonesia"),
    ("Russia dismissed the allegations as baseless.", "REJECT", "occurred", "Russia"),
    # legislatures, courts and elections: which are events, and of which type
    # impeachment is a formal charge of misconduct: ACCUSE (CAMEO 112)
    ("Peru's Congress voted to impeach the president.", "ACCUSE", "occurred", "Congress"),
    ("The Kenyan parliament impeached the deputy president on Tuesday.", "ACCUSE",
     "occurred", "Kenyan"),
    # a vote of no confidence is a formal disapproval: ACCUSE (CAMEO 111)
    ("The opposition filed a motion of no confidence against the prime minister.", "ACCUSE",
     "occurred", "opposition"),
    ("Thailand's parliament will hold a no-confidence vote against the prime minister next "
     "week.", "ACCUSE", "planned", "prime minister"),
    # a court ruling against a minister's act rejects it: REJECT (CAMEO 12); a conviction
    # is a formal accusation (ACCUSE 1121); a prison sentence is COERCE (173)
    ("Pakistan's Supreme Court ruled against the interior minister's ban on rallies.",
     "REJECT", "occurred", "Supreme Court"),
    ("A court in Buenos Aires convicted the former president of corruption.", "ACCUSE",
     "occurred", "president"),
    # a law against a group restricts it: COERCE (CAMEO 172)
    ("Parliament passed a bill banning the ruling party's rivals from standing in elections.",
     "COERCE", "occurred", None),
    ("The senators voted against the arms sale to Saudi Arabia.", "REJECT", "occurred",
     "senators"),
    ("The governing party lost a vote of no confidence in parliament.", "ACCUSE", "occurred",
     None),
    # word-sense traps
    ("The Kenyan government drew fire from rights groups over the new security law.",
     "ACCUSE", "occurred", "Kenyan"),
    ("The ruling party attacked the opposition's economic plan.", "ACCUSE", "occurred",
     "party"),
    ("The ruling party criticised the opposition's boycott of parliament.", "ACCUSE",
     "occurred", "party"),
    ("Thai prosecutors charged the activist with insulting the monarchy.", "ACCUSE",
     "occurred", "prosecutors"),
    ("The minister charged that the opposition was spreading lies.", "ACCUSE", "occurred",
     "minister"),
    ("Israeli warplanes struck Hezbollah positions in southern Lebanon.", "ASSAULT",
     "occurred", "Israeli"),
    # more constructions: nominal, passive, coordinated, reported
    ("Israeli strikes on Gaza killed at least 20 people, health officials said.", "ASSAULT",
     "occurred", "Israeli"),
    ("Bolivian police arrested and deported two Peruvian activists.", "COERCE", "occurred",
     "police"),
    ("Venezuela could face new sanctions from Washington.", "SANCTION", "hypothetical",
     "Venezuela"),
    ("Armenia and Azerbaijan failed to agree on a peace treaty.", "AGREE", "negated",
     "Armenia"),
    ("Mexico granted asylum to the former Bolivian president.", "AID", "occurred", "Mexico"),
    ("The ceasefire was violated by rebels within hours.", "ASSAULT", "occurred", "rebels"),
    ("The Ugandan president said the rebels must lay down their arms.", "REQUEST",
     "occurred", "rebels"),
    ("Russia and Ukraine carried out a prisoner swap on Friday.", "CONCEDE", "occurred",
     "Russia"),
    ("Japan's prime minister is set to sign a defence pact with the Philippines.", "AGREE",
     "planned", "Philippines"),
    ("Ghana's president was accused by the opposition of rigging the vote.", "ACCUSE",
     "occurred", "opposition"),
    ("A court in Dhaka issued an arrest warrant for the former prime minister.", "COERCE",
     "occurred", "prime minister"),
    ("The Colombian president suspended peace talks with the ELN after a rebel attack.",
     "SANCTION", "occurred", "ELN"),
    ("Indonesia summoned the Australian ambassador over the spying allegations.", "ACCUSE",
     "occurred", "Indonesia"),
    ("The Myanmar junta executed four pro-democracy activists.", "ASSAULT", "occurred",
     "activists"),
    ("Sanctions were imposed on Myanmar's military leaders by the European Union.",
     "SANCTION", "occurred", "European Union"),
    ("A ceasefire was agreed between Thailand and Cambodia on Monday.", "AGREE", "occurred",
     "Thailand"),
    ("India's decision to revoke Kashmir's autonomy drew condemnation from Pakistan.",
     "ACCUSE", "occurred", "Pakistan"),
    ("Nigeria's military denied reports that Nigerian jets had bombed a wedding.", "ASSAULT",
     "negated", "Nigerian"),
    ("Iran is unlikely to release the detained sailors soon.", "CONCEDE", "hypothetical",
     "Iran"),
    ("Sri Lanka is seeking a bailout from the IMF.", "REQUEST", "occurred", "Sri Lanka"),
    ("Mexico plans to deploy 10,000 troops to its northern border.", "MOBILIZE", "planned",
     "Mexico"),
    ("Ethiopia denied that it had deployed troops to Somalia.", "MOBILIZE", "negated", None),
    ("Uganda has not sent troops to South Sudan, the army said.", "MOBILIZE", "negated",
     "Uganda"),
    ("Argentina has proposed a meeting with Britain on the Falklands.", "CONSULT",
     "hypothetical", "Argentina"),
    ("Nepal refused to hand over the suspects to India.", "REJECT", "occurred", "Nepal"),
    ("Pakistan handed over 100 Indian fishermen at the Wagah border.", "CONCEDE", "occurred",
     "Pakistan"),
    ("Saudi-led coalition jets pounded Houthi positions in Yemen.", "ASSAULT", "occurred",
     None),
    ("Kenya's High Court blocked the deployment of police officers to Haiti.", "REJECT",
     "occurred", "High Court"),
    ("Venezuela's electoral council barred the opposition candidate from running.", "COERCE",
     "occurred", "candidate"),
    ("Sierra Leone's opposition boycotted parliament over the election results.", "PROTEST",
     "occurred", "opposition"),
    ("Egypt and Ethiopia resumed talks on the Nile dam in Cairo.", "CONSULT", "occurred",
     "Egypt"),
    ("France sanctioned 28 Israeli settlers over violence against Palestinians.", "SANCTION",
     "occurred", "France"),
    ("Cameroonian separatists attacked a school in the Northwest region, killing three "
     "teachers.", "ASSAULT", "occurred", None),
    ("Malaysia's king pardoned the former prime minister.", "CONCEDE", "occurred",
     "prime minister"),
    ("The opposition party held a rally in Lusaka on Saturday.", "PROTEST", "occurred",
     "party"),
    ("The senator killed the bill in committee.", "REJECT", "occurred", "senator"),
    ("Kenya Airways struck a codeshare deal with Qatar Airways.", "AGREE", "occurred",
     "Qatar Airways"),
    ("The United States raised tariffs on Chinese steel.", "SANCTION", "occurred",
     "United States"),
    ("The court released the opposition leader on bail.", "CONCEDE", "occurred",
     "opposition leader"),
    ("Doctors in Nairobi went on a two-week strike.", "PROTEST", "occurred", "Doctors"),
    ("Rebels fired rockets at the airport in Tripoli.", "ASSAULT", "occurred", "Rebels"),
    ("The Malawian president met the IMF delegation in Lilongwe.", "CONSULT", "occurred",
     "IMF"),
    ("Angry villagers were beaten to death by soldiers in Mali.", "ASSAULT", "occurred",
     "soldiers"),
    ("Qatar brokered talks between Hamas and Israel in Doha.", "CONSULT", "occurred",
     "Qatar"),
    ("The talks were hosted by Saudi Arabia in Jeddah.", "CONSULT", "occurred",
     "Saudi Arabia"),
    ("Kenya's president pledged to send 1,000 police officers to Haiti.", "AGREE",
     "occurred", "Haiti"),
    ("Ukraine's foreign minister urged Hungary not to block EU aid.", "REQUEST", "occurred",
     "Hungary"),
    ("The Iraqi government condemned the Turkish airstrikes on Kurdish villages.", "ASSAULT",
     "occurred", "Turkish"),
    ("Myanmar's military rejected the ASEAN peace plan.", "REJECT", "occurred", "Myanmar"),
    ("Chinese and Indian troops disengaged from the disputed border area.", "RETREAT",
     "occurred", "Chinese"),
    ("Thai police detained three Uyghur activists at Bangkok airport.", "COERCE", "occurred",
     "activists"),
    ("The rebels threatened to attack the capital unless the president resigned.",
     "THREATEN", "occurred", "rebels"),
    ("Saudi Arabia executed seven men convicted of terrorism.", "ASSAULT", "occurred",
     "Saudi Arabia"),
    ("Mexico recalled its ambassador to Peru over comments by the Peruvian president.",
     "SANCTION", "occurred", "Mexico"),
    ("Zimbabwe's president praised China for its investment in the country.", "SUPPORT",
     "occurred", "China"),
    # no event at all
    ("Voters in Senegal went to the polls on Sunday.", None, None, None),
    ("Thailand declined to comment on the reports.", None, None, None),
    ("The coach was fired by the club after a string of defeats.", None, None, None),
    ("The storm struck the coast of Bangladesh on Monday.", None, None, None),
    ("Cholera has killed 40 people in Sudan's Darfur region.", None, None, None),
    ("Twelve villagers in Nepal were killed in a landslide.", None, None, None),
    ("Floods destroyed hundreds of homes in Malawi.", None, None, None),
    ("The general ran for president in 2019.", None, None, None),
    ("The rebels ran out of ammunition.", None, None, None),
    ("The bill passed by 210 votes to 150.", None, None, None),
    ("The birthday party for the president was held in Harare.", None, None, None),
    # business, sport, culture: common trigger words in other senses
    ("The central bank released its inflation report on Tuesday.", None, None, None),
    ("Samsung launched a new smartphone in Seoul.", None, None, None),
    ("Brazil beat Argentina 2-1 in the World Cup qualifier.", None, None, None),
    ("Messi struck the ball into the top corner.", None, None, None),
    ("The Reserve Bank of India targeted inflation of 4 percent.", None, None, None),
    ("Tesla captured a larger share of the Chinese market.", None, None, None),
    ("The movie bombed at the box office.", None, None, None),
    ("The company fired 500 workers in Johannesburg.", None, None, None),
    ("The Pakistani team attacked from the start and won the match.", None, None, None),
    ("The minister fielded questions from reporters in Nairobi.", None, None, None),
    ("The president won a second term in the election.", None, None, None),
    ("Parliament approved the budget for next year.", None, None, None),
    ("The former general will run for office in the 2026 elections.", None, None, None),
    ("The candidate is running for president in the November election.", None, None, None),
    ("Ethiopia's prime minister fired the army chief on Tuesday.", None, None, None),
    ("Sri Lanka's president sacked the defence minister.", None, None, None),
    ("The minister was fired by the president after the scandal.", None, None, None),
    ("The party was attended by hundreds of guests.", None, None, None),
    ("The party celebrated its victory with a big party in Lagos.", None, None, None),
    ("Qatar hosted the World Cup in 2022.", None, None, None),
    ("Nepal's tourism board cited threats to social harmony.", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "event_type", "modality", "actor"), GENERAL, ids=[c[0][:48] for c in GENERAL]
)
def test_across_topics_and_regions(
    text: str, event_type: str | None, modality: str | None, actor: str | None
) -> None:
    events, _ = events_in(text, actors=entity_actors(text))
    if event_type is None:
        assert events == [], [(e.type, e.trigger.text) for e in events]
        return
    found = [e for e in events if e.type == event_type]
    assert found, [(e.type, e.trigger.text) for e in events]
    event = found[0]
    assert event.modality == modality
    roots = set(_CAMEO_ROOTS[event_type])
    if modality == "planned":  # an announced act is coded as the intent: 03x or 13x
        roots |= {"03"} if event_type in _COOPERATIVE else {"13"}
    assert event.cameo[:2] in roots
    if actor is not None:
        mentions = {
            m.text for a in entity_actors(text) if a.id in (*event.source, *event.target)
            for m in a.mentions
        }  # fmt: skip
        assert any(actor in m or m in actor for m in mentions), (event.source, event.target)


_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_CAMEO_ROOTS = {
    "AGREE": {"03", "05"}, "CONSULT": {"04", "03"}, "SUPPORT": {"05"}, "CONCEDE": {"08"},
    "COOPERATE": {"06"}, "AID": {"07"}, "RETREAT": {"08"}, "REQUEST": {"02"},
    "ACCUSE": {"11", "12", "09"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
    "SANCTION": {"16"}, "MOBILIZE": {"15"}, "COERCE": {"17"}, "ASSAULT": {"18", "19", "20"},
}  # fmt: skip
