"""The gazetteer: lookups, TSV data, homonyms, helpers."""

from __future__ import annotations

import pytest

from newsevents.kb.gazetteer import (
    FEATURES,
    GAZETTEER_DIR,
    _rows,
    distance_km,
    key,
    load_gazetteer,
)


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return load_gazetteer()


def test_key_folds_accents_case_hyphens_and_the() -> None:
    assert key("The Côte d’Ivoire") == "cote d'ivoire"
    assert key("Nagorno-Karabakh") == key("nagorno karabakh")


def test_cities_countries_and_states(gaz) -> None:  # type: ignore[no-untyped-def]
    top = gaz.lookup("Budapest")[0].entry
    assert (top.country, top.feature) == ("HUN", "city")
    assert abs(top.lat - 47.5) < 0.2 and abs(top.lon - 19.04) < 0.2
    assert gaz.lookup("Britain")[0].entry.country == "GBR"
    alaska = gaz.lookup("Alaska")[0].entry
    assert alaska.country == "USA" and alaska.lat is not None
    assert gaz.lookup("Calif.")[0].entry.name == "California"


def test_homonyms_ranked_by_prominence(gaz) -> None:  # type: ignore[no-untyped-def]
    assert gaz.lookup("Moscow")[0].entry.country == "RUS"
    assert gaz.lookup("Paris")[0].entry.country == "FRA"
    assert any(c.entry.country == "USA" for c in gaz.lookup("Paris"))


def test_regions_and_water_bodies(gaz) -> None:  # type: ignore[no-untyped-def]
    for name in ("Strait of Hormuz", "Red Sea", "Donbas", "Gaza Strip", "Middle East", "Europe"):
        assert gaz.lookup(name), name
    assert gaz.lookup("Crimea")[0].entry.feature == "admin"


def test_capitals(gaz) -> None:  # type: ignore[no-untyped-def]
    assert gaz.capital("HUN").name == "Budapest"
    assert gaz.capital("UKR").name == "Kyiv"


def test_tsv_rows_are_well_formed() -> None:
    for path in sorted(GAZETTEER_DIR.glob("*.tsv")):
        for row in _rows(path):
            if "feature" in row:
                assert row["feature"] in FEATURES, (path.name, row["name"])
            if row.get("lat"):
                assert -90 <= float(row["lat"]) <= 90, (path.name, row)
                assert -180 <= float(row["lon"]) <= 180, (path.name, row)


def test_distance() -> None:
    assert 1550 < distance_km(48.85, 2.35, 55.75, 37.62) < 2600
