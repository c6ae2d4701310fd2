"""Places: geographic names used as places, resolved against the gazetteer.

Candidates are spaCy GPE/LOC/FAC entities, other entities and proper-noun runs that the
gazetteer knows as a prominent place (spaCy sometimes tags a city as ORG), and
descriptions of a capital ("the Hungarian capital", "the capital"). Demonyms, names inside
organisation or person names, and places used for their government ("Kyiv pushes for",
"Moscow's response") are not places. Homonyms are resolved by the article's countries and
US states, by a "City, State" pattern and by prominence. Names the gazetteer lacks (streets,
buildings) are placed at the nearest resolved place of the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsevents.kb import load_kb
from newsevents.kb.gazetteer import (
    MAJOR_POPULATION,
    Candidate,
    Gazetteer,
    GazetteerEntry,
    key,
    load_gazetteer,
    prominence,
)
from newsevents.records import Mention, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities of these labels are never places themselves, and nothing inside them is.
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
# Suffixes that may be dropped to find a name: "Calamba City", "Oaxaca State".
_SUFFIXES = (" city", " state", " province", " region", " oblast", " governorate")
_CAPITAL = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir) (?:(?P<demonym>[A-Z][\w\-]+) )?capital(?: city)?\b(?! of\b)"
)
_CAPITAL_NOT_BEFORE = re.compile(r"\s*(?:markets?|gains?|flight|spending|investment|ratio)")

# --- metonymy: a place name standing for its government or people as an agent.
# Verbs whose subject is a place taken literally ("Ukraine remains in limbo").
_LITERAL_SUBJECT_VERBS = frozenset(
    """be remain lie sit border stretch become have host experience suffer see face get
    receive rank record contain cover include lose gain fall rise grow shrink look seem
    appear account range hold stand span boast""".split()
)
# Verbs whose object stands for a government ("force Russia to", "warned Moscow").
_AGENT_OBJECT_VERBS = frozenset(
    """force urge pressure press push persuade convince ask tell warn accuse sanction punish
    blame criticise criticize condemn threaten invite thank reassure back lobby court
    engage recognise recognize call allow encourage compel require trust""".split()
)
# Nouns that make a possessive place an agent ("Moscow's response", "China's position").
_AGENT_NOUNS = frozenset(
    """response reply decision position stance policy policies government leadership
    ministry ministries military army navy forces troops president leader leaders official
    officials demand demands proposal proposals plan plans offer refusal support invasion
    attack attacks strategy diplomacy diplomats envoy ambassador delegation negotiators
    approach reaction intention intentions aim aims goal goals effort efforts threat threats
    warning warnings claim claims request ally allies partner partners regime administration
    spokesman spokeswoman spokesperson minister ministers objection objections
    agreement commitment commitments pledge bid push campaign frustration anger concern
    concerns fears hopes view views patience interest interests insistence determination
    reluctance willingness readiness resolve desire backing consent approval veto""".split()
)
# Nouns after which "toward X" names a party: "stance toward Moscow".
_STANCE_NOUNS = frozenset(
    """stance attitude hostility skepticism scepticism sanctions pivot overtures outreach
    grievances animosity rhetoric""".split()
)
# Nouns after which "with X" / "between X" names a party, not a place ("talks with Russia").
_PARTY_NOUNS = frozenset(
    """talks negotiations relations ties deal agreement accord treaty dialogue meeting summit
    dispute conflict tensions rift cooperation partnership alliance trade war peace
    ceasefire truce contacts row standoff""".split()
)


def is_government_metonym(span: Span) -> bool:
    """True when a place name stands for its government or people as an agent or party:
    "Kyiv pushes for", "Washington warned", "Moscow's response", "force Russia to
    negotiate", "Beijing and Tokyo agreed", "talks with Russia"."""
    token = _head(span)
    # Walk up conjunctions: "Beijing and Tokyo agreed" -> the role of "Beijing".
    while token.dep_ == "conj" and token.head is not token and token.head.i < token.i:
        token = token.head
    dep, head = token.dep_, token.head
    if dep == "poss":
        return head.lemma_.lower() in _AGENT_NOUNS or head.text.lower() in _AGENT_NOUNS
    if dep in ("nsubj", "csubj"):
        verb = _content_verb(head)
        return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in _LITERAL_SUBJECT_VERBS
    if dep == "nsubjpass":
        return head.lemma_.lower() in _AGENT_OBJECT_VERBS
    if dep in ("dobj", "dative"):
        if head.lemma_.lower() in _AGENT_OBJECT_VERBS:
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
        return head.head.lemma_.lower() in _AGENT_NOUNS | _STANCE_NOUNS
    if dep == "pobj" and head.lower_ in ("with", "between", "and"):
        noun = head.head
        return noun.lemma_.lower() in _PARTY_NOUNS
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
    origin: str  # "ent" | "name" | "capital"
    label: str = ""
    entry: GazetteerEntry | None = None
    candidates: list[Candidate] = field(default_factory=list)


