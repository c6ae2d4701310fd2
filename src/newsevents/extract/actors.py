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
   salience with gender, number, binding and quote constraints).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsevents.extract.places import is_government_metonym
from newsevents.kb import Person, Role
from newsevents.records import Actor, Mention
from newsevents.resolve import (
    _FEMININE,
    _GOVERNMENT_NOUNS,
    _MASCULINE,
    Entry,
    Lexicon,
    Word,
    case_ok,
    describe,
    fold,
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

_PERSON_PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_SPEECH_LEMMAS = frozenset(
    {"say", "tell", "note", "claim", "add", "state", "declare", "announce", "warn", "insist",
     "argue", "explain", "clarify", "write", "reveal", "admit", "ask", "reply", "respond"}
)  # fmt: skip
# Verbs after which a place is a destination or a target location, not an actor.
_PLACE_VERBS = frozenset(
    {"visit", "reach", "enter", "leave", "travel", "fly", "return", "arrive", "go", "come",
     "head", "move", "flee", "tour", "cross", "border", "surround"}
)  # fmt: skip
# Nouns and verbs whose "to X" is a recipient ("military support to Ukraine").
_TRANSFER_LEMMAS = frozenset(
    {"support", "aid", "supply", "deliver", "delivery", "send", "sell", "sale", "give",
     "provide", "transfer", "ship", "shipment", "export", "offer", "grant", "loan",
     "assistance", "help", "weapon", "missile", "pledge", "donate", "lend"}
)  # fmt: skip
# Nouns whose "with X" is a counterpart ("ties with", "talks with").
_RELATION_LEMMAS = frozenset(
    {"tie", "relation", "relationship", "talk", "deal", "agreement", "war", "conflict",
     "negotiation", "dispute", "alliance", "partnership", "treaty", "cooperation"}
)  # fmt: skip
_ALLY_LEMMAS = frozenset({"ally", "partner", "neighbour", "neighbor", "rival", "foe", "enemy"})
_MEMBERSHIP = _ALLY_LEMMAS | {"member", "country", "state", "nation", "summit", "meeting"}
# Verbs whose subject is an agent: a capital as their subject stands for its government
# ("Kyiv pushes for"), where "Budapest becomes a turning point" stays a place.
_AGENTIVE_VERBS = frozenset(
    {"say", "tell", "push", "want", "demand", "insist", "warn", "accuse", "reject", "refuse",
     "deny", "agree", "announce", "respond", "threaten", "urge", "call", "seek", "plan",
     "decide", "claim", "believe", "fear", "hope", "expect", "send", "deploy", "impose",
     "sanction", "recognize", "recognise", "welcome", "condemn", "support", "back", "oppose",
     "expel", "recall", "summon", "sign", "approve", "launch", "attack", "retaliate",
     "protest", "ask", "request", "need", "negotiate", "propose", "order", "vow",
     "pledge", "promise", "criticize", "criticise", "blame", "denounce", "stress",
     "argue", "suggest", "signal", "accept", "veto", "ban", "arrest", "detain", "seize",
     "invade", "bomb", "shell", "strike", "fire", "mobilize", "mobilise", "supply", "provide",
     "give", "sell", "buy", "invite", "meet", "talk", "discuss", "consider", "intend",
     "try", "aim", "press", "lobby", "appeal"}
)  # fmt: skip
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
    sent_starts: list[int] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = True


def extract_actors(doc: Doc, *, published: date | None) -> list[Actor]:
    """Every actor named or described in the article, each with all its mentions."""
    lex = lexicon()
    day = published or date.today()
    spans = _kb_spans(doc, lex)
    ctx = Context(doc, lex, day, focus_country(doc, lex, day, spans), [False] * len(doc))
    metonym = _metonym_rule()
    _names(ctx, metonym, spans)
    _descriptions(ctx)
    _pronouns(ctx)
    return _cluster(ctx)


# --------------------------------------------------------------------------- focus


def focus_country(
    doc: Doc,
    lex: Lexicon,
    day: date,
    spans: list[tuple[int, int, list[Entry]]] | None = None,
) -> str | None:
    """The country the article is most about: the most frequent country cue."""
    counts: dict[str, int] = {}
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
            iso3 = place_country(ent.text)
            if iso3:
                counts[iso3] = counts.get(iso3, 0) + 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _metonym_rule() -> Callable[[Span], bool]:
    """The places extractor's rule, so that actors and places split names the same way."""
    return is_government_metonym


# --------------------------------------------------------------------------- names


def _kb_spans(doc: Doc, lex: Lexicon) -> list[tuple[int, int, list[Entry]]]:
    """Longest KB-name matches over the doc's tokens: (start, end, entries)."""
    # Words in their canonical spelling once per doc, not once per lookup of each n-gram.
    folded = list(lex.canon(tuple(fold(t.text) for t in doc)))
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


def _names(
    ctx: Context,
    metonym: Callable[[Span], bool] | None,
    spans: list[tuple[int, int, list[Entry]]],
) -> None:
    doc, lex = ctx.doc, ctx.lex
    known: dict[str, str] = {}  # surname (folded) -> actor id of a full name seen earlier
    for start, end, entries in spans:
        span = doc[start:end]
        kinds = {e.kind for e in entries}
        if "person" in kinds or "surname" in kinds:
            person = _person_for(entries, ctx, known)
            if "person" not in kinds and _inside_longer_name(span, lex):
                person = None  # "Sharon" of "Sharon Keith" is not Ariel Sharon
            if person is not None and _looks_like_name(span):
                actor = person_actor(person, ctx.day, lex)
                title = _title(span)
                _apply_title(actor, title, ctx)
                _take_title(ctx, title)
                _add(ctx, span, actor, gender=person.gender)
                known.setdefault(fold(span[-1].text), actor.id)
                for t in span:
                    known.setdefault(fold(t.text), actor.id)
                continue
        org = pick_org(entries, lex, ctx.focus)
        if org is not None:
            if _is_channel(span):
                ctx.take(start, end)
                continue
            if span.root.dep_ == "compound" and fold(span.root.head.lemma_) in _MEMBERSHIP:
                ctx.take(start, end)
                continue  # "NATO ally Germany": the ally is the actor
            actor = org_actor(org, ctx.day)
            group = _member_group(span, org.country, ctx)
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
        if ent.label_ == "PERSON" or _is_surname_of(trimmed, known):
            _unknown_person(trimmed, ctx, known)
        else:
            _unknown_org(trimmed, ctx)


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
    return before or after


def _looks_like_name(span: Span) -> bool:
    """A KB name in the text is a mention unless it is plainly a common word or a modifier."""
    if len(span) == 1 and span[0].pos_ not in ("PROPN", "NOUN", "X"):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME", "MONEY", "CARDINAL") for t in span)


def _title(span: Span) -> Span | None:
    """Title words before a name ("Russian President", "Putin's adviser"), or an apposition."""
    doc = span.doc
    head = span.root
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
    clause_break = any(t.pos_ in ("VERB", "AUX") or t.text in ",;:" for t in doc[left : span.start])
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


def _member_group(span: Span, country: str | None, ctx: Context) -> Actor | None:
    """ "CIA official", "European Union legislators": members of an organisation."""
    root = span.root
    if root.dep_ != "compound":
        return None
    head = root.head
    role = ctx.lex.role((fold(head.text),)) or ctx.lex.role((fold(head.lemma_),))
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


def _is_surname_of(span: Span, known: dict[str, str]) -> bool:
    return len(span) == 1 and fold(span.text) in known


def _unknown_person(span: Span, ctx: Context, known: dict[str, str]) -> None:
    """A PERSON the KB lacks: a full name, or a surname seen before; else not an actor."""
    lex = ctx.lex
    if any(lex.lookup((fold(t.text),)) for t in span if t.pos_ != "PROPN") or any(
        e.kind in ("country", "demonym", "org", "capital", "seat")
        for e in lex.lookup(tuple(fold(t.text) for t in span))
    ):
        return
    if any(c.isdigit() for c in span.text):
        return  # "M109A6 Paladin": a model name, not a person
    if _described_body(span, ctx) is not None:
        _unknown_org(span, ctx)  # "the Jaish al-Islam rebel group"
        return
    title = _title(span)
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
    name = span.text
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
    if actor.country is None:
        actor.country = ctx.focus if actor.sector else None
    _take_title(ctx, title)
    _add(ctx, span, actor, gender=gender)
    known.setdefault(fold(span[-1].text), actor.id)


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
    guess = resolve_words(words, on=ctx.day, lex=ctx.lex, focus=ctx.focus, standalone=False)
    sector = guess.sector if guess is not None else None
    country = guess.country if guess is not None else None
    described = _described_body(span, ctx)
    if described is not None:
        head, body = described
        sector = sector or body.sector
        country = country or body.country
        ctx.take(span.end, head.i + 1)
    if sector is None:
        return
    name = span.text
    actor = Actor(
        id=f"org:{slug(name)}",
        name=name,
        type="organization",
        country=country or ctx.focus,
        sector=sector,
    )
    _add(ctx, span, actor, plural=True)


# --------------------------------------------------------------------------- descriptions


def _descriptions(ctx: Context) -> None:
    """Noun phrases headed by a role noun: definite descriptions, anonymous groups."""
    doc, lex = ctx.doc, ctx.lex
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or not ctx.free(token.i, token.i + 1):
            continue
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
            continue  # the head noun decides ("army command", "police station")
        # The longest role ending at the head: "prime minister" before "minister".
        role = None
        for n in range(min(lex.max_role, token.i + 1), 1, -1):
            key = tuple(fold(t.text) for t in doc[token.i - n + 1 : token.i + 1])
            role = lex.role(key) or lex.role((*key[:-1], fold(token.lemma_)))
            if role is not None:
                break
        if role is None:
            role = lex.role((fold(token.text),)) or lex.role((fold(token.lemma_),))
        if role is None:
            continue
        left = token.left_edge.i
        while left < token.i and (doc[left].pos_ == "PUNCT" or not ctx.free(left, left + 1)):
            left += 1
        span = doc[left : token.i + 1]
        if not ctx.free(span.start, span.end):
            continue
        nxt = token.i + 1
        if nxt < len(doc) and not ctx.free(nxt, nxt + 1) and doc[nxt].ent_type_ == "PERSON":
            ctx.take(span.start, span.end)  # a title: "Lebanon's Prime Minister Saad Hariri"
            continue
        if _sides_not_parties(token):
            continue  # "if all parties can resist": the sides of a dispute, not parties
        if role.sector == "MED" and _is_audience(token):
            ctx.take(span.start, span.end)
            continue  # "told reporters": where it was said, not an actor
        words = words_of(span)
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
        _add(ctx, span, actor, gender=gender, plural=plural or actor.type == "government")


# Modifiers of "parties" meaning the sides of a dispute or deal: "all parties", "both
# parties", "the warring parties", "the parties involved".
_SIDE_WORDS = frozenset(
    {"all", "both", "the", "these", "those", "two", "three", "various", "warring", "other",
     "relevant", "concerned", "involved", "interested", "opposing", "rival", "conflicting",
     "each", "either", "neither", "contracting", "negotiating"}
)  # fmt: skip


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
    return token.dep_ in ("dobj", "dative", "pobj") and fold(head.lemma_) in (
        _SPEECH_LEMMAS | {"brief", "talk", "speak"}
    )


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
    definite = bool(words) and words[0].folded in ("the", "this", "that")
    guess = resolve_words(words, on=day, lex=lex, focus=ctx.focus, standalone=False)
    cue = resolve_words(words, on=day, lex=lex, standalone=True)
    cue_country = cue.country if cue is not None else None
    if plural and cue_country is None and role.office_kind and role.sector == "GOV":
        return None  # "advisers", "officials" with no country: whose is unknown
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
    if guess is None or guess.type == "person":
        return guess if guess is not None and guess.id in _ids(ctx) else None
    if fold(span.root.text) in _GOVERNMENT_NOUNS and guess.country:
        return government_actor(guess.country, lex)
    if guess.type == "group" and guess.country is None and guess.sector is None:
        return None
    return guess


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
    regions = _quote_regions(doc.text)
    sents = list(doc.sents)
    sent_of = {}
    for n, s in enumerate(sents):
        for t in s:
            sent_of[t.i] = n
    ctx.found.sort(key=lambda f: f.start)
    for token in doc:
        low = token.lower_
        if low in _PERSON_PRONOUNS:
            gender: str | None = _PERSON_PRONOUNS[low]
            plural = False
        elif low in _PLURAL_PRONOUNS:
            gender, plural = None, True
        else:
            continue
        if not ctx.free(token.i, token.i + 1):
            continue
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
        ctx.found.append(found)
        ctx.found.sort(key=lambda f: f.start)


def _antecedent(
    token: Token,
    gender: str | None,
    plural: bool,
    quote: tuple[int, int] | None,
    sent_of: dict[int, int],
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
        if plural and (distance > 1 or f.dep not in ("nsubj", "nsubjpass", "poss", "appos")):
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
    if actor.type != "person" and not (actor.type == "group" and not f.plural):
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
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and token.dep_ != "poss":
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
    if dep not in ("poss", "compound") and token.head.dep_ != "pobj":
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
        )
    )


def _sent_index(ctx: Context, span: Span) -> int:
    if not ctx.sent_starts:
        ctx.sent_starts = [s.start for s in ctx.doc.sents]
    return bisect_right(ctx.sent_starts, span.start) - 1


def _cluster(ctx: Context) -> list[Actor]:
    """One actor per id, its mentions in text order; actors in order of first mention."""
    text = ctx.doc.text
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
    # An actor named only by pronouns is not an actor.
    return list(actors.values())
