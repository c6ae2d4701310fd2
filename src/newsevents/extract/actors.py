"""Actor mentions in a parsed article, resolved to canonical actors (see resolve.py).

Four passes over the parsed doc, all linear in its length:

1. names: knowledge-base names (people, organisations, countries, capitals, seats) by
   token-tuple lookup, then spaCy PERSON/ORG entities the KB lacks, filtered so NER
   errors (a missile tagged PERSON, a surname tagged ORG) do not become actors; each name
   is resolved with its title or apposition ("Putin's adviser Yuri Ushakov");
2. descriptions: noun phrases headed by a role noun ("a Ukrainian official", "Russian
   troops", "the Russian leader", "the prime minister");
3. metonyms: capitals, seats and country names used as agents or recipients ("Kyiv
   pushes for", "force Russia to negotiate") -> the government actor;
4. pronouns: he/she/they to the most salient compatible antecedent (a Lappin-Leass style
   salience with gender, number, binding and quote constraints; ``kb/given_names.tsv``
   gives the gender of people the KB lacks); "it"/"its" to a body (organisation, outlet,
   government, collective group) when it acts or owns; a relative "who"/"which" to the
   actor of the noun its clause modifies. ``bench/bench_coref.py`` measures this pass.

A name's mention covers the title that premodifies it ("Russian President Boris Yeltsin");
a body speaking through its "command" or "statement" is a mention of that body.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache, partial

from spacy.attrs import LOWER, ORTH, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from newsevents.extract import provenance
from newsevents.extract.dateline import Dateline, credits, dateline
from newsevents.extract.places import is_government_metonym
from newsevents.extract.quotes import LEX as SPEECH
from newsevents.kb import UNDATED, Person, Role, read_table
from newsevents.kb.gazetteer import Gazetteer
from newsevents.kb.lexicons import load_lexicons
from newsevents.nlp import text_of
from newsevents.records import Actor, Mention
from newsevents.resolve import FEMININE as _FEMININE
from newsevents.resolve import GOVERNMENT_NOUNS as _GOVERNMENT_NOUNS
from newsevents.resolve import MASCULINE as _MASCULINE
from newsevents.resolve import (
    Entry,
    Lexicon,
    Match,
    Word,
    analyse,
    article_name_ok,
    case_ok,
    describe,
    field_org,
    field_person,
    fold,
    foreign_generic,
    given_names,
    government_actor,
    group_actor,
    is_plural,
    lexicon,
    org_actor,
    person_actor,
    pick_org,
    pick_person,
    place_country,
    resolve_words,
    slug,
    words_of,
)
from newsevents.resolve import gender_of as _gender_of
from newsevents.resolve import place_in as _place_in

PlaceCountry = Callable[[str], str | None]

# The open word classes of kb/actor_words.yaml this module reads, through the lexicon loader.
_ACTOR_WORDS = load_lexicons().actor_words


def _actor_words(key: str) -> frozenset[str]:
    return frozenset(_ACTOR_WORDS[key])


_PERSON_PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_SPEECH_LEMMAS = load_lexicons().speech_verbs["actors"]
_AUDIENCE_VERBS = load_lexicons().speech_verbs["audience"]  # "told reporters", "briefed"
_PLACE_VERBS = _actor_words("place_verbs")
_TRANSFER_LEMMAS = _actor_words("transfer_lemmas")
_RELATION_LEMMAS = _actor_words("relation_lemmas")
_ALLY_LEMMAS = _actor_words("ally_lemmas")
_MEMBERSHIP = _ALLY_LEMMAS | _actor_words("membership_nouns")
_AGENTIVE_VERBS = _actor_words("agentive_verbs")
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "dative", "npadvmod"})
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "«": "»"}
_RECENCY_DECAY = 0.5


@dataclass
class Found:
    """One mention resolved to an actor, with what pronoun resolution needs."""

    actor: Actor
    start: int  # character offsets
    end: int
    sent: int
    weight: float  # salience of this mention (subject, object, ...)
    gender: str | None = None
    plural: bool = False
    pronoun: bool = False
    dep: str = ""
    collective: bool = False  # "the crowd": one group of many people, never "he"
    quote: int = -1  # index of the quotation it is inside, -1 outside


@dataclass
class Context:
    doc: Doc
    lex: Lexicon
    day: date
    focus: str | None
    taken: list[bool]
    found: list[Found] = field(default_factory=list)
    genders: dict[str, str | None] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)  # actor id -> title words
    folded: list[str] = field(default_factory=list)  # folded text of each token
    sent_starts: list[int] = field(default_factory=list)
    where: PlaceCountry = place_country  # the country of a place name (the gazetteer)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = True


def extract_actors(
    doc: Doc,
    *,
    published: date | None,
    lex: Lexicon | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Actor]:
    """Every actor named or described in the article, each with all its mentions.

    ``lex`` (the indexed knowledge base) and ``gazetteer`` default to the package's own. An
    undated article is read as of ``UNDATED``: the offices the KB records as still held.
    """
    lex = lex or lexicon()
    day = published or UNDATED
    where = partial(place_country, gazetteer=gazetteer)
    # Token texts read from the doc's arrays once: no Token objects for the word lists.
    strings = doc.vocab.strings
    folded = [fold(strings[h]) for h in doc.to_array(ORTH).tolist()]
    found_dateline = dateline(text_of(doc), is_place=partial(_is_place, lex, where))
    masked = _masked_tokens(doc, found_dateline)
    spans = [s for s in _kb_spans(doc, lex, folded) if not any(masked[s[0] : s[1]])]
    country = _dateline_country(found_dateline, lex, where)
    focus = focus_country(doc, lex, day, spans, dateline_country=country, where=where)
    ctx = Context(doc, lex, day, focus, masked, where=where)
    ctx.folded = folded
    metonym = _metonym_rule()
    _names(ctx, metonym, spans)
    _descriptions(ctx)
    _anonymous_sources(ctx)
    _statements(ctx)
    _separate_groups(ctx)
    _pronouns(ctx)
    _partitive_speakers(ctx)
    return _cluster(ctx)


# --------------------------------------------------------------------------- focus


def _is_place(lex: Lexicon, where: PlaceCountry, name: str) -> bool:
    return where(name) is not None or lex.kb.lookup_country(name) is not None


def _dateline_country(found: Dateline | None, lex: Lexicon, where: PlaceCountry) -> str | None:
    """The country of the dateline's place ("LAGOS, Nigeria": NGA; "KYIV": UKR)."""
    if found is None:
        return None
    kb = lex.kb
    if found.region:
        match = kb.lookup_country(found.region)
        if match is not None:
            return match.country.iso3
    return where(found.place) or where(found.place.split(",")[0])


def _masked_tokens(doc: Doc, found: Dateline | None) -> list[bool]:
    """Tokens that are never actors: the names of bylines and credits, and the dateline (a
    place; its agency is the article's source)."""
    ranges = credits(text_of(doc))
    if found is not None:
        ranges.append((found.start, found.end))
    masked = [False] * len(doc)
    for lo, hi in ranges:
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is not None:
            masked[span.start : span.end] = [True] * len(span)
    return masked


def focus_country(
    doc: Doc,
    lex: Lexicon,
    day: date,
    spans: list[tuple[int, int, list[Entry]]] | None = None,
    *,
    dateline_country: str | None = None,
    where: PlaceCountry = place_country,
) -> str | None:
    """The country the article is most about: the most frequent country cue (the
    dateline's country counts twice); ``where`` gives the country of a place name."""
    counts: dict[str, int] = {}
    if dateline_country:
        counts[dateline_country] = 2
    for _start, _end, entries in _kb_spans(doc, lex) if spans is None else spans:
        for e in entries:
            iso3 = None
            if e.kind in ("country", "demonym", "capital", "seat"):
                iso3 = e.ref
            elif e.kind == "person":
                iso3 = lex.country_on(lex.people[e.ref], day)
            if iso3:
                counts[iso3] = counts.get(iso3, 0) + 1
                break
    for ent in doc.ents:
        if ent.label_ == "GPE" and not any(lex.lookup(tuple(fold(t.text) for t in ent))):
            iso3 = where(ent.text)
            if iso3:
                counts[iso3] = counts.get(iso3, 0) + 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _metonym_rule() -> Callable[[Span], bool]:
    """The places extractor's rule, so that actors and places split names the same way."""
    return is_government_metonym


# --------------------------------------------------------------------------- names