def _strip(span: Span) -> Span:
    """Drop a leading "the" and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "'s", "\u2019s"):
        start += 1
    while end > start and (
        span.doc[end - 1].tag_ == "POS"
        or span.doc[end - 1].is_punct
        and span.doc[end - 1].text != "."
    ):
        end -= 1
    return span.doc[start:end]


def _lookup(gaz: Gazetteer, text: str) -> list[Candidate]:
    found = gaz.lookup(text)
    if not found:
        low = text.casefold()
        for suffix in _SUFFIXES:
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


def _is_seat(text: str) -> bool:
    """A seat of government that is not a capital ("the Kremlin", "Downing Street")."""
    match = load_kb().lookup_country(text)
    return match is not None and match.via == "seat"


def _keep(doc: Doc, m: _Mention, person_words: set[str]) -> bool:
    """Drop lower-case names and single words the gazetteer does not know that look like
    people ("Buhari" tagged GPE)."""
    if not (m.text[:1].isupper() or m.text[:1].isdigit()):
        return False
    if m.candidates or m.origin != "ent" or " " in m.text:
        return True
    return m.label != "GPE" and m.text not in person_words


def _candidates(doc: Doc, gaz: Gazetteer) -> list[_Mention]:
    kb = load_kb()
    found: list[_Mention] = []
    taken = [False] * len(doc)
    gpe_keys = {key(e.text) for e in doc.ents if e.label_ in PLACE_LABELS}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            taken[i] = True
        span = _strip(ent)
        if not span.text:
            continue
        parts = _comma_parts(span) if ent.label_ in PLACE_LABELS else [span]
        for part in parts:
            cands = _lookup(gaz, part.text)
            if ent.label_ in PLACE_LABELS:
                found.append(_Mention(part.start_char, part.end_char, part.text, "ent", ent.label_))
                found[-1].candidates = cands
            elif ent.label_ in ("NORP", "LANGUAGE"):
                continue
            elif (
                cands
                and (_strong(cands) or _listed_with_places(ent))
                and kb.organization_by_name(part.text) is None
                and not _is_seat(part.text)
                and (
                    ent.label_ != "PERSON"
                    or key(part.text) in gpe_keys
                    or not _person_name(doc, ent)
                )
            ):
                found.append(
                    _Mention(part.start_char, part.end_char, part.text, "name", ent.label_)
                )
                found[-1].candidates = cands
    for run in _name_runs(doc, taken):
        cands = _lookup(gaz, run.text)
        if (
            cands
            and _strong(cands)
            and kb.organization_by_name(run.text) is None
            and not _is_seat(run.text)
        ):
            found.append(_Mention(run.start_char, run.end_char, run.text, "name"))
            found[-1].candidates = cands
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
    found = [m for m in found if _keep(doc, m, person_words)]
    found.extend(_capital_descriptions(doc, gaz))
    found.sort(key=lambda m: m.start)
    return found


def _listed_with_places(ent: Span) -> bool:
    """ "in Zilina, Nitra, Presov and Kosice": a name coordinated with a place entity."""
    root = ent.root
    linked = [root.head] if root.dep_ in ("conj", "appos") else []
    linked += [c for c in root.children if c.dep_ in ("conj", "appos")]
    return any(t.ent_type_ in PLACE_LABELS for t in linked)


def _person_name(doc: Doc, ent: Span) -> bool:
    """A PERSON entity whose words name a person elsewhere in the article."""
    words = {t.text for e in doc.ents if e.label_ == "PERSON" and e != ent for t in e}
    return any(t.text in words for t in ent) or load_kb().people_by_name(ent.text) != []


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


def _capital_descriptions(doc: Doc, gaz: Gazetteer) -> Iterator[_Mention]:
    kb = load_kb()
    for m in _CAPITAL.finditer(doc.text):
        if _CAPITAL_NOT_BEFORE.match(doc.text, m.end()):
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


def _context(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> _Context:
    """Countries and US states that the article names unambiguously, and demonyms."""
    kb = load_kb()
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
    c: Candidate, ctx: _Context, gaz: Gazetteer, capitals: set[int], near: GazetteerEntry | None
) -> float:
    e = c.entry
    score = prominence(c)
    if e.feature == "city" and e.population >= 1_000_000:
        score += 1.0 + (2.5 if not c.primary else 0.0)  # "New York" is the city
    if id(e) in capitals:
        score += 1.5
    if e.country and ctx.countries[e.country]:
        score += 2.0
    if e.country == "USA":
        code = e.admin1 if e.feature == "city" else _state_code(gaz, e)
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
    capitals = {id(e) for e in gaz.capitals.values()}
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
        m.entry = max(m.candidates, key=lambda c: _score(c, ctx, gaz, capitals, near)).entry


# ----------------------------------------------------------------------------- places


def extract_places(doc: Doc, *, exclude: Collection[tuple[int, int]] = ()) -> list[Place]:
    """Every place the article names, once, with all its mentions, in order of first mention."""
    gaz = load_gazetteer()
    mentions = [m for m in _candidates(doc, gaz) if not _overlaps(m, exclude)]
    mentions = [m for m in mentions if not _metonym(doc, m)]
    ctx = _context(doc, mentions, gaz)
    _resolve(mentions, ctx, gaz, doc.text)
    # The resolved places of the article give context to the second pass.
    for m in mentions:
        if m.entry is not None and m.entry.country:
            ctx.countries[m.entry.country] += 1
    _resolve(mentions, ctx, gaz, doc.text)
    return _group(doc.text, mentions, gaz)


def _overlaps(m: _Mention, spans: Collection[tuple[int, int]]) -> bool:
    return any(s < m.end and m.start < e for s, e in spans)


def _metonym(doc: Doc, m: _Mention) -> bool:
    if m.origin == "capital":
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    gaz = load_gazetteer()
    top = m.entry or (m.candidates[0].entry if m.candidates else None)
    seat = _is_seat(m.text)
    if top is None or not (seat or top.feature == "country" or top in gaz.capitals.values()):
        return False  # only countries, capitals and seats stand for a government
    return is_government_metonym(span)


def _group(text: str, mentions: list[_Mention], gaz: Gazetteer) -> list[Place]:
    groups: dict[object, list[_Mention]] = {}
    for m in mentions:
        gkey: object = id(m.entry) if m.entry is not None else key(m.text)
        groups.setdefault(gkey, []).append(m)
    places: list[Place] = []
    for ms in groups.values():
        entry = ms[0].entry
        lat, lon = (entry.lat, entry.lon) if entry else (None, None)
        country = entry.country if entry else None
        if lat is None:
            anchor = _anchor(ms[0], mentions, entry)
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
            )
        )
    return places


_SPECIFIC = {"city": 0, "other": 1, "admin": 2, "region": 3, "country": 4}


def _anchor(
    m: _Mention, mentions: list[_Mention], entry: GazetteerEntry | None
) -> GazetteerEntry | None:
    """Where a name the gazetteer cannot place is: the nearest, most specific resolved place
    of the article (in the same country or state when the name's own entry says so)."""
    best: tuple[float, GazetteerEntry] | None = None
    for other in mentions:
        e = other.entry
        if e is None or e.lat is None or e is entry:
            continue
        if entry is not None and entry.country and e.country != entry.country:
            continue
        other_state = entry is not None and entry.admin1 and e.admin1 != entry.admin1
        if other_state and e.country == "USA" and e.feature != "admin":
            continue
        rank = _SPECIFIC[e.feature] * 100_000 + abs(other.start - m.start) / 10
        if best is None or rank < best[0]:
            best = (rank, e)
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
