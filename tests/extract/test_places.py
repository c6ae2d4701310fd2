"""Places: hand-written sentences for homonyms, capitals, metonymy and offsets."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from newsevents.extract.places import extract_places, is_government_metonym, place_sources
from newsevents.kb.lexicons import Lexicons, load_lexicons
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
    assert place.feature == "city" and place.lat is not None and abs(place.lat - 40.7) < 1


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
    text = "A statement from Nairobi confirmed the plan."
    start = text.index("Nairobi")
    doc = parse(text)
    assert [p.name for p in extract_places(doc)] == ["Nairobi"]
    assert extract_places(doc, exclude=[(start, start + 7)]) == []


# --- rules added for non-literal modifiers, people, facilities, datelines, anchors


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Denver coach praised his players after the game.", "Denver"),
        ("Ohio Governor Mike Lenz signed the bill on Friday.", "Ohio"),
        ("Fines are set by Canadian rules and by U.S. law.", "U.S."),
        ("The governor of Kano State opened the new bridge.", "Kano State"),
        ("She met the Norwegian envoy and the Embassy of Peru on Monday.", "Peru"),
    ],
)
def test_place_qualifying_an_institution_is_not_a_place(text: str, name: str) -> None:
    assert name not in places(text)


def test_place_qualifying_its_people_or_buildings_stays() -> None:
    found = places("Boston residents complained that Boston hotels were full.")
    assert "Boston" in found
    assert "Roraima" in places("They crossed into the northern state of Roraima last year.")


def test_surname_and_storm_names_are_not_places() -> None:
    text = "Senator Amy Holland spoke in the morning. Later Holland visited the farm."
    assert "Holland" not in places(text)
    assert "Holland" in places("Bill Holland grew up in Holland before moving away.")
    storms = places("The season brought hurricanes Florence, Michael and Dorian to the coast.")
    assert not {"Florence", "Michael", "Dorian"} & set(storms)


def test_buildings_tagged_as_organisations_are_places() -> None:
    text = "The injured were taken to Northfield General Hospital in Chicago on Sunday."
    found = places(text)
    hospital = next(p for n, p in found.items() if n.endswith("Hospital"))
    chicago = found["Chicago"]
    assert (hospital.lat, hospital.lon) == (chicago.lat, chicago.lon)
    assert not any("Research" in n for n in places("A study by the Pew Research Center found"))


def test_names_split_by_the_tagger_are_joined() -> None:
    found = places("Hundreds of migrants arrived in Boa Vista, near the border.")
    assert "Boa Vista" in found and found["Boa Vista"].country == "BRA"
    assert "Baja California" in places(
        "Olive farmers in Baja California will start the harvest soon."
    )


def test_unit_word_after_a_name_belongs_to_it() -> None:
    found = places("Gunmen attacked a camp near Makurdi in Benue state on Sunday.")
    assert any(m.text == "Benue state" for p in found.values() for m in p.mentions)


def test_upper_case_dateline_is_a_place() -> None:
    found = places("SAN ANTONIO Local officials said the river had risen overnight.")
    assert any(p.country == "USA" and abs((p.lat or 0) - 29.4) < 0.5 for p in found.values())


def test_list_run_together_is_split() -> None:
    found = places("Jobs are scarce in states such as Peru, Chile Bolivia or Ecuador.")
    assert {"Chile", "Bolivia"} <= set(found)


def test_old_capital_name_does_not_beat_a_town_of_that_name() -> None:
    text = "Police in Wiltshire said the couple were found on a bench in Salisbury, England."
    assert by_country(text, "Salisbury").country == "GBR"


def test_county_lies_in_its_state() -> None:
    text = "Flooding closed roads in Essex County, New Jersey, and in Morris County on Monday."
    morris = by_country(text, "Morris County")
    assert morris.lat is not None and morris.lon is not None
    assert abs(morris.lat - 40.2) < 1.5 and abs(morris.lon + 74.6) < 1.5


def test_claimed_name_after_in_stays_a_place() -> None:
    text = "Talks were held in Nairobi on Monday."
    start = text.index("Nairobi")
    found = extract_places(parse(text), exclude=[(start, start + 7)])
    assert [p.name for p in found] == ["Nairobi"]


def test_local_homonym_of_the_main_country() -> None:
    text = (
        "Floods hit Ireland again. Roads near Cavan and Dublin were closed, and in Virginia "
        "the theatre shut its doors for a week."
    )
    assert by_country(text, "Virginia").country == "IRL"


# --- entity boundaries, streets, towns after a preposition, organisation-like names


def test_tagger_run_on_words_are_trimmed() -> None:
    found = places("She fled from her home in Adakpo village of the district last year.")
    assert "Adakpo" in found
    assert not any(n.endswith(" and") for n in places("They met at Elm and Oak near the fair."))


def test_street_word_after_a_place_entity_joins_it() -> None:
    text = "The fire started in the 300 block of North Clark Street in Chicago on Sunday."
    assert any(n.endswith("Street") and "Clark" in n for n in places(text))


def test_names_before_plural_street_word_are_streets() -> None:
    found = places("The parade turned at the corner of Maple and Hudson streets in Albany.")
    assert {"Maple Street", "Hudson Street"} <= set(found)
    assert found["Maple Street"].mentions[0].text == "Maple"


def test_known_town_after_locative_preposition() -> None:
    text = "The farmer, who lives in Ashland, sells his corn at the market there."
    assert "Ashland" in places(text)
    listed = places("The bank shut branches in Ruse, Pleven, Gabrovo and Vratsa last year.")
    assert {"Pleven", "Gabrovo"} <= set(listed)


def test_comma_name_is_one_place() -> None:
    found = places("The bill passed in 40 states, Washington, D.C., and Puerto Rico.")
    assert "Washington, D.C." in found
    assert "D.C." not in found


def test_storm_names_after_a_colon() -> None:
    text = "Forecasters tracked three storms near the islands: Florence, Michael and Dorian."
    assert not {"Florence", "Michael", "Dorian"} & set(places(text))


def test_unknown_name_ending_in_an_institution_word_is_no_place() -> None:
    text = "A spokesman for the South Wessex Ambulance Service said the road was closed."
    assert not any("Service" in n for n in places(text))


def test_upper_case_abbreviation_is_not_a_word() -> None:
    assert "Australian Capital Territory" not in places("The Act gives chiefs new powers.")


def test_arabic_article_may_be_dropped() -> None:
    found = places("Shells landed on Qamishli and nearby villages on Monday.")
    assert found["Qamishli"].country == "SYR"


def test_british_and_irish_counties() -> None:
    found = places("A hiker was rescued near Tenby, Pembrokeshire, on Sunday.")
    county = found["Pembrokeshire"]
    assert county.country == "GBR" and county.lat is not None
    assert places("Roads in County Cavan were closed.")


def test_speaker_or_team_named_like_a_place_is_not_a_place() -> None:
    assert "Florence" not in places('"Nobody told me," said Florence. Florence said she was tired.')
    text = "Leeds won the match 2-0 and will play Hull next week in the final."
    assert not {"Leeds", "Hull"} & set(places(text))
    assert "Paris" in places("The storm moved across Texas, and Paris, Texas lost power.")


def test_possessive_country_before_an_agent_noun_is_a_government() -> None:
    assert "Canada" not in places("Canada's broadcast regulator has said nothing.")


def test_small_foreign_town_in_a_local_story_is_placed_nearby() -> None:
    text = (
        "Police in Chicago said the man ran from Wacker Drive towards Grand, where officers "
        "in Chicago and Evanston caught him."
    )
    grand = places(text)["Grand"]  # a Chicago street, not the town in Côte d'Ivoire
    assert grand.country == "USA"


def test_town_after_a_place_and_a_comma() -> None:
    text = "The concert is at the Ramor Theatre, Ballyjamesduff, in the county of Cavan."
    assert "Ballyjamesduff" in places(text)


def test_claimed_name_after_a_travel_word_stays_a_place() -> None:
    text = "One dog was sent to Japan instead of Denver."
    start = text.index("Japan")
    found = extract_places(parse(text), exclude=[(start, start + 5)])
    assert "Japan" in [p.name for p in found]


def test_rivers_and_deserts() -> None:
    found = places("Farmers along the Cauvery waited for the monsoon.")
    assert found["Cauvery"].country == "IND"


def test_demonym_hyphen_and_kin_names_are_not_places() -> None:
    assert "Denmark" not in places("The police found Dane guns and pistols in the house.")
    assert not any("Newton" in n for n in places("It makes 600 Newton-meters of torque."))
    assert "Berlin" in places("The Berlin-based company hired 40 people.")
    assert "Boston" not in places("He was carrying his son, Boston, on his shoulders.")


def test_state_tagged_as_a_person_each_time_stays_a_place() -> None:
    text = (
        "Water from the river is shared by Tamil Nadu and Kerala. Farmers of Tamil Nadu "
        "want more. Tamil Nadu filed a petition."
    )
    assert "Tamil Nadu" in places(text)


def test_unknown_name_after_a_place_preposition() -> None:
    assert "Wallacedene" in places("She has now moved back to Wallacedene where she lives.")
    assert "Glenmoriston" in places("He runs a workshop at the family farm at Glenmoriston.")
    assert "Tchaikovsky" not in places("He played as soloist in Tchaikovsky's concerto.")


def test_numbered_street() -> None:
    found = places("Three men were detained on 23rd St. Friday evening in Dayton.")
    assert "23rd St." in found
    assert found["23rd St."].country == "USA"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("The party has ruled since independence from Portugal in 1975.", "Portugal", True),
        ("Nothing stands above the dignity of Peru, he said.", "Peru", True),
        ("A delegation from Chile arrived on Monday.", "Chile", True),
        ("Chile's ruling party lost the vote.", "Chile", True),
        ("Tourists flew from Chile to Peru.", "Chile", False),
    ],
)
def test_state_as_a_polity(text: str, name: str, expected: bool) -> None:
    doc = parse(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    assert is_government_metonym(span) is expected


def test_unknown_name_lies_in_the_place_it_is_named_after() -> None:
    text = "The statue was unveiled in the Vatican Gardens, and later a choir sang in Yerevan."
    gardens = places(text)["Vatican Gardens"]
    assert gardens.country == "VAT" and abs((gardens.lat or 0) - 41.9) < 0.5


def test_small_town_after_the_is_placed_by_the_article() -> None:
    text = "Jobs matter here in the Valley, said the owner of a shop in Youngstown, Ohio."
    valley = places(text)["Valley"]
    assert valley.lat is not None and abs(valley.lat - 41.1) < 1.0


def test_unknown_name_qualifying_an_affair_is_no_place() -> None:
    found = places("Airlines must comply with the Open Sky framework, Brussels officials said.")
    assert not any("Sky" in n for n in found)


def test_home_town_after_a_person_and_of() -> None:
    assert "Riverdale" in places("The victim, Anna Berg, of Riverdale, was not a target.")


# --- a toponym must be used as a place (issue 11)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("NATO leaders met in Vilnius on Tuesday to discuss air defence.", "Nato"),
        ("Ministers of the EU agreed new sanctions in Brussels on Monday.", "Eu"),
        ("The UN warned on Friday that the IMF would cut its forecast in Geneva.", "Un"),
    ],
)
def test_acronym_of_a_body_is_no_town(text: str, body: str) -> None:
    found = places(text)
    assert body not in found and body.upper() not in found
    assert len(found) == 1  # the real place of the sentence is kept


def test_abbreviation_of_a_place_still_resolves() -> None:
    found = extract_places(parse("Troops arrived in Kuwait from the UAE and the U.S. on Monday."))
    assert {p.country for p in found} == {"KWT", "ARE", "USA"}


@pytest.mark.parametrize(
    "text",
    [
        "Chelsea beat Everton 2-1 on Saturday.",
        "Liverpool drew with Arsenal while Leeds lost to Burnley.",
        "Barcelona lost at home for the first time this season.",
    ],
)
def test_clubs_named_after_towns_are_teams(text: str) -> None:
    assert places(text) == {}


def test_club_written_with_its_club_word_is_a_team_throughout() -> None:
    text = (
        "UEFA charged Liverpool FC after the match. Officials said Liverpool would appeal. "
        "Fans gathered at the ground in Liverpool before kick-off."
    )
    liverpool = places(text)["Liverpool"]
    assert [m.text for m in liverpool.mentions] == ["Liverpool"]
    assert text[liverpool.mentions[0].start - 3 : liverpool.mentions[0].start] == "in "


def test_city_club_in_a_sports_story() -> None:
    text = "Manchester City fans attacked the bus before the league match, the club said."
    assert "Manchester" not in places(text)
    rain = extract_places(parse("Heavy rain fell on Manchester City centre on Monday."))
    assert [p.country for p in rain] == ["GBR"]


@pytest.mark.parametrize(
    "text",
    [
        "He moved there last year with his girlfriend Olivia.",
        "Relatives of Helen, Clarence, Irene and Randy Kunz attended the hearing.",
        "Olivia said she was happy with the result.",
    ],
)
def test_first_names_are_people(text: str) -> None:
    assert "Olivia" not in places(text) and "Clarence" not in places(text)


def test_small_town_with_a_first_name_after_a_preposition_stays() -> None:
    assert (
        places("The tornado struck near Olivia, Minnesota, on Sunday.")["Olivia"].country == "USA"
    )


def test_city_state_stays_together_beside_a_person_of_that_name() -> None:
    text = (
        "Defense Secretary Lloyd Austin spoke on Monday. "
        "Austin, Texas, police said the march was peaceful."
    )
    found = places(text)
    assert found["Austin"].country == "USA" and found["Texas"].country == "USA"
    assert abs((found["Austin"].lat or 0) - 30.3) < 0.5  # the Texan capital, not a small town
    assert [m.text for m in found["Austin"].mentions] == ["Austin"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("LAGOS, Nigeria \u2014 Gunmen kidnapped 20 students on Monday.", "Lagos", "NGA"),
        ("KYIV (Reuters) - Russia launched missiles overnight, officials said.", "Kyiv", "UKR"),
        ("WASHINGTON \u2014 The Senate passed the bill on Friday.", "Washington", "USA"),
        ("ROME, March 3 - The government fell on Tuesday.", "Rome", "ITA"),
    ],
)
def test_dateline_gives_a_place(text: str, name: str, country: str) -> None:
    place = places(text)[name]
    assert place.country == country and place.mentions[0].start == 0


def test_facilities_and_streets_are_found() -> None:
    text = "The protest began outside the Barclays Center and moved down Flatbush Avenue."
    found = places(text)
    assert "Barclays Center" in found and "Flatbush Avenue" in found


# --- the learned place filter (kb/place_filter.json, scripts/train_place_filter.py)


@pytest.mark.parametrize(
    ("text", "affiliation", "place"),
    [
        (
            "Sen. Ted Cruz (R-Texas) said the vote would wait until Tuesday in Denver.",
            "Texas",
            "Denver",
        ),
        ("Ohio Gov. John Kasich spoke to supporters in Cleveland.", "Ohio", "Cleveland"),
    ],
)
def test_a_state_as_an_affiliation_is_no_place(text: str, affiliation: str, place: str) -> None:
    found = places(text)
    assert affiliation not in found and place in found


def test_filter_weights_are_shipped_and_small() -> None:
    from newsevents.extract.places import PLACE_FILTER, place_filter

    weights = place_filter()
    assert "bias" in weights and "party_tag" in weights and weights["party_tag"] < 0
    assert PLACE_FILTER.stat().st_size < 10_000


def test_first_names_list_is_shipped() -> None:
    from newsevents.extract.places import first_names

    names = first_names()
    assert len(names) > 3000 and {"olivia", "clarence", "madison"} <= names
    assert "name" not in names and "share" not in names  # headers are not names


def test_acronym_of_a_body_tagged_as_a_place_is_still_a_body() -> None:
    from spacy.tokens import Span

    doc = parse("Talks were held at NATO and in France last year.")
    body = next(t.i for t in doc if t.text == "NATO")
    france = next(t.i for t in doc if t.text == "France")
    doc.ents = [Span(doc, body, body + 1, label="GPE"), Span(doc, france, france + 1, label="GPE")]
    assert [p.name for p in extract_places(doc)] == ["France"]


def _lexicons_without(*kinds: str) -> Lexicons:
    """The package's lexicons with some kinds of ``place_words.tsv`` emptied."""
    lexicons = load_lexicons()
    words = {kind: frozenset() if kind in kinds else w for kind, w in lexicons.place_words.items()}
    return dataclasses.replace(lexicons, place_words=MappingProxyType(words))


def test_the_place_words_are_the_lexicons_passed_in() -> None:
    doc = parse("Moscow's response came quickly.")
    assert is_government_metonym(doc[0:1])
    without = _lexicons_without("agent_noun")
    assert not is_government_metonym(doc[0:1], lexicons=without)
    assert [p.name for p in extract_places(doc)] == []
    sources = place_sources(lexicons=without)
    assert [p.name for p in extract_places(doc, sources=sources)] == ["Moscow"]


def test_a_team_is_known_by_the_match_verbs_passed_in() -> None:
    doc = parse("Leeds beat Hull on Saturday.")
    assert [p.name for p in extract_places(doc)] == []
    sources = place_sources(lexicons=_lexicons_without("match", "result"))
    assert "Leeds" in [p.name for p in extract_places(doc, sources=sources)]
