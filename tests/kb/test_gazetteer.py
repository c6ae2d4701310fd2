"""The gazetteer: lookups, TSV data, homonyms, helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.kb.gazetteer import (
    FEATURES,
    GAZETTEER_DIR,
    Gazetteer,
    _rows,
    distance_km,
    key,
    load_gazetteer,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_key_folds_accents_case_hyphens_and_the() -> None:
    assert key("The Côte d’Ivoire") == "cote d'ivoire"
    assert key("Nagorno-Karabakh") == key("nagorno karabakh")


def test_cities_countries_and_states(gaz: Gazetteer) -> None:
    top = gaz.lookup("Budapest")[0].entry
    assert (top.country, top.feature) == ("HUN", "city")
    assert top.lat is not None and top.lon is not None
    assert abs(top.lat - 47.5) < 0.2 and abs(top.lon - 19.04) < 0.2
    assert gaz.lookup("Britain")[0].entry.country == "GBR"
    alaska = gaz.lookup("Alaska")[0].entry
    assert alaska.country == "USA" and alaska.lat is not None
    assert gaz.lookup("Calif.")[0].entry.name == "California"


def test_homonyms_ranked_by_prominence(gaz: Gazetteer) -> None:
    assert gaz.lookup("Moscow")[0].entry.country == "RUS"
    assert gaz.lookup("Paris")[0].entry.country == "FRA"
    assert any(c.entry.country == "USA" for c in gaz.lookup("Paris"))


def test_regions_and_water_bodies(gaz: Gazetteer) -> None:
    for name in ("Strait of Hormuz", "Red Sea", "Donbas", "Gaza Strip", "Middle East", "Europe"):
        assert gaz.lookup(name), name
    assert gaz.lookup("Crimea")[0].entry.feature == "admin"


def test_capitals(gaz: Gazetteer) -> None:
    assert [e.name if e else None for e in (gaz.capital("HUN"), gaz.capital("UKR"))] == [
        "Budapest",
        "Kyiv",
    ]


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


def test_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.kb import gazetteer as g

    built = g.build_gazetteer()
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    path = g.cache_path()
    assert path.parent == tmp_path and not path.exists()
    g._write_cache(built, path)
    loaded = g._read_cache(path)
    assert loaded is not None and loaded.from_cache
    for name in ("Budapest", "Paris", "Alaska", "Red Sea", "Cook County", "Kiev"):
        assert [c.entry for c in loaded.lookup(name)] == [c.entry for c in built.lookup(name)]
        assert [c.primary for c in loaded.lookup(name)] == [c.primary for c in built.lookup(name)]
    assert loaded.capital("HUN") == built.capital("HUN")
    assert loaded.us_states["TX"] == built.us_states["TX"]
    # the same place is one object
    assert loaded.lookup("Budapest")[0].entry is loaded.capital("HUN")
    # a damaged file is rebuilt, not trusted
    path.write_bytes(b"garbage")
    assert g._read_cache(path) is None


def test_cache_key_follows_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.kb import gazetteer as g

    before = g.cache_key()
    monkeypatch.setattr(g, "CACHE_FORMAT", g.CACHE_FORMAT + 1)
    assert g.cache_key() != before


def test_capital_aliases_do_not_steal_towns(gaz: Gazetteer) -> None:
    salisbury = gaz.lookup("Salisbury")
    harare = [c for c in salisbury if c.entry.country == "ZWE"]
    assert all(not c.primary for c in harare)
    assert gaz.lookup("Kiev")[0].entry.name == "Kyiv"


def test_abbreviations_match_in_upper_case_only(gaz: Gazetteer) -> None:
    assert gaz.lookup("ACT")[0].entry.country == "AUS"
    assert not any(c.entry.country == "AUS" for c in gaz.lookup("Act"))
    assert gaz.lookup("U.S.")[0].entry.country == "USA"
    assert gaz.lookup("Britain's")[0].entry.country == "GBR"


def test_arabic_article_dropped(gaz: Gazetteer) -> None:
    top = gaz.lookup("Qamishli")[0]
    assert top.entry.country == "SYR" and top.primary
    assert not any(c.entry.country == "USA" and c.primary for c in gaz.lookup("Paso"))


def test_counties_of_britain_and_ireland(gaz: Gazetteer) -> None:
    for name in ("Berkshire", "Ceredigion", "County Cavan", "Co. Kerry", "Thames Valley"):
        assert gaz.lookup(name), name
    assert gaz.lookup("Co Durham")[0].entry.country == "GBR"
