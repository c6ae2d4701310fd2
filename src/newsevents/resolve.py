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

import io
import pickle
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.kb import (
    Country,
    KnowledgeBase,
    Office,
    Organization,
    Person,
    Role,
    alias_keys,
    load_kb,
    person_surnames,
    read_table,
)
from newsevents.kb import fold as kb_fold
from newsevents.kb.lexicons import load_lexicons
from newsevents.records import Actor

if TYPE_CHECKING:
    from newsevents.kb.gazetteer import Gazetteer

Key = tuple[str, ...]

# Words that introduce the complement of a head noun: "ambassador to", "president of".
_PREPOSITIONS = frozenset({"of", "to", "at", "in", "for", "from", "with", "on", "under"})

# The words of actor descriptions (kb/actor_words.yaml), read once through the lexicon loader.
_ACTOR_WORDS = load_lexicons().actor_words


def _actor_words(key: str) -> frozenset[str]:
    return frozenset(_ACTOR_WORDS[key])


_FORMER = _actor_words("former")  # "former minister", "the ousted president"
_ELECT = _actor_words("elect")  # "President-elect", "prime minister designate"
FEMININE = _actor_words("feminine")  # titles that carry a gender (pronoun agreement)
MASCULINE = _actor_words("masculine")
GOVERNMENT_NOUNS = _actor_words("government_nouns")  # a whole government, not a member
_RELIGIOUS = _actor_words("religious")  # "Muslim leaders": a faith's leadership (REL)
_MEMBER_NOUNS = _actor_words("member_nouns")  # "members of the Bundeswehr"
_BODY_TITLES = _actor_words("body_titles")  # "speaker of the Storting"
_UPROOTED = _actor_words("uprooted")  # "displaced Sudanese" are refugees
_LEADER_WORDS = _actor_words("leader_words")  # "the Russian leader"
_HONORIFICS = _actor_words("honorifics")  # titles of address, not part of a name ("Mr Putin")

