"""resolve_phrase on a small fixture knowledge base (independent of the shipped KB data)."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from newsevents import resolve
from newsevents.kb import KnowledgeBase, load_kb

COUNTRIES = [
    {"iso3": "FRA", "iso2": "FR", "name": "France", "aliases": ["France"],
     "demonyms": ["French"], "capital": "Paris", "capital_aliases": ["Paris"],
     "seats": ["the Elysee"]},
    {"iso3": "KAZ", "iso2": "KZ", "name": "Kazakhstan", "aliases": ["Kazakhstan"],
     "demonyms": ["Kazakh", "Kazakhs"], "capital": "Astana", "capital_aliases": ["Astana"]},
    {"iso3": "USA", "iso2": "US", "name": "United States", "aliases": ["United States", "U.S."],
     "demonyms": ["American", "Americans"], "capital": "Washington",
     "capital_aliases": ["Washington"], "seats": ["the White House"]},
    {"iso3": "ARM", "iso2": "AM", "name": "Armenia", "aliases": ["Armenia"],
     "demonyms": ["Armenian"], "capital": "Yerevan", "capital_aliases": ["Yerevan"]},
]  # fmt: skip
PEOPLE = [
    {"id": "person:ana-example", "name": "Ana Example", "gender": "f", "country": "FRA",
     "sector_otherwise": "BUS",
     "offices": [
         {"role": "Minister of Foreign Affairs of France", "kind": "foreign_minister",
          "sector": "GOV", "start": "2018-01-01", "end": "2021-06-01"},
         {"role": "President of France", "kind": "head_of_state", "sector": "GOV",
          "start": "2024-05-01", "end": None}]},
    {"id": "person:nikolai-sample", "name": "Nikolai Sample", "gender": "m", "country": "ARM",
     "offices": [{"role": "Prime Minister of Armenia", "kind": "head_of_government",
                  "sector": "GOV", "start": "2018-05-08", "end": None}]},
    {"id": "person:marie-prefet", "name": "Marie Prefet", "gender": "f", "country": "FRA",
     "offices": [{"role": "Governor of an Example Region", "kind": "official",
                  "sector": "GOV", "start": "2019-01-01", "end": None}]},
    {"id": "person:mohamed-exampleson", "name": "Mohamed Exampleson", "gender": "m",
     "country": "KAZ",
     "offices": [{"role": "Minister of Energy of Kazakhstan", "kind": "minister",
                  "sector": "GOV", "start": "2019-01-01", "end": None}]},
]  # fmt: skip
ORGS = [
    {
        "id": "media:daily-wire-service",
        "name": "Daily Wire Service",
        "aliases": ["DWS"],
        "type": "media",
        "country": "USA",
        "sector": "MED",
    },
    {
        "id": "org:example-alliance",
        "name": "Example Alliance",
        "aliases": ["EXA"],
        "type": "organization",
        "country": "IGO",
        "sector": "IGO",
    },
    {
        "id": "gov:kaz-example-defence-force",
        "name": "Kazakh Example Defence Force",
        "aliases": ["KEDF"],
        "type": "government",
        "country": "KAZ",
        "sector": "MIL",
    },
    {
        "id": "gov:kaz-great-hural",
        "name": "Great Hural",
        "aliases": ["Hural"],
        "type": "government",
        "country": "KAZ",
        "sector": "LEG",
    },
    {
        "id": "group:free-police-movement",
        "name": "Free Police and Example Movement",
        "aliases": [],
        "type": "group",
        "country": "KAZ",
        "sector": "REB",
    },
    {
        "id": "group:jamaat-example",
        "name": "Jamaat Ahlu Example Wal Jamaa",
        "aliases": [],
        "type": "group",
        "country": "KAZ",
        "sector": "UAF",
    },
]
ROLES = [
    {"phrase": p, "sector": s, "office_kind": k, "number": n}
    for p, s, k, n in [
        ("minister", "GOV", "minister", "sg"),
        ("foreign minister", "GOV", "foreign_minister", "sg"),
        ("prime minister", "GOV", "head_of_government", "sg"),
        ("president", "GOV", "head_of_state", "sg"), ("leader", "GOV", "head_of_state", "sg"),
        ("official", "GOV", "official", "sg"), ("officials", "GOV", "official", "pl"),
        ("spokeswoman", "GOV", "spokesperson", "sg"), ("warplanes", "MIL", "", "pl"),
        ("troops", "MIL", "", "pl"), ("army", "MIL", "", "sg"), ("police", "COP", "", "pl"),
        ("protesters", "CVL", "", "pl"), ("rebels", "REB", "", "pl"),
        ("gunman", "CRM", "", "sg"), ("authorities", "GOV", "", "pl"),
        ("adviser", "GOV", "adviser", "sg"), ("hospital", "HLH", "", "sg"),
        ("teacher", "EDU", "", "sg"), ("college", "EDU", "", "sg"),
        ("buddhists", "REL", "", "pl"), ("cruiser", "MIL", "", "sg"),
    ]
]  # fmt: skip
FIXTURE = {"countries": COUNTRIES, "people": PEOPLE, "organizations": ORGS, "roles": ROLES}


def write_kb(root: Path, fixture: dict[str, Any]) -> KnowledgeBase:
    """The fixture as knowledge-base files, read by the real loader."""
    (root / "people").mkdir(parents=True)
    (root / "organizations").mkdir()
    (root / "countries.yaml").write_text(yaml.safe_dump(fixture["countries"]), encoding="utf-8")
    (root / "people" / "people.yaml").write_text(
        yaml.safe_dump(fixture["people"]), encoding="utf-8"
    )
    (root / "organizations" / "orgs.yaml").write_text(
        yaml.safe_dump(fixture["organizations"]), encoding="utf-8"
    )
    rows = ["phrase\tsector\toffice_kind\tnumber"] + [
        f"{r['phrase']}\t{r['sector']}\t{r['office_kind']}\t{r['number']}" for r in fixture["roles"]
    ]
    (root / "roles.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return load_kb(root)


@functools.cache
def fixture_lexicon() -> resolve.Lexicon:
    """The fixture knowledge base, indexed once: handed to the resolver, no global patched."""
    return resolve.build_lexicon(write_kb(Path(tempfile.mkdtemp()) / "kb", FIXTURE))


def phrase_actor(phrase: str, day: date, where: Callable[[str], str | None] | None = None) -> Any:
    return resolve.resolve_phrase(phrase, on=day, lex=fixture_lexicon(), where=where)


def summary(
    phrase: str, day: str = "2025-01-01", where: Callable[[str], str | None] | None = None
) -> tuple[object, ...]:
    actor = phrase_actor(phrase, date.fromisoformat(day), where)
    assert actor is not None, phrase
    return actor.id, actor.type, actor.country, actor.sector


def test_full_name_with_title() -> None:
    assert summary("Armenian Prime Minister Nikolai Sample") == (
        "person:nikolai-sample",
        "person",
        "ARM",
        "GOV",
    )


def test_same_name_two_dates() -> None:
    assert summary("Ana Example", "2019-03-01")[3] == "GOV"  # foreign minister
    assert summary("Ana Example", "2022-03-01")[3] == "ELI"  # between offices: former
    assert summary("Ana Example", "2015-03-01")[3] == "BUS"  # before any office
    actor = phrase_actor("Ana Example", date(2025, 1, 1))
    assert actor is not None and actor.role == "President of France"


def test_surname_alone_is_the_kb_person() -> None:
    assert summary("Minister Example", "2019-03-01")[0] == "person:ana-example"


def test_definite_description_of_a_country_leader() -> None:
    assert summary("the French leader", "2025-02-01")[0] == "person:ana-example"
    assert summary("the Armenian prime minister")[0] == "person:nikolai-sample"


def test_anonymous_groups() -> None:
    assert summary("a French official") == ("anon:FRA-GOV", "group", "FRA", "GOV")
    assert summary("American warplanes")[2:] == ("USA", "MIL")
    assert summary("Kazakh troops")[0] == "anon:KAZ-MIL"
    assert summary("protesters") == ("anon:CVL", "group", None, "CVL")


def test_possessive_country_and_former() -> None:
    assert summary("France's foreign minister", "2019-03-01")[0] == "person:ana-example"
    assert summary("a former French official")[2:] == ("FRA", "ELI")


def test_capitals_and_seats_are_governments() -> None:
    assert summary("the White House") == ("gov:USA", "government", "USA", "GOV")
    assert summary("Astana") == ("gov:KAZ", "government", "KAZ", "GOV")


def test_bare_country_is_the_country() -> None:
    assert summary("France") == ("country:FRA", "country", "FRA", None)


def test_organisations_and_their_members() -> None:
    assert summary("DWS") == ("media:daily-wire-service", "media", "USA", "MED")
    assert summary("Example Alliance officials")[2:] == ("IGO", "IGO")  # the body's sector


def test_unknown_person_takes_country_and_sector_from_the_title() -> None:
    assert summary("French Foreign Minister Paul Nobody", "2023-01-01") == (
        "person:paul-nobody",
        "person",
        "FRA",
        "GOV",
    )
    assert summary("Paul Nobody") == ("person:paul-nobody", "person", None, None)


def test_spokesperson_of_a_body_takes_its_sector() -> None:
    assert summary("Lakeside Hospital spokeswoman Jane Nobody")[3] == "HLH"


def test_nothing_to_resolve() -> None:
    assert phrase_actor("a demand", date(2025, 1, 1)) is None
    assert phrase_actor("   ", date(2025, 1, 1)) is None


def test_summary_of_none() -> None:
    assert resolve.actor_summary("x", None)["id"] is None


def test_a_kb_name_inside_a_longer_name_is_someone_else() -> None:
    assert summary("Ana Example Smith")[0] == "person:ana-example-smith"
    assert summary("Jean-Ana Example")[0] != "person:ana-example"
    assert summary("Nikolai Sample")[0] == "person:nikolai-sample"


def test_surname_rules_live_in_the_kb() -> None:
    from newsevents.kb import _surname_variants

    assert _surname_variants("Moon Jae-in", "KOR") == {"Moon"}
    assert "in" not in _surname_variants("Moon Jae-in", None)
    assert _surname_variants("Martin Luther King Jr.", "USA") == {"King"}
    assert _surname_variants("Charles III", "GBR") == set()
    assert _surname_variants("U Nu", "MMR") == set()
    assert _surname_variants("Bashar al-Assad", "SYR") == {"al-Assad", "Assad"}


def test_a_stated_title_of_a_past_office_holds_for_the_phrase() -> None:
    # Ana Example is between offices on 2022-03-01: ELI alone, GOV when titled so.
    assert summary("Foreign Minister Ana Example", "2022-03-01")[3] == "GOV"
    assert summary("former Foreign Minister Ana Example", "2022-03-01")[3] == "ELI"
    assert summary("Ana Example", "2022-03-01")[3] == "ELI"


def test_members_and_officers_of_a_body_take_its_country_and_sector() -> None:
    assert summary("members of KEDF")[2:] == ("KAZ", "MIL")
    assert summary("personnel of the Kazakh Example Defence Force")[2:] == ("KAZ", "MIL")
    # not the head of state of Kazakhstan: the body's presiding officer
    assert summary("the president of the Great Hural")[2:] == ("KAZ", "LEG")
    # an IGO's officers keep their title's sector
    assert summary("president of the Example Alliance")[2:] == ("IGO", "GOV")


def test_a_job_takes_the_body_sector_but_a_group_keeps_its_own() -> None:
    assert summary("Lakeside Hospital spokeswoman Jane Nobody")[3] == "HLH"
    assert summary("hospital protesters")[3] == "CVL"


def test_a_stated_location_decides_the_country() -> None:
    where = {"Springfield": "USA", "Normandy": "FRA"}.get
    assert summary("a teacher at Springfield College in Normandy", where=where)[2:] == (
        "FRA",
        "EDU",
    )
    assert summary("a teacher from Springfield", where=where)[2:] == ("USA", "EDU")


def test_adherents_of_a_faith_with_a_place() -> None:
    assert summary("Lakeland Buddhists", where={"Lakeland": "KAZ"}.get)[2:] == ("KAZ", "REL")


def test_transliteration_variants_of_names() -> None:
    assert summary("Mohammed Exampleson")[0] == "person:mohamed-exampleson"
    assert summary("Muhammad Exampleson")[0] == "person:mohamed-exampleson"
    assert summary("Ahmed Exampleson")[0] != "person:mohamed-exampleson"


def test_an_organisation_spelt_another_way() -> None:
    assert summary("Jamaat Ahlu Example Waljama")[0] == "group:jamaat-example"
    assert summary("Jamaat Ahlu Exampl Wal Jamaa")[0] == "group:jamaat-example"
    assert summary("Jamaat Other Thing Entirely")[0] != "group:jamaat-example"


def test_a_warship_class_names_its_navy() -> None:
    assert summary("a Slava-class cruiser")[2:] == ("RUS", "MIL")
    assert summary("the Ticonderoga class cruiser")[2:] == ("USA", "MIL")
    assert summary("a cruiser")[2:] == (None, "MIL")


def test_a_role_word_inside_an_organisation_name_is_part_of_the_name() -> None:
    assert summary("Free Police and Example Movement")[0] == "group:free-police-movement"
    assert summary("Free Police and Exampl Movement")[0] == "group:free-police-movement"
    assert summary("the head of the KEDF")[2:] == ("KAZ", "MIL")
    assert summary("a former member of the Great Hural")[2:] == ("KAZ", "ELI")


def test_a_generic_official_is_not_described_by_a_unique_holder() -> None:
    # Marie Prefet is the only French 'official' in the fixture, yet not "the French official"
    assert summary("the French official")[0] == "anon:FRA-GOV"
    assert summary("Marie Prefet")[0] == "person:marie-prefet"


def test_a_people_noun_is_its_civilians() -> None:
    # A plural demonym or a people named after a demonym: the country's civilians.
    assert summary("ordinary Kazakhs")[2:] == ("KAZ", "CVL")
    assert summary("ethnic Armenians")[2:] == ("ARM", "CVL")  # plural of a KB demonym
    assert summary("American Kurds")[2:] == ("USA", "CVL")
    # a bare people noun alone stays the country, as a bare country name does
    assert summary("Kazakhs")[:3] == ("country:KAZ", "country", "KAZ")


def test_given_names_file_gives_genders() -> None:
    names = resolve.given_names()
    assert names.get("maria") == "f" and names.get("peter") == "m"
    assert "jean" not in names  # a name of both genders is left out
