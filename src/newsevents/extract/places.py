"""Places: geographic names used as places, resolved against the gazetteer.

Candidates are spaCy GPE/LOC/FAC entities, other entities and proper-noun runs that the
gazetteer knows as a prominent place (spaCy sometimes tags a city as ORG) or as any town
right after a preposition of place ("lives in Riverdale") or a place and a comma,
descriptions of a capital ("the Hungarian capital", "the capital"), streets ("Elm and
Walnut streets", "23rd St."). Demonyms, names inside organisation or person names,
names of teams and speakers ("Leeds beat Hull", "said Florence"), unknown names ending in an
institution word ("Ambulance Service") and places used for their government ("Kyiv pushes
for", "Moscow's response", "independence from Britain") are not places. Homonyms are
resolved by the article's countries and US states, by a "City, State" pattern and by
prominence; a small town abroad that only the name supports is placed like an unknown
name. Names the gazetteer lacks (streets, buildings) lie in the place they are named after
("Vatican Gardens") or at the nearest resolved place of the article.

A toponym must be used as a place: an abbreviation in capitals names only the places it
abbreviates ("NATO", "EU" are bodies, "UAE" a country); a town named in a club's name
("Liverpool FC") or playing a match ("Leeds lost to Burnley") is a team; a person's first
name that only small towns bear ("Olivia agreed") or that is listed with people is a
person; "Austin, Texas" is the city even beside Lloyd Austin. Last, a logistic filter
trained on hand-labelled names (``kb/place_filter.json``) drops affiliations and metonyms
the rules keep ("Ted Cruz (R-Texas)", "Ohio Gov. John Kasich").
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsevents.kb import KB_DIR, KnowledgeBase, load_kb, read_table
from newsevents.kb.gazetteer import (
    ABBREVIATION,
    MAJOR_POPULATION,
    Candidate,
    Gazetteer,
    GazetteerEntry,
    key,
    load_gazetteer,
    prominence,
)
from newsevents.kb.lexicons import Lexicons, load_lexicons
from newsevents.nlp import text_of
from newsevents.records import Mention, Place, Why

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities of these labels are never places themselves, and nothing inside them is.
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
_CAPITAL = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir) (?:(?P<demonym>[A-Z][\w\-]+) )?capital(?: city)?\b(?! of\b)"
)
_CAPITAL_NOT_BEFORE = re.compile(r"\s*(?:markets?|gains?|flight|spending|investment|ratio)")
# Role sectors whose nouns make a modifying place non-literal ("London police", "Texas
# governor"); the people, firms, schools and hospitals of a place ("Paris residents",
# "California colleges") are located there, which keeps the place literal.
_INSTITUTION_SECTORS = frozenset("GOV MIL COP SPY LEG JUD PTY OPP REB UAF ELI IGO".split())
# Prepositions whose object is a place taken literally ("Holland" after "in" is a place).
_LOCATIVE = frozenset(
    "in at from to near into across outside inside around through throughout via".split()
)


@dataclass(frozen=True, eq=False)
class PlaceSources:
    """What the place extractor reads besides the parse: the knowledge base, the gazetteer
    and the lexicons (``kb/place_words.tsv`` by kind, the speech verbs of places)."""

    kb: KnowledgeBase
    gazetteer: Gazetteer
    lexicons: Lexicons

    def words(self, kind: str) -> frozenset[str]:
        """The words of one kind of ``kb/place_words.tsv``."""
        return self.lexicons.place_words.get(kind, frozenset())

    @property
    def speech_verbs(self) -> frozenset[str]:
        return self.lexicons.speech_verbs["places"]


def place_sources(
    *,
    kb: KnowledgeBase | None = None,
    gazetteer: Gazetteer | None = None,
    lexicons: Lexicons | None = None,
) -> PlaceSources:
    """The sources given, the package's own (kb/) for those not given."""
    if kb is None and gazetteer is None and lexicons is None:
        return _package_sources()
    return PlaceSources(
        kb=load_kb() if kb is None else kb,
        gazetteer=load_gazetteer() if gazetteer is None else gazetteer,
        lexicons=load_lexicons() if lexicons is None else lexicons,
    )


@functools.lru_cache(maxsize=1)
def _package_sources() -> PlaceSources:
    """The package's own sources, built once (``load_kb`` resolves its path on each call)."""
    return PlaceSources(kb=load_kb(), gazetteer=load_gazetteer(), lexicons=load_lexicons())


@functools.lru_cache(maxsize=1)
def _capital_ids(gaz: Gazetteer) -> frozenset[int]:
    """The capitals by identity (entries compare by value, which is slow)."""
    return frozenset(id(e) for e in gaz.capitals.values())


# --- metonymy: a place name standing for its government or people as an agent.
# The word lists are kinds of ``kb/place_words.tsv``: literal_subject, agent_object,
# agent_noun, stance, party, polity_from, polity_of.


def is_government_metonym(span: Span, *, lexicons: Lexicons | None = None) -> bool:
    """True when a place name stands for its government or people as an agent or party:
    "Kyiv pushes for", "Washington warned", "Moscow's response", "force Russia to
    negotiate", "Beijing and Tokyo agreed", "talks with Russia". ``lexicons`` default to
    the package's own."""
    words = (lexicons or load_lexicons()).place_words
    token = _head(span)
    # Walk up conjunctions: "Beijing and Tokyo agreed" -> the role of "Beijing".
    while token.dep_ == "conj" and token.head is not token and token.head.i < token.i:
        token = token.head
    dep, head = token.dep_, token.head
    if dep == "poss":
        agent_nouns = words["agent_noun"]
        return head.lemma_.lower() in agent_nouns or head.text.lower() in agent_nouns
    if dep in ("nsubj", "csubj"):
        verb = _content_verb(head)
        return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in words["literal_subject"]
    if dep == "nsubjpass":
        return head.lemma_.lower() in words["agent_object"]
    if dep in ("dobj", "dative"):
        if head.lemma_.lower() in words["agent_object"]:
            return True
        # "force Russia to negotiate": the object is the subject of a following verb.
        return any(c.dep_ in ("xcomp", "ccomp") and c.i > token.i for c in head.children)
    if dep == "pobj" and head.dep_ == "agent":
        return True  # "was rejected by Moscow"
    if (
        dep == "pobj"
        and head.lower_ in ("toward", "towards", "against")
        and head.head.pos_ == "NOUN"
    ):
        return head.head.lemma_.lower() in words["agent_noun"] | words["stance"]
    if dep == "pobj" and head.lower_ in ("with", "between", "and"):
        noun = head.head
        return noun.lemma_.lower() in words["party"]
    if dep == "pobj" and head.lower_ in ("from", "of") and head.head.pos_ == "NOUN":
        # "independence from Britain", "a delegation from Ukraine", "the dignity of Mexico"
        return head.head.lemma_.lower() in words[f"polity_{head.lower_}"]
    return False


def _head(span: Span) -> Token:
    return span.root


def _content_verb(token: Token) -> Token:
    """The verb that carries the meaning: "has been pushing" -> "pushing"; "is" stays."""
    if token.lemma_ in ("be", "have") and token.pos_ == "AUX":
        return token.head
    return token


# ----------------------------------------------------------------------------- candidates


@dataclass
class _Mention:
    start: int
    end: int
    text: str  # the name to look up (may differ from the span for descriptions)
    origin: str  # "ent" | "name" | "dateline" | "facility" | "capital"
    label: str = ""
    entry: GazetteerEntry | None = None
    candidates: list[Candidate] = field(default_factory=list)


