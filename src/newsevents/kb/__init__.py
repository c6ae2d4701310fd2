"""The actor knowledge base: countries, people, organisations and role nouns.

``load_kb()`` reads the data files next to this module once per process (cached) and
validates them: a bad entry stops the load with ``[E050] <file>: <entry>: <problem>``.
The schema is ``src/newsevents/kb/README.md``.

Name lookups fold accents, curly quotes, spacing and a leading "the ", so "the Élysée",
"Elysee" and "ELYSEE"-free spellings meet. Two rules keep common words out:

- an alias written without lower-case letters ("US", "WHO", "IS") only matches the same
  upper-case text (and, for four letters or more, its title-case form: "Nato", "Isis");
- for people and organisations a one-word alias ("Guardian", "Amnesty", "Trump") only
  matches with the same capitalisation; multi-word aliases match in any case. Capitals
  and seats of government follow the same rule ("Malé" is not "male").
  Country names, aliases and demonyms match in any case, except the country's
  ``case_sensitive`` list of common words ("turkey", "poles").
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import pickle
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

import yaml

from newsevents.errors import BadKnowledgeBase
from newsevents.kb.text import fold
from newsevents.records import SECTORS

KB_DIR = Path(__file__).resolve().parent

OFFICE_KINDS = (
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "interior_minister", "finance_minister", "minister", "spokesperson", "adviser",
    "official", "diplomat", "legislator", "party_leader", "opposition_leader", "military",
    "police", "intelligence", "judge", "igo_official", "rebel_leader", "other",
)  # fmt: skip

# Role-noun kinds that are no office a person holds: "equipment" is a weapon or vehicle that
# stands for its forces only with an owner in the phrase ("Israeli tanks", not "fuel tanks").
ROLE_ONLY_KINDS = ("equipment",)

# Which office wins when several cover one date (a president who also leads a party).
OFFICE_PRIORITY = (
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "interior_minister", "finance_minister", "minister", "igo_official", "judge", "military",
    "intelligence", "police", "opposition_leader", "rebel_leader", "party_leader", "diplomat",
    "spokesperson", "adviser", "official", "legislator", "other",
)  # fmt: skip

# The day an undated article is read on: after every end date, so that only the offices and
# sectors the KB records as still held (`end: null`) apply, whatever the day of the clock.
UNDATED = dt.date.max

ORG_TYPES = {"org": "organization", "media": "media", "group": "group", "gov": "government"}
GENDERS = ("m", "f")
NUMBERS = ("sg", "pl")
IGO = "IGO"

_ISO3 = re.compile(r"[A-Z]{3}")
_ISO2 = re.compile(r"[A-Z]{2}")
_QID = re.compile(r"Q[1-9][0-9]*")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Where English-language news writes the family name first ("Xi Jinping", "Kim Jong Un").
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})
_SURNAME_PARTICLES = frozenset(
    "al bin ibn bint ben da das de del della der di do dos du la le van von zu".split()
)


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    capital_aliases: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    wikidata: str | None = None
    territory: bool = False
    case_sensitive: tuple[str, ...] = ()  # aliases that are also common words ("Turkey")


@dataclass(frozen=True, slots=True)
class Office:
    role: str
    kind: str
    sector: str
    country: str | None
    start: dt.date
    end: dt.date | None = None  # last day in office (inclusive); None: still holds

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Office) -> bool:
        """True when the two terms share more than a handover day."""
        far = dt.date.max
        return self.start < (other.end or far) and other.start < (self.end or far)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    gender: str | None = None
    country: str | None = None
    wikidata: str | None = None
    sector_otherwise: str | None = None
    offices: tuple[Office, ...] = ()
    source: str = ""  # the file it came from, relative to the KB directory

    @property
    def surname(self) -> str:
        return _surname(self.name, self.country)


@dataclass(frozen=True, slots=True)
class SectorPeriod:
    sector: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    type: str
    sector: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    sector_history: tuple[SectorPeriod, ...] = ()
    source: str = ""

    def sector_on(self, day: dt.date | None) -> str:
        """The sector on a date: the matching ``sector_history`` period, else ``sector``."""
        if day is not None:
            for period in self.sector_history:
                if period.covers(day):
                    return period.sector
        return self.sector


@dataclass(frozen=True, slots=True)
class Role:
    phrase: str
    sector: str
    office_kind: str | None
    number: str


class OfficeOnDate(NamedTuple):
    role: str
    sector: str
    kind: str


class CountryMatch(NamedTuple):
    country: Country
    via: str  # "name" | "demonym" | "capital" | "seat"


# ----------------------------------------------------------------------------- names


def _is_upper(alias: str) -> bool:
    return not any(ch.islower() for ch in alias) and any(ch.isupper() for ch in alias)


def alias_keys(alias: str, *, any_case: bool) -> Iterator[tuple[bool, str]]:
    """(cased?, key) pairs under which an alias is indexed."""
    folded = fold(alias)
    if not folded:
        return
    if _is_upper(folded):
        yield True, folded
        letters = sum(ch.isalpha() for ch in folded)
        if letters >= 4 and " " not in folded:
            yield True, folded.capitalize()
    elif any_case or " " in folded:
        yield False, folded.casefold()
    else:
        yield True, folded


# Generational suffixes and upper-case regnal numbers end a name without being part of the
# surname: "Martin Luther King Jr." is "King", "Charles III" has none.
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr."})
_REGNAL = re.compile(r"[IVXLCDM]+")


# Title or clan words that end shortened names without being the surname ("Mir Ahmad Khan"
# of "Mir Ahmad Khan Example"); as a surname alone they would stand for too many people.
_TITLE_NAMES = frozenset(
    {"khan", "singh", "shah", "ali", "mirza", "syed", "sheikh", "bey", "pasha"}
)


def _name_words(name: str) -> list[str]:
    """The words of a name without trailing "Jr."/"Sr." and regnal numbers ("III")."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and (
        words[-1].casefold() in _NAME_SUFFIXES or _REGNAL.fullmatch(words[-1])
    ):
        words.pop()
    return words