# Jobs that take the sector of the body they serve ("army spokesman", "police chief").
_GENERIC_KINDS = frozenset({None, "official", "spokesperson", "adviser", "other"})
# "the Russian leader": the office kinds a leader description looks for, in order.
_LEADER_KINDS = ("head_of_state", "head_of_government")
# Modifiers that give armed men their sector ("cartel gunmen", "rebel fighters").
_ARMED_KINDS = frozenset({"CRM", "REB", "MIL", "COP", "SPY"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A token's key: ``kb.fold`` case-folded, spacing and a leading "the" kept as written."""
    return kb_fold(text, case=True, spaces=False, article=False)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# --------------------------------------------------------------------------- KB view


@dataclass(frozen=True)
class Entry:
    """What a run of tokens stands for in the lexicon.

    ``exact``: the accent-folded tokens the text must show with this very capitalisation
    (the knowledge base's case rules: "US", "WHO" only in capitals, one-word person and
    organisation names only capitalised, ``case_sensitive`` country names); None: any case.
    """

    kind: str  # person | surname | org | org_ambiguous | country | demonym | capital | seat
    ref: str  # person or organisation id, or ISO3
    exact: Key | None = None


@dataclass
class Lexicon:
    """The knowledge base as token-tuple lookup tables, built once per process."""

    kb: KnowledgeBase
    names: dict[Key, list[Entry]] = field(default_factory=dict)
    roles: dict[Key, Role] = field(default_factory=dict)
    max_name: int = 1
    max_role: int = 1
    # role nouns of the field dictionaries (kb/field/agents.tsv) that roles.tsv lacks: asked
    # only where a phrase has no hand-written role, never to find descriptions in articles
    field_roles: dict[Key, Role] = field(default_factory=dict)
    max_field_role: int = 1
    build_seconds: float = 0.0
    # folded spelling -> canonical spelling of a name word ("mohamed" -> "muhammad")
    variants: dict[str, str] = field(default_factory=dict)
    # compact organisation names for ``fuzzy_org`` (built on first use)
    compact_orgs: dict[str, frozenset[str]] | None = None
    # one-word organisation names that are "The" + a common word ("The Australian", "The
    # National"): the organisation only with its article and not before another name word
    article_names: dict[Key, set[str]] = field(default_factory=dict)

    @property
    def people(self) -> dict[str, Person]:
        return self.kb.people

    @property
    def orgs(self) -> dict[str, Organization]:
        return self.kb.organizations

    @property
    def countries(self) -> dict[str, Country]:
        return self.kb.countries

    def add_name(self, alias: str, kind: str, ref: str, *, any_case: bool) -> None:
        """Index an alias under the KB's own case rules (``kb.alias_keys``)."""
        for cased, text in alias_keys(alias, any_case=any_case):
            tokens = _tokens(text)
            if not tokens:
                continue
            key = self.canon(tuple(t.casefold() for t in tokens))
            entry = Entry(kind, ref, tokens if cased else None)
            entries = self.names.setdefault(key, [])
            if entry not in entries:
                entries.append(entry)
            self.max_name = max(self.max_name, len(key))

    def canon(self, key: Key) -> Key:
        """The key with each name word in its canonical spelling (``name_variants.tsv``)."""
        if not self.variants:
            return key
        return tuple(self.variants.get(t, t) for t in key)

    def lookup(self, key: Key) -> list[Entry]:
        return self.names.get(self.canon(key), [])

    def lookup_canonical(self, key: Key) -> list[Entry]:
        """``lookup`` for a key whose words are already in canonical spelling."""
        return self.names.get(key, [])

    def role(self, key: Key) -> Role | None:
        return self.roles.get(key)

    def holders(self, kind: str, country: str, day: date) -> list[Person]:
        """People holding an office of that kind for that country on the day."""
        return self.kb.holders(country, kind, day)

    def office(self, person: Person, day: date) -> Office | None:
        """The most important office the person holds on the day."""
        offices = self.kb.offices_on(person, day)
        return offices[0] if offices else None

    def country_on(self, person: Person, day: date) -> str | None:
        office = self.office(person, day)
        return (office.country if office and office.country else None) or person.country


def _tokens(text: str) -> Key:
    """Accent-folded tokens of a name (case kept), split as spaCy's tokenizer splits them."""
    from newsevents import nlp

    return tuple(kb_fold(t.text) for t in nlp.load().tokenizer(text) if not t.is_space)


def build_lexicon(kb: KnowledgeBase) -> Lexicon:
    """Index the knowledge base's records for token-tuple lookup in a parsed doc."""
    began = time.perf_counter()
    lex = Lexicon(kb, variants=name_variants())
    for c in kb.countries.values():
        cased = set(c.case_sensitive)
        for alias in (c.name, *c.aliases):
            lex.add_name(alias, "country", c.iso3, any_case=alias not in cased)
        for demonym in c.demonyms:
            lex.add_name(demonym, "demonym", c.iso3, any_case=demonym not in cased)
        for capital in c.capital_aliases:
            lex.add_name(capital, "capital", c.iso3, any_case=False)
        for seat in c.seats:
            lex.add_name(seat, "seat", c.iso3, any_case=False)
    for name, iso3 in peoples().items():
        lex.add_name(name, "people", iso3, any_case=False)
    for p in kb.people.values():
        for alias in (p.name, *p.aliases):
            lex.add_name(alias, "person", p.id, any_case=False)
        for surname in person_surnames(p):
            lex.add_name(surname, "surname", p.id, any_case=False)
    for o in kb.organizations.values():
        for alias in (o.name, *o.aliases):
            lex.add_name(alias, "org", o.id, any_case=False)
        for alias in o.ambiguous_aliases:
            lex.add_name(alias, "org_ambiguous", o.id, any_case=False)
        for alias in (o.name, *o.aliases, *o.ambiguous_aliases):
            rest = alias.split()
            if len(rest) == 2 and rest[0] in ("The", "the"):
                key = lex.canon((kb_fold(rest[1]).casefold(),))
                lex.article_names.setdefault(key, set()).add(o.id)
    for o in kb.organizations.values():  # "Guardian" is also a name of its own
        for alias in (o.name, *o.aliases, *o.ambiguous_aliases):
            if len(alias.split()) == 1:
                lex.article_names.get(lex.canon((kb_fold(alias).casefold(),)), set()).discard(o.id)
    for r in kb.roles.values():
        key = tuple(t.casefold() for t in _tokens(r.phrase))
        if key:
            lex.roles[key] = r
            lex.max_role = max(lex.max_role, len(key))
    from newsevents.kb.dictionaries import load_agents

    for agent in load_agents().values():
        key = tuple(t.casefold() for t in _tokens(agent.phrase))
        if key and key not in lex.roles:
            lex.field_roles[key] = Role(agent.phrase, agent.sector, None, agent.number)
            lex.max_field_role = max(lex.max_field_role, len(key))
    lex.build_seconds = time.perf_counter() - began
    return lex


@lru_cache(maxsize=1)
def name_variants() -> dict[str, str]:
    """``kb/name_variants.tsv``: each spelling of a name word -> its group's first spelling."""
    out: dict[str, str] = {}
    for group in read_table("name_variants.tsv", columns=None, header=None):
        for spelling in group:
            out[fold(spelling)] = fold(group[0])
    return out


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """``kb/given_names.tsv``: folded given name -> "m" | "f" (pronoun agreement)."""
    return {fold(n): g for n, g in read_table("given_names.tsv", columns=2, header="name")}


@lru_cache(maxsize=1)
def vessel_classes() -> dict[str, str]:
    """``kb/vessel_classes.tsv``: folded class name ("kilo") -> navy's ISO3."""
    rows = read_table("vessel_classes.tsv", columns=2, header="class")
    return {" ".join(fold(name).split()): iso3 for name, iso3 in rows}


@lru_cache(maxsize=1)
def peoples() -> dict[str, str]:
    """``kb/peoples.tsv``: a people's adjective or noun ("Rohingya", "Catalan") -> ISO3."""
    return {name: iso3 for name, iso3 in read_table("peoples.tsv", columns=2, header="name")}


@lru_cache(maxsize=1)
def org_words() -> dict[str, tuple[str, str]]:
    """``kb/org_words.tsv``: folded last word of an organisation's name -> (sector, type)."""
    rows = read_table("org_words.tsv", columns=3, header="word")
    return {fold(word): (sector, kind) for word, sector, kind in rows}


def _vessel_class_country(words: Sequence[Word]) -> str | None:
    """ "a Kilo-class submarine", "a Kilo class submarine": the class's navy."""
    for i, w in enumerate(words):
        if w.folded != "class" or i == 0:
            continue
        j = i - 1 if words[i - 1].text != "-" else i - 2
        name: list[Word] = []
        while j >= 0 and (words[j].proper or words[j].text[:1].isdigit() or words[j].text == "-"):
            name.insert(0, words[j])
            j -= 1
        while name:
            iso3 = vessel_classes().get(" ".join(fold(_join(name)).split()))
            if iso3:
                return iso3
            name = name[1:]  # "the new Kilo": drop leading words
    return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon (the KB is read and indexed once), from the disk cache when
    it is current: indexing tokenizes every name of the KB, most of a second."""
    from newsevents import nlp
    from newsevents.kb import KB_DIR, cache, kb_key

    kb = load_kb()
    if Path(kb.path).resolve() != KB_DIR.resolve():
        return build_lexicon(kb)  # another knowledge base (tests): the cache is the package's
    sources = [Path(__file__), Path(nlp.__file__)]
    key = cache.files_key(sources, kb_key(), cache.version("spacy"), nlp.MODEL_VERSION)
    data = cache.read("lexicon", key)
    if data is not None:
        try:
            lex = _LexiconUnpickler(io.BytesIO(data), kb).load()
        except Exception:  # any unreadable cache is rebuilt, never an error
            lex = None
        if isinstance(lex, Lexicon):
            return lex
    lex = build_lexicon(kb)
    buffer = io.BytesIO()
    _LexiconPickler(buffer, kb).dump(lex)
    cache.write("lexicon", key, buffer.getvalue())
    return lex


class _LexiconPickler(pickle.Pickler):
    """Pickles a lexicon without its knowledge base, which is cached on its own."""

    def __init__(self, file: io.BytesIO, kb: KnowledgeBase) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.kb = kb

    def persistent_id(self, obj: object) -> str | None:
        return "kb" if obj is self.kb else None


class _LexiconUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, kb: KnowledgeBase) -> None:
        super().__init__(file)
        self.kb = kb

    def persistent_load(self, pid: object) -> KnowledgeBase:
        if pid != "kb":
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return self.kb


def is_plural(role: Role) -> bool:
    return role.number == "pl"


# --------------------------------------------------------------------------- actors


def person_actor(person: Person, day: date, lex: Lexicon) -> Actor:
    office = lex.office(person, day)
    return Actor(
        id=person.id,
        name=person.name,
        type="person",
        country=lex.country_on(person, day),
        sector=lex.kb.sector_on(person, day),
        role=office.role if office else None,
        wikidata=person.wikidata,
    )


def org_actor(org: Organization, day: date) -> Actor:
    """An organisation with the sector it had on the day (the Taliban: REB, then GOV)."""
    return Actor(
        id=org.id,
        name=org.name,
        type=org.type,
        country=org.country,
        sector=org.sector_on(day),
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
    ent: str = ""  # spaCy's entity label, when the words come from a parse
    joined: bool = False  # no space before the next word ("Jean" of "Jean-Yves")


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
            out[-1].joined = getattr(t, "whitespace_", " ") == ""
            continue
        out.append(
            Word(
                text=text,
                folded=fold(text),
                lemma=fold(getattr(t, "lemma_", "") or text),
                proper=text[:1].isupper() or getattr(t, "pos_", "") == "PROPN",
                ent=getattr(t, "ent_type_", "") or "",
                joined=getattr(t, "whitespace_", " ") == "",
            )
        )
    return out


def find_names(words: Sequence[Word], lex: Lexicon) -> list[Match]:
    """Longest KB name matches, left to right."""
    found: list[Match] = []
    i = 0
    while i < len(words):
        for n in range(min(lex.max_name, len(words) - i), 0, -1):
            window = words[i : i + n]
            # "People's Liberation Army": an inner possessive is part of the name.
            texts: list[str] = []
            for j, w in enumerate(window):
                texts.append(w.text)
                if w.possessive and j < n - 1:
                    texts.append("'s")
            key = tuple(fold(t) for t in texts)
            entries = [e for e in lex.lookup(key) if case_ok(e, texts)]
            if entries:
                found.append(Match(i, i + n, entries))
                i += n
                break
        else:
            i += 1
    return found


def case_ok(entry: Entry, texts: Sequence[str]) -> bool:
    """The KB's case rules: a cased alias matches only its own capitalisation."""
    if entry.exact is None:
        return True
    got = tuple(kb_fold(t) for t in texts)
    if got == entry.exact:
        return True
    # A spelling variant of a name word ("Mohammed" for "Mohamed"): the same capitalisation.
    return len(got) == len(entry.exact) and all(
        g == e
        or (
            g.casefold() != e.casefold()
            and g[:1].isupper() == e[:1].isupper()
            and g.isupper() == e.isupper()
        )
        for g, e in zip(got, entry.exact, strict=True)
    )


def find_roles(
    words: Sequence[Word], lex: Lexicon, *, table: dict[Key, Role] | None = None
) -> list[tuple[int, int, Role]]:
    """Longest role-noun matches (on the words, else on lemmas for plurals), in the
    hand-written roles or in ``table``."""
    roles = lex.roles if table is None else table
    longest = lex.max_role if table is None else lex.max_field_role
    found: list[tuple[int, int, Role]] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            chunk = words[i : i + n]
            role = roles.get(tuple(w.folded for w in chunk))
            if role is None:
                lemma_key = tuple(w.folded for w in chunk[:-1]) + (chunk[-1].lemma,)
                base = roles.get(lemma_key)
                if base is not None and chunk[-1].lemma != chunk[-1].folded:
                    role = replace(base, number="pl")
            if role is not None:
                found.append((i, i + n, role))
                i += n
                break
        else:
            i += 1
    return found


_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "and", "or", "of", "in", "on", "at",
     "for", "to", "by", "with", "from", "as", "but", "if", "when", "while", "after", "before"}
)  # fmt: skip
# Kinds of name that are only someone's when they are the whole name in the text.
_NAME_KINDS = frozenset({"person", "surname", "org", "org_ambiguous"})
_PLACE_KINDS = frozenset({"country", "demonym", "capital"})


