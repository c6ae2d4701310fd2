"""Roles, sources and credits in articles (issue 11): invented sentences, general rules."""

from __future__ import annotations

from datetime import date

from newsevents import nlp
from newsevents.extract.actors import extract_actors

DAY = date(2024, 5, 1)


def _actors(text: str) -> dict[str, tuple[str | None, str | None, list[str]]]:
    found = extract_actors(nlp.parse(text), published=DAY)
    return {a.id: (a.country, a.sector, [m.text for m in a.mentions]) for a in found}


def test_a_title_before_an_unknown_name_codes_the_person_in_every_mention() -> None:
    rows = _actors("Chief of staff Tom Hale said the plan would work. Hale added that talks go on.")
    assert rows["person:tom-hale"][1] == "GOV"
    assert rows["person:tom-hale"][2] == ["Tom Hale", "Hale"]


def test_an_apposition_with_a_country_codes_the_person() -> None:
    rows = _actors(
        "Kenya's interior minister, Amos Kiprono, said the curfew would end. "
        "Kiprono denied the report."
    )
    country, sector, mentions = rows["person:amos-kiprono"]
    assert (country, sector) == ("KEN", "GOV") and "Kiprono" in mentions


def test_the_country_s_minister_takes_the_article_s_country() -> None:
    rows = _actors(
        "Leila Rahman, the country's deputy finance minister, told reporters in Dhaka that the "
        "budget was ready. Ms Rahman said cuts were needed."
    )
    country, sector, mentions = rows["person:leila-rahman"]
    assert (country, sector) == ("BGD", "GOV")
    assert mentions == ["Leila Rahman", "Ms Rahman"]  # one person, not "person:ms-rahman"
    assert "person:ms-rahman" not in rows and "person:rahman" not in rows


def test_a_title_of_address_without_an_entity_names_a_person() -> None:
    rows = _actors("Mr Okafor, a spokesman for the Nigerian army, said troops repelled an attack.")
    assert rows["person:okafor"][:2] == ("NGA", "MIL")  # the body's spokesman: its sector


def test_bylines_credits_and_reporting_lines_are_no_actors() -> None:
    text = (
        "By Jane Roe\nLAGOS, Nigeria — The governor said the roads would reopen.\n"
        "Photo: John Doe/Example Agency\n"
        "(Reporting by Ann Poe; Editing by Mark Lee)\nSam Ode contributed reporting."
    )
    ids = set(_actors(text))
    for name in ("jane-roe", "john-doe", "ann-poe", "mark-lee", "sam-ode"):
        assert not any(name in i for i in ids), ids


def test_the_dateline_agency_is_no_actor_and_the_description_after_it_is() -> None:
    rows = _actors("KYIV (Reuters) - Iranian officials said the talks had failed.")
    assert "media:reuters" not in rows
    assert rows["anon:IRN-GOV"][:2] == ("IRN", "GOV")


def test_the_dateline_gives_the_country_of_an_unplaced_description() -> None:
    rows = _actors("LAGOS, Nigeria — Police said the suspects had fled. Witnesses said the same.")
    assert rows["anon:NGA-COP"][:2] == ("NGA", "COP")


def test_anonymous_and_plural_sources_are_group_actors() -> None:
    rows = _actors(
        "Iranian officials said the talks failed. A senior U.S. diplomat said Washington was "
        "disappointed. Witnesses told reporters the market burned."
    )
    assert rows["anon:IRN-GOV"][2] == ["Iranian officials"]
    assert rows["anon:USA-GOV"][2] == ["A senior U.S. diplomat"]
    assert any(key.startswith("anon:") and value[1] == "CVL" for key, value in rows.items())


def test_different_crowds_in_different_sentences_do_not_merge() -> None:
    rows = _actors(
        "In Lagos, Nigerian police arrested three people on Monday. On Tuesday, thousands of "
        "demonstrators marched. The demonstrators chanted. The three people were released."
    )
    people = [v[2] for k, v in rows.items() if v[1] == "CVL"]
    assert ["three people", "The three people"] in people
    assert ["demonstrators", "The demonstrators"] in people


def test_the_same_crowd_by_its_count_or_a_general_word_stays_one_group() -> None:
    rows = _actors(
        "A gunman wounded five people in Lagos, Nigeria. The five victims were taken to a clinic."
    )
    crowds = [v[2] for v in rows.values() if v[1] == "CVL"]
    assert crowds == [["five people", "The five victims"]]


def test_an_unknown_body_has_the_country_of_its_name_or_none() -> None:
    rows = _actors(
        "Troops of the 4th Lancers Regiment arrived in Estonia on Monday, and Acme Holdings said "
        "its profits rose. The Tallinn Police Department said roads were closed."
    )
    coded = {k: v[:2] for k, v in rows.items()}
    assert coded.get("org:acme-holdings", (None, "BUS")) == (None, "BUS")  # not Estonia's
    assert coded["org:tallinn-police-department"] == ("EST", "COP")


def test_a_unit_named_for_a_people_is_no_person() -> None:
    rows = _actors("The 3rd Battalion, Royal Welsh, arrived in Estonia.")
    assert "person:royal-welsh" not in rows