def _strip(span: Span) -> Span:
    """Drop a leading "the", a trailing possessive or punctuation, and what the tagger ran
    on past the name: a dangling "and" or "of" ("Grand and State"), lower-case words after
    it ("Torkula village", "Pacific equatorial")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in ("the", "'s", "\u2019s"):
        start += 1
    while end > start:
        last = doc[end - 1]
        dangling = last.pos_ in ("CCONJ", "ADP") or last.text == "&"
        lower = last.is_alpha and last.is_lower and doc[start].text[:1].isupper()
        if last.tag_ == "POS" or last.is_punct and last.text != "." or dangling or lower:
            end -= 1
        else:
            break
    return doc[start:end]


def _lookup(src: PlaceSources, text: str, *, dateline: bool = False) -> list[Candidate]:
    """The candidates of a name, else of the name without a unit word ("Calamba City",
    "Oaxaca State"); an abbreviation in capitals ("EU", "NATO", "UAE") only names the
    places it abbreviates, except as a dateline ("ROME -")."""
    gaz = src.gazetteer
    if not dateline and ABBREVIATION.match(text):
        return gaz.lookup_abbreviation(text)
    found = gaz.lookup(text)
    if not found:
        low = text.casefold()
        for word in src.words("suffix"):  # none ends another: the order does not matter
            suffix = f" {word}"
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                found = gaz.lookup(text[: -len(suffix)])
                if found:
                    break
    return found


def _strong(candidates: list[Candidate]) -> bool:
    """Prominent enough to take outside a GPE/LOC/FAC entity."""
    for c in candidates[:1]:
        e = c.entry
        if e.feature in ("country", "admin", "region", "other"):
            return c.primary
        return c.primary and e.population >= 100_000
    return False


def _name_runs(doc: Doc, taken: list[bool]) -> Iterator[Span]:
    """Maximal runs of proper nouns (or capitalised words in all-caps datelines)."""
    i = 0
    while i < len(doc):
        t = doc[i]
        if taken[i] or not _namelike(t):
            i += 1
            continue
        j = i
        while j < len(doc) and not taken[j] and _namelike(doc[j]):
            j += 1
        yield doc[i:j]
        i = j


def _namelike(token: Token) -> bool:
    return (
        token.is_alpha
        and token.text[0].isupper()
        and (token.pos_ == "PROPN" or token.is_upper and len(token) > 2)
    )


def _is_seat(src: PlaceSources, text: str) -> bool:
    """A seat of government that is not a capital ("the Kremlin", "Downing Street")."""
    match = src.kb.lookup_country(text)
    return match is not None and match.via == "seat"


def _keep(src: PlaceSources, doc: Doc, m: _Mention, person_words: set[str]) -> bool:
    """Drop lower-case names, demonyms ("Dane guns"), the first part of a hyphenated word
    ("Newton-meters", "Texas-based") and single words the gazetteer does not know that look
    like people ("Buhari" tagged GPE)."""
    if not (m.text[:1].isupper() or m.text[:1].isdigit()):
        return False
    if m.origin in ("name", "ent") and _demonym_word(src, m.text):
        return False
    if not m.candidates and ABBREVIATION.match(m.text) and src.kb.organization_by_name(m.text):
        return False  # "in the EU" tagged as a place: a body the gazetteer has no place for
    text = text_of(doc)
    if text[m.end : m.end + 1] == "-" and text[m.end + 1 : m.end + 2].islower():
        word = re.match(r"[a-z]+", text[m.end + 1 : m.end + 20])
        return word is not None and word.group(0) in src.words("located")  # "Berlin-based"
    if (
        m.origin == "ent"
        and not m.candidates
        and m.text.split()[-1].casefold() in src.words("not_place")
    ):
        return False  # "East of England Ambulance Service", "the Armenian Genocide"
    if m.origin == "ent" and not m.candidates and _names_a_matter(src, doc, m):
        return False  # "the Skripal affair", "the Single Sky framework"
    if m.candidates or m.origin != "ent" or " " in m.text:
        return True
    if _unit_after(src, doc, m):
        return True  # "Torkula village", "Guma district"
    if m.text in person_words:
        return False
    return m.label != "GPE" or _after_place_preposition(src, doc, m)


def _after_place_preposition(src: PlaceSources, doc: Doc, m: _Mention) -> bool:
    """ "at Glenmoriston", "moved back to Wallacedene": a name the tagger calls a place and
    the gazetteer lacks, after a preposition of place or of movement."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start == 0 or _possessed(span):
        return False  # "in Tchaikovsky's concerto"
    before = doc[span.start - 1]
    if before.lower_ in _LOCATIVE_TOWN:
        return True
    head = before.head.head if before.head.pos_ == "ADV" else before.head  # "moved back to"
    return before.lower_ == "to" and head.lemma_.lower() in src.words("motion")


def _possessed(span: Span) -> bool:
    """Whether a possessive "'s" follows the span."""
    doc = span.doc
    return span.end < len(doc) and (
        doc[span.end].tag_ == "POS" or doc[span.end].lower_ in ("'s", "\u2019s")
    )


def _demonym_word(src: PlaceSources, text: str) -> bool:
    """A word for a people that is not also the country's name: "Dane", not "Turkey"."""
    country = src.kb.country_by_demonym(text)
    return country is not None and key(country.name) != key(text)


def _names_a_matter(src: PlaceSources, doc: Doc, m: _Mention) -> bool:
    """An unknown name that only qualifies an affair, a plan or a framework."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ == "NOUN" and after.lower_ in src.words("matter")


def _unit_after(src: PlaceSources, doc: Doc, m: _Mention) -> bool:
    """Whether a lower-case word for a kind of place follows the name: "Umemger village"."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.is_lower and (
        after.lower_ in src.words("admin") or after.lower_ in src.words("geo")
    )


