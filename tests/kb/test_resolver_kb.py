"""Knowledge added for phrase resolution: name variants, title-ending aliases, data classes."""

from __future__ import annotations

import pytest

from newsevents.kb import KB_DIR, KnowledgeBase, Person, load_kb, person_surnames


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_name_variants_file_is_well_formed() -> None:
    seen: dict[str, int] = {}
    lines = (KB_DIR / "name_variants.tsv").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        assert len(cells) >= 2, f"line {number}: a group needs two spellings"
        for cell in cells:
            assert cell == cell.strip().lower() and " " not in cell, f"line {number}: {cell!r}"
            assert cell not in seen, f"line {number}: {cell!r} also on line {seen[cell]}"
            seen[cell] = number


def test_a_shortened_name_ending_in_a_title_word_gives_no_surname() -> None:
    person = Person(
        id="person:jam-testa-khan-bloggs",
        name="Jam Testa Khan Bloggs",
        aliases=("Jam Testa Khan", "Jam Testa"),
        country="PAK",
        gender="m",
        offices=(),
        source="x.yaml",
    )
    assert person_surnames(person) == {"Bloggs", "Testa"}


def test_faith_adherents_are_roles(kb: KnowledgeBase) -> None:
    for phrase in ("buddhists", "muslims", "christians", "hindus"):
        role = kb.role(phrase)
        assert role is not None and role.sector == "REL" and role.number == "pl", phrase


def test_legislatures_of_more_countries(kb: KnowledgeBase) -> None:
    for name, iso3 in (("Saeima", "LVA"), ("Storting", "NOR"), ("Jogorku Kenesh", "KGZ")):
        org = kb.organization_by_name(name)
        assert org is not None and (org.country, org.sector) == (iso3, "LEG"), name


def test_sub_national_chief_executives_are_not_heads_of_government(kb: KnowledgeBase) -> None:
    import datetime as dt

    for iso3 in ("IND", "PAK", "RUS"):
        for person in kb.holders(iso3, "head_of_government", dt.date(2022, 6, 1)):
            assert all("Chief Minister" not in o.role for o in person.offices), person.name