def _embedded(words: Sequence[Word], start: int, end: int, taken: set[int], lex: Lexicon) -> bool:
    """A KB name inside a longer unknown name: "Juan Carlos" of "Juan Carlos Jobet", "Jean"
    of "Jean-Yves Le Drian", "Khan" of "Jam Kamal Khan Alyani"."""

    def name_like(i: int) -> bool:
        w = words[i]
        return (
            i not in taken
            and w.proper
            and w.text[:1].isalpha()
            and w.folded not in _HONORIFICS
            and w.folded not in _FUNCTION_WORDS
            and w.folded not in _ELECT  # "President-elect Donald Trump"
            and lex.role((w.folded,)) is None
        )

    if words[end - 1].joined and end < len(words):
        return True  # "Jean" + "-Yves"
    if start > 0 and (words[start - 1].joined and not words[start - 1].text[:1].isalnum()):
        return True  # "-Drian" after a hyphen
    before = start > 0 and not words[start - 1].possessive and name_like(start - 1)
    after = end < len(words) and not words[end - 1].possessive and name_like(end)
    return before or after


def article_name_ok(words: Sequence[Word], m: Match, lex: Lexicon) -> bool:
    """ "The Australian", "the National": a one-word name of the "The X" kind is the body only
    after its article and not as the first word of a longer name ("the Australian Senate",
    "the National Assembly", "Australian universities")."""
    if m.start == 0 or words[m.start - 1].folded != "the":
        return False
    if m.end < len(words):
        nxt = words[m.end]
        role = lex.role((nxt.folded,)) or lex.role((nxt.lemma,))
        if role is not None:
            return role.sector == "MED"  # "the National newspaper", not "the National Guard"
        if nxt.proper and nxt.text[:1].isalpha() and nxt.folded not in _FUNCTION_WORDS:
            return False
    return True