def _kb_spans(
    doc: Doc, lex: Lexicon, words: list[str] | None = None
) -> list[tuple[int, int, list[Entry]]]:
    """Longest KB-name matches over the doc's tokens (``words``: their folded texts, if
    already known): (start, end, entries)."""
    # Words in their canonical spelling once per doc, not once per lookup of each n-gram.
    if words is None:
        words = [fold(t.text) for t in doc]
    folded = list(lex.canon(tuple(words)))
    out: list[tuple[int, int, list[Entry]]] = []
    i = 0
    n_tokens = len(doc)
    while i < n_tokens:
        for n in range(min(lex.max_name, n_tokens - i), 0, -1):
            entries = lex.lookup_canonical(tuple(folded[i : i + n]))
            if entries:
                texts = [t.text for t in doc[i : i + n]]
                entries = [e for e in entries if case_ok(e, texts)]
            if entries:
                out.append((i, i + n, entries))
                i += n
                break
        else:
            i += 1
    return out


# Lexicon entry kinds that name a country or its places ("Malaysia's", "the Kremlin"); a
# surname that is also one of them is not a person until the full name has been seen.
_PLACE_KINDS = frozenset({"country", "demonym", "capital", "seat"})


def _entry_kinds(tokens: Iterable[Token], lex: Lexicon) -> set[str]:
    """The kinds of the lexicon entries the words name together ("country", "org" ...)."""
    return {e.kind for e in lex.lookup(tuple(fold(t.text) for t in tokens))}


def _names(
    ctx: Context,
    metonym: Callable[[Span], bool] | None,
    spans: list[tuple[int, int, list[Entry]]],
) -> None:
    doc, lex = ctx.doc, ctx.lex
    known: dict[str, str] = {}  # surname (folded) -> actor id of a full name seen earlier
    others: set[str] = set()  # surnames of earlier full names the KB lacks ("Sharon Keith")
    for start, end, entries in spans:
        span = doc[start:end]
        kinds = {e.kind for e in entries}
        if "person" in kinds or "surname" in kinds:
            person = _person_for(entries, ctx, known)
            surname = ctx.folded[end - 1]
            if "person" not in kinds and _inside_longer_name(span, lex):
                person = None  # "Sharon" of "Sharon Keith" is not Ariel Sharon
                others.add(surname)
            elif "person" not in kinds and surname in others and surname not in known:
                person = None  # "Keith" after "Sharon Keith": her, not a KB namesake
            elif (
                "person" not in kinds
                and surname not in known
                and (
                    kinds & _PLACE_KINDS
                    or span[-1].pos_ == "ADJ"
                    or span[-1].ent_type_ == "NORP"
                    or lex.role((surname,)) is not None
                )
            ):
                # A surname alone that is also a country, capital, people or role word names
                # a person only after the full name: "Montenegro signed the accord" is the
                # country, "a Christian missionary" nobody named.
                person = None
            if person is not None and _looks_like_name(span):
                actor = person_actor(person, ctx.day, lex)
                title = _title(span)
                _apply_title(actor, title, ctx)
                # A title inside the KB alias ("Crown Prince X") describes the person too.
                ctx.titles.setdefault(actor.id, set()).update(ctx.folded[start:end])
                _take_title(ctx, title)
                _add_titled(ctx, span, title, actor, gender=person.gender)
                known.setdefault(fold(span[-1].text), actor.id)
                for t in span:
                    known.setdefault(fold(t.text), actor.id)
                continue
        org = pick_org(entries, lex, ctx.focus)
        if org is not None and _word_of_a_longer_name(span, lex):
            org = None  # "Liberation" of "the Liberation Tigers": another body's name
        if org is not None and end - start == 1:
            only_the = lex.article_names.get(lex.canon((fold(span[0].text),)), set())
            lo = max(start - 1, 0)
            if org.id in only_the and not article_name_ok(
                words_of(doc[lo : end + 1]), Match(start - lo, end - lo, entries), lex
            ):
                org = None  # "the Australian Senate": not the newspaper "The Australian"
        if (
            org is not None
            and start > 0
            and org.country not in (None, "IGO")
            and lex.role(tuple(ctx.folded[start:end])) is not None
        ):
            lo = max(start - 3, 0)
            a = analyse(words_of(doc[lo:end]), lex)
            own = [m for m in a.matches if m.end == len(a.words)]
            if own and foreign_generic(a, own[-1], org, lex):
                org = None  # "Peru's Congress", "the Australian Senate": not the KB's body
        if org is not None:
            if _is_channel(span):
                ctx.take(start, end)
                continue
            if span.root.dep_ == "compound" and fold(span.root.head.lemma_) in _MEMBERSHIP:
                ctx.take(start, end)
                continue  # "NATO ally Germany": the ally is the actor
            if _body_word_of_a_title(span, org.type, lex):
                continue  # "Sudan's army chief": the chief, described by the body's noun
            actor = org_actor(org, ctx.day)
            group = _member_group(span, org.country, ctx)
            if group is not None and group.type == "person":
                span = doc[start : span.root.head.i + 1]  # "the UN Secretary-General"
            _add(ctx, span, group or actor)
            continue
        places = [e for e in entries if e.kind in ("country", "capital", "seat")]
        if places:
            e = places[0]
            if _possessor_of_a_named_title(span, lex):
                continue  # "Lebanon's Prime Minister Saad Hariri": the person's title
            is_agent = (metonym is not None and metonym(span)) or _is_agent(span, e.kind)
            if e.kind == "seat" or is_agent:
                _add(ctx, span, government_actor(e.ref, lex), plural=True)
            continue
    # Entities the KB lacks.
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or not ctx.free(ent.start, ent.end):
            continue
        trimmed = _trim(ent)
        if trimmed is None:
            continue
        if (
            ent.label_ == "PERSON"
            or _is_surname_of(trimmed, known)
            or _titled_name(trimmed, ctx.lex)
        ):
            _unknown_person(_from_given_name(trimmed), ctx, known)
        else:
            _unknown_org(trimmed, ctx)
    _addressed_names(ctx, known)
    _lone_surnames(ctx, known)


def _lone_surnames(ctx: Context, known: dict[str, str]) -> None:
    """A surname alone after the full name of a person the KB lacks ("Alicia Machado" ...
    "Machado later said"), where the parser tagged no entity: a mention of that person."""
    doc = ctx.doc
    people = {f.actor.id: f for f in ctx.found if f.actor.type == "person"}
    names = {k: v for k, v in known.items() if v in people and v not in ctx.lex.people}
    if not names:
        return
    for i, word in enumerate(ctx.folded):
        if word not in names or ctx.taken[i]:
            continue
        token = doc[i]
        first = people[names[word]]
        if token.pos_ != "PROPN" or not token.is_title or token.idx < first.end:
            continue
        neighbours = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
        if any(t.pos_ == "PROPN" and t.is_title for t in neighbours):
            continue  # part of another name
        _add(ctx, doc[i : i + 1], first.actor, gender=ctx.genders.get(first.actor.id))


def _possessor_of_a_named_title(span: Span, lex: Lexicon) -> bool:
    """ "Lebanon's Prime Minister Saad Hariri": a country owning the title of a named person
    is part of that person's description, not an actor of its own."""
    root = span.root
    if root.dep_ != "poss" or span.end >= len(span.doc):
        return False
    doc = span.doc
    i = span.end
    while i < len(doc) and doc[i].text in ("'s", "’s", "'", "’"):
        i += 1
    j = i
    while j < len(doc) and doc[j].ent_type_ != "PERSON" and doc[j].pos_ in ("PROPN", "NOUN"):
        j += 1
    if j == i or j >= len(doc) or doc[j].ent_type_ != "PERSON" or j - i > 4:
        return False
    title = tuple(fold(t.text) for t in doc[i:j])
    return lex.role(title) is not None or lex.role(title[-1:]) is not None


def _person_for(entries: list[Entry], ctx: Context, known: dict[str, str]) -> Person | None:
    lex = ctx.lex
    full = [lex.people[e.ref] for e in entries if e.kind == "person"]
    if full:
        return pick_person(full, ctx.day, lex)
    surname = [lex.people[e.ref] for e in entries if e.kind == "surname"]
    seen = [p for p in surname if p.id in known.values()]
    if seen:
        return seen[-1]
    return pick_person(surname, ctx.day, lex, strict=True)