def _candidates(src: PlaceSources, doc: Doc) -> list[_Mention]:
    gaz = src.gazetteer
    kb = src.kb
    found: list[_Mention] = []
    taken = [False] * len(doc)
    gpe_keys = {key(e.text) for e in doc.ents if e.label_ in PLACE_LABELS}

    def add(span: Span, origin: str, label: str, cands: list[Candidate]) -> None:
        found.append(
            _Mention(span.start_char, span.end_char, span.text, origin, label, None, cands)
        )

    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            taken[i] = True
        span = _strip(ent)
        if not span.text:
            continue
        dateline = _dateline(span, gaz)
        if dateline is not None:  # "SAN ANTONIO Turner Sports" tagged as one organisation
            add(dateline, "dateline", "GPE", _lookup(src, dateline.text, dateline=True))
            continue
        parts = _place_parts(src, span) if ent.label_ in PLACE_LABELS else [span]
        for part in parts:
            part = _grow(src, part)
            street = _street_after(src, part) if ent.label_ in PLACE_LABELS else None
            if street is not None:  # "North State" + "Street"
                taken[street.end - 1] = True
                add(street, "facility", "FAC", [])
                continue
            cands = _lookup(src, part.text)
            if ent.label_ in PLACE_LABELS:
                add(part, "ent", ent.label_, cands)
            elif (
                ent.label_ == "LANGUAGE"
                or ent.label_ == "NORP"
                and (kb.country_by_demonym(part.text) is not None or not _strong(cands))
            ):
                continue  # "Swedish"; but "Cavan" tagged as a nationality is a county
            elif _is_facility(src, part, ent.label_) and kb.organization_by_name(part.text) is None:
                owner, part = _owner(part)  # "Harare's Third Street"
                if owner is not None and _lookup(src, owner.text):
                    add(owner, "name", "GPE", _lookup(src, owner.text))
                add(part, "facility", "FAC", _lookup(src, part.text))
            elif (
                cands
                and (
                    _strong(cands)
                    or _listed_with_places(ent)
                    or _locative_name(src, part, cands, ent.label_)
                )
                and kb.organization_by_name(part.text) is None
                and not _is_seat(src, part.text)
                and (
                    ent.label_ != "PERSON"
                    or key(part.text) in gpe_keys
                    or not _person_name(src, doc, ent)
                )
            ):
                add(part, "name", ent.label_, cands)
    for run in _name_runs(doc, taken):
        dateline = _dateline(run, gaz)
        run = _grow(src, dateline or run)
        cands = _lookup(src, run.text, dateline=dateline is not None)
        if (
            cands
            and (_strong(cands) or dateline is not None or _locative_name(src, run, cands, ""))
            and kb.organization_by_name(run.text) is None
            and not _is_seat(src, run.text)
        ):
            add(run, "dateline" if dateline is not None else "name", "", cands)
    for numbered in _NUMBERED_STREET.finditer(text_of(doc)):  # "14th St.", "5th Avenue"
        start, end = numbered.span()
        found.append(_Mention(start, end, numbered.group(0), "facility", "FAC"))
    for names, word in _street_lists(src, doc):
        for name in names:
            add(name, "facility", "FAC", [])
            if name[-1].lower_ not in src.words("street"):  # "Pine" -> "Pine Street"
                found[-1].text = f"{name.text} {word}"
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
    found = [m for m in found if _keep(src, doc, m, person_words)]
    found.extend(_capital_descriptions(src, doc))
    return _joined(_outermost(found), text_of(doc), gaz)


def _joined(found: list[_Mention], text: str, gaz: Gazetteer) -> list[_Mention]:
    """Two names that are one name with its comma: "Washington" + "D.C."."""
    kept: list[_Mention] = []
    for m in found:
        prev = kept[-1] if kept else None
        if prev is not None and text[prev.end : m.start] == ", " and prev.origin == m.origin:
            whole = text[prev.start : m.end]
            cands = gaz.lookup(whole)
            if cands and cands[0].primary:
                kept[-1] = _Mention(prev.start, m.end, whole, prev.origin, prev.label, None, cands)
                continue
        kept.append(m)
    return kept


_NUMBERED_STREET = re.compile(
    r"\b(?:North |South |East |West |[NSEW]\. )?\d{1,3}(?:st|nd|rd|th) "
    r"(?:St\.|Street|Ave\.|Avenue|Road|Rd\.|Boulevard|Blvd\.)"
    r"(?: (?:North|South|East|West|NE|NW|SE|SW)\b)?(?=\W|$)"
)


def _street_after(src: PlaceSources, span: Span) -> Span | None:
    """The place name and a capitalised street word right after it: "North State Street"."""
    doc = span.doc
    if span.end >= len(doc) or not span.text[:1].isupper():
        return None
    after = doc[span.end]
    if after.is_title and after.lower_ in src.words("street") and after.ent_iob_ != "B":
        return doc[span.start : span.end + 1]
    return None


def _street_lists(src: PlaceSources, doc: Doc) -> Iterator[tuple[list[Span], str]]:
    """Names listed before a plural street word, and the singular word: "down Elm and
    Walnut streets", "at the corner of Oak and Cedar streets"."""
    words = src.words("streets")
    for token in doc:
        if not (token.is_lower and token.lower_ in words):
            continue
        names: list[Span] = []
        i, end, linked = token.i - 1, token.i, False
        while i >= 0:
            t = doc[i]
            if t.lower_ in ("and", "&") or t.text == ",":
                if end > i + 1:
                    names.append(doc[i + 1 : end])
                linked = linked or t.lower_ in ("and", "&")
                end = i
            elif not (t.pos_ == "PROPN" and t.is_title):
                break
            i -= 1
        if end > i + 1:
            names.append(doc[i + 1 : end])
        if linked and len(names) > 1:
            yield names[::-1], token.text[:-1].title()


def _outermost(found: list[_Mention]) -> list[_Mention]:
    """Sorted by position, without mentions inside a longer one ("Boa" in "Boa Vista")."""
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def _place_parts(src: PlaceSources, span: Span) -> list[Span]:
    """A place entity as names: "Tacoma, Washington" -> two; "Washington, D.C." (a name of
    its own) -> one; "Greece Italy" (a list run together) -> two."""
    if _lookup(src, span.text):
        return [span]
    parts = _comma_parts(span)
    if len(parts) == 1 and len(span) > 1 and all(t.pos_ == "PROPN" for t in span):
        words = [span.doc[t.i : t.i + 1] for t in span]
        if all(_is_region_name(src.gazetteer, w.text) for w in words):
            return words
    return parts


def _is_region_name(gaz: Gazetteer, text: str) -> bool:
    found = gaz.lookup(text)
    return bool(found) and found[0].primary and found[0].entry.feature in ("country", "admin")


def _grow(src: PlaceSources, span: Span) -> Span:
    """The longest name around the span that the gazetteer knows: "Boa" + "Vista", "Baja" +
    "California", "Gilgit" + "-Baltistan"; then a unit word that belongs to the name
    ("Benue state")."""
    gaz = src.gazetteer
    doc = span.doc
    best = span
    # Only words that can join a name may be added: count how many there are on each side.
    max_left = 0
    while max_left < 2 and span.start - max_left > 0 and _joinable(doc[span.start - max_left - 1]):
        max_left += 1
    max_right = 0
    while (
        max_right < 3 and span.end + max_right < len(doc) and _joinable(doc[span.end + max_right])
    ):
        max_right += 1
    for left in range(0, max_left + 1):
        for right in range(0, max_right + 1):
            if not left and not right:
                continue
            start, end = span.start - left, span.end + right
            if end - start <= len(best):
                continue
            if doc[start].is_punct or doc[end - 1].is_punct:
                continue
            found = gaz.lookup(doc[start:end].text)
            if found and found[0].primary:
                best = doc[start:end]
    if (
        best.end < len(doc)
        and doc[best.end].lower_ in src.words("admin")
        and _lookup(src, best.text)
    ):
        unit = doc[best.start : best.end + 1]
        if _lookup(src, unit.text):
            best = unit
    return best


def _joinable(token: Token) -> bool:
    if token.text in ("-", "\u2010"):
        return not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_
    return token.is_alpha and token.text[0].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ")


def _dateline(span: Span, gaz: Gazetteer) -> Span | None:
    """The upper-case place name that opens a paragraph, when the span runs on past it:
    "SAN ANTONIO Turner Sports ..." -> "SAN ANTONIO"."""
    doc = span.doc
    start = span.start
    if start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        return None
    end = start
    while end < span.end and doc[end].is_upper and doc[end].is_alpha:
        end += 1
    if end == start or end == span.end and span.label_ in PLACE_LABELS:
        return None
    for stop in range(end, start, -1):
        found = gaz.lookup(doc[start:stop].text)
        # a single upper-case word must be a place's own name: "OPS" is no town
        if found and (stop - start > 1 or any(c.primary for c in found)):
            if stop - start == 1 and not _dateline_break(doc, stop):
                return None  # "NATO leaders met": a body opening the text, no dateline
            return doc[start:stop]
    return None