def _field_role_ok(words: Sequence[Word], found: tuple[int, int, Role]) -> bool:
    """A field-dictionary role noun counts written in lower case ("a waiter"), or as a
    capitalised title right before a name ("Health Care Provider Ana Ruiz"): a capitalised
    word elsewhere is more often part of a name ("Tom Farmer", "Engineer Street")."""
    start, end, _role = found
    if all(not w.text[:1].isupper() for w in words[start:end]):
        return True
    return end < len(words) and words[end].proper and words[end].text[:1].isalpha()


def analyse(words: list[Word], lex: Lexicon) -> Analysis:
    matches = find_names(words, lex)
    for k, m in enumerate(matches):
        only_the = lex.article_names.get(lex.canon((words[m.start].folded,)), set())
        if m.end - m.start == 1 and only_the and not article_name_ok(words, m, lex):
            kept_entries = [e for e in m.entries if e.ref not in only_the]
            matches[k] = Match(m.start, m.end, kept_entries)
    matches = [m for m in matches if m.entries]
    # Words of places and demonyms are not part of a person's name; other names may be.
    taken = {
        i
        for m in matches
        if any(e.kind not in _NAME_KINDS for e in m.entries)
        for i in range(m.start, m.end)
    }
    kept: list[Match] = []
    for m in matches:
        # A people word that is also a given name is one in a person's name ("Karen Bass").
        drop = _NAME_KINDS | ({"people"} if words[m.start].folded in given_names() else frozenset())
        if any(e.kind in drop for e in m.entries) and _embedded(words, m.start, m.end, taken, lex):
            m = Match(m.start, m.end, [e for e in m.entries if e.kind not in drop])
            if not m.entries:
                continue
        kept.append(m)
    matches = kept
    roles = find_roles(words, lex)
    if not roles and lex.field_roles:
        roles = [
            r for r in find_roles(words, lex, table=lex.field_roles) if _field_role_ok(words, r)
        ]
    # A role word inside a longer organisation name is part of the name ("Justice" of the
    # "Justice and Equality Movement", "Chiefs of Staff" of the "Joint Chiefs of Staff").
    org_spans = [(m.start, m.end) for m in matches if any(e.kind == "org" for e in m.entries)]
    roles = [
        r
        for r in roles
        if not any(s <= r[0] and r[1] <= e and (e - s) > (r[1] - r[0]) for s, e in org_spans)
    ]
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
            if e.kind in ("country", "demonym", "capital", "seat", "people"):
                return e.ref
            if e.kind == "org" and lex.orgs[e.ref].country:
                return lex.orgs[e.ref].country
            if e.kind in ("person", "surname"):
                return lex.country_on(lex.people[e.ref], day)
    return None