def _inside_longer_name(span: Span, lex: Lexicon) -> bool:
    """A surname next to another name word (not a title such as "President")."""
    doc = span.doc

    def name_word(t: Token) -> bool:
        return (
            t.pos_ == "PROPN"
            and t.is_title
            and lex.role((fold(t.text),)) is None
            and not (lex.lookup((fold(t.text),)))
        )

    before = span.start > 0 and name_word(doc[span.start - 1])
    after = span.end < len(doc) and name_word(doc[span.end])
    # "Zia" of "Zia-Ul-Haq": a hyphen joins it to more name words.
    hyphen_after = span.end < len(doc) and doc[span.end].text == "-" and not span[-1].whitespace_
    hyphen_before = (
        span.start > 0 and doc[span.start - 1].text == "-" and not doc[span.start - 1].whitespace_
    )
    return before or after or hyphen_after or hyphen_before


def _word_of_a_longer_name(span: Span, lex: Lexicon) -> bool:
    """A one-word KB name that the parser reads as part of a longer entity whose next word
    is another capitalised name word, neither a title nor a KB name ("Liberation" of "the
    Liberation Tigers", "Guardian" of "Guardian Council")."""
    doc = span.doc
    if len(span) != 1 or not span[0].ent_type_:
        return False

    def other_name_word(t: Token) -> bool:
        return (
            t.is_title
            and t.pos_ == "PROPN"
            and lex.role((fold(t.text),)) is None
            and lex.role((fold(t.lemma_),)) is None
            and not lex.lookup((fold(t.text),))
        )

    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.ent_iob_ == "I" and nxt.ent_type_ in _LONGER_ENTS and other_name_word(nxt):
            return True
    if span.start > 0 and span[0].ent_iob_ == "I" and span[0].ent_type_ in _LONGER_ENTS:
        return other_name_word(doc[span.start - 1])  # "Hill" of "Hugh Hill"
    return False


_LONGER_ENTS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


def _looks_like_name(span: Span) -> bool:
    """A KB name in the text is a mention unless it is plainly a common word or a modifier."""
    if len(span) == 1 and span[0].pos_ not in ("PROPN", "NOUN", "X"):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME", "MONEY", "CARDINAL") for t in span)