_DATELINE_BREAK = re.compile(r"\s*(?:[,(:\u2014\u2013]|--?\s|\n|$)")


def _dateline_break(doc: Doc, end: int) -> bool:
    """Whether a dateline ends at token ``end``: "LAGOS, Nigeria -", "KYIV (Reuters) -",
    "WASHINGTON \u2014", or the end of a line."""
    if end >= len(doc):
        return True
    text = text_of(doc)
    return _DATELINE_BREAK.match(text, doc[end - 1].idx + len(doc[end - 1])) is not None


def _owner(span: Span) -> tuple[Span | None, Span]:
    """ "Harare's Third Street" -> ("Harare", "Third Street")."""
    for t in span[1:-1]:
        if t.tag_ == "POS" or t.text in ("'s", "\u2019s"):
            return span.doc[span.start : t.i], span.doc[t.i + 1 : span.end]
    return None, span


def _is_facility(src: PlaceSources, span: Span, label: str) -> bool:
    """A building, site or street named in an organisation or person entity: "Barclays
    Center", "the New Bilibid Prison", "Hotel Kyjev" (not "Pew Research Center")."""
    if len(span) < 2 or not span[0].text[:1].isupper():
        return False
    last, first = span[-1].lower_, span[0].lower_
    heads = src.words("facility") | (src.words("facility_surname") if label != "PERSON" else set())
    if last in heads:
        return not any(t.lower_ in src.words("not_after") for t in span[:-1])
    return first in src.words("facility_first") and span[1].text[:1].isupper()


def _locative_name(src: PlaceSources, span: Span, candidates: list[Candidate], label: str) -> bool:
    """A name the gazetteer knows as a town, right after a locative preposition ("lives in
    Riverdale", "a market at Wana", "between Coggeshall and Marks Tey") or after a place and
    a comma ("Percy French Hotel, Ballyjamesduff"). A name tagged as an organisation needs
    a town of 15,000+ ("at Stanford" is the university)."""
    if label not in ("", "PERSON", "ORG", "PRODUCT", "NORP") or len(span) > 4:
        return False
    top = candidates[0].entry if candidates else None
    if (
        top is None
        or label == "ORG"
        and top.feature == "city"
        and top.population < MAJOR_POPULATION
    ):
        return False
    doc = span.doc
    if _possessed(span):
        return False  # "in St Patrick's": a church named after a saint
    i = span.start - 1
    if i > 0 and doc[i].text == "," and _ends_place(src, doc[i - 1]) and candidates[0].primary:
        return True  # "Percy French Hotel, Ballyjamesduff", "Tacoma, Washington"
    if i >= 0 and (doc[i].lower_ in ("and", "or") or doc[i].text == ","):
        # a later name of a list: look before the first ("between X and Y", "in X, Y and Z")
        stop = max(0, i - 12)
        while i > stop and (doc[i].is_title or doc[i].lower_ in ("and", "or", ",")):
            i -= 1
    if i >= 2 and doc[i].lower_ == "of" and doc[i - 1].text == ",":
        # where a person lives: "Ms Abdhou, of Hayes,", "John Reid, 54, of Hove"
        person = doc[i - 2]
        return person.ent_type_ == "PERSON" or person.like_num
    return i >= 0 and doc[i].lower_ in _LOCATIVE_TOWN


def _ends_place(src: PlaceSources, token: Token) -> bool:
    """Whether the token ends a place or building name: "Tacoma", "Ramor Theatre"."""
    if token.ent_type_ in PLACE_LABELS and token.ent_iob_ != "B" or token.ent_type_ == "GPE":
        return True
    return token.is_title and token.lower_ in src.words("facility") | src.words("facility_surname")


# Prepositions after which a name the gazetteer knows is taken as a town.
_LOCATIVE_TOWN = frozenset("in at near from outside between via".split())


def _listed_with_places(ent: Span) -> bool:
    """ "in Ruse, Pleven, Gabrovo and Vratsa": a name coordinated with a place entity."""
    root = ent.root
    linked = [root.head] if root.dep_ in ("conj", "appos") else []
    linked += [c for c in root.children if c.dep_ in ("conj", "appos")]
    return any(t.ent_type_ in PLACE_LABELS for t in linked)


def _person_name(src: PlaceSources, doc: Doc, ent: Span) -> bool:
    """A PERSON entity whose words name a person elsewhere in the article."""
    words = {
        t.text for e in doc.ents if e.label_ == "PERSON" and e.text != ent.text for t in e
    }  # "Tamil Nadu" tagged as a person twice is no evidence of a person
    return any(t.text in words for t in ent) or src.kb.people_by_name(ent.text) != []


def _comma_parts(span: Span) -> list[Span]:
    """ "Tacoma, Washington" tagged as one entity -> two names."""
    cuts = [t.i for t in span if t.text == ","]
    if not cuts:
        return [span]
    parts, start = [], span.start
    for cut in [*cuts, span.end]:
        if cut > start:
            parts.append(span.doc[start:cut])
        start = cut + 1
    return parts


def _capital_descriptions(src: PlaceSources, doc: Doc) -> Iterator[_Mention]:
    kb = src.kb
    for m in _CAPITAL.finditer(text_of(doc)):
        if _CAPITAL_NOT_BEFORE.match(text_of(doc), m.end()):
            continue
        demonym = m.group("demonym")
        iso3: str | None = None
        if demonym:
            country = kb.country_by_demonym(demonym)
            if country is None:
                continue
            iso3 = country.iso3
        mention = _Mention(m.start(), m.end(), m.group(0), "capital")
        mention.label = iso3 or ""
        yield mention


# ----------------------------------------------------------------------------- resolving


@dataclass
class _Context:
    countries: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)  # US admin-1 codes


def _context(src: PlaceSources, doc: Doc, mentions: list[_Mention]) -> _Context:
    """Countries and US states that the article names unambiguously, and demonyms."""
    gaz = src.gazetteer
    kb = src.kb
    ctx = _Context()
    for ent in doc.ents:
        if ent.label_ == "NORP":
            country = kb.country_by_demonym(ent.text)
            if country is not None:
                ctx.countries[country.iso3] += 1
    for m in mentions:
        if not m.candidates:
            continue
        top = m.candidates[0].entry
        if len(m.candidates) == 1 or prominence(m.candidates[0]) - prominence(m.candidates[1]) > 2:
            if top.country:
                ctx.countries[top.country] += 1
            if top.country == "USA" and top.admin1:
                ctx.states[top.admin1] += 1
            if top.feature == "admin" and top.country == "USA":
                for code, state in gaz.us_states.items():
                    if state is top:
                        ctx.states[code] += 1
    return ctx


def _state_code(gaz: Gazetteer, entry: GazetteerEntry) -> str | None:
    for code, state in gaz.us_states.items():
        if state is entry:
            return code
    return None


