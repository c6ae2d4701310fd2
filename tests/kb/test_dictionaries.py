"""The field dictionaries: the importer (scripts/import_dictionaries.py), the committed data
under kb/field/, and their use by the resolver (invented names and fixtures throughout)."""

from __future__ import annotations

import datetime as dt
import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents import nlp
from newsevents.errors import BadDictionaryRow
from newsevents.extract.actors import extract_actors
from newsevents.kb.dictionaries import (
    PEOPLE_FILE,
    FieldPeriod,
    FieldPerson,
    load_agents,
    load_people,
    name_key,
    read_people,
)
from newsevents.resolve import resolve_phrase

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import import_dictionaries as importer  # noqa: E402

COUNTRIES = """\
# The MIT License (MIT)
# Copyright (c) 2014 Example Alliance

KENYA_  [KEN]
+KENYAN_

AMOS_KIPRONO_TESTER_  # CountryInfo.txt
+A._K._TESTER_
+PRESIDENT_AMOS_TESTER_
+AMOS_K._TESTER_
\t[KENELI 900101-050101]
\t[KENGOV >20050101]
VLADIMIR_PUTIN_  # CountryInfo.txt
\t[RUSGOV >000507]
NAIROBI_CITY_COUNCIL
\t[KENGOV]
ZEBEDEE_  # CountryInfo.txt
\t[KENGOV 050101-100101]
MARTA_EXAMPLOVA_
\t[CZEGOVMED 19990101-20030101]
\t[CZEELI]
MICHAEL_SCOTT_  # CountryInfo.txt
\t[GBRGOV 19990101-20030101]
"""
INTERNATIONAL = """\
IDA_TESTWORTH_\t[IGOUNO 950101-991231] [ELI]# IGOrulers.txt
GRAND_LEAGUE_OF_EXAMPLES_\t[IGOXYZ]
EXAMPLE_WIDGETS_CORPORATION_\t[MNCUSA]
"""
MILNONSTATE = """\
SYLVAN_LIBERATION_FRONT_(SLF)_ [KENREB] #  kkl 21 Mar 13
+SYLVAN_FRONT_
SLF_ [KENREB]
HOLY_EXAMPLE_BRIGADE_ [IMGMUSALQ]
"""
AGENTS = """\
# The MIT License (MIT)
!PERSON! = MAN, WOMAN
FERRY!PERSON! [~BUS]
MINISTER [~GOV]
WATCHMAKER [~BUS]
GOOSE_HERDER {GOOSE_HERDERS_ALL} [~AGR]
ACTIVIST [~CVLOPP]
STORM [~JNK]
"""
PLOVER = """\
STORM_CHASER [~JNK]
WATCHMAKER [~EDU]
"""