def _title(span: Span) -> Span | None:
    """Title words before a name ("Russian President", "Putin's adviser"), or an apposition."""
    doc = span.doc
    head = span.root
    between = doc[head.head.i + 1 : span.start] if head.head.i < span.start else None
    if head.dep_ == "appos" and between and all(t.is_punct for t in between):
        # "The minister, Lucia Moreno, said": the role noun the name is in apposition to.
        role_head = head.head
        if role_head.pos_ == "NOUN" and role_head.left_edge.i >= span.sent.start:
            return doc[role_head.left_edge.i : role_head.i + 1]
    if head.dep_ in ("appos", "compound") and head.head.i == span.start - 1:
        role_head = head.head
        if role_head.pos_ in ("NOUN", "PROPN"):
            left = role_head.left_edge.i
            while left < span.start and doc[left].pos_ in ("DET", "PUNCT"):
                left += 1
            if left < span.start and span.start - left <= 8:
                return doc[left : span.start]
    left = head.left_edge.i
    while left < span.start and doc[left].pos_ in ("DET", "PUNCT", "ADP", "CCONJ"):
        left += 1
    sent_start = span.sent.start
    # Only the contiguous pre-modifiers: stop at a verb or clause boundary.
    clause_break = any(
        (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")) or t.text in ",;:"
        for t in doc[left : span.start]
    )
    if sent_start <= left < span.start and span.start - left <= 8 and not clause_break:
        return doc[left : span.start]
    for child in head.children:
        if child.dep_ == "appos" and child.i > span.end - 1:
            return doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def _take_title(ctx: Context, title: Span | None) -> None:
    """Title words belong to the name they precede; named bodies inside stay free."""
    if title is None:
        return
    for t in title:
        if t.ent_type_ not in ("ORG", "GPE", "PERSON", "NORP", "FAC") or t.ent_type_ == "NORP":
            ctx.take(t.i, t.i + 1)


def _add_titled(
    ctx: Context, span: Span, title: Span | None, actor: Actor, *, gender: str | None
) -> None:
    """The name's mention with the title that premodifies it ("Russian President Boris
    Yeltsin", "U.S. Secretary of State X"); a possessor that is an actor of its own
    ("Putin's adviser Yuri Ushakov") stays its own mention, a country possessing the
    title ("Niger's ambassador X") is part of the phrase. Country and nationality words
    inside the phrase are not also mentions of that country's government."""
    doc = span.doc
    if (
        title is not None
        and title.end < span.start
        and all(t.is_punct for t in doc[title.end : span.start])
    ):
        # "The minister, Lucia Moreno, said": the role phrase is a mention too.
        first = _after_possessor(doc, title.start, title.end, ctx.lex)
        if first == title.start and first and doc[first - 1].pos_ == "DET":
            first -= 1
        if first < title.end:
            _drop_governments(ctx, doc[first].idx, title.end_char)
            _add(ctx, doc[first : title.end], actor, gender=gender)
    if title is None or title.end != span.start:
        _add(ctx, span, actor, gender=gender)
        return
    start = span.start
    while start > title.start and _title_word(doc, start - 1, span.start, ctx.lex):
        start -= 1
    start = _after_possessor(doc, start, span.start, ctx.lex)
    while start < span.start and doc[start].pos_ in ("PUNCT", "DET", "ADP", "CCONJ"):
        start += 1
    _drop_governments(ctx, doc[start].idx, span.start_char)
    # Named bodies in the title ("Hamas leader X") stay free for their own mention.
    keep = [(t.i, ctx.taken[t.i]) for t in doc[start : span.start] if t.ent_type_ in _BODY_ENTS]
    _add(ctx, doc[start : span.end], actor, gender=gender)
    for i, was in keep:
        ctx.taken[i] = was


def _drop_governments(ctx: Context, lo: int, hi: int) -> None:
    """Country words inside a person's title are not mentions of the government."""
    ctx.found = [
        f for f in ctx.found if not (lo <= f.start and f.end <= hi and f.actor.type in _GOV_TYPES)
    ]


def _after_possessor(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """Where a title in doc[start:end] begins once a possessor that is not a country or
    place ("Putin's" of "Putin's adviser") is left out."""
    for t in doc[start:end]:
        if t.tag_ == "POS" or t.text in ("'s", "’s", "'", "’"):
            owner = [w for w in doc[start : t.i] if w.pos_ != "DET"]
            if not _entry_kinds(owner, lex) & _PLACE_KINDS:
                start = t.i + 1
    return start


def _title_word(doc: Doc, i: int, end: int, lex: Lexicon) -> bool:
    """A word that can be part of a title before a name ending at ``end``: a name or
    nationality, an adjective ("junior", "ousted"), a link inside a title ("Secretary of
    State", "Lebanon's"), or a word starting a role phrase that runs on towards the name
    ("assistant chief"); not another common noun ("shooting", "store")."""
    t = doc[i]
    if t.pos_ in ("PROPN", "ADJ") or t.ent_type_ in ("NORP", "GPE", "ORG"):
        return True
    if t.pos_ == "VERB" and t.dep_ == "amod":
        return True
    if t.text in ("'s", "’s", "-", ".", "&") or t.lower_ in ("of", "and", "for"):
        return True
    for n in range(1, min(lex.max_role, end - i) + 1):
        key = tuple(fold(w.text) for w in doc[i : i + n])
        if lex.role(key) or lex.role((*key[:-1], fold(doc[i + n - 1].lemma_))):
            return True
    return False


_GOV_TYPES = frozenset({"government", "country"})
_BODY_ENTS = frozenset({"ORG", "PERSON", "FAC"})


def _title_words(title: Span | None) -> list[Word]:
    return words_of(title) if title is not None else []


def _apply_title(actor: Actor, title: Span | None, ctx: Context) -> None:
    """A KB person keeps the KB's record; the title only adds what the KB leaves open."""
    if title is None:
        return
    words = {fold(t.text) for t in title}
    ctx.titles.setdefault(actor.id, set()).update(words)
    if actor.role is None or actor.country is None:
        guess = resolve_words(_title_words(title), on=ctx.day, lex=ctx.lex, standalone=False)
        if guess is not None:
            actor.country = actor.country or guess.country
            if guess.type != "government" and guess.sector and actor.role is None:
                actor.sector = guess.sector  # no office on the date: the title says more


def _is_channel(span: Span) -> bool:
    """ "on Truth Social", "on X": a platform where something was said, not an actor."""
    root = span.root
    return (
        root.dep_ == "pobj"
        and fold(root.head.text) == "on"
        or root.dep_ == "compound"
        and (fold(root.head.lemma_) in ("post", "account", "feed", "video", "page"))
    )


def _body_word_of_a_title(span: Span, org_type: str, lex: Lexicon) -> bool:
    """A national body named by a common noun ("army", "Sudan's army", "the police") that
    starts a role phrase with the next word ("army chief", "police chief"): a description
    of the office holder, not a mention of the body."""
    doc = span.doc
    if org_type != "government" or span.end >= len(doc):
        return False
    last = fold(span[-1].text)
    if span[-1].dep_ != "compound" or span[-1].head.i != span.end:
        return False
    if lex.role((last,)) is None:
        return False
    nxt = doc[span.end]
    if lex.role((last, fold(nxt.text))) is None and lex.role((last, fold(nxt.lemma_))) is None:
        return False
    owner = [t for t in span[:-1] if t.pos_ != "DET" and t.tag_ != "POS" and t.text != "'s"]
    if not owner:
        return True
    return bool(_entry_kinds(owner, lex) & _PLACE_KINDS)


def _member_group(span: Span, country: str | None, ctx: Context) -> Actor | None:
    """ "CIA official", "European Union legislators": members of an organisation."""
    root = span.root
    if root.dep_ != "compound":
        return None
    head = root.head
    role = ctx.lex.role((fold(head.text),)) or ctx.lex.role((fold(head.lemma_),))
    if head.i > span.end and ctx.free(span.end, head.i + 1):
        # "UN Secretary-General": the whole title after the body, not its last word
        whole = words_of(ctx.doc[span.start : head.i + 1])
        title = ctx.lex.role(tuple(fold(t.text) for t in ctx.doc[span.end : head.i + 1]))
        if title is not None:
            actor = resolve_words(whole, on=ctx.day, lex=ctx.lex, standalone=False)
            if actor is not None and actor.type == "person":
                ctx.take(span.end, head.i + 1)
                return actor
            role = title
    if role is None or not ctx.free(head.i, head.i + 1):
        return None
    ctx.take(head.i, head.i + 1)
    words = words_of(ctx.doc[span.start : head.i + 1])
    sector = "ELI" if any(w.folded == "former" for w in words) else role.sector
    return group_actor(country, sector, " ".join(w.text for w in words))


def _is_agent(span: Span, kind: str) -> bool:
    """A country or capital used for its government or people, not as a location."""
    root = span.root
    dep, head = root.dep_, root.head
    if dep == "conj":
        first = root
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        dep, head = first.dep_, first.head
    if dep in ("amod", "compound", "nmod") and head.pos_ == "VERB" and root.i < head.i:
        dep = "nsubj"  # a parser slip: "Kyiv pushes for" read as an adjective
    head_lemma = fold(head.lemma_)
    if dep in _AGENT_DEPS:
        if dep == "npadvmod":
            return False
        if kind == "capital" and dep in ("nsubj", "nsubjpass"):
            return dep == "nsubj" and head_lemma in _AGENTIVE_VERBS
        return True
    if dep == "poss":
        # "Kyiv's frustration" is the government; "Hungary's role" stays ambiguous.
        return kind == "capital" and head.ent_type_ not in ("GPE", "LOC", "FAC")
    if dep == "dobj":
        return head_lemma not in _PLACE_VERBS
    if dep == "pobj":
        prep = fold(head.text)
        governor = fold(head.head.lemma_)
        if prep == "to":
            return governor in _TRANSFER_LEMMAS
        if prep == "with":
            return governor in _RELATION_LEMMAS
        if prep in ("by", "against", "between"):
            return True
    if dep == "appos":
        return fold(head.lemma_) in _ALLY_LEMMAS
    return False


def _trim(ent: Span) -> Span | None:
    """An entity without a leading article or trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].pos_ in ("DET", "PUNCT"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].pos_ == "PUNCT"):
        end -= 1
    return doc[start:end] if end > start else None


def _from_given_name(span: Span) -> Span:
    """A person's name starting at its given name when the parser put title words before
    it ("Universe Alicia Machado" of "Miss Universe Alicia Machado")."""
    names = given_names()
    if len(span) < 3 or fold(span[0].text) in names:
        return span
    for k in range(1, len(span) - 1):
        if fold(span[k].text) in names:
            return span.doc[span.start + k : span.end]
    return span


def _titled_name(span: Span, lex: Lexicon) -> bool:
    """An entity the parser calls an organisation that is a person's name: after a
    person's title ("Vice-President Moody Awori"), or starting with a known given name
    ("Nadia Farouk said"): two or three capitalised words, none a role or a KB name."""
    doc = span.doc
    if not 2 <= len(span) <= 3:
        return False
    prev = doc[span.start - 1] if span.start > 0 else None
    role = lex.role((fold(prev.text),)) if prev is not None else None
    titled = (
        prev is not None
        and role is not None
        and role.number == "sg"
        and role.office_kind is not None
        and prev.is_title
    )
    if not titled and fold(span[0].text) not in given_names():
        return False
    return all(
        t.is_title
        and t.pos_ == "PROPN"
        and lex.role((fold(t.text),)) is None
        and not lex.lookup((fold(t.text),))
        for t in span
    )


def _is_surname_of(span: Span, known: dict[str, str]) -> bool:
    return len(span) == 1 and fold(span.text) in known


def _unknown_person(span: Span, ctx: Context, known: dict[str, str]) -> None:
    """A PERSON the KB lacks: a full name, or a surname seen before; else not an actor."""
    lex = ctx.lex
    if any(lex.lookup((fold(t.text),)) for t in span if t.pos_ != "PROPN") or (
        _entry_kinds(span, lex) & (_PLACE_KINDS | {"org"})
    ):
        return
    if any(c.isdigit() for c in span.text):
        return  # "M109A6 Paladin": a model name, not a person
    if (
        len(span) > 1
        and fold(span[0].text) not in given_names()
        and _entry_kinds(span[-1:], lex) & {"demonym", "people"}
    ):
        return  # "Royal Welsh", "Royal Irish": a unit or body named for a people, no person
    if _described_body(span, ctx) is not None:
        _unknown_org(span, ctx)  # "the Jaish al-Islam rebel group"
        return
    title = _title(span)
    address = span[0] if len(span) > 1 and _is_address(span[0]) else None
    named = span.doc[span.start + 1 : span.end] if address is not None else span
    if address is not None and len(named) == 1 and fold(named.text) in known:
        # "Ms Rahman" after "Leila Rahman": the same person, the title of address included
        actor_id = known[fold(named.text)]
        actor = next((f.actor for f in ctx.found if f.actor.id == actor_id), None)
        if actor is not None:
            _add(ctx, span, actor, gender=ctx.genders.get(actor_id))
            return
    if len(span) == 1:
        key = fold(span.text)
        if key in known:
            actor_id = known[key]
            actor = next(f.actor for f in ctx.found if f.actor.id == actor_id)
            _add(ctx, span, actor, gender=ctx.genders.get(actor_id))
            return
        # A lone capitalised word (a weapon, a brand) is a person only with support.
        if span[0].tag_ == "NNPS" or not _supported_single(span, title):
            return
    elif span[-1].tag_ == "NNPS" or span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN":
        return
    name = named.text
    actor = Actor(id=f"person:{slug(name)}", name=name, type="person")
    gender = None
    if title is not None:
        tw = _title_words(title)
        guess = resolve_words(tw, on=ctx.day, lex=lex, focus=ctx.focus, standalone=False)
        if guess is not None:
            actor.country = guess.country or ctx.focus
            actor.sector = guess.sector
            actor.role = guess.role or (guess.name if guess.type == "group" else None)
            if guess.type in ("organization", "media") and guess.sector:
                actor.sector = guess.sector
        folded = {w.folded for w in tw}
        gender = "f" if folded & _FEMININE else "m" if folded & _MASCULINE else None
        ctx.titles.setdefault(actor.id, set()).update(folded)
    if gender is None and address is not None:
        gender = _gender_of([Word(address.text, fold(address.text), "", True)])
    if gender is None:
        gender = given_names().get(fold(named[0].text))
    coded = field_person(name, ctx.day) if len(named) > 1 else None
    if coded is not None:
        # A person of the field dictionaries by the whole name: a title in the text says
        # more about the day than the data; the article's focus says less.
        cue = None
        if title is not None:
            cue = resolve_words(_title_words(title), on=ctx.day, lex=lex, standalone=True)
        if cue is None or not cue.country:
            actor.country = coded[1]
        actor.sector = actor.sector or coded[2]
    if actor.country is None:
        actor.country = ctx.focus if actor.sector else None
    _take_title(ctx, title)
    _add_titled(ctx, span, title, actor, gender=gender)
    known.setdefault(fold(span[-1].text), actor.id)


_ADDRESS = _actor_words("address_titles")


def _is_address(token: Token) -> bool:
    return fold(token.text).rstrip(".") in _ADDRESS and token.text[:1].isupper()


def _addressed_names(ctx: Context, known: dict[str, str]) -> None:
    """ "Mr Okafor said" where the parser tagged no entity: a title of address and the
    capitalised words after it name a person (a surname seen before: that person)."""
    doc = ctx.doc
    for i, word in enumerate(ctx.folded[:-1]):
        if word.rstrip(".") not in _ADDRESS or not _is_address(doc[i]) or not ctx.free(i, i + 2):
            continue
        j = i + 1
        while j < len(doc) and j - i <= 3 and doc[j].pos_ == "PROPN" and doc[j].is_title:
            j += 1
        if j == i + 1 or not ctx.free(i, j) or any(doc[k].ent_type_ for k in range(i, j)):
            continue
        _unknown_person(doc[i:j], ctx, known)


def _described_body(span: Span, ctx: Context) -> tuple[Token, Actor] | None:
    """The role noun a name modifies ("Jaish al-Islam rebel group"), resolved."""
    heads = {t.head for t in span if t.head.i >= span.end}
    if len(heads) != 1:
        return None
    head = heads.pop()
    if head.pos_ != "NOUN" or head.i - span.end > 3 or not ctx.free(span.end, head.i + 1):
        return None
    described = resolve_words(
        words_of(span.doc[span.end : head.i + 1]), on=ctx.day, lex=ctx.lex, standalone=False
    )
    if described is None or described.sector is None:
        return None
    return head, described


def _supported_single(span: Span, title: Span | None) -> bool:
    root = span.root
    if title is not None:
        return True
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX")


# Bodies an article names without a country that are nearly always of the country it is
# about: police, hospitals, schools, courts, local armed groups and civic bodies. Military
# units, companies, outlets, NGOs and IGOs are not ("a British battalion in Estonia", a
# foreign company in a US story): their country comes from the text or stays unknown.
_LOCAL_SECTORS = frozenset(
    {"COP", "HLH", "EDU", "JUD", "LEG", "REB", "UAF", "CRM", "OPP", "PTY", "CVL", "LAB", "REL"}
)


_ARMED_SECTORS = frozenset({"REB", "UAF", "CRM"})


def _unknown_org(span: Span, ctx: Context) -> None:
    """An ORG the KB lacks: kept when its own words say what it is ("Seattle Police")."""
    if _is_channel(span):
        return
    words = words_of(span)
    if len(words) < 2 and not (span.text.isupper() and len(span.text) >= 2):
        return
    if any(
        e.kind in ("country", "demonym") for t in span for e in ctx.lex.lookup((fold(t.text),))
    ) and any(fold(t.text) in ("-", "–") for t in span):
        return  # "U.S.-Russia": a relation, not a body
    guess = resolve_words(words, on=ctx.day, lex=ctx.lex, focus=None, standalone=False)
    sector = guess.sector if guess is not None else None
    country = guess.country if guess is not None else None
    described = _described_body(span, ctx)
    if described is not None:
        head, body = described
        sector = sector or body.sector
        country = country or body.country
        ctx.take(span.end, head.i + 1)
    imported = field_org(span.text, ctx.day) if len(span) > 1 else None
    if imported is not None:  # a body of the field dictionaries by its whole name
        sector = imported[2] or sector
        country = country or imported[1]
    if sector is None:
        return
    if country is None:  # "Seattle Police Department": the place its name starts with
        place = _place_in(analyse(words, ctx.lex), ctx.where)
        country = place[1] if place is not None else None
    if country is None and sector in _LOCAL_SECTORS:
        country = ctx.focus
    name = span.text
    actor = Actor(
        id=f"org:{slug(name)}",
        name=name,
        type="group" if imported is not None and sector in _ARMED_SECTORS else "organization",
        country=country,
        sector=sector,
    )
    _add(ctx, span, actor, plural=True)


# --------------------------------------------------------------------------- descriptions


def _descriptions(ctx: Context) -> None:
    """Noun phrases headed by a role noun: definite descriptions, anonymous groups."""
    doc, lex = ctx.doc, ctx.lex
    texts = ctx.folded or [fold(t.text) for t in doc]
    nouns = [i for i, pos in enumerate(doc.to_array(POS).tolist()) if pos in (NOUN, PROPN)]
    for i in nouns:
        if ctx.taken[i]:
            continue
        token = doc[i]
        if token.ent_type_ in _THING_ENTS:
            continue  # "Family" of the "Family and Medical Leave Act"
        voice = None
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
            head = token.head
            if not (
                fold(head.lemma_) in _VOICE_NOUNS
                and head.i == token.i + 1
                and ctx.free(head.i, head.i + 1)
            ):
                continue  # the head noun decides ("police station")
            voice = head  # "the army command", "the army statement": the body speaking
        # The longest role ending at the head: "prime minister" before "minister".
        role = _hyphen_role(token, texts, lex)
        hyphened = role is not None
        for n in range(0 if hyphened else min(lex.max_role, token.i + 1), 1, -1):
            key = tuple(texts[token.i - n + 1 : token.i + 1])
            role = lex.role(key) or lex.role((*key[:-1], fold(token.lemma_)))
            if role is not None:
                break
        if role is None:
            role = lex.role((fold(token.text),)) or lex.role((fold(token.lemma_),))
        if role is None and _is_people_noun(token, lex):
            role = _PEOPLE
        if role is None:
            continue
        last = voice or (doc[token.i + 2] if hyphened else token)
        left = min(last.left_edge.i, token.left_edge.i)
        first = left
        while left < token.i and (
            doc[left].pos_ == "PUNCT"
            or doc[left].tag_ in ("PRP$", "POS")
            or not ctx.free(left, left + 1)
        ):
            left += 1  # "his party": "his" is a pronoun mention of its own
        clitics = [t.i for t in doc[left : token.i] if t.tag_ == "POS"]
        if clitics and not ctx.free(left, clitics[-1]):
            left = clitics[-1] + 1  # "the UN's secretary-general": after the possessor
        span = doc[left : last.i + 1]
        cue_start = _place_possessor(doc, first, left, lex)
        if not ctx.free(span.start, span.end):
            continue
        nxt = last.i + 1
        if nxt < len(doc) and not ctx.free(nxt, nxt + 1) and doc[nxt].ent_type_ == "PERSON":
            ctx.take(span.start, span.end)  # a title: "Lebanon's Prime Minister Saad Hariri"
            continue
        if _sides_not_parties(token):
            continue  # "if all parties can resist": the sides of a dispute, not parties
        if role.sector == "MED" and _is_audience(token):
            ctx.take(span.start, span.end)
            continue  # "told reporters": where it was said, not an actor
        # A country possessor that is a mention of its own still says whose office it is:
        # "Malaysia's foreign minister" -> "foreign minister" of MYS.
        words = words_of(doc[cue_start : token.i + (3 if hyphened else 1)])
        plural = token.tag_ in ("NNS", "NNPS") or is_plural(role)
        body = _named_body(token, ctx, role)
        if body is not None:
            _add(ctx, span, body, plural=True)
            continue
        actor = _resolve_description(span, words, role, plural, ctx)
        if actor is None:
            continue
        gender = ctx.genders.get(actor.id)
        folded = {w.folded for w in words}
        if actor.type == "group" and not plural:
            gender = "f" if folded & _FEMININE else "m" if folded & _MASCULINE else None
        collective = voice is not None or fold(token.lemma_) in _COLLECTIVE_NOUNS
        _add(
            ctx,
            span,
            actor,
            gender=gender,
            plural=plural or actor.type == "government",
            collective=collective,
        )


def _hyphen_role(token: Token, texts: list[str], lex: Lexicon) -> Role | None:
    """A role written with a hyphen whose last part the parser does not take for a noun
    ("secretary-general" with "general" an adjective): the whole hyphenated title."""
    i, doc = token.i, token.doc
    if i + 2 >= len(doc) or doc[i + 1].text != "-" or doc[i + 2].pos_ in ("NOUN", "PROPN"):
        return None
    if doc[i + 1].whitespace_ or token.whitespace_:
        return None
    return lex.role((texts[i], "-", texts[i + 2]))


def _place_possessor(doc: Doc, first: int, left: int, lex: Lexicon) -> int:
    """Where the words that say whose a description is begin: ``first`` when doc[first:left]
    is a country, place or body possessor ending in the clitic ("Malaysia's", "Hezbollah's"),
    else ``left``."""
    if left <= first or doc[left - 1].tag_ != "POS":
        return left
    owner = [t for t in doc[first : left - 1] if t.pos_ not in ("DET", "PUNCT")]
    if not owner:
        return left
    return first if _entry_kinds(owner, lex) & (_PLACE_KINDS | {"org"}) else left


_VOICE_NOUNS = _actor_words("voice_nouns")
_STATEMENT_NOUNS = _actor_words("statement_nouns")
_COLLECTIVE_NOUNS = _actor_words("collective_nouns")


def _statements(ctx: Context) -> None:
    """A definite "the statement" that speaks ("the statement said") is a mention of the
    body that last made one: the latest organisation, government or group that was a
    subject within the last three sentences."""
    doc = ctx.doc
    for i in _positions(doc, _STATEMENT_NOUNS):
        token = doc[i]
        if token.tag_ != "NN":
            continue
        lefts = list(token.lefts)
        if len(lefts) != 1 or fold(lefts[0].text) not in ("the", "this", "that"):
            continue
        if not ctx.free(lefts[0].i, token.i + 1) or not _speaks(token):
            continue
        here = _sent_index(ctx, doc[token.i : token.i + 1])
        issuer = None
        for f in sorted(ctx.found, key=lambda f: f.start):
            if f.start >= token.idx or here - f.sent > 3:
                continue
            if f.actor.type in ("organization", "government", "group", "media") and f.dep in (
                "nsubj",
                "nsubjpass",
            ):
                issuer = f.actor
        if issuer is not None:
            _add(ctx, doc[lefts[0].i : token.i + 1], issuer, plural=True, collective=True)


def _speaks(token: Token) -> bool:
    head = token.head
    return token.dep_ == "nsubj" and (fold(head.lemma_) in _SPEECH_LEMMAS or head.lemma_ == "read")


_THING_ENTS = frozenset({"LAW", "WORK_OF_ART", "EVENT", "PRODUCT"})
# --------------------------------------------------------------------------- anonymous sources


@lru_cache(maxsize=1)
def _source_nouns() -> dict[str, str | None]:
    """``kb/source_nouns.tsv``: singular noun of an unnamed source -> its sector or None."""
    rows = read_table("source_nouns.tsv", columns=2, header="noun")
    return {fold(noun): (None if sector == "-" else sector) for noun, sector in rows}


def _speech_verb(token: Token) -> bool:
    lemma = fold(token.lemma_)
    return token.pos_ in ("VERB", "AUX") and lemma in SPEECH.speech | SPEECH.cognition


def _source_slot(token: Token) -> bool:
    """The speaker's place: subject of a speech verb ("analysts said", "critics argue") or
    object of "according to" ("according to witnesses")."""
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and _speech_verb(head):
        return token.dep_ == "nsubj"
    return (
        token.dep_ == "pobj"
        and head.lower_ == "to"
        and head.head.lower_ == "according"
        and head.i == head.head.i + 1
    )


def _anonymous_sources(ctx: Context) -> None:
    """Unnamed sources quoted as speakers become group actors, named by their description
    ("Defence analysts", "a senior diplomat" -> "senior diplomat") and coded with the country
    it states and the sector of the noun: "officials said" is a GOV group even when no
    country is named, "analysts say" a group without codes. Descriptions that
    ``_descriptions`` resolved are left as they are."""
    doc, lex = ctx.doc, ctx.lex
    nouns = _source_nouns()
    for token in doc:
        if token.pos_ != "NOUN" or not ctx.free(token.i, token.i + 1) or not _source_slot(token):
            continue
        lemma = fold(token.lemma_)
        role = lex.role((fold(token.text),)) or lex.role((lemma,))
        if role is None and lemma not in nouns:
            continue
        sector = role.sector if role is not None else nouns.get(lemma)
        first = token.left_edge.i
        while first < token.i and (
            doc[first].pos_ in ("DET", "PUNCT", "NUM") or doc[first].tag_ in ("PRP$", "POS")
        ):
            first += 1
        if not ctx.free(first, token.i + 1):
            continue  # "the Syrian army spokesman": the body named in it speaks
        words = words_of(doc[first : token.i + 1])
        cue = resolve_words(words, on=ctx.day, lex=lex, standalone=True)
        country = cue.country if cue is not None else None
        name = doc[first : token.i + 1].text
        plural = token.tag_ == "NNS" or (role is not None and is_plural(role))
        _add(ctx, doc[first : token.i + 1], group_actor(country, sector, name), plural=plural)


_PARTITIVE_HEADS = _actor_words("partitive_heads")


def _partitive_speakers(ctx: Context) -> None:
    """ "one of them said", "some of the protesters told ...": the speaker is a member of the
    group the "of" phrase names, so the mention belongs to that group."""
    doc = ctx.doc
    groups = {f.start: f for f in ctx.found if f.actor.type == "group"}
    for token in doc:
        if fold(token.text) not in _PARTITIVE_HEADS or not _source_slot(token):
            continue
        if not ctx.free(token.i, token.i + 1):
            continue
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
        if not objects:
            continue
        obj = objects[0]
        member = next((f for f in groups.values() if f.start <= obj.idx < f.end), None)
        if member is None:
            continue
        ctx.take(token.i, token.i + 1)
        found = Found(
            member.actor,
            token.idx,
            token.idx + len(token.text),
            _sent_index(ctx, doc[token.i : token.i + 1]),
            _weight(token),
            plural=False,
            dep=token.dep_,
        )
        insort(ctx.found, found, key=lambda f: f.start)


_PEOPLE = Role(phrase="people", sector="CVL", office_kind=None, number="pl")


def _is_people_noun(token: Token, lex: Lexicon) -> bool:
    """A plural people noun heading its phrase: "Nigerians", "Kurds" (not "Kurdish")."""
    text = token.text
    if token.tag_ not in ("NNPS", "NNS") or not text[:1].isupper() or not text.endswith("s"):
        return False
    if token.dep_ in ("compound", "amod"):
        return False
    entries = lex.lookup((fold(text),))
    if entries:
        return all(e.kind == "demonym" for e in entries)
    return token.ent_type_ == "NORP"


_SIDE_WORDS = _actor_words("side_words")


def _sides_not_parties(token: Token) -> bool:
    """ "parties" with only quantifiers or side words around it is not political parties."""
    if fold(token.lemma_) != "party" or token.tag_ != "NNS":
        return False
    around = [t for t in token.children if t.dep_ not in ("punct", "prep", "relcl", "acl")]
    return all(fold(t.text) in _SIDE_WORDS for t in around)


def _is_audience(token: Token) -> bool:
    """ "told reporters", "said to journalists": the audience of a speech verb."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("prep", "dative"):
        head = head.head
    return token.dep_ in ("dobj", "dative", "pobj") and fold(head.lemma_) in _AUDIENCE_VERBS


def _named_body(token: Token, ctx: Context, role: Role) -> Actor | None:
    """ "police" after "the Seattle Police Department", "the hospital" after "Harborview
    Medical Center": the body already named (by a word of its name, or, for a definite
    singular noun, by its sector within the last three sentences)."""
    word = fold(token.text)
    lemma = fold(token.lemma_)
    doc = token.doc
    definite = any(fold(t.text) in ("the", "this", "that") for t in token.lefts)
    singular = token.tag_ in ("NN", "NNP") and not is_plural(role)
    here = _sent_index(ctx, doc[token.i : token.i + 1])
    for found in reversed(ctx.found):
        a = found.actor
        if a.type not in ("organization", "government", "media") or a.id.startswith("gov:"):
            continue
        if found.start > token.idx:
            continue
        names = {fold(w) for w in a.name.split()}
        if word in names or lemma in names:
            return a
        same_sector = role.sector is not None and a.sector == role.sector
        recent = here - found.sent <= 3
        if definite and singular and same_sector and recent and role.sector not in ("GOV", "CVL"):
            return a
    return None


def _resolve_description(
    span: Span, words: list[Word], role: Role, plural: bool, ctx: Context
) -> Actor | None:
    lex, day = ctx.lex, ctx.day
    # "the foreign minister", "Malaysia's foreign minister": one office's holder
    possessed = any(w.possessive for w in words[:-1])
    definite = bool(words) and (words[0].folded in ("the", "this", "that") or possessed)
    guess = resolve_words(words, on=day, lex=lex, focus=ctx.focus, standalone=False)
    cue = resolve_words(words, on=day, lex=lex, standalone=True)
    cue_country = cue.country if cue is not None else None
    if plural and cue_country is None and role.office_kind and role.sector == "GOV":
        return None  # "advisers", "officials" with no country: whose is unknown
    if role.office_kind == "equipment" and cue_country is None:
        return None  # "fuel tanks", "private jets": no owner, no forces
    if fold(span.root.lemma_) in _COUNTERPART_NOUNS:
        return _counterpart(span, cue_country, plural, ctx)
    if definite and not plural:
        # A person named earlier with this title ("Prime Minister Viktor Orban" ...
        # "the prime minister"), else the office holder of the country named or in focus.
        title = {fold(w) for w in role.phrase.split()}
        before = sorted((f for f in ctx.found if f.start < span.start_char), key=lambda f: f.start)
        for found in reversed(before):
            titled = title <= ctx.titles.get(found.actor.id, set())
            if (
                found.actor.type == "person"
                and titled
                and cue_country in (None, found.actor.country)
            ):
                return found.actor
        country = cue_country or ctx.focus
        holder = describe(role, country, day, lex) if role.office_kind else None
        if holder is not None:
            return person_actor(holder, day, lex)
        for found in reversed(before):
            role_text = fold(found.actor.role or "")
            if found.actor.type == "person" and fold(role.phrase) in role_text:
                return found.actor
    if guess is not None and guess.type == "person" and possessed:
        return guess  # "Hezbollah's secretary-general": the body's office holder
    if guess is None or guess.type == "person":
        return guess if guess is not None and guess.id in _ids(ctx) else None
    if fold(span.root.text) in _GOVERNMENT_NOUNS and guess.country:
        return government_actor(guess.country, lex)
    if guess.type == "group" and guess.country is None and guess.sector is None:
        return None
    return guess


_COUNTERPART_NOUNS = _actor_words("counterpart_nouns")


def _counterpart(span: Span, country: str | None, plural: bool, ctx: Context) -> Actor | None:
    """ "his Saudi counterpart": the holder of the same office kind as the person last
    named before it, in the country the phrase names; else that country's government side."""
    if country is None:
        return None  # "his counterpart": whose is unknown
    if not plural:
        before = sorted((f for f in ctx.found if f.start < span.start_char), key=lambda f: f.start)
        for found in reversed(before):
            if found.actor.type != "person":
                continue
            person = ctx.lex.people.get(found.actor.id)
            office = ctx.lex.office(person, ctx.day) if person is not None else None
            if office is None or office.kind is None:
                break
            kind = Role(office.kind, office.sector, office.kind, "sg")
            holder = describe(kind, country, ctx.day, ctx.lex)
            if holder is not None and holder.id != found.actor.id:
                return person_actor(holder, ctx.day, ctx.lex)
            break
    return group_actor(country, "GOV", " ".join(t.text for t in span))


def _ids(ctx: Context) -> set[str]:
    return {f.actor.id for f in ctx.found}


# --------------------------------------------------------------------------- pronouns


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (double, curly, and single quotes)."""
    regions: list[tuple[int, int]] = []
    for m in re.finditer(r"“[^”]{1,2000}”|\"[^\"]{1,2000}\"|«[^»]{1,2000}»", text):
        regions.append((m.start(), m.end()))
    for m in re.finditer(
        r"(?:(?<=^)|(?<=[\s(\[]))['‘]([^'’\n]{2,1000}?)['’](?=[\s.,;:!?)]|$)", text
    ):
        if not any(s <= m.start() < e for s, e in regions):
            regions.append((m.start(), m.end()))
    return sorted(regions)


def _pronouns(ctx: Context) -> None:
    doc = ctx.doc
    regions = _quote_regions(text_of(doc))
    sents = list(doc.sents)
    sent_of = [0] * len(doc)  # token index -> sentence index
    for n, s in enumerate(sents):
        sent_of[s.start : s.end] = [n] * (s.end - s.start)
    ctx.found.sort(key=lambda f: f.start)
    for i in _positions(doc, _ALL_PRONOUNS):
        token = doc[i]
        low = token.lower_
        if low in _PERSON_PRONOUNS:
            gender: str | None = _PERSON_PRONOUNS[low]
            plural = False
        elif low in _PLURAL_PRONOUNS:
            gender, plural = None, True
        elif low in _RELATIVE_PRONOUNS or low in _NEUTER_PRONOUNS:
            gender, plural = None, False
        else:
            continue
        if not ctx.free(token.i, token.i + 1):
            continue
        antecedent: Actor | None
        if low in _RELATIVE_PRONOUNS:
            antecedent = _relative_antecedent(token, ctx)
        elif low in _NEUTER_PRONOUNS:
            antecedent = _neuter_antecedent(token, sent_of, ctx)
        else:
            quote = next((r for r in regions if r[0] <= token.idx < r[1]), None)
            antecedent = _antecedent(token, gender, plural, quote, sent_of, sents, ctx)
        if antecedent is None:
            continue
        found = Found(
            antecedent,
            token.idx,
            token.idx + len(token.text),
            sent_of[token.i],
            _weight(token),
            gender,
            plural,
            pronoun=True,
            dep=token.dep_,
        )
        ctx.take(token.i, token.i + 1)
        insort(ctx.found, found, key=lambda f: f.start)


def _positions(doc: Doc, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-case text is one of ``words``, read from the
    doc's arrays (no Token objects for the other tokens)."""
    hashes = {doc.vocab.strings.add(w) for w in words}
    return [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in hashes]


_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_PLURAL_ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "appos", "dobj", "pobj"})
_NEUTER_PRONOUNS = frozenset({"it", "its"})
_ALL_PRONOUNS = frozenset(
    {*_PERSON_PRONOUNS, *_PLURAL_PRONOUNS, *_RELATIVE_PRONOUNS, *_NEUTER_PRONOUNS}
)
_BODY_TYPES = frozenset({"organization", "media", "government"})