def _score(
    c: Candidate,
    ctx: _Context,
    gaz: Gazetteer,
    capitals: frozenset[int],
    near: GazetteerEntry | None,
    named_city: bool = False,
) -> float:
    """``named_city``: a town of 15,000+ has the name as its own ("Salisbury"), so a big
    city known by it only as an old or alternate name (Harare) gets no help."""
    e = c.entry
    score = prominence(c)
    if e.feature == "city" and e.population >= 1_000_000:
        score += 1.0 + (2.5 if not c.primary and not named_city else 0.0)  # "New York"
    if id(e) in capitals and (c.primary or not named_city):
        score += 1.5
    if e.country and ctx.countries[e.country]:
        score += 2.0
    if e.country == "USA":
        code = e.admin1 or _state_code(gaz, e)  # a city's or a county's state, or the state
        if code and ctx.states[code]:
            score += 2.0
    small = e.feature == "city" and e.population < MAJOR_POPULATION
    if small and not (e.country and ctx.countries[e.country]):
        score -= 4.0
    if near is not None:  # "Paris, Texas": the name after the comma decides
        same_country = e.country == near.country
        inside = same_country and (
            near.feature == "country"
            or (near.country == "USA" and e.admin1 == _state_code(gaz, near))
            or near.feature != "admin"
        )
        score += 4.0 if inside else (-2.0 if not same_country else 0.0)
    return score


def _resolve(mentions: list[_Mention], ctx: _Context, gaz: Gazetteer, text: str) -> None:
    capitals = _capital_ids(gaz)
    focus = ctx.countries.most_common(1)[0][0] if ctx.countries else None
    for i, m in enumerate(mentions):
        if m.origin == "capital":
            m.entry = gaz.capital(m.label or focus)
            continue
        if not m.candidates:
            continue
        near = None
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.candidates and text[m.end : nxt.start].strip() == ",":
            top = nxt.candidates[0].entry
            if top.feature in ("country", "admin"):
                near = top
        # The second pass: the mention's own first answer is no evidence for itself.
        own = m.entry.country if m.entry is not None else None
        if own:
            ctx.countries[own] -= 1
        named_city = any(
            c.primary and c.entry.feature == "city" and c.entry.population >= MAJOR_POPULATION
            for c in m.candidates
        )
        m.entry = max(
            m.candidates, key=lambda c: _score(c, ctx, gaz, capitals, near, named_city)
        ).entry
        local = _local_homonym(m, mentions, focus)
        if local is not None and near is None:
            m.entry = local
        elif near is None and (_stray(m, mentions, focus) or _the_town(m, mentions, text)):
            m.entry = None  # placed beside the article's other places instead
        if own:
            ctx.countries[own] += 1


def _local_homonym(
    m: _Mention, mentions: list[_Mention], focus: str | None
) -> GazetteerEntry | None:
    """A place of the article's main country beats a homonym of a country the article never
    names otherwise: "Virginia" in a story from County Cavan is the Irish town."""
    chosen = m.entry
    if chosen is None or not chosen.country or not focus or chosen.country == focus:
        return None
    if chosen.feature == "country":
        return None
    named = Counter(o.entry.country for o in mentions if o is not m and o.entry is not None)
    if named[chosen.country] > 0 or named[focus] < 2:
        return None
    local = [c.entry for c in m.candidates if c.primary and c.entry.country == focus]
    return max(local, key=lambda e: e.population) if local else None


def _the_town(m: _Mention, mentions: list[_Mention], text: str) -> bool:
    """ "the Valley", "the Centre": a small town's name after "the" is a local name or no
    place at all, unless the town's own name has the article; it is then placed by the
    article's other places, if it has any."""
    e = m.entry
    if e is None or e.feature != "city" or e.population >= MAJOR_POPULATION:
        return False
    if not any(o is not m and o.entry is not None and o.entry.lat is not None for o in mentions):
        return False
    return text[max(0, m.start - 4) : m.start].casefold() == "the " and not e.name.startswith(
        "The "
    )


def _stray(m: _Mention, mentions: list[_Mention], focus: str | None) -> bool:
    """A small town abroad that is the only reading of a name in an article about another
    country: "Grand" (a town in Côte d'Ivoire) in a Chicago story is a local street or
    place the gazetteer lacks."""
    chosen = m.entry
    if chosen is None or chosen.feature != "city" or chosen.population >= MAJOR_POPULATION:
        return False
    if not focus or chosen.country == focus:
        return False
    named = Counter(o.entry.country for o in mentions if o is not m and o.entry is not None)
    return named[chosen.country] == 0 and named[focus] >= 2


# ----------------------------------------------------------------------------- places


def extract_places(
    doc: Doc, *, exclude: Collection[tuple[int, int]] = (), sources: PlaceSources | None = None
) -> list[Place]:
    """Every place the article names, once, with all its mentions, in order of first mention.
    ``sources`` (knowledge base, gazetteer, lexicons) default to the package's own."""
    src = sources or place_sources()
    gaz = src.gazetteer
    mentions = place_mentions(doc, exclude=exclude, sources=src)
    weights = place_filter()
    if weights:
        surnames = _surnames(doc)
        mentions = [
            m for m in mentions if _place_probability(src, doc, m, weights, surnames) >= THRESHOLD
        ]
    ctx = _context(src, doc, mentions)
    _resolve(mentions, ctx, gaz, text_of(doc))
    # The resolved places of the article give context to the second pass.
    for m in mentions:
        if m.entry is not None and m.entry.country:
            ctx.countries[m.entry.country] += 1
    _resolve(mentions, ctx, gaz, text_of(doc))
    return _group(src, text_of(doc), mentions)


def place_mentions(
    doc: Doc, *, exclude: Collection[tuple[int, int]] = (), sources: PlaceSources | None = None
) -> list[_Mention]:
    """The names that the rules take as places, before the learned filter (its training
    script reads them too)."""
    src = sources or place_sources()
    found = _candidates(src, doc)
    mentions = [
        m for m in found if not _overlaps(m, exclude) or _plainly_literal(src, doc, m, found)
    ]
    mentions = [m for m in mentions if not _metonym(src, doc, m) and not _nonliteral(src, doc, m)]
    return _without_people(src, doc, mentions)


# ----------------------------------------------------------------------------- learned filter

PLACE_FILTER = KB_DIR / "place_filter.json"
_FILTERED_ORIGINS = frozenset({"ent", "name"})  # datelines, capitals, facilities are kept
THRESHOLD = 0.4  # the best F1 on the tuning half of GWN (0.2-0.5 tried)


@functools.lru_cache(maxsize=1)
def place_filter(path: Path = PLACE_FILTER) -> dict[str, float]:
    """Feature -> weight of the logistic place-vs-not-place filter (``bias`` included),
    trained by ``scripts/train_place_filter.py``; empty when the file is absent."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    return {str(k): float(v) for k, v in data["weights"].items()}


def _place_probability(
    src: PlaceSources, doc: Doc, m: _Mention, weights: dict[str, float], surnames: frozenset[str]
) -> float:
    if m.origin not in _FILTERED_ORIGINS:
        return 1.0
    z = weights.get("bias", 0.0)
    for name, value in mention_features(doc, m, surnames=surnames, sources=src).items():
        z += weights.get(name, 0.0) * value
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_DEP_FEATURES = frozenset("nsubj nsubjpass dobj pobj compound poss appos conj npadvmod".split())


def _surnames(doc: Doc) -> frozenset[str]:
    """Keys of the last words of the article's person names of two words or more."""
    return frozenset(key(e[-1].text) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1)