def _git_repo(path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    git = ["git", "-C", str(path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "data"], check=True)
    return path


def _petrarch(tmp_path: Path, countries: str = COUNTRIES) -> Path:
    base = "petrarch2/data/dictionaries/"
    return _git_repo(
        tmp_path / "petrarch2",
        {
            "LICENSE": "The MIT License (MIT)\n",
            base + "Phoenix.Countries.actors.txt": countries,
            base + "Phoenix.International.actors.txt": INTERNATIONAL,
            base + "Phoenix.MilNonState.actors.txt": MILNONSTATE,
            base + "Phoenix.agents.txt": AGENTS,
        },
    )


def _run(petrarch: Path, ngec: Path | None, out: Path, fixes: str = "") -> dict[str, int]:
    table = out.parent / f"{out.name}-fixes.tsv"
    table.write_text("file\tline\tfound\treplacement\treason\n" + fixes, encoding="utf-8")
    return importer.run(petrarch, ngec, out, table)


def _rows(path: Path) -> dict[str, list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = [line for line in handle.read().splitlines() if not line.startswith("#")]
    return {line.split("\t")[0]: line.split("\t") for line in lines[1:]}


def test_the_importer_keeps_full_names_of_people_with_dated_codes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    counts = _run(_petrarch(tmp_path), None, out)
    rows = _rows(out / "people.tsv.gz")
    # a body, a one-word name, two common given names and a person the KB knows are left out
    assert set(rows) == {"Amos Kiprono Tester", "Marta Examplova", "Ida Testworth"}
    assert counts["known_to_kb"] == 1
    name, variants, periods, otherwise = rows["Amos Kiprono Tester"]
    assert variants == "Amos K. Tester"  # titles and initials-only forms are no variants
    assert periods == "KEN ELI 1990-01-01 2005-01-01;KEN GOV 2005-01-01 -"
    assert rows["Marta Examplova"][2:] == ["CZE GOV 1999-01-01 2003-01-01", "CZE ELI"]
    assert rows["Ida Testworth"][2:] == ["IGO IGO 1995-01-01 1999-12-31", "- ELI"]
    header = (out / "people.tsv.gz").read_bytes()
    text = gzip.decompress(header).decode()
    assert "# Source: https://github.com/openeventdata/petrarch2 @ " in text
    assert "licence: MIT, in the file's header" in text and "# As of: " in text


def test_the_importer_keeps_bodies_with_full_names(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(_petrarch(tmp_path), None, out)
    rows = _rows(out / "organizations.tsv.gz")
    assert rows["Sylvan Liberation Front"][1:] == ["Sylvan Front", "", "KEN REB"]
    assert rows["Grand League of Examples"][3] == "IGO IGO"
    assert rows["Example Widgets Corporation"][3] == "USA BUS"
    assert rows["Holy Example Brigade"][3] == "- REB"  # MUS: the faith, not Mauritius
    assert "Slf" not in rows  # a lone acronym is too ambiguous


def test_the_importer_writes_role_nouns_the_hand_written_roles_lack(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ngec = _git_repo(tmp_path / "ngec", {"NGEC/assets/PLOVER_agents.txt": PLOVER})
    _run(_petrarch(tmp_path), ngec, out)
    rows = {
        line.split("\t")[0]: line.split("\t")[1:3]
        for line in (out / "agents.tsv").read_text().splitlines()
        if not line.startswith(("#", "phrase\t"))
    }
    assert "minister" not in rows  # roles.tsv has it: the hand-written row wins
    assert rows["ferryman"] == ["BUS", "sg"] and rows["ferrywoman"] == ["BUS", "sg"]
    assert rows["goose herder"] == ["CVL", "sg"] and rows["goose herders all"] == ["CVL", "pl"]
    assert "storm" not in rows and "storm chaser" not in rows  # JNK: no sector
    assert rows["watchmaker"] == ["EDU", "sg"]  # PLOVER, the later revision, wins
    assert rows["watchmakers"] == ["EDU", "pl"]


def test_a_malformed_row_stops_the_import_naming_file_and_line(tmp_path: Path) -> None:
    broken = COUNTRIES.replace("[KENGOV >20050101]", "[KENGOV 2005011-20060101]")
    with pytest.raises(BadDictionaryRow, match=r"\[E051\] Phoenix.Countries.actors.txt:12: "):
        _run(_petrarch(tmp_path, broken), None, tmp_path / "out")
    broken = COUNTRIES.replace("[KENGOV >20050101]", "[KENGOV 20050101]")
    with pytest.raises(BadDictionaryRow, match=r"needs >, < or a range"):
        _run(_petrarch(tmp_path / "b", broken), None, tmp_path / "out")


def test_a_recorded_fix_repairs_its_row(tmp_path: Path) -> None:
    broken = COUNTRIES.replace("[KENGOV >20050101]", "[KENGOV 2005011-20060101]")
    fix = (
        "Phoenix.Countries.actors.txt\t12\t\\t[KENGOV 2005011-20060101]\t"
        "\\t[KENGOV 20050101-20060101]\ta seven-digit date\n"
    )
    _run(_petrarch(tmp_path, broken), None, tmp_path / "out", fix)
    periods = _rows(tmp_path / "out" / "people.tsv.gz")["Amos Kiprono Tester"][2]
    assert periods.endswith("KEN GOV 2005-01-01 2006-01-01")


@pytest.mark.parametrize(
    ("codes", "sector"),
    [
        (["GOV", "AGR"], "GOV"),
        (["GOV", "LEG"], "LEG"),
        (["GOV", "JUD"], "GOV"),
        (["AGR"], "CVL"),
        (["CVL", "OPP"], "OPP"),
        (["REL", "REB"], "REB"),
        (["JNK"], None),
        (["UNK", "OPP"], "OPP"),
        (["JRN"], "MED"),
    ],
)
def test_compound_agent_codes_map_to_one_contract_sector(
    codes: list[str], sector: str | None
) -> None:
    assert importer.compound_sector(codes, importer.sector_table()) == sector


def test_two_digit_years_read_as_petrarch_reads_them() -> None:
    assert importer.parse_date("300101", "x") == dt.date(2030, 1, 1)
    assert importer.parse_date("310101", "x") == dt.date(1931, 1, 1)
    with pytest.raises(BadDictionaryRow):
        importer.parse_date("20100931", "x")


def test_an_office_applies_on_the_day_and_an_open_one_not_for_ever() -> None:
    person = FieldPerson(
        "Amos Tester",
        (
            FieldPeriod("KEN", "ELI", dt.date(1990, 1, 1), dt.date(2005, 1, 1)),
            FieldPeriod("KEN", "GOV", dt.date(2005, 1, 1), None),
        ),
        None,
    )
    as_of = dt.date(2015, 6, 1)
    assert person.coded_on(dt.date(2000, 1, 1), as_of) == ("KEN", "ELI")
    assert person.coded_on(dt.date(2010, 1, 1), as_of) == ("KEN", "GOV")
    assert person.coded_on(dt.date(2019, 1, 1), as_of) == ("KEN", "GOV")
    assert person.coded_on(dt.date(2025, 1, 1), as_of) == ("KEN", "ELI")  # long after


def test_name_keys_meet_across_spelling() -> None:
    assert name_key("Ban Ki-moon") == name_key("BAN KI MOON")
    assert name_key("Mohamed Ould Tester") == name_key("Muhammad Ould Tester")
    assert name_key("José Núñez") == name_key("Jose Nunez")


def test_the_committed_data_records_its_source_and_loads() -> None:
    text = gzip.decompress(PEOPLE_FILE.read_bytes()).decode()
    assert "openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf" in text
    assert "MIT" in text
    people = load_people()
    assert len(people) > 15000 and people.as_of.year >= 2014
    assert len(read_people()) == len(people)
    assert len(load_agents()) > 1000


def test_a_field_person_resolves_by_the_whole_name_on_the_day() -> None:
    # Phil Goff: New Zealand minister in the Phoenix data until 2008, absent from the KB
    during = resolve_phrase("Phil Goff", on=dt.date(2008, 6, 1))
    assert during is not None and (during.country, during.sector) == ("NZL", "GOV")
    after = resolve_phrase("Phil Goff", on=dt.date(2012, 6, 1))
    assert after is not None and (after.country, after.sector) == ("NZL", "ELI")
    nobody = resolve_phrase("Phil Goffington", on=dt.date(2008, 6, 1))
    assert nobody is not None and nobody.country is None


def test_a_field_body_resolves_by_its_whole_name() -> None:
    # The Abu Nidal Organization: in Phoenix.MilNonState, absent from the hand-written KB
    body = resolve_phrase("Abu Nidal Organization", on=dt.date(2020, 1, 1))
    assert body is not None and (body.type, body.sector) == ("group", "REB")
    text = "Members of the Abu Nidal Organization attacked a bus."
    actors = extract_actors(nlp.parse(text), published=dt.date(1990, 1, 1))
    assert [(a.id, a.sector) for a in actors] == [("org:abu-nidal-organization", "REB")]


def test_in_an_article_only_the_whole_name_is_the_field_person() -> None:
    text = (
        "Phil Goff met farmers on Monday. Goff said the deal was good. "
        "Anna Goff, a teacher, disagreed."
    )
    actors = extract_actors(nlp.parse(text), published=dt.date(2008, 6, 1))
    coded = {a.name: (a.country, a.sector, [m.text for m in a.mentions]) for a in actors}
    assert coded["Phil Goff"][:2] == ("NZL", "GOV")
    assert "Goff" in coded["Phil Goff"][2]
    assert coded["Anna Goff"][0] != "NZL"