def _relative_antecedent(token: Token, ctx: Context) -> Actor | None:
    """The subject "who"/"which"/"that" of a relative clause is the actor of the noun the
    clause modifies ("Marc Hill, who said ...", "the union, which said ...")."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ not in ("relcl", "acl"):
        return None
    if token.lower_ == "that" and token.tag_ != "WDT":
        return None
    noun = token.head.head
    if noun.i >= token.i:
        return None
    for f in reversed(ctx.found):
        if f.start <= noun.idx < f.end and not f.pronoun:
            return f.actor
    return None


def _neuter_antecedent(token: Token, sent_of: list[int], ctx: Context) -> Actor | None:
    """ "it"/"its" for a body: an organisation, outlet, government or collective group
    named in this or the previous sentence, when "it" acts (the subject of a speech or
    agentive verb: "the union said it would strike") or owns ("its statement"); "it" is
    otherwise too often a thing or a clause."""
    if token.lower_ == "it":
        head = fold(token.head.lemma_)
        reported = token.head.dep_ == "ccomp" and fold(token.head.head.lemma_) in _SPEECH_LEMMAS
        agentive = head in _SPEECH_LEMMAS or head in _AGENTIVE_VERBS or reported
        if token.dep_ != "nsubj" or not agentive:
            return None
    elif token.dep_ != "poss":
        return None
    here = sent_of[token.i]
    excluded = _bound(token, ctx)
    best: tuple[float, int, Actor] | None = None
    salience: dict[str, float] = {}
    for f in ctx.found:
        if f.start >= token.idx:
            break
        distance = here - f.sent
        if distance > 1 or f.actor.id in excluded:
            continue
        a = f.actor
        if not (a.type in _BODY_TYPES or (a.type == "group" and f.collective)):
            continue
        if f.plural and a.type == "group":
            continue
        salience[a.id] = salience.get(a.id, 0.0) + f.weight * (_RECENCY_DECAY**distance)
        score = (salience[a.id], f.start, a)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best is not None else None


def _antecedent(
    token: Token,
    gender: str | None,
    plural: bool,
    quote: tuple[int, int] | None,
    sent_of: list[int],
    sents: list[Span],
    ctx: Context,
) -> Actor | None:
    here = sent_of[token.i]
    excluded = _bound(token, ctx)
    if quote is not None:
        excluded |= _speakers_near(quote, token, sents[here], ctx)
    salience: dict[str, float] = {}
    last_seen: dict[str, int] = {}
    actors: dict[str, Actor] = {}
    sentence_subject = _main_subject(sents[here])
    for f in ctx.found:
        distance = here - f.sent
        if f.sent > here or distance > 3:
            continue
        # Cataphora: "During his call with Putin, Trump broached ..."
        if f.start >= token.idx and not (
            f.sent == here
            and sentence_subject is not None
            and _covers(f, sentence_subject)
            and token.dep_ == "poss"
            and not plural
        ):
            continue
        a = f.actor
        if a.id in excluded:
            continue
        if not _agrees(f, a, gender, plural, ctx):
            continue
        if plural and (distance > 1 or f.dep not in _PLURAL_ANTECEDENT_DEPS):
            continue  # "they" is too often a thing ("missiles"): only recent subject groups
        salience[a.id] = salience.get(a.id, 0.0) + f.weight * (_RECENCY_DECAY**distance)
        last_seen[a.id] = max(last_seen.get(a.id, -1), f.start)
        actors[a.id] = a
    if not salience:
        return None
    best = max(salience, key=lambda k: (salience[k], last_seen[k]))
    return actors[best]


def _covers(f: Found, token: Token) -> bool:
    return f.start <= token.idx < f.end


def _main_subject(sent: Span) -> Token | None:
    root = sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _agrees(f: Found, actor: Actor, gender: str | None, plural: bool, ctx: Context) -> bool:
    if plural:
        return actor.type in ("government", "group", "organization", "country") and (
            f.plural or actor.type == "government"
        )
    if actor.type != "person" and not (actor.type == "group" and not f.plural and not f.collective):
        return False
    known = ctx.genders.get(actor.id)
    return known is None or gender is None or known == gender


def _bound(token: Token, ctx: Context) -> set[str]:
    """Actors a non-reflexive pronoun cannot be: co-arguments of its verb, its conjuncts."""
    out: set[str] = set()
    if token.lower_.endswith("self") or token.lower_.endswith("selves"):
        return out
    spans: list[tuple[int, int]] = []
    if token.dep_ in ("dobj", "iobj", "dative", "pobj") or token.dep_ == "poss":
        verb = token.head
        while verb.dep_ in ("prep", "pobj", "dobj") and verb.head is not verb:
            if verb.pos_ in ("VERB", "AUX"):
                break
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ == "conj":
            # "X met Y and thanked her": the conjoined verb's subject is the first one's.
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for child in subjects:
            if token.dep_ != "poss":
                spans.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
    if token.dep_ == "poss":
        # "his call with Putin": the possessed noun's own complements.
        for prep in token.head.children:
            if prep.dep_ == "prep":
                for t in prep.children:
                    if t.dep_ == "pobj":
                        spans.append((t.idx, t.idx + len(t.text)))
    for t in list(token.conjuncts):
        spans.append((t.idx, t.idx + len(t.text)))
    for f in ctx.found:
        if any(s <= f.start < e for s, e in spans):
            out.add(f.actor.id)
    return out


def _speakers_near(quote: tuple[int, int], token: Token, sent: Span, ctx: Context) -> set[str]:
    """The speaker of a quote (subject of a speech verb next to it) is not its "he"."""
    out: set[str] = set()
    doc = ctx.doc
    lo = max(0, sent.start - 1)
    window = doc[lo : min(len(doc), sent.end + 12)]
    for t in window:
        if fold(t.lemma_) in _SPEECH_LEMMAS and not (quote[0] <= t.idx < quote[1]):
            for child in t.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    for f in ctx.found:
                        if f.start <= child.idx < f.end or (
                            child.left_edge.idx <= f.start <= child.right_edge.idx
                        ):
                            out.add(f.actor.id)
    return out


def _weight(token: Token) -> float:
    """Lappin-Leass style salience of one mention from its grammatical role."""
    dep = token.dep_
    weight = 100.0
    if dep in ("nsubj", "nsubjpass"):
        weight += 80
    elif dep in ("dobj", "dative"):
        weight += 50
    elif dep in ("pobj", "agent", "iobj"):
        weight += 40
    elif dep == "poss":
        weight += 30
    if dep not in ("poss", "compound", "nmod") and token.head.dep_ != "pobj":
        weight += 30  # head-noun emphasis: not embedded in another noun phrase
    return weight


# --------------------------------------------------------------------------- assembly


def _add(
    ctx: Context,
    span: Span,
    actor: Actor,
    *,
    gender: str | None = None,
    plural: bool = False,
    collective: bool = False,
) -> None:
    ctx.take(span.start, span.end)
    sent = _sent_index(ctx, span)
    if gender is not None or actor.id not in ctx.genders:
        ctx.genders[actor.id] = gender if gender is not None else ctx.genders.get(actor.id)
    ctx.found.append(
        Found(
            actor,
            span.start_char,
            span.end_char,
            sent,
            _weight(span.root),
            gender,
            plural,
            dep=span.root.dep_,
            collective=collective,
        )
    )


# Sectors of unnamed crowds: "three people" and "thousands of demonstrators" are two groups.
# (Officials, troops or police of one country named by different nouns stay one group.)
_CROWD_SECTORS = frozenset({"CVL", "REF"})
_GENERIC_CROWDS = _actor_words("generic_crowds")
_QUANTITY_NOUNS = _actor_words("quantity_nouns")


def _quantity(span: Span) -> str | None:
    """The number a mention counts ("three people": "three"; "thousands of demonstrators":
    "thousands"), folded; None when it has none."""
    for t in span:
        if t.like_num or t.ent_type_ == "CARDINAL":
            return fold(t.text)
    head = span.root.head
    if span.root.dep_ == "pobj" and fold(head.text) == "of":
        owner = head.head
        if owner.like_num or fold(owner.text) in _QUANTITY_NOUNS:
            return fold(owner.text)
    return None


def _separate_groups(ctx: Context) -> None:
    """Unnamed civilian groups of one country that the text names differently are different
    groups: a mention joins an earlier group of its key when it has the same head noun or
    the same count ("five people" ... "the five victims"), or when both are words for the
    population at large ("civilians" ... "residents"); otherwise ("three people" ...
    "thousands of demonstrators", "witnesses") it is a group of its own, whose id adds its
    head noun ("anon:NGA-CVL-demonstrator")."""
    groups: dict[str, list[tuple[str, str | None, str]]] = {}  # key -> (head, count, id)
    for f in sorted(ctx.found, key=lambda f: f.start):
        actor = f.actor
        if f.pronoun or not actor.id.startswith("anon:") or actor.sector not in _CROWD_SECTORS:
            continue
        span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            continue
        head, count = fold(span.root.lemma_), _quantity(span)
        known = groups.setdefault(actor.id, [])
        match = next(
            (
                gid
                for h, c, gid in known
                if h == head
                or (count is not None and c == count)
                or (
                    h in _GENERIC_CROWDS
                    and head in _GENERIC_CROWDS
                    and (count is None or c is None)
                )
            ),
            None,
        )
        if match is None:
            taken = {gid for _h, _c, gid in known}
            match = actor.id if not known else f"{actor.id}-{slug(head)}"
            n = 2
            while match in taken:
                match, n = f"{actor.id}-{slug(head)}-{n}", n + 1
            known.append((head, count, match))
        if match != actor.id:
            f.actor = replace(actor, id=match, mentions=[])


def _sent_index(ctx: Context, span: Span) -> int:
    if not ctx.sent_starts:
        ctx.sent_starts = [s.start for s in ctx.doc.sents]
    return bisect_right(ctx.sent_starts, span.start) - 1


def _cluster(ctx: Context) -> list[Actor]:
    """One actor per id, its mentions in text order; actors in order of first mention."""
    text = text_of(ctx.doc)
    actors: dict[str, Actor] = {}
    for f in sorted(ctx.found, key=lambda f: (f.start, f.end)):
        actor = actors.get(f.actor.id)
        if actor is None:
            actor = Actor(
                id=f.actor.id,
                name=f.actor.name,
                type=f.actor.type,
                country=f.actor.country,
                sector=f.actor.sector,
                role=f.actor.role,
                wikidata=f.actor.wikidata,
            )
            actors[actor.id] = actor
        else:
            actor.country = actor.country or f.actor.country
            actor.sector = actor.sector or f.actor.sector
            actor.role = actor.role or f.actor.role
        actor.mentions.append(Mention.of(text, f.start, f.end))
    for actor in actors.values():
        actor.why = provenance.actor_why(actor, ctx.lex, ctx.day)
    # An actor named only by pronouns is not an actor.
    return list(actors.values())