def mention_features(
    doc: Doc,
    m: _Mention,
    *,
    surnames: frozenset[str] | None = None,
    sources: PlaceSources | None = None,
) -> dict[str, float]:
    """Context features of a name taken as a place: the tagger's label, the word before,
    the name's syntactic role, what the gazetteer knows of it and whether it is also a
    person's name. ``surnames``: the article's (``_surnames``), when already known."""
    src = sources or place_sources()
    features: dict[str, float] = {f"label={m.label or 'none'}": 1.0, f"origin={m.origin}": 1.0}
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return features
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or before.is_sent_start and before.is_punct:
        features["sentence_start"] = 1.0
    elif before.lower_ in _LOCATIVE:
        features["after_locative"] = 1.0
    elif before.lower_ in ("the", "of", "and", "for", "with", "by"):
        features[f"after={before.lower_}"] = 1.0
    elif before.text == ",":
        features["after_comma"] = 1.0
    elif before.pos_ == "PROPN":
        features["after_propn"] = 1.0
    after = doc[span.end] if span.end < len(doc) else None
    text = text_of(doc)
    if re.search(r"\b[RDI]-$", text[max(0, m.start - 3) : m.start]):
        features["party_tag"] = 1.0  # "Sen. Ted Cruz (R-Texas)"
    if after is not None:
        if _institution_noun(src, after) or re.fullmatch(r"[A-Z][a-z]{1,4}\.", after.text):
            features["before_office"] = 1.0  # "Ohio Gov. John Kasich", "Iowa committeeman"
        if after.tag_ == "POS":
            features["possessive"] = 1.0
        elif after.pos_ == "PROPN" and after.text[:1].isupper():
            features["before_propn"] = 1.0
        elif after.pos_ == "NOUN":
            features["before_noun"] = 1.0
        elif after.text == ",":
            features["before_comma"] = 1.0
    dep = span.root.dep_
    features[f"dep={dep if dep in _DEP_FEATURES else 'other'}"] = 1.0
    if dep in ("nsubj", "nsubjpass") and span.root.head.lemma_.lower() in src.speech_verbs:
        features["speaker"] = 1.0
    if len(span) == 1:
        features["one_word"] = 1.0
    if m.text.isupper():
        features["upper"] = 1.0
    k = key(m.text)
    if k in first_names():
        features["first_name"] = 1.0
    if k in (_surnames(doc) if surnames is None else surnames):
        features["surname_here"] = 1.0
    top = m.candidates[0] if m.candidates else None
    if top is None:
        features["unknown"] = 1.0
    else:
        features[f"feature={top.entry.feature}"] = 1.0
        features["log_population"] = math.log10(top.entry.population + 10) / 7.0
        if not top.primary:
            features["alternate_name"] = 1.0
        if len(m.candidates) > 1:
            features["homonyms"] = min(len(m.candidates), 20) / 20.0
    return features


_PLAIN_LOCATIVE = frozenset("in at near inside outside across throughout around".split())


def _plainly_literal(src: PlaceSources, doc: Doc, m: _Mention, mentions: list[_Mention]) -> bool:
    """A name that no reading makes a government, whatever the actor extractor claimed:
    after "in", "at", "near" ("talks in Moscow"), or owning another place ("London's
    Heathrow", "Harare's Third Street")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in _PLAIN_LOCATIVE:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        before is not None
        and before.lower_ in ("to", "from", "between")
        and before.head.lemma_.lower() in src.words("motion")
    ):
        return True  # "sent to Japan", "flights between Harare and London"
    if before is not None and before.text == "," and span.start > 1:
        # "Tacoma, Washington": the state or country of the place before it
        end = doc[span.start - 2].idx + len(doc[span.start - 2])
        if any(o.end == end for o in mentions):
            return True
    if span.end + 1 < len(doc) and doc[span.end].tag_ == "POS":
        nxt = doc[span.end + 1]
        if any(o.start == nxt.idx and o.origin != "capital" for o in mentions):
            return True
        # a city owning a named site: "London's Heathrow", not "China's Xi Jinping"
        city = bool(m.candidates) and m.candidates[0].entry.feature == "city"
        return city and nxt.pos_ == "PROPN" and nxt.ent_type_ in ("FAC", "ORG", "LOC", "")
    return False


def _overlaps(m: _Mention, spans: Collection[tuple[int, int]]) -> bool:
    return any(s < m.end and m.start < e for s, e in spans)


def _metonym(src: PlaceSources, doc: Doc, m: _Mention) -> bool:
    if m.origin in ("capital", "dateline"):
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    gaz = src.gazetteer
    top = m.entry or (m.candidates[0].entry if m.candidates else None)
    seat = _is_seat(src, m.text)
    if top is None or not (seat or top.feature == "country" or id(top) in _capital_ids(gaz)):
        return False  # only countries, capitals and seats stand for a government
    return is_government_metonym(span, lexicons=src.lexicons)


_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def _institution_noun(src: PlaceSources, token: Token) -> bool:
    word = token.lower_
    if word in src.words("modifier"):
        return True
    if word in src.words("admin") or word in src.words("geo"):
        return False  # "a US state", "the state of Roraima": places themselves
    role = src.kb.role(word)
    return role is not None and role.sector in _INSTITUTION_SECTORS


def _nonliteral(src: PlaceSources, doc: Doc, m: _Mention) -> bool:
    """A place name that only qualifies an institution or an office: "London police",
    "California Governor Jerry Brown", "U.S. law", "the governor of Enugu State", "the
    Embassy of Ukraine". "Paris hotels" and "Chicago residents" stay places."""
    if m.origin in ("capital", "facility", "dateline"):
        return False  # a dateline says where the story was filed: always literal
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in _MODIFIER_DEPS and root.dep_ != "poss" and root.head.i >= span.end:
        between = doc[span.end : root.head.i + 1]
        chain = all(
            t.pos_ in ("NOUN", "PROPN", "ADJ") or t.dep_ in ("compound", "amod") for t in between
        )
        if chain and any(_institution_noun(src, t) for t in between):
            return True
    if (
        span.end < len(doc)
        and _institution_noun(src, doc[span.end])
        and doc[span.end].pos_ == "NOUN"
    ):
        after = doc[span.end]
        if after.head.i >= after.i and after.dep_ in _MODIFIER_DEPS | {"nsubj", "dobj", "pobj"}:
            return root.dep_ not in ("pobj", "conj") or root.head.i >= span.end
    if root.dep_ == "pobj" and root.head.lower_ in ("of", "to") and root.head.head.i < span.start:
        office = root.head.head
        if office.pos_ in ("NOUN", "PROPN") and _institution_noun(src, office):
            role = src.kb.role(office.lower_)
            return root.head.lower_ == "of" or (role is not None and role.sector == "GOV")
    return False