def _kb_person(a: Analysis, lex: Lexicon, day: date, lo: int, hi: int) -> Person | None:
    """The KB person named in words[lo:hi] (a full name, else a surname resolved on the day)."""
    for m in a.matches:
        if m.start < lo or m.end > hi:
            continue
        people = [lex.people[e.ref] for e in m.entries if e.kind == "person"]
        if people:
            return pick_person(people, day, lex)
    for m in a.matches:
        if m.start < lo or m.end > hi or a.words[m.start].possessive:
            continue
        surnames = [lex.people[e.ref] for e in m.entries if e.kind == "surname"]
        if surnames and m.end == hi or (surnames and not a.words[m.end - 1].possessive):
            person = pick_person(surnames, day, lex, strict=True)
            if person is not None:
                return person
    return None


def pick_person(
    people: Sequence[Person], day: date, lex: Lexicon, *, strict: bool = False
) -> Person | None:
    """Of several people with that name, the one in office on the day, else the only one."""
    if len(people) == 1:
        return people[0]
    in_office = [p for p in people if lex.kb.office_on(p, day)]
    if len(in_office) == 1:
        return in_office[0]
    if strict:
        return None
    return (in_office or list(people))[0]


def _people_noun(a: Analysis, head: int) -> bool:
    """The head part ends in a plural people noun: a plural demonym ("Nigerians"), or a
    plural name the parser calls a people or that follows a demonym ("Iraqi Kurds")."""
    if head == 0:
        return False
    i = head - 1
    w = a.words[i]
    if not (w.proper and w.folded.endswith("s") and w.text[:1].isalpha()):
        return False
    at = [m for m in a.matches if m.start <= i < m.end]
    if at:
        return at[0].end == head and all(e.kind in ("demonym", "people") for e in at[0].entries)
    after_demonym = any(
        m.end == i and any(e.kind == "demonym" for e in m.entries) for m in a.matches
    )
    return w.ent == "NORP" or after_demonym


def _name_words(a: Analysis, lo: int, hi: int) -> list[Word]:
    """Capitalised words that are neither KB names nor role/title words: a person's name."""
    taken = {i for m in a.matches for i in range(m.start, m.end)}
    taken |= {i for s, e, _ in a.roles for i in range(s, e)}
    name: list[Word] = []
    for i in range(lo, hi):
        w = a.words[i]
        if name and name[-1].joined and not name[-1].possessive:
            name.append(w)  # "Jean" "-" "Yves": one hyphenated name
            continue
        if i in taken or not w.proper or not w.text[:1].isalpha() or w.possessive:
            if name:
                break
            continue
        name.append(w)
    while name and not name[-1].text[:1].isalpha():
        name.pop()
    return name