def _surname(name: str, country: str | None = None) -> str:
    """The family name: first word for family-name-first countries, else the last word
    with its particles ("von der Leyen"). A hyphenated word stays whole ("Jae-in")."""
    words = _name_words(name)
    if len(words) < 2:
        return " ".join(words) or name
    if country in FAMILY_NAME_FIRST:
        return words[0]
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _SURNAME_PARTICLES:
        i -= 1
    return " ".join(words[i:])


def _surname_variants(name: str, country: str | None = None) -> set[str]:
    """The forms under which a full name is mentioned alone ("Putin", "Assad", "Xi").

    None for a one-word name, and none of one or two letters outside the
    family-name-first countries ("Un", "Li" of a misordered name are not surnames).
    """
    if len(_name_words(name)) < 2:
        return set()
    surname = _surname(name, country)
    if len(surname) <= 2 and country not in FAMILY_NAME_FIRST:
        return set()
    variants = {surname}
    last = surname.split()[-1]
    for prefix in ("al-", "Al-", "el-", "El-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 2:
            variants.add(last[len(prefix) :])
    return variants


def person_surnames(person: Person) -> set[str]:
    """Every surname form of a person, from the name and the aliases.

    In family-name-first countries an alias counts only when it starts with the same
    family name ("Kim Jong-un" for "Kim Jong Un"), since aliases there may carry a
    title ("Chairman Kim Jong Il") where the first word is not a name.
    """
    forms = set(_surname_variants(person.name, person.country))
    family_first = person.country in FAMILY_NAME_FIRST
    head = person.name.split()[0] if person.name.split() else ""
    full = [fold(w).casefold() for w in person.name.split()]
    for alias in person.aliases:
        if family_first and alias.split()[:1] != [head]:
            continue
        words = [fold(w).casefold() for w in alias.split()]
        if (
            words
            and words[-1] in _TITLE_NAMES
            and len(words) < len(full)
            and full[: len(words)] == words
        ):
            continue  # "Mir Ahmad Khan" of "Mir Ahmad Khan Example": "Khan" is not a surname
        forms |= _surname_variants(alias, person.country)
    return forms


T = TypeVar("T")


class _NameIndex(Generic[T]):
    """Alias -> entries, with the case rules of the module docstring."""

    def __init__(self, *, any_case: bool) -> None:
        self.any_case = any_case
        self.cased: dict[str, list[T]] = {}
        self.folded: dict[str, list[T]] = {}

    def add(self, alias: str, entry: T, *, any_case: bool | None = None) -> None:
        any_case = self.any_case if any_case is None else any_case
        for cased, key in alias_keys(alias, any_case=any_case):
            bucket = (self.cased if cased else self.folded).setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    def get(self, text: str) -> list[T]:
        for query in _queries(text):
            found = self.cased.get(query) or self.folded.get(query.casefold())
            if found:
                return list(found)
        return []


def _queries(text: str) -> Iterator[str]:
    query = fold(text)
    yield query
    for suffix in ("'s", "'"):
        if query.endswith(suffix) and len(query) > len(suffix) + 1:
            yield query[: -len(suffix)]


# ----------------------------------------------------------------------------- the KB


@dataclass
class KnowledgeBase:
    countries: dict[str, Country]
    people: dict[str, Person]
    organizations: dict[str, Organization]
    roles: dict[str, Role]
    path: Path = KB_DIR
    load_seconds: float = 0.0
    _country_names: _NameIndex[Country] = field(init=False, repr=False)
    _country_demonyms: _NameIndex[Country] = field(init=False, repr=False)
    _governments: _NameIndex[Country] = field(init=False, repr=False)
    _people_names: _NameIndex[Person] = field(init=False, repr=False)
    _people_surnames: _NameIndex[Person] = field(init=False, repr=False)
    _org_names: _NameIndex[Organization] = field(init=False, repr=False)
    _org_ambiguous: _NameIndex[Organization] = field(init=False, repr=False)
    _holders: dict[tuple[str, str], list[tuple[Office, Person]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._country_names = _NameIndex(any_case=True)
        self._country_demonyms = _NameIndex(any_case=True)
        # Capitals and seats follow the people/organisation rule: one word only capitalised
        # ('Malé' is not 'male'), longer names in any case.
        self._governments = _NameIndex(any_case=False)
        for country in self.countries.values():
            cased = set(country.case_sensitive)
            for alias in (country.name, *country.aliases):
                self._country_names.add(alias, country, any_case=alias not in cased)
            for demonym in country.demonyms:
                self._country_demonyms.add(demonym, country, any_case=demonym not in cased)
            for alias in country.capital_aliases:
                self._governments.add(alias, country)
            for seat in country.seats:
                self._governments.add(seat, country)
        self._people_names = _NameIndex(any_case=False)
        self._people_surnames = _NameIndex(any_case=False)
        self._holders = {}
        for person in self.people.values():
            for alias in (person.name, *person.aliases):
                self._people_names.add(alias, person)
            for surname in person_surnames(person):
                self._people_surnames.add(surname, person)
            for office in person.offices:
                if office.country:
                    key = (office.country, office.kind)
                    self._holders.setdefault(key, []).append((office, person))
        for holders in self._holders.values():
            holders.sort(key=lambda pair: pair[0].start, reverse=True)
        self._org_names = _NameIndex(any_case=False)
        self._org_ambiguous = _NameIndex(any_case=False)
        for org in self.organizations.values():
            for alias in (org.name, *org.aliases):
                self._org_names.add(alias, org)
            for alias in org.ambiguous_aliases:
                self._org_ambiguous.add(alias, org)

    # --- countries

    def country(self, iso3: str) -> Country | None:
        return self.countries.get(iso3.upper())

    def known_country(self, code: str | None) -> bool:
        return code == IGO or code in self.countries

    def country_by_name(self, text: str) -> Country | None:
        """A country from its name, an alias or a demonym ("Hungarians", "the U.K.")."""
        found = self._country_names.get(text) or self._country_demonyms.get(text)
        return found[0] if found else None

    def country_by_demonym(self, text: str) -> Country | None:
        found = self._country_demonyms.get(text)
        return found[0] if found else None

    def government_by_name(self, text: str) -> Country | None:
        """The country whose government a capital or seat stands for ("Kyiv", "the Kremlin")."""
        found = self._governments.get(text)
        return found[0] if found else None

    def lookup_country(self, text: str) -> CountryMatch | None:
        for index, via in (
            (self._country_names, "name"),
            (self._country_demonyms, "demonym"),
            (self._governments, "seat"),
        ):
            found = index.get(text)
            if found:
                country = found[0]
                if via == "seat" and fold(text).casefold() in {
                    fold(a).casefold() for a in country.capital_aliases
                }:
                    via = "capital"
                return CountryMatch(country, via)
        return None

    # --- people

    def person(self, person_id: str) -> Person | None:
        return self.people.get(person_id)

    def people_by_name(self, text: str) -> list[Person]:
        """People whose full name or an alias is ``text``."""
        return self._people_names.get(text)

    def people_by_surname(self, text: str) -> list[Person]:
        return self._people_surnames.get(text)

    def _as_person(self, person: Person | str) -> Person:
        if isinstance(person, Person):
            return person
        found = self.people.get(person)
        if found is None:
            raise KeyError(person)
        return found

    def offices_on(self, person: Person | str, day: dt.date) -> list[Office]:
        """Offices covering ``day``, the most important first."""
        offices = [o for o in self._as_person(person).offices if o.covers(day)]
        offices.sort(key=lambda o: (OFFICE_PRIORITY.index(o.kind), -o.start.toordinal()))
        return offices

    def office_on(self, person: Person | str, day: dt.date) -> OfficeOnDate | None:
        offices = self.offices_on(person, day)
        if not offices:
            return None
        office = offices[0]
        return OfficeOnDate(office.role, office.sector, office.kind)

    def holders(self, country: str, kind: str, day: dt.date) -> list[Person]:
        """Who held an office of ``kind`` for ``country`` on ``day``, latest start first."""
        return [
            person
            for office, person in self._holders.get((country, kind), [])
            if office.covers(day)
        ]

    def sector_on(self, person: Person | str, day: dt.date) -> str | None:
        """Office sector on ``day``; ELI after an office ended; else ``sector_otherwise``."""
        who = self._as_person(person)
        offices = self.offices_on(who, day)
        if offices:
            return offices[0].sector
        if any(o.end is not None and o.end < day for o in who.offices):
            return "ELI"
        return who.sector_otherwise

    # --- organisations and roles

    def organization(self, org_id: str) -> Organization | None:
        return self.organizations.get(org_id)

    def organization_by_name(self, text: str) -> Organization | None:
        """The organisation a name or alias certainly means (ambiguous aliases excluded)."""
        found = self._org_names.get(text)
        return found[0] if found else None

    def organizations_by_name(self, text: str) -> list[Organization]:
        """Every candidate: certain matches first, then ambiguous aliases ("PTI", "Senate")."""
        found = self._org_names.get(text)
        for org in self._org_ambiguous.get(text):
            if org not in found:
                found.append(org)
        return found

    def role(self, phrase: str) -> Role | None:
        return self.roles.get(" ".join(phrase.split()).casefold())


# ----------------------------------------------------------------------------- loading


def read_table(name: str, *, columns: int | None, header: str | None) -> list[list[str]]:
    """The rows of the TSV lexicon ``kb/NAME`` as stripped cells; comments, blank lines and
    the header line (first cell ``header``) are skipped, and a row with other than
    ``columns`` non-empty cells (any number when None) is an [E050] error naming its line."""
    path = KB_DIR / name
    rows: list[list[str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is not None and cells[0] == header:
            continue
        if columns is not None and (len(cells) != columns or not all(cells)):
            raise BadKnowledgeBase(
                f"{name}:{number}", problem=f"expected {columns} tab-separated cells: {line!r}"
            )
        rows.append([cell for cell in cells if cell])
    return rows


def load_kb(path: Path | None = None) -> KnowledgeBase:
    """The knowledge base in ``path`` (default: the package's own), loaded once per process."""
    return _load_cached((path or KB_DIR).resolve())


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path) -> KnowledgeBase:
    return _load_compiled() if path == KB_DIR.resolve() else _read_kb(path)


def kb_key() -> str:
    """The hash of the package's knowledge base files and of the code that reads them."""
    from newsevents.kb import cache

    files = sorted(p for p in KB_DIR.rglob("*") if p.suffix in (".yaml", ".tsv"))
    return cache.files_key([Path(__file__), KB_DIR / "text.py", *files])


def _load_compiled() -> KnowledgeBase:
    """The package's own knowledge base from the disk cache when it is current (reading the
    YAML takes most of a second), else read and cached for the next process."""
    from newsevents.kb import cache

    began = time.perf_counter()
    key = kb_key()
    data = cache.read("kb", key)
    if data is not None:
        try:
            kb = pickle.loads(data)
        except Exception:  # any unreadable cache is rebuilt, never an error
            kb = None
        if isinstance(kb, KnowledgeBase):
            kb.load_seconds = time.perf_counter() - began
            return kb
    kb = _read_kb(KB_DIR.resolve())
    cache.write("kb", key, pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
    return kb


def _read_kb(path: Path) -> KnowledgeBase:
    began = time.perf_counter()
    if not (path / "countries.yaml").is_file():
        raise BadKnowledgeBase(str(path), problem="there is no countries.yaml in this directory")
    reader = _Reader(path)
    countries = reader.countries(path / "countries.yaml")
    people: dict[str, Person] = {}
    for file in sorted((path / "people").glob("*.yaml")):
        for person in reader.people(file, countries):
            people[person.id] = person
    organizations: dict[str, Organization] = {}
    for file in sorted((path / "organizations").glob("*.yaml")):
        for org in reader.organizations(file, countries):
            organizations[org.id] = org
    roles = reader.roles(path / "roles.tsv") if (path / "roles.tsv").is_file() else {}
    kb = KnowledgeBase(countries, people, organizations, roles, path=path)
    kb.load_seconds = time.perf_counter() - began
    return kb


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` on libyaml's C parser when it is installed: ten times faster on
    events.yaml, a good part of start-up."""
    return yaml.load(text, Loader=_BaseLoader)  # _BaseLoader is a safe loader


class _Loader(_BaseLoader):
    """Safe YAML without implicit timestamps: dates stay text and are checked here."""


_Loader.yaml_implicit_resolvers = {
    first: [pair for pair in resolvers if pair[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class _Reader:
    """Reads and validates the files of one KB directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ids: dict[str, str] = {}  # id -> file it was first seen in

    # --- plumbing

    def _name(self, file: Path) -> str:
        try:
            return file.relative_to(self.root).as_posix()
        except ValueError:
            return str(file)

    def _entries(self, file: Path) -> list[dict[str, Any]]:
        try:
            with file.open(encoding="utf-8") as handle:
                data = yaml.load(handle, Loader=_Loader)  # _Loader is a safe loader
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            problem = " ".join(str(error).split())
            raise BadKnowledgeBase(
                self._name(file), problem=f"cannot read it: {problem}"
            ) from error
        if data is None:
            return []
        if not isinstance(data, list):
            raise BadKnowledgeBase(
                self._name(file), problem="the file must be a YAML list of entries (- key: value)"
            )
        for number, entry in enumerate(data, 1):
            if not isinstance(entry, dict):
                raise BadKnowledgeBase(
                    f"{self._name(file)}: entry {number}", problem="an entry must be a mapping"
                )
        return data

    @staticmethod
    def _fail(where: str, problem: str) -> BadKnowledgeBase:
        return BadKnowledgeBase(where, problem=problem)

    def _text(self, entry: dict[str, Any], key: str, where: str, *, required: bool) -> str | None:
        value = entry.get(key)
        if value is None or value == "":
            if required:
                raise self._fail(where, f"the required field {key!r} is missing")
            return None
        if not isinstance(value, str):
            raise self._fail(where, f"{key!r} must be text, not {value!r}")
        return value.strip()

    def _texts(self, entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = entry.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self._fail(where, f"{key!r} must be a list of non-empty texts, not {value!r}")
        return tuple(v.strip() for v in value)

    def _date(self, value: Any, key: str, where: str, *, required: bool) -> dt.date | None:
        if value is None or value == "":
            if required:
                raise self._fail(where, f"the required date {key!r} is missing")
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        text = str(value).strip()
        try:
            if not _DATE.fullmatch(text):
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            raise self._fail(where, f"{key} {value!r} is not a date; write YYYY-MM-DD") from None

    def _sector(self, value: str | None, key: str, where: str) -> str | None:
        if value is not None and value not in SECTORS:
            raise self._fail(where, f"unknown {key} {value!r}; use one of {' '.join(SECTORS)}")
        return value

    def _country(self, value: str | None, key: str, where: str, countries: Iterable[str]) -> None:
        if value is not None and value != IGO and value not in countries:
            raise self._fail(
                where,
                f"unknown {key} {value!r}; use an ISO 3166-1 alpha-3 code from "
                "countries.yaml, or IGO",
            )

    def _wikidata(self, entry: dict[str, Any], where: str) -> str | None:
        qid = self._text(entry, "wikidata", where, required=False)
        if qid is not None and not _QID.fullmatch(qid):
            raise self._fail(where, f"wikidata {qid!r} is not a QID like Q7747")
        return qid

    def _claim_id(self, entry_id: str, where: str, file: Path) -> None:
        if entry_id in self.ids:
            raise self._fail(where, f"duplicate id, already defined in {self.ids[entry_id]}")
        self.ids[entry_id] = self._name(file)

    # --- files

    def countries(self, file: Path) -> dict[str, Country]:
        countries: dict[str, Country] = {}
        name = self._name(file)
        for number, entry in enumerate(self._entries(file), 1):
            code = entry.get("iso3")
            where = f"{name}: {code if isinstance(code, str) else f'entry {number}'}"
            iso3 = self._text(entry, "iso3", where, required=True)
            iso2 = self._text(entry, "iso2", where, required=True)
            assert iso3 is not None and iso2 is not None
            if not _ISO3.fullmatch(iso3):
                raise self._fail(where, f"iso3 {iso3!r} must be three capital letters")
            if not _ISO2.fullmatch(iso2):
                raise self._fail(where, f"iso2 {iso2!r} must be two capital letters (quote NO)")
            if iso3 in countries or iso3 == IGO:
                raise self._fail(where, "duplicate iso3 code")
            country_name = self._text(entry, "name", where, required=True)
            assert country_name is not None
            territory = entry.get("territory", False)
            if not isinstance(territory, bool):
                raise self._fail(where, f"territory must be true or false, not {territory!r}")
            aliases = self._texts(entry, "aliases", where)
            demonyms = self._texts(entry, "demonyms", where)
            case_sensitive = self._texts(entry, "case_sensitive", where)
            stray = set(case_sensitive) - {country_name, *aliases, *demonyms}
            if stray:
                raise self._fail(
                    where,
                    f"case_sensitive lists {sorted(stray)}, not among its aliases or demonyms",
                )
            countries[iso3] = Country(
                iso3=iso3,
                iso2=iso2,
                name=country_name,
                aliases=aliases,
                demonyms=demonyms,
                capital=self._text(entry, "capital", where, required=False),
                capital_aliases=self._texts(entry, "capital_aliases", where),
                seats=self._texts(entry, "seats", where),
                wikidata=self._wikidata(entry, where),
                territory=territory,
                case_sensitive=case_sensitive,
            )
        return countries

    def _entry_id(
        self, entry: dict[str, Any], file: Path, number: int, prefixes: Iterable[str]
    ) -> tuple[str, str]:
        raw = entry.get("id")
        where = f"{self._name(file)}: {raw if isinstance(raw, str) and raw else f'entry {number}'}"
        entry_id = self._text(entry, "id", where, required=True)
        assert entry_id is not None
        prefix, _, slug = entry_id.partition(":")
        allowed = tuple(prefixes)
        if prefix not in allowed or not _SLUG.fullmatch(slug):
            shown = " or ".join(f"{p}:" for p in allowed)
            raise self._fail(
                where, f"id {entry_id!r} must be {shown} followed by a lower-case-hyphen slug"
            )
        self._claim_id(entry_id, where, file)
        return entry_id, where

    def people(self, file: Path, countries: dict[str, Country]) -> list[Person]:
        people = []
        for number, entry in enumerate(self._entries(file), 1):
            person_id, where = self._entry_id(entry, file, number, ("person",))
            name = self._text(entry, "name", where, required=True)
            assert name is not None
            country = self._text(entry, "country", where, required=False)
            self._country(country, "country", where, countries)
            gender = entry.get("gender")
            if gender is not None and gender not in GENDERS:
                raise self._fail(where, f"gender {gender!r} must be m, f or null")
            sector_otherwise = self._sector(
                self._text(entry, "sector_otherwise", where, required=False),
                "sector_otherwise",
                where,
            )
            raw_offices = entry.get("offices") or []
            if not isinstance(raw_offices, list):
                raise self._fail(where, "offices must be a list")
            offices = tuple(
                self._office(raw, f"{where}: office {i}", country, countries)
                for i, raw in enumerate(raw_offices, 1)
            )
            people.append(
                Person(
                    id=person_id,
                    name=name,
                    aliases=self._texts(entry, "aliases", where),
                    gender=gender,
                    country=country,
                    wikidata=self._wikidata(entry, where),
                    sector_otherwise=sector_otherwise,
                    offices=offices,
                    source=self._name(file),
                )
            )
        return people

    def _office(
        self, raw: Any, where: str, default_country: str | None, countries: dict[str, Country]
    ) -> Office:
        if not isinstance(raw, dict):
            raise self._fail(where, "an office must be a mapping with role, kind, sector, start")
        role = self._text(raw, "role", where, required=True)
        kind = self._text(raw, "kind", where, required=True)
        if kind not in OFFICE_KINDS:
            raise self._fail(
                where, f"unknown office kind {kind!r}; use one of {', '.join(OFFICE_KINDS)}"
            )
        sector = self._sector(self._text(raw, "sector", where, required=True), "sector", where)
        country = self._text(raw, "country", where, required=False) or default_country
        self._country(country, "office country", where, countries)
        start = self._date(raw.get("start"), "start", where, required=True)
        end = self._date(raw.get("end"), "end", where, required=False)
        assert role is not None and sector is not None and start is not None
        if end is not None and end < start:
            raise self._fail(where, f"the office ends ({end}) before it starts ({start})")
        return Office(role=role, kind=kind, sector=sector, country=country, start=start, end=end)

    def organizations(self, file: Path, countries: dict[str, Country]) -> list[Organization]:
        orgs = []
        for number, entry in enumerate(self._entries(file), 1):
            org_id, where = self._entry_id(entry, file, number, ORG_TYPES)
            name = self._text(entry, "name", where, required=True)
            org_type = self._text(entry, "type", where, required=True)
            expected = ORG_TYPES[org_id.partition(":")[0]]
            if org_type != expected:
                raise self._fail(
                    where, f"type {org_type!r} does not match the id; use {expected!r}"
                )
            sector = self._sector(
                self._text(entry, "sector", where, required=True), "sector", where
            )
            country = self._text(entry, "country", where, required=False)
            self._country(country, "country", where, countries)
            history = entry.get("sector_history") or []
            if not isinstance(history, list):
                raise self._fail(where, "sector_history must be a list of {sector, start, end}")
            periods = []
            for i, period in enumerate(history, 1):
                at = f"{where}: sector_history {i}"
                if not isinstance(period, dict):
                    raise self._fail(at, "a period must be a mapping with sector, start, end")
                period_sector = self._sector(
                    self._text(period, "sector", at, required=True), "sector", at
                )
                start = self._date(period.get("start"), "start", at, required=False)
                end = self._date(period.get("end"), "end", at, required=False)
                if start is not None and end is not None and end < start:
                    raise self._fail(at, f"the period ends ({end}) before it starts ({start})")
                assert period_sector is not None
                periods.append(SectorPeriod(period_sector, start, end))
            assert name is not None and sector is not None
            orgs.append(
                Organization(
                    id=org_id,
                    name=name,
                    type=expected,
                    sector=sector,
                    country=country,
                    aliases=self._texts(entry, "aliases", where),
                    ambiguous_aliases=self._texts(entry, "ambiguous_aliases", where),
                    wikidata=self._wikidata(entry, where),
                    sector_history=tuple(periods),
                    source=self._name(file),
                )
            )
        return orgs

    def roles(self, file: Path) -> dict[str, Role]:
        roles: dict[str, Role] = {}
        name = self._name(file)
        with file.open(encoding="utf-8", newline="") as handle:
            lines = [
                (number, line)
                for number, line in enumerate(handle, 1)
                if line.strip() and not line.lstrip().startswith("#")
            ]
        if not lines or lines[0][1].split("\t")[0].strip() != "phrase":
            raise self._fail(
                name,
                "the first line must be the header phrase<TAB>sector<TAB>office_kind<TAB>number",
            )
        for number, line in lines[1:]:
            where = f"{name}: line {number}"
            cells = next(csv.reader([line.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
            if len(cells) != 4:
                raise self._fail(where, f"expected 4 tab-separated columns, found {len(cells)}")
            phrase, sector, kind, grammatical_number = (cell.strip() for cell in cells)
            key = " ".join(phrase.split()).casefold()
            if not key:
                raise self._fail(where, "the phrase is empty")
            where = f"{name}: {phrase}"
            self._sector(sector, "sector", where)
            if kind and kind not in OFFICE_KINDS + ROLE_ONLY_KINDS:
                kinds = ", ".join(OFFICE_KINDS + ROLE_ONLY_KINDS)
                raise self._fail(where, f"unknown office kind {kind!r}; use one of {kinds}")
            if grammatical_number not in NUMBERS:
                raise self._fail(where, f"number {grammatical_number!r} must be sg or pl")
            if key in roles:
                raise self._fail(where, "duplicate phrase")
            roles[key] = Role(key, sector, kind or None, grammatical_number)
        return roles


__all__ = [
    "KB_DIR",
    "OFFICE_KINDS",
    "read_table",
    "ROLE_ONLY_KINDS",
    "Country",
    "CountryMatch",
    "KnowledgeBase",
    "Office",
    "OfficeOnDate",
    "Organization",
    "Person",
    "Role",
    "SectorPeriod",
    "UNDATED",
    "alias_keys",
    "fold",
    "load_kb",
    "safe_load",
    "person_surnames",
]