def _without_people(src: PlaceSources, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Drop names that the article uses for people or storms: a surname or name of a person
    entity ("Bill Holland ... Holland covered the case"), unless the name also follows a
    locative preposition ("in Holland"); names after "hurricanes" or "daughters"."""
    people: dict[str, list[int]] = {}  # name -> start of each person entity so named
    surnames: set[str] = set()  # last words of person names of two words or more
    for e in doc.ents:
        if e.label_ == "PERSON":
            people.setdefault(key(e.text), []).append(e.start_char)
            if len(e) > 1:
                people.setdefault(key(e[-1].text), []).append(e.start_char)
                surnames.add(key(e[-1].text))
    locative = {key(m.text) for m in mentions if _after_locative(src, doc, m)}
    locative |= _city_state_keys(mentions, text_of(doc))
    teams = _club_names(src, doc)
    sports = bool(teams) or any(m.text.endswith(" City") for m in mentions) and _sports(src, doc)
    kept = []
    for m in mentions:
        k = key(m.text)
        if m.origin not in ("capital", "facility", "dateline"):
            elsewhere = [s for s in people.get(k, ()) if not m.start <= s < m.end]
            # "Tamil Nadu" tagged as a person each time is still a state
            if elsewhere and k not in locative and (k in surnames or not _major_region(m)):
                continue
            if _named_after(doc, m, src.words("storm") | src.words("kin")):
                continue
            if k not in locative and _used_for_a_person(src, doc, m, people):
                continue
            if (k in teams or sports and _city_club(src, m)) and not _after_locative(src, doc, m):
                continue  # "Liverpool FC ... charged Liverpool", "Manchester City fans"
            if k not in locative and _first_name_used(doc, m):
                continue  # "his girlfriend Olivia", "Helen, Clarence and Randy Kunz"
        kept.append(m)
    return kept


def _city_state_keys(mentions: list[_Mention], text: str) -> set[str]:
    """Keys of towns written with their state or country: "Austin, Texas" is the city even
    in an article about Lloyd Austin; not "Freeland, U.S. Trade Representative ..."."""
    keys: set[str] = set()
    for m, nxt in zip(mentions, mentions[1:], strict=False):
        if text[m.end : nxt.start] != ", " or not m.candidates or not nxt.candidates:
            continue
        if re.match(r" [A-Z]", text[nxt.end : nxt.end + 2]):
            continue  # the state or country names something after it
        region = nxt.candidates[0].entry
        if region.feature in ("country", "admin") and any(
            c.entry.feature == "city" and c.entry.country == region.country for c in m.candidates
        ):
            keys.add(key(m.text))
    return keys


def _club_names(src: PlaceSources, doc: Doc) -> set[str]:
    """Keys of the names that the article writes as sports clubs: "Leeds United",
    "Liverpool FC" -> "leeds", "liverpool"."""
    names: set[str] = set()
    for found in _word_pattern(src.words("club")).finditer(text_of(doc)):
        club = doc.char_span(found.start(), found.end())
        if club is None or club.start == 0:
            continue
        t = club[0]
        start = t.i
        while start > max(0, t.i - 3) and _joinable(doc[start - 1]) and doc[start - 1].is_title:
            start -= 1
        if start < t.i and not src.gazetteer.lookup(doc[start : t.i + 1].text):
            names.add(key(doc[start : t.i].text))
    return names


def _city_club(src: PlaceSources, m: _Mention) -> bool:
    """ "Manchester City" in a sports story: a name the gazetteer lacks, found as a city
    only once "City" is dropped, is a club."""
    return m.text.endswith(" City") and not src.gazetteer.lookup(m.text)


def _sports(src: PlaceSources, doc: Doc) -> bool:
    """Whether the article reports sport: two words of sports reporting or more."""
    return len(_word_pattern(src.words("sport"), capitalised=False).findall(text_of(doc))) >= 2


@functools.lru_cache(maxsize=8)
def _word_pattern(words: frozenset[str], *, capitalised: bool = True) -> re.Pattern[str]:
    """The words (of a kind of ``place_words.tsv``) as whole words, in title case or capitals
    only or in any case (scanning the text is much faster than walking the tokens)."""
    ordered = sorted(words, key=len, reverse=True)
    if capitalised:
        ordered = [form for w in ordered for form in (w.title(), w.upper())]
    return re.compile(
        r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b", 0 if capitalised else re.IGNORECASE
    )


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Keys of people's first names: ``kb/first_names.tsv`` (census) and
    ``kb/given_names.tsv``."""
    names: set[str] = set()
    for name in ("first_names.tsv", "given_names.tsv"):
        names.update(key(row[0]) for row in read_table(name, columns=None, header="name"))
    return frozenset(names)


def _first_name_used(doc: Doc, m: _Mention) -> bool:
    """A single word that is a person's first name and, here, names a person: listed with
    other first names of people ("Helen, Clarence, Irene and Randy Kunz"), or a name that
    only small towns bear and no preposition of place or neighbouring place supports
    ("Olivia agreed")."""
    if " " in m.text or key(m.text) not in first_names():
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    listed = _listed_with(span)
    firsts = sum(key(t.text) in first_names() for t in listed)
    if firsts >= 2 and any(t.ent_type_ == "PERSON" for t in listed):
        return True  # among other first names, one of them a person's
    top = m.candidates[0].entry if m.candidates else None
    if top is None or top.feature != "city" or top.population >= MAJOR_POPULATION:
        return False
    text = text_of(doc)
    return not (text[m.end : m.end + 1] == "," or text[max(0, m.start - 2) : m.start] == ", ")


def _listed_with(span: Span) -> list[Token]:
    """The other names of a list of names that holds the span: "Helen, Clarence and Ed";
    none for a name owning what follows ("Mahathir, Asia's longest serving leader")."""
    doc = span.doc
    linked: list[Token] = []
    if _possessed(span):
        return linked
    for step in (-1, 1):
        i = span.start - 1 if step < 0 else span.end
        while 0 <= i < len(doc) and len(linked) < 12:
            t = doc[i]
            if t.text == "," or t.lower_ in ("and", "or"):
                i += step
                continue
            if t.pos_ != "PROPN" or not t.is_title:
                break
            linked.append(t)
            i += step
    return linked


def _used_for_a_person(
    src: PlaceSources, doc: Doc, m: _Mention, people: dict[str, list[int]]
) -> bool:
    """A name that acts as a person or team: the speaker of "said Florence", the winner of "Leeds
    beat Hull", or a name the gazetteer lacks that ends in a person's surname ("Helen Kunz"
    beside "Randy Kunz")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    verb = root.head.lemma_.lower()
    if root.dep_ in ("nsubj", "nsubjpass") and verb in src.speech_verbs:
        return not _is_country_or_capital(src, m)  # "Moscow said" is a government, not here
    if root.dep_ == "dobj" and verb in src.words("match"):
        return True  # a team: "will play Man City", "beat Leeds"
    if root.dep_ == "nsubj" and verb in src.words("match") | src.words("result"):
        objects = [c for c in root.head.children if c.dep_ == "dobj"]
        # "Liverpool won the game", "Leeds beat Hull"; not "Paris lost power"
        if any(o.lemma_.lower() in src.words("game") or o.pos_ == "PROPN" for o in objects):
            return True
        return _against_opponent(root.head)  # "Leeds lost to Burnley 2-1", "lost at home"
    if _opponent(src, root):
        return True  # "drew with Arsenal", "lost to Burnley"
    if not m.candidates and len(span) > 1 and m.origin == "ent":
        last = span[-1]
        place_word = any(
            last.lower_ in src.words(k) for k in ("facility", "facility_surname", "street", "geo")
        )
        return not place_word and any(key(last.text) == k for k in people)
    return False


_SCORE = re.compile(r"\b\d{1,2} ?[-\u2013] ?\d{1,2}\b")


def _opponent(src: PlaceSources, token: Token) -> bool:
    """The object of "to", "with", "against" after a verb of a match: "lost to Burnley"."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ("to", "with", "against")
        and prep.head.lemma_.lower() in src.words("match") | src.words("result")
    )