def _join(words: Sequence[Word]) -> str:
    """The words' text with the spacing of the original ("Jean-Yves Le Drian")."""
    return "".join(w.text + ("" if w.joined else " ") for w in words).strip()


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
        actor = person_actor(person, on, lex)
        if a.former and actor.sector == "GOV":
            actor.sector = "ELI"
        elif (
            not a.former
            and not a.elect
            and head_role is not None
            and head_role[1] <= _start_of(a, person.id)  # a title before the name
            and (actor.sector == "ELI" or lex.office(person, on) is None)
            and not _titled_office(actor, person, head_role[2], on)
            and head_role[2].sector is not None
            and head_role[2].sector != "GOV"
        ):
            # "opposition leader X" for someone the KB knows out of office: the phrase
            # states what they are now (an executive title without a KB office is not
            # trusted: "President X" of a candidate)
            actor.sector = head_role[2].sector
            actor.role = _title_text(a, head_role)
        return actor

    country = (
        _country_cue(a, lex, on, 0, head)
        or _country_cue(a, lex, on, head, len(words))
        or _vessel_class_country(words)
    )
    place = None
    if country is None and place_country is not None:
        place = place_in(a, place_country)
        country = place[1] if place else None
    role = head_role[2] if head_role else None
    if role is None:
        tail_roles = [r for r in a.roles if r[0] >= head]
        role = tail_roles[0][2] if tail_roles else None
    sector = role.sector if role else None
    if role is not None and role.office_kind in _GENERIC_KINDS and role.sector in ("GOV", None):
        # "army spokesman", "spokeswoman of the police": the body's sector, not the job's.
        # (a body noun, not a person's title: "General" of "General Elections Commission")
        body = [
            r
            for r in a.roles
            if r[2] is not role and r[2].sector and not _person_title(r[2], words[r[0]])
        ]
        if body:
            sector = body[0][2].sector
    if sector == "UAF" and head_role is not None:
        # "cartel gunmen", "rebel fighters": the armed men of the kind the modifier names
        mods = [r for r in a.roles if r[1] == head_role[0] and r[2].sector in _ARMED_KINDS]
        if mods:
            sector = mods[0][2].sector
    if sector == "GOV" and any(w.folded in _RELIGIOUS for w in words[:head]):
        sector = "REL"  # "Muslim leaders", "Catholic officials": a faith's leadership
    if a.former and sector in ("GOV", "MIL", "LEG", "JUD", "COP", "SPY", None):
        sector = "ELI" if role is not None else sector

    # A KB organisation named in the head: itself, or a group of its members.
    for m in a.matches:
        if m.start >= head:
            continue
        org = pick_org(m.entries, lex, country or focus)
        if org is None:
            continue
        if foreign_generic(a, m, org, lex):
            if country and (head_role is None or head_role[0] < m.start):
                # "South Korea's Democratic Party": that country's body of the same kind
                return group_actor(country, org.sector_on(on), _phrase_name(words))
            continue
        org_sector = org.sector_on(on)
        if head_role is None or head_role[0] < m.start:
            return org_actor(org, on)
        if role is not None and not a.former and not is_plural(role):
            # "the UN Secretary-General", "NATO's secretary general": the body's office holder
            holder = org_office_holder(org, role, on, lex)
            if holder is not None:
                return person_actor(holder, on, lex)
        if role is not None and role.office_kind in _GENERIC_KINDS and not a.former:
            sector = org_sector or sector
        elif sector == "IGO" and org_sector != "IGO" and not a.former:
            sector = org_sector  # "Amnesty's secretary general": the body's own sector
        return group_actor(org.country, sector or org_sector, _phrase_name(words))

    owner = _body_of(a, lex, head, head_role)
    if owner is not None:
        # "members of the Bundeswehr", "speaker of the Storting": the body's people.
        # (an IGO's officers keep their title's sector: "president of the European Council")
        if owner.sector_on(on) != "IGO" and not a.former:
            sector = owner.sector_on(on) or sector
        elif a.former:
            sector = "ELI"  # "a former member of the Saeima"
        country = owner.country or country
    if place is not None and role is None:
        return group_actor(place[1], "CVL", _phrase_name(words))
    # "Nigerians", "Iraqi Kurds", "ethnic Albanians": a people, its civilians (a bare
    # "Palestinians" resolved alone stays the country, as a bare country name does).
    bare = len([w for w in words if w.folded not in ("the", "a", "an")]) == 1
    if role is None and _people_noun(a, head) and not (standalone and bare):
        if country is None:  # "Armenians" where the KB lists only "Armenian"
            singular = lex.lookup((words[head - 1].folded[:-1],))
            country = next((e.ref for e in singular if e.kind == "demonym"), None)
        uprooted = any(w.folded in _UPROOTED for w in words[:head])  # "displaced Sudanese"
        return group_actor(
            country or (None if standalone else focus),
            "REF" if uprooted else "CVL",
            _phrase_name(words),
        )
    name = _name_words(a, 0, head)
    if name and (head_role is None or head_role[1] <= _index_of(a, name[0])):
        full = _join(name)
        imported = field_org(full, on) if len(name) > 1 and head_role is None else None
        if imported is not None and field_person(full, on) is None:
            # A imported of the field dictionaries by its whole name ("Abu Nidal Organization")
            return Actor(
                f"org:{slug(full)}",
                full,
                "group" if imported[2] in _ARMED_KINDS else "organization",
                country or imported[1],
                imported[2],
            )
        kind = org_words().get(name[-1].folded.rstrip("."))
        if kind is not None:
            # "Tata Motors", "Kenya Airways": an organisation the KB lacks
            first = _index_of(a, name[0])
            placed = [
                m
                for m in a.matches
                if m.end == first and any(e.kind in _PLACE_KINDS for e in m.entries)
            ]
            if placed and not words[first - 1].possessive:
                full = _join(words[placed[0].start : first + len(name)])
            if len(name) > 1 or placed:
                if country is None:  # "Tata Motors": the country of the "Tata" the KB knows
                    known = pick_org(lex.lookup((name[0].folded,)), lex, None)
                    country = known.country if known else None
                prefix = "media" if kind[1] == "media" else "org"
                return Actor(f"{prefix}:{slug(full)}", full, kind[1], country, kind[0])
        actor = Actor(
            id=f"person:{slug(full)}",
            name=full,
            type="person",
            country=country,
            sector=sector,
            role=_title_text(a, head_role) if head_role else None,
        )
        # A person of the field dictionaries, by the whole name: the text's own title and
        # country words say more about the day than the data (a place does not).
        coded = field_person(full, on) if len(name) > 1 else None
        if coded is not None:
            actor.country = coded[1] if place is not None or not actor.country else actor.country
            actor.sector = actor.sector or coded[2]
        return actor

    if owner is not None:
        return group_actor(country, sector, _phrase_name(words))
    if role is not None:
        before_role = words[: head_role[0]] if head_role else []
        definite = _is_definite(words) or any(w.possessive for w in before_role)
        if role.office_kind and not is_plural(role) and definite:
            holder = describe(role, country or focus, on, lex)
            if holder is not None:
                return person_actor(holder, on, lex)
        if a.words[head_role[0]].folded in GOVERNMENT_NOUNS if head_role else False:
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
    for m in a.matches:
        for e in m.entries:
            if e.kind == "people":  # "the Uyghurs": a people, not a government
                return group_actor(e.ref, "CVL", _phrase_name(words))
    return None


def _person_title(role: Role, word: Word) -> bool:
    """A capitalised rank or title ("General", "Colonel") names a person, not a body."""
    return role.office_kind not in _GENERIC_KINDS and word.text[:1].isupper()


def foreign_generic(a: Analysis, m: Match, org: Organization, lex: Lexicon) -> bool:
    """A national body's name that is also a common noun ("Congress", "Senate") with another
    country named in the phrase: that country's body ("Peru's Congress", "the Australian
    Senate"), not the KB's ("Congress" of the United States). The same for a party's or a
    state body's name after another country ("South Korea's Democratic Party", "Kenya's
    National Intelligence Service"): a name many countries use."""
    if org.country in (None, "IGO"):
        return False
    key = tuple(w.folded for w in a.words[m.start : m.end])
    generic = lex.role(key) is not None
    if not generic and org.sector != "PTY" and org.type != "government":
        return False
    for other in a.matches:
        if other is m or (not generic and other.end > m.start):
            continue
        for e in other.entries:
            if e.kind in ("country", "demonym", "capital", "seat") and e.ref != org.country:
                return True
    return False