def _against_opponent(verb: Token) -> bool:
    """A verb of a result played against a named team, at home or away, or with a score:
    "lost to Burnley", "drew at home", "won 2-1"."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            named = obj.pos_ == "PROPN" and prep.lower_ in ("to", "with", "against")
            if named or obj.lower_ in ("home", "away"):
                return True
    if verb.lower_ in ("away",) or any(c.lower_ == "away" for c in verb.children):
        return True
    tail = verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + 8)].text
    return _SCORE.search(tail) is not None


def _is_country_or_capital(src: PlaceSources, m: _Mention) -> bool:
    top = m.candidates[0].entry if m.candidates else None
    if top is None:
        return False
    return top.feature == "country" or id(top) in _capital_ids(src.gazetteer)


def _major_region(m: _Mention) -> bool:
    """A country, state or region of a million people or more, under its own name."""
    top = m.candidates[0] if m.candidates else None
    return (
        top is not None
        and top.primary
        and top.entry.feature in ("country", "admin", "region")
        and top.entry.population >= 1_000_000
    )


def _after_locative(src: PlaceSources, doc: Doc, m: _Mention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return False  # "in Florence's case": the name owns the object of "in"
    before = doc[span.start - 1]
    if before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    return before.lower_ in _LOCATIVE and not _opponent(src, span.root)  # not "lost to Leeds"


def _named_after(doc: Doc, m: _Mention, words: frozenset[str]) -> bool:
    """Whether a list of names that holds the mention follows one of the words: "three
    storms near the islands: Florence, Michael and Dorian", "sons Boston and Austin"."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    i = span.start - 1
    steps = 0
    while i >= 0 and steps < 12:
        t = doc[i]
        if t.lower_ in words:
            return True
        if t.text == ":":  # "three storms near the islands: Florence, Michael and Dorian"
            sent_start = t.sent.start
            return any(doc[j].lower_ in words for j in range(max(sent_start, i - 8), i))
        if not (t.pos_ == "PROPN" or t.text == "," or t.lower_ in ("and", "or")):
            return False
        i -= 1
        steps += 1
    return False


def _group(src: PlaceSources, text: str, mentions: list[_Mention]) -> list[Place]:
    groups: dict[object, list[_Mention]] = {}
    for m in mentions:
        gkey: object = id(m.entry) if m.entry is not None else key(m.text)
        groups.setdefault(gkey, []).append(m)
    places: list[Place] = []
    for ms in groups.values():
        entry = ms[0].entry
        lat, lon = (entry.lat, entry.lon) if entry else (None, None)
        country = entry.country if entry else None
        anchor = None
        if lat is None:
            anchor = _anchor(src, ms[0], mentions, entry, text)
            if anchor is not None:
                lat, lon = anchor.lat, anchor.lon
                country = country or anchor.country
        places.append(
            Place(
                name=_name(ms, entry),
                country=country,
                lat=lat,
                lon=lon,
                feature=entry.feature if entry else "other",
                geonames_id=entry.geonames_id if entry else None,
                mentions=[Mention.of(text, m.start, m.end) for m in ms],
                why=_why(ms[0], entry, anchor),
            )
        )
    return places


def _why(m: _Mention, entry: GazetteerEntry | None, anchor: GazetteerEntry | None) -> Why:
    """What placed the name: how it was found and the gazetteer entry it resolved to (or the
    place it lies in, for a name the gazetteer lacks)."""
    origin = _ORIGINS.get(m.origin, m.origin)
    why: Why = {"rule": f"{origin} {m.label}" if m.label else origin}
    if entry is not None:
        why["entry"] = (
            f"gazetteer {entry.name} ({entry.feature}, {entry.country}, "
            f"geonames {entry.geonames_id}, population {entry.population})"
        )
    elif anchor is not None:
        why["entry"] = f"not in the gazetteer; placed at {anchor.name} ({anchor.country})"
    return why


_ORIGINS = {
    "ent": "named entity",
    "name": "proper-noun name the gazetteer knows",
    "dateline": "dateline",
    "facility": "facility or street",
    "capital": "description of a capital",
}


_SPECIFIC = {"city": 0, "other": 1, "admin": 2, "region": 3, "country": 4}


def _named_in(src: PlaceSources, name: str, mentions: list[_Mention]) -> GazetteerEntry | None:
    """A resolved place of the article whose name opens the unknown name: "Vatican Gardens"
    lies in the Vatican, "Cavan Town Hall" in Cavan."""
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        prefix = key(" ".join(words[:n]))
        for other in mentions:
            e = other.entry
            if e is not None and e.lat is not None and prefix in (key(other.text), key(e.name)):
                return e
    # else a country or a big city the gazetteer knows by that name ("Vatican Gardens")
    for n in range(len(words) - 1, 0, -1):
        found = src.gazetteer.lookup(" ".join(words[:n]))
        top = found[0].entry if found and found[0].primary else None
        if (
            top is not None
            and top.lat is not None
            and (top.feature == "country" or top.feature == "city" and top.population >= 1_000_000)
        ):
            return top
    return None


def _anchor(
    src: PlaceSources,
    m: _Mention,
    mentions: list[_Mention],
    entry: GazetteerEntry | None,
    text: str,
) -> GazetteerEntry | None:
    """Where a name the gazetteer cannot place is: the resolved place of the most specific
    kind (a city before a state before a country), in the article's main country if it
    can, nearest in the text; in the same country or state when the name's own entry says
    so. A county without such a place lies in its state."""
    # "the Rialto Theatre in Denver", "St. Clare Hospital, Tacoma": the place named
    # right after it.
    for other in mentions:
        if other.start >= m.end:
            gap = text[m.end : other.start]
            e = other.entry
            near = gap in (" in ", ", ", " at ", " near ", " outside ")
            usable = e is not None and e.lat is not None and e.feature in ("city", "other")
            same = e is not None and (
                entry is None or not entry.country or e.country == entry.country
            )
            if near and usable and same:
                return e
            break
    if entry is None:
        named = _named_in(src, m.text, mentions)
        if named is not None:
            return named
    countries = Counter(o.entry.country for o in mentions if o.entry is not None)
    focus = countries.most_common(1)[0][0] if countries else None
    best: tuple[tuple[float, ...], GazetteerEntry] | None = None
    for other in mentions:
        e = other.entry
        if e is None or e.lat is None or e is entry:
            continue
        if entry is not None and entry.country and e.country != entry.country:
            continue
        other_state = entry is not None and entry.admin1 and e.admin1 != entry.admin1
        if other_state and e.country == "USA":
            assert entry is not None
            if e is not src.gazetteer.us_states.get(entry.admin1 or ""):
                continue  # a county of Kentucky lies in Kentucky, not in the next state
        rank = (_SPECIFIC[e.feature], e.country != focus, abs(other.start - m.start))
        if best is None or rank < best[0]:
            best = (rank, e)
    if best is None and entry is not None and entry.country == "USA" and entry.admin1:
        return src.gazetteer.us_states.get(entry.admin1)  # a county: its state
    return best[1] if best else None


def _name(ms: list[_Mention], entry: GazetteerEntry | None) -> str:
    """The name as the article writes it: the gazetteer's name when the article uses it,
    else the most frequent written name; a description alone gives the gazetteer's name."""
    written = [m.text for m in ms if m.origin != "capital"]
    if entry is not None and (not written or any(key(w) == key(entry.name) for w in written)):
        return entry.name
    if not written:
        return ms[0].text
    name = Counter(written).most_common(1)[0][0]
    return name.title() if name.isupper() and len(name) > 3 else name