def _titled_office(actor: Actor, person: Person, title: Role, day: date) -> bool:
    """ "Foreign Minister X" for someone whose office has ended: the phrase states the title,
    so the text speaks of the time X held it (the KB date may be later than the text's).
    True when such an office was found."""
    if title.office_kind is None or actor.sector != "ELI":
        return False
    past = [o for o in person.offices if o.kind == title.office_kind and o.start <= day]
    if past:
        office = max(past, key=lambda o: o.start)
        actor.sector = office.sector
        actor.role = office.role
        return True
    return False


def _body_of(
    a: Analysis, lex: Lexicon, head: int, head_role: tuple[int, int, Role] | None
) -> Organization | None:
    """The KB body a member or office-holder noun belongs to: "members of the Bundeswehr", "the
    chairman of the Joint Chiefs", "speaker of the Storting", "a spokesman for the army"
    (only "of" or "for" + the body)."""
    words = a.words
    if head >= len(words) or words[head].folded not in ("of", "for"):
        return None
    if head_role is None:
        if not any(
            w.lemma in _MEMBER_NOUNS or w.folded in _MEMBER_NOUNS or w.folded in _BODY_TITLES
            for w in words[:head]
        ):
            return None
    elif not (
        head_role[2].office_kind in _GENERIC_KINDS or fold(head_role[2].phrase) in _BODY_TITLES
    ):
        return None
    for m in a.matches:
        if m.start <= head:
            continue
        if any(w.folded not in ("the", "a", "an") for w in words[head + 1 : m.start]):
            return None
        org = pick_org(m.entries, lex, None)
        if org is None:
            return None
        return org
    return None


def pick_org(entries: Iterable[Entry], lex: Lexicon, country: str | None) -> Organization | None:
    """The body a name means: a certain alias, else an ambiguous one ("the Senate") of the
    country named or in focus; an ambiguous alias with no such country is no one."""
    entries = list(entries)
    for e in entries:
        if e.kind == "org":
            return lex.orgs[e.ref]
    if country is None:
        return None
    for e in entries:
        if e.kind == "org_ambiguous" and lex.orgs[e.ref].country == country:
            return lex.orgs[e.ref]
    return None


def place_in(a: Analysis, place_country: Callable[[str], str | None]) -> tuple[str, str] | None:
    """The first whole run of unmatched capitalised words that names a known place (a
    part of a run is not: "Marcus Beam" is a name even if "Beam" is a place); a place
    stated as the location ("a teacher at Springfield College in Normandy") first."""
    taken = {i for m in a.matches for i in range(m.start, m.end)}
    taken |= {i for s, e, _ in a.roles for i in range(s, e)}
    found: list[tuple[int, str, str]] = []
    i = 0
    while i < len(a.words):
        w = a.words[i]
        after_preposition = i > 0 and a.words[i - 1].folded in _PLACE_PREPOSITIONS
        if (
            i in taken
            or not w.proper
            or not w.text[:1].isalpha()
            or (w.ent == "PERSON" and not after_preposition)  # "residents of Goma"
        ):
            i += 1
            continue
        j = i
        while j < len(a.words) and j not in taken and a.words[j].proper:
            j += 1
        # The whole run, else its leading words that the parser calls a place or a
        # people ("Rakhine" of "Rakhine Buddhists").
        ends = [j] + [
            end
            for end in range(j - 1, i, -1)
            if all(w.ent in ("GPE", "LOC", "NORP", "FAC") for w in a.words[i:end])
        ]
        for end in ends:
            text = _join(a.words[i:end])
            iso3 = place_country(text)
            if iso3:
                found.append((i, text, iso3))
                break
        i = j
    if not found:
        return None
    located = [f for f in found if f[0] > 0 and a.words[f[0] - 1].folded == "in"]
    _, text, iso3 = (located or found)[-1 if located else 0]
    return text, iso3


_PLACE_PREPOSITIONS = frozenset({"in", "of", "from", "near", "across"})


def field_person(name: str, day: date) -> tuple[str, str | None, str | None] | None:
    """(name, country, sector) on the day of the one person of the imported field
    dictionaries (``kb/field``) whose full name is ``name``; None if none or several."""
    from newsevents.kb.dictionaries import load_people

    return load_people().coded(name, day)


def field_org(name: str, day: date) -> tuple[str, str | None, str | None] | None:
    """(name, country, sector) of the one body of the imported field dictionaries
    (``kb/field/organizations.tsv.gz``) whose full name is ``name``; None if none."""
    from newsevents.kb.dictionaries import load_orgs

    return load_orgs().coded(name, day, need_country=False)


def place_country(name: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The ISO3 country of the most prominent place of that name in the gazetteer (default:
    the package's), if any."""
    from newsevents.kb.gazetteer import load_gazetteer

    found = (gazetteer or load_gazetteer()).lookup(name)
    return found[0].entry.country if found else None


def _start_of(a: Analysis, person_id: str) -> int:
    for m in a.matches:
        if any(e.ref == person_id for e in m.entries):
            return m.start
    return 0


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


def gender_of(words: Sequence[Word]) -> str | None:
    folded = {w.folded for w in words}
    if folded & FEMININE:
        return "f"
    if folded & MASCULINE:
        return "m"
    return None


def describe(role: Role, country: str | None, day: date, lex: Lexicon) -> Person | None:
    """ "the Russian leader", "the prime minister": the holder of that office on the day."""
    if country is None or role.office_kind in (None, "official"):
        return None  # "the official", "the governor": one of many, not a unique office
    kinds: tuple[str, ...] = (role.office_kind,)
    if role.office_kind in _LEADER_KINDS or fold(role.phrase) in _LEADER_WORDS:
        kinds = _LEADER_KINDS if role.office_kind != "head_of_government" else (role.office_kind,)
    if role.office_kind in _LEADER_KINDS:
        # A title names the one of the country's leaders who bears it: "the Iranian
        # president" is Iran's president, though Iran's head of state is its Supreme Leader.
        title = fold(role.phrase)
        titled = {
            p.id: p
            for kind in _LEADER_KINDS
            for p in lex.holders(kind, country, day)
            if any(o.covers(day) and fold(o.role).startswith(title) for o in p.offices)
        }
        if len(titled) == 1:
            return next(iter(titled.values()))
    for kind in kinds:
        holders = lex.holders(kind, country, day)
        if len(holders) == 1:
            return holders[0]
    return None


def _title_key(text: str) -> tuple[str, ...]:
    return tuple(fold(text).replace("-", " ").replace("'s", " ").split())


def org_office_holder(org: Organization, role: Role, day: date, lex: Lexicon) -> Person | None:
    """ "the UN Secretary-General": the one person whose office on the day is that title of
    that body ("Secretary-General of the United Nations"), by the body's name or an alias."""
    title = _title_key(role.phrase)
    if not title or role.office_kind is None or role.office_kind == "official":
        return None
    names = [_title_key(n) for n in (org.name, *org.aliases)]
    for n in names:
        if n and title[: len(n)] == n:
            title = title[len(n) :]  # "UN secretary-general"
    if not title:
        return None
    found: dict[str, Person] = {}
    for country in {org.country or "IGO", "IGO"}:
        for kind in (role.office_kind, "igo_official", "rebel_leader", "party_leader"):
            for person in lex.holders(kind, country, day):
                for office in person.offices:
                    words = _title_key(office.role)
                    if not office.covers(day) or words[: len(title)] != title:
                        continue
                    rest = words[len(title) :]
                    if any(
                        n and any(rest[i : i + len(n)] == n for i in range(len(rest)))
                        for n in names
                    ):
                        found[person.id] = person
    return next(iter(found.values())) if len(found) == 1 else None


# --------------------------------------------------------------------------- phrase API


def resolve_phrase(
    phrase: str,
    *,
    on: date | None = None,
    lex: Lexicon | None = None,
    where: Callable[[str], str | None] | None = None,
) -> Actor | None:
    """Resolve an actor phrase without an article ("Armenian Prime Minister Nikol Pashinyan");
    ``lex`` and ``where`` (place name -> ISO3) default to the package's KB and gazetteer."""
    from newsevents import nlp

    text = phrase.strip()
    if not text:
        return None
    doc = nlp.load()(text)
    day = on or date.today()
    lex = lex or lexicon()
    actor = resolve_words(words_of(doc), on=day, lex=lex, place_country=where or place_country)
    if (
        actor is None
        or actor.id.startswith("anon:")
        or (actor.type == "person" and actor.id not in lex.people)
    ):
        org = fuzzy_org(text, lex)
        if org is not None:
            return org_actor(org, day)
    return actor


def _compact(text: str) -> str:
    """Letters only, each run of one letter made single: "Ahlu Sunnah Wal Jama'a" ->
    "ahlusunahwaljama" (transliterations differ in doubling, apostrophes and hyphens)."""
    letters = re.sub(r"[^a-z]", "", fold(text))
    return re.sub(r"(.)\1+", r"\1", letters)


def _compact_orgs(lex: Lexicon) -> dict[str, frozenset[str]]:
    """Compact forms of the multi-word names and aliases of organisations -> their ids."""
    if lex.compact_orgs is not None:
        return lex.compact_orgs
    index: dict[str, set[str]] = {}
    for org in lex.orgs.values():
        for alias in (org.name, *org.aliases):
            if len(alias.split()) < 2:
                continue
            key = _compact(alias)
            if len(key) >= _FUZZY_MIN:
                index.setdefault(key, set()).add(org.id)
    lex.compact_orgs = {k: frozenset(v) for k, v in index.items()}
    return lex.compact_orgs


_FUZZY_MIN = 12  # compact letters: shorter names are too easily confused
# Lower-case words inside organisation names ("Justice and Equality Movement").
_NAME_LINKS = frozenset({"and", "of", "for", "the", "in", "al", "wa", "wal", "de", "du", "la"})


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by at most one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def fuzzy_org(phrase: str, lex: Lexicon) -> Organization | None:
    """An organisation whose multi-word name the phrase spells differently (a transliteration:
    "Ahlu Sunna Wal Jamaa"), by compact form, else one letter apart; only capitalised words."""
    words = [w for w in phrase.split() if fold(w) != "the"]
    if len(words) < 2 or not all(w[:1].isupper() or fold(w) in _NAME_LINKS for w in words):
        return None
    key = _compact(" ".join(words))
    if len(key) < _FUZZY_MIN:
        return None
    index = _compact_orgs(lex)
    ids = set(index.get(key, ()))
    if not ids:
        ids = {i for k, found in index.items() if _one_edit(k, key) for i in found}
    return lex.orgs[next(iter(ids))] if len(ids) == 1 else None


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
