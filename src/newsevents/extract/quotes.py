"""Direct, partial and indirect quotes with speaker, cue, channel and reporting source.

One linear pass in four steps over a parsed article (lexicon: ``kb/speech.yaml``):

1. marks: quotation marks (straight, curly, ``''``) are paired within a paragraph; a quote
   left open at the end of a paragraph continues only when the next paragraph opens with a
   mark (the newspaper convention for multi-paragraph quotes), else it stops at the end of
   its paragraph, so an unbalanced mark never swallows the article;
2. direct quotes: a quoted span that stands as an utterance of its own ("A," he said. / He
   said: "A.") gets the nearest speech cue outside quotes in its sentence (or the
   sentence after, or a sentence ending in a colon before it), a dash signature
   ("... ” ― Name"), or a "NAME:" transcript label; with none, it inherits the speaker of
   the quote just before it (follow-on quotes). ``"A," he said, "B."`` is one quote whose
   ``start``/``end`` cover both pieces (the attribution between them included), so
   ``text == doc.text[start:end]`` holds for every quote;
3. indirect quotes: every other speech cue with content: its clausal complement ("X said
   (that) ..." - "that" is kept, as PolNeAR does), the clause it is appended to ("...,
   sources said.", "Acts of protest, he said, are ..." - the longer side), the clause
   around "as X pointed out", an infinitive for directives ("urged them to ..."), the
   object for topic verbs with what it is charged with ("criticised the plan as a farce",
   not the occasion), the object of a topic preposition ("spoke of ...", "warned
   against ..."), the "that"-clause of an owned noun ("Trump's claim that ..."), a
   "Name: ..." headline, the clause before or after "according to X" (the longer side
   when the phrase interrupts it). Parser slips are repaired where the parse shows them:
   a "that"-clause hung on the audience ("told a gathering of owners that ..."), a clause
   given to the next cue or hung on the cue as an adverbial, a subject hidden at the end
   of a preceding phrase, a second cue coordinated inside the first content. A trailing
   aside (a closing apposition, ", which ..." on a name, "; ...", ", although ...") or a
   relative clause with an attribution of its own is cut off; a content never ends inside
   a quotation it opens. A content holding a quoted fragment is a ``partial`` quote: the
   complement is the quote;
4. partial quotes: a quoted fragment outside any content is kept when something attributes
   it: a naming verb ("called it "a farce"", the whole content when the verb has one:
   'blasted him as a "disgrace"'), an "as"-clause ("as described by X"), a
   possessive speaker ("the Kremlin's "extreme concern""), or an earlier quote of the same
   words; other quoted fragments are scare quotes and are dropped.

The speaker is the subject of the cue (the agent of a passive, the object of "according
to", the name in an apposition); ``speaker_mention`` is that noun phrase as written and
``speaker`` the actor owning it (``spans.actor_index``), or null when no actor does.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsevents.extract.cue_model import complement, shipped_table
from newsevents.extract.spans import MentionIndex, actor_index
from newsevents.extract.speaker_model import shipped_model
from newsevents.kb.lexicons import Lexicons, load_lexicons
from newsevents.nlp import text_of
from newsevents.records import Actor, Mention, Quote, Why

# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class SpeechLexicon:
    speech: frozenset[str]
    cognition: frozenset[str]
    directive: frozenset[str]
    topic: frozenset[str]
    naming: frozenset[str]
    about: dict[str, frozenset[str]]
    particles: dict[str, frozenset[str]]
    source_phrases: tuple[tuple[str, ...], ...]
    channel_in: frozenset[str]
    channel_at: frozenset[str]
    channel_on: frozenset[str]
    audience_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    needs_actor: frozenset[str]
    evidential: frozenset[str]
    stance_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    section_labels: frozenset[str]

    @property
    def all_verbs(self) -> frozenset[str]:
        both = self.speech | self.cognition | self.directive | self.topic | self.naming
        return both | frozenset(self.about)


def _load_lexicon(lexicons: Lexicons) -> SpeechLexicon:
    raw = lexicons.speech
    verbs, channel = raw["verbs"], raw["channel"]

    def words(items: Iterable[Any]) -> frozenset[str]:
        return frozenset(str(w).lower() for w in items)

    return SpeechLexicon(
        speech=words(lexicons.speech_verbs["quotes"]),
        cognition=words(verbs["cognition"]),
        directive=words(verbs["directive"]),
        topic=words(verbs["topic"]),
        naming=words(verbs["naming"]),
        about={k: words(v) for k, v in verbs["about"].items()},
        particles={k: words(v) for k, v in raw["particles"].items()},
        source_phrases=tuple(tuple(p.lower().split()) for p in raw["source_phrases"]),
        channel_in=words(channel["in_nouns"]),
        channel_at=words(channel["at_nouns"]),
        channel_on=words(channel["on_platforms"]),
        audience_verbs=words(channel["audience_verbs"]),
        reporting_verbs=words(raw["reporting_verbs"]),
        needs_actor=words(raw["needs_actor"]),
        evidential=words(raw["evidential"]),
        stance_nouns=words(raw["stance_nouns"]),
        claim_nouns=words(raw["claim_nouns"]),
        section_labels=words(raw["section_labels"]),
    )


LEX = _load_lexicon(load_lexicons())
_VERBS = LEX.all_verbs

# --------------------------------------------------------------------------- marks

_MARK = re.compile(r"''|``|[\"“”„«»]")
_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_OPEN_BEFORE = frozenset(" \t\n\xa0([{—–-/")
_SENT_END = frozenset(".?!")
_DASHES = "―—–"
_DASH_SIGNATURE = re.compile(r"\s*[―—–]\s*([A-Z][^\n]{0,60}?)\.?\s*$")
_LABEL = re.compile(r"\s*[\"“]?\s*([A-Z][A-Za-z.'’ -]{1,40}?)\s*:\s+(?=\S)")
_WORD = re.compile(r"\w+")
# Dependency labels of the words that belong to a speaker's name ("Prime Minister Viktor
# Orbán", "a Ukrainian official", "Putin's adviser Yuri Ushakov").
_NAME_LEFT = frozenset({"compound", "flat", "amod", "det", "poss", "nmod", "nummod", "case"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "ccomp", "parataxis", "prep", "pobj"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
_PRONOUN_TAGS = frozenset({"PRP", "WP", "WDT"})
_CONCESSIVE = frozenset({"as", "while", "whereas", "although", "though"})
_PERSONAL = frozenset({"he", "she", "they", "we", "i", "you", "who"})


@dataclass
class _Span:
    """A quoted span: ``start``/``end`` include the marks; ``pieces`` for split quotes."""

    start: int
    end: int
    closed: bool
    pieces: list[tuple[int, int]] = field(default_factory=list)
    standalone: bool = False
    used: bool = False


def _direction(text: str, i: int, j: int) -> str:
    """'open', 'close' or '?' for the mark text[i:j] from the characters around it."""
    mark = text[i:j]
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    left_space = before in _OPEN_BEFORE or before.isspace()
    right_space = after.isspace() or (not after.isalnum() and after not in "‘'\"“$€£(")
    if mark in _OPENERS or mark == "``":
        return "close" if (not left_space and right_space) else "open"
    if mark in _CLOSERS:
        return "open" if (left_space and after.isalnum()) else "close"
    if left_space and not after.isspace():
        return "open"
    if not left_space and right_space:
        return "close"
    return "?"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def find_quoted(text: str) -> list[_Span]:
    """Quoted spans (marks included) paired within paragraphs, in text order."""
    found: list[_Span] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    depth = 0
    for n, (p_start, p_end) in enumerate(paragraphs):
        marks = [(m.start(), m.end()) for m in _MARK.finditer(text, p_start, p_end)]
        skip_first = False
        if open_at is not None:
            # Continued from the last paragraph: this one re-opens with a mark.
            skip_first = True
        for k, (i, j) in enumerate(marks):
            if skip_first and k == 0:
                continue
            way = _direction(text, i, j)
            if open_at is None:
                if way != "close":
                    open_at, depth = i, 1
                continue
            if way == "open" and text[i:j] != '"' and text[i:j] != "''":
                depth += 1
            elif way == "open":
                # A straight opener inside an open straight quote: nested quotes use
                # single marks, so the first quote was never closed.
                if _ends_sentence(text, open_at, i):
                    found.append(_Span(open_at, _rstrip(text, open_at, i), closed=False))
                    open_at, depth = i, 1
                else:
                    depth += 1
            else:
                depth -= 1
                if depth <= 0:
                    found.append(_Span(open_at, j, closed=True))
                    open_at, depth = None, 0
        if open_at is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if (
                nxt is not None
                and _opens_with_mark(text, nxt[0], nxt[1])
                and not _LABEL.match(text, _inner_start(text, nxt[0]), nxt[1])
            ):
                continue
            found.append(_Span(open_at, _rstrip(text, open_at, p_end), closed=False))
            open_at, depth = None, 0
    found = [s for s in found if _WORD.search(text, s.start, s.end)]
    singles = _single_quoted(text, paragraphs, found)
    if singles:
        found = sorted(found + singles, key=lambda s: s.start)
    return found


_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–]))['‘](?=[A-Za-z0-9])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])['’](?=[\s.,;:!?)\]—–]|$)")


def _single_quoted(
    text: str, paragraphs: list[tuple[int, int]], double: list[_Span]
) -> list[_Span]:
    """Quotes in single marks ('It appears ...,' he said), outside double-quoted spans: an
    opener after a space, closed by the first closer that is not an apostrophe ("voters'"
    stays ambiguous, so a pair must close within its paragraph and 400 characters)."""
    taken = [(s.start, s.end) for s in double]
    found: list[_Span] = []
    for p_start, p_end in paragraphs:
        for m in _SINGLE_OPEN.finditer(text, p_start, p_end):
            if found and m.start() < found[-1].end:
                continue
            if any(a <= m.start() < b for a, b in taken):
                continue
            limit = min(p_end, m.end() + 400)
            close = _SINGLE_CLOSE.search(text, m.end() + 1, limit)
            if close is None:
                continue
            if any(a < close.end() and m.start() < b for a, b in taken):
                continue
            found.append(_Span(m.start(), close.end(), closed=True))
    return found


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    m = _MARK.match(text, start, end)
    return m is not None and _direction(text, m.start(), m.end()) != "close"


def _ends_sentence(text: str, start: int, end: int) -> bool:
    chunk = text[start:end].rstrip()
    return len(chunk) > 1 and chunk[-1] in _SENT_END


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------- the doc


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    cue: Token | None = None
    cue_text: str | None = None
    speaker: Token | None = None
    mention: tuple[int, int] | None = None
    channel: str | None = None
    reported_by: str | None = None
    sentence: int = -1
    orphan: bool = False  # a standalone quote with no attribution of its own
    content_of: Token | None = None  # the cue of an indirect quote


class _Context:
    """The parsed article with lookups shared by the steps."""

    def __init__(self, doc: Doc, actors: list[Actor]) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.index: MentionIndex = actor_index(actors)
        self.actor_types = {a.id: a.type for a in actors}
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.token_starts: list[int] = doc.to_array("IDX").tolist()  # no Token objects
        self.quoted: list[_Span] = find_quoted(self.text)
        self.quoted_starts = [q.start for q in self.quoted]
        self.paragraphs = _paragraphs(self.text)
        self.par_starts = [p[0] for p in self.paragraphs]

    def sent_at(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def paragraph_at(self, char: int) -> int:
        return max(0, bisect_right(self.par_starts, char) - 1)

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.token_starts, char) - 1)

    def inside_quote(self, char: int) -> _Span | None:
        i = bisect_right(self.quoted_starts, char) - 1
        if i >= 0 and self.quoted[i].start <= char < self.quoted[i].end:
            return self.quoted[i]
        return None


# --------------------------------------------------------------------------- cues


def _is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in _VERBS or tok.pos_ not in ("VERB", "AUX"):
        return False
    needed = LEX.particles.get(lemma)
    if needed and lemma not in LEX.speech | LEX.naming | LEX.directive:
        return any(c.lower_ in needed for c in tok.children)
    if lemma in LEX.about and lemma not in LEX.speech | LEX.topic:
        return _about_object(tok) is not None  # "spoke of ...", "talked about ..."
    if lemma == "put":  # "as X put it"
        return any(c.lower_ == "it" for c in tok.children)
    # "a man named Tom", "the program, called EB-5": a name, not words ("the petition called
    # Reyes a liar", "called Friday for releasing the videos" are words).
    if lemma in LEX.naming and tok.dep_ == "acl" and tok.tag_ == "VBN":
        objects = [c for c in tok.children if c.dep_ in ("oprd", "dobj")]
        return len(objects) > 1 or any(c.lower_ in ("for", "on") for c in tok.children)
    return True


def _source_phrase(tok: Token) -> Token | None:
    """The object of "according to X" / "as reported by X" starting at ``tok``."""
    doc = tok.doc
    for phrase in LEX.source_phrases:
        end = tok.i + len(phrase)
        if end > len(doc) or tuple(t.lower_ for t in doc[tok.i : end]) != phrase:
            continue
        last = doc[end - 1]
        objects = [c for c in last.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
        if end < len(doc) and doc[end].pos_ in ("PROPN", "NOUN", "PRON", "DET"):
            return _head_of_np(doc[end])
    return None


def _head_of_np(tok: Token) -> Token:
    while tok.dep_ in ("compound", "det", "amod", "flat", "nummod") and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _cue_text(tok: Token) -> str:
    """The cue as written: the verb, with its particle ("pointed out", "called for")."""
    parts = [tok]
    needed = LEX.particles.get(tok.lemma_.lower(), frozenset())
    parts += [c for c in tok.children if c.lower_ in needed and c.i == tok.i + 1]
    return tok.doc[parts[0].i : parts[-1].i + 1].text


# --------------------------------------------------------------------------- speakers


def _speaker_of(cue: Token, quoted: Callable[[int], object] | None = None) -> Token | None:
    """The token naming who speaks through ``cue``; ``quoted(char)`` tells whether a
    character lies inside quotation marks (a subject there is the quote's, not the cue's,
    when the parser hangs the cue on a verb of the quote)."""
    if cue.lower_ in ("according", "as", "in") or cue.dep_ == "prep":
        return _source_phrase(cue)
    if cue.dep_ == "compound" and cue.head.pos_ == "PROPN" and cue.head.i > cue.i:
        return cue.head  # 'Said Okafor: "..."'
    tok: Token | None = cue
    for _ in range(6):
        if tok is None:
            return None
        agent = _agent(tok)
        if agent is not None:
            return agent
        subjects = [c for c in tok.children if c.dep_ in _SUBJECTS]
        if subjects and tok.i != cue.i and quoted is not None and quoted(subjects[0].idx):
            subjects = []  # '"...," Ruiz said, proposing "do you think ..."'
        if subjects:
            # "Farmers like Ruiz, she said": of two subjects the one next to the verb
            before = [c for c in subjects if c.i < tok.i]
            subject = before[-1] if len(subjects) > 1 and before else subjects[0]
            if subject.dep_ == "nsubjpass" and (tok.i == cue.i or subject.lower_ == "it"):
                return None  # "it was said that", no agent
            # A passive subject higher up speaks: "After saying ..., he was driven to ...",
            # "Ruiz can be heard shouting that ..."
            if subject.lower_ == "it" and tok.lemma_ != "put" and not _active_speech(tok):
                return None
            return subject
        if tok.dep_ == "acl" and _occasion(tok.head):
            # "he spoke at a news conference announcing that ...", "the council issued a
            # statement calling the strike ...": the one who said or issued it
            tok = tok.head.head.head if tok.head.dep_ == "pobj" else tok.head.head
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head  # "a Ukrainian official telling Axios ..."
        if tok.i == cue.i and _second_cue_of(tok):
            tok = tok.head.head  # "Berg said that A and suggested that B": Berg suggested
            continue
        if tok.dep_ in _CLIMB and tok.head.i != tok.i:
            tok = tok.head
            continue
        return _hidden_subject(cue) if tok.i == cue.i else None
    return None


def _occasion(noun: Token) -> bool:
    """ "at a news conference", "in a statement": where words were said, not who said them."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in LEX.channel_at | LEX.channel_in:
        return False
    if noun.dep_ == "dobj":
        return noun.head.pos_ == "VERB"
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("at", "in", "during")
        and noun.head.head.pos_ in ("VERB", "AUX")
    )


def _hidden_subject(cue: Token) -> Token | None:
    """ "In a session with the board of the Gazette Okafor said that ...": a finite cue without
    subject right after a name the parser hung on the phrase before it."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i == 0:
        return None
    prev = cue.doc[cue.i - 1]
    if prev.pos_ != "PROPN" or prev.dep_ not in ("pobj", "compound", "appos", "conj"):
        return None
    if prev.ent_type_ in ("DATE", "TIME") or prev.head.i > cue.i:
        return None
    return prev


def _second_cue_of(cue: Token) -> bool:
    """ "X said that A and suggested that B": the parser coordinates the second cue with the
    verb of A (the content of another cue) instead of with the first cue."""
    head = cue.head
    return (
        cue.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.head.i < head.i
        and _is_cue(head.head)
        and any(c.dep_ == "ccomp" for c in cue.children)
    )


def _active_speech(tok: Token) -> bool:
    """ "It says the campaign broke the law": an active verb of speech whose "it" is a
    document or an organisation, not the empty "it" of "it is said" / "it seems"."""
    return tok.lemma_.lower() in LEX.speech and tok.tag_ in ("VBZ", "VBD", "VBP", "VBN", "VBG")


def _agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent":
            objects = [g for g in c.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _name_span(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase naming the speaker headed by ``tok``."""
    if tok.pos_ != "PROPN":
        names = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if names:
            tok = names[0]  # "A doctor, Hugh Hill, said" -> Hugh Hill
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in _NAME_LEFT and c.pos_ not in ("VERB", "AUX"):  # not 'Said' Okafor
            left = min(left, c.left_edge.i)
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("flat", "compound") or (c.dep_ == "prep" and c.lower_ == "for"):
            right = max(right, c.right_edge.i)
    doc = tok.doc
    while left < tok.i and doc[left].is_punct:
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _actor_of(ctx: _Context, tok: Token, span: tuple[int, int]) -> str | None:
    head_span = (tok.idx, tok.idx + len(tok.text))
    owner = ctx.index.owner_at(*head_span)
    if owner is None and tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        antecedent = tok.head.head
        owner = ctx.index.owner_at(antecedent.idx, antecedent.idx + len(antecedent.text))
    if owner is None:
        owner = ctx.index.owner_at(*span)
    return owner


# --------------------------------------------------------------------------- channels


def _channel(ctx: _Context, cue: Token) -> str | None:
    """Where the cue's words were said: "on X", "in a statement", "told reporters"."""
    lemma = cue.lemma_.lower()
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "to"):
            objects = [g for g in c.children if g.dep_ == "pobj"]
            if not objects:
                continue
            obj = objects[0]
            words = obj.lemma_.lower().rstrip(".")
            if c.lower_ == "on" and (
                _np_text(obj, det=False).lower().rstrip(".") in LEX.channel_on
                or words in LEX.channel_on
            ):
                return _np_text(obj, det=False).rstrip(".")
            if c.lower_ == "in" and words in LEX.channel_in:
                with_ = [g for g in obj.children if g.dep_ == "prep" and g.lower_ == "with"]
                for w in with_:
                    for g in w.children:
                        if g.dep_ == "pobj":
                            return _np_text(g, det=False)
                return _np_text(obj, det=False)
            if c.lower_ == "at" and (words in LEX.channel_at or _has_word(obj, LEX.channel_at)):
                return _np_text(obj, det=True)
            if c.lower_ == "to" and lemma in LEX.audience_verbs:
                return _np_text(obj, det=False)
    if lemma in LEX.audience_verbs:
        for c in cue.children:
            if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN"):
                return _np_text(c, det=False)
        nxt = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
        if (
            nxt is not None
            and nxt.head.i == cue.i
            and (nxt.pos_ == "PROPN" or (nxt.text[:1].isupper() and nxt.dep_ == "advmod"))
        ):
            return _np_text(nxt, det=False)  # "telling Axios" parsed as a modifier
    return None


def _has_word(tok: Token, words: frozenset[str]) -> bool:
    return any(t.lower_ in words for t in tok.subtree)


def _np_text(tok: Token, *, det: bool) -> str:
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "det", "nmod", "flat", "poss") and (
            det or c.dep_ != "det"
        ):
            left = min(left, c.left_edge.i)
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("flat", "compound"):
            right = max(right, c.right_edge.i)
    return tok.doc[left : right + 1].text


# --------------------------------------------------------------------------- step 2


def _standalone(ctx: _Context, q: _Span) -> bool:
    """The quoted span is an utterance of its own, not a fragment in the author's syntax."""
    text = ctx.text
    inner = _inner_start(text, q.start)
    first = text[inner] if inner < len(text) else ""
    sent = ctx.sents[ctx.sent_at(q.start)]
    par = ctx.paragraphs[ctx.paragraph_at(q.start)]
    before = text[max(sent.start_char, par[0]) : q.start].rstrip()
    # The parser may glue a quote to the sentence before it: '... he said. "Next."'.
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    if cut >= 0 or before[-1:] in (".", "?", "!"):
        before = before[cut + 2 :] if cut >= 0 and before[-1:] not in ".?!" else ""
    close = text[q.start : q.end].rstrip("\"“”'’»` ")
    ends_clause = bool(close) and close[-1] in ",.?!:;—…-"
    if not before:
        return first.isupper() or first.isdigit() or ends_clause or not q.closed
    if before[-1] in ":":
        return True
    if before[-1] == "," and _split_second(ctx, q):
        return True  # '"My hope," he said, "is that ..."'
    if before[-1] == ",":
        return _cue_word_before(ctx, q.start)  # 'Trump noted, "we need ..."'
    return False


def _split_second(ctx: _Context, q: _Span) -> bool:
    """``q`` is the second piece of '"A," he said, "B."'."""
    i = ctx.quoted.index(q)
    if i == 0:
        return False
    prev = ctx.quoted[i - 1]
    piece = ctx.text[prev.start : prev.end].rstrip("\"“”'’»` ")
    between = ctx.text[prev.end : q.start]
    return (
        piece.endswith(",")
        and "\n" not in between
        and 0 < len(_WORD.findall(between)) <= 12
        and between.rstrip().endswith(",")
    )


def _cue_word_before(ctx: _Context, char: int) -> bool:
    i = ctx.token_at(char) - 1
    doc = ctx.doc
    while i >= 0 and doc[i].is_punct:
        i -= 1
    return i >= 0 and _is_cue(doc[i])


def _inner_start(text: str, start: int) -> int:
    m = _MARK.match(text, start)
    i = m.end() if m else start + (text[start : start + 1] in "'‘")
    while i < len(text) and text[i] in " \xa0":
        i += 1
    return i


def _region(ctx: _Context, q: _Span) -> tuple[int, int]:
    """Sentences around a standalone quote where its attribution may stand."""
    first = ctx.sent_at(q.start)
    last = ctx.sent_at(max(q.start, q.end - 1))
    p_first = ctx.paragraphs[ctx.paragraph_at(q.start)]
    p_last = ctx.paragraphs[ctx.paragraph_at(max(q.start, q.end - 1))]
    start = max(ctx.sents[first].start_char, p_first[0])
    end = min(ctx.sents[last].end_char, p_last[1])
    # The sentence after, when it starts right after the quote: ""A." he said."
    if last + 1 < len(ctx.sents):
        nxt = ctx.sents[last + 1]
        gap = ctx.text[q.end : nxt.start_char]
        glued = nxt.start_char < p_last[1] and not gap.strip()
        # '"Still raining?" he said, but ...': a long sentence opening with the attribution
        opens = nxt.text[:1].islower() and any(_is_cue(t) for t in nxt[:4])
        if glued and (opens or (len(nxt) <= 40 and (nxt.text[:1].islower() or _has_cue(nxt)))):
            end = min(nxt.end_char, p_last[1])
    return start, end


def _has_cue(sent: Span) -> bool:
    return any(_is_cue(t) for t in sent[:12])


def _cue_near(ctx: _Context, q: _Span, start: int, end: int) -> Token | None:
    """The speech cue outside quotes in [start, end) nearest to the quote ``q``."""
    best: tuple[int, Token] | None = None
    doc = ctx.doc
    for tok in doc[ctx.token_at(start) : ctx.token_at(max(start, end - 1)) + 1]:
        if tok.idx < start or tok.idx >= end or ctx.inside_quote(tok.idx) is not None:
            continue
        if not (_is_cue(tok) or (tok.lower_ == "according" and _source_phrase(tok))):
            continue
        if tok.idx >= q.end:
            distance = tok.idx - q.end
            between = ctx.text[q.end : tok.idx]
        else:
            distance = q.start - tok.idx
            between = ctx.text[tok.idx : q.start]
        if _MARK.search(between) and not between.rstrip().endswith(":"):
            distance += 1000  # another quote stands between
        if best is None or distance < best[0]:
            best = (distance, tok)
    return best[1] if best else None


def _colon_before(ctx: _Context, q: _Span) -> Token | None:
    """ "X said:" ending the sentence (or paragraph) just before the quote."""
    i = ctx.sent_at(q.start)
    if ctx.sents[i].start_char < q.start and ctx.text[ctx.sents[i].start_char : q.start].strip():
        sent = ctx.sents[i]
    elif i > 0:
        sent = ctx.sents[i - 1]
    else:
        return None
    tail = ctx.text[sent.start_char : q.start].rstrip()
    if not tail.endswith(":"):
        return None
    for tok in reversed(sent):
        if tok.idx < q.start and _is_cue(tok) and ctx.inside_quote(tok.idx) is None:
            return tok
    return None


def _direct(ctx: _Context, found: list[_Found], claimed: set[int]) -> None:
    text = ctx.text
    for q in ctx.quoted:
        if not _standalone(ctx, q):
            continue
        q.standalone = True
        start, end = _region(ctx, q)
        cue = _colon_before(ctx, q) or _cue_near(ctx, q, start, end)
        record = _Found(q.start, q.end, "direct", sentence=ctx.sent_at(q.start))
        if cue is not None:
            _attribute(ctx, record, cue, learned=True)
            claimed.add(cue.i)
        else:
            _signature(ctx, q, record)
        if record.cue_text is None and record.mention is None:
            record.orphan = True
            if not _sentence_like(text, q) and not _follow_on(ctx, found, q):
                q.standalone = False
                continue
        q.used = True
        # "A," he said, "B." -> one quote over both pieces.
        if found and found[-1].kind == "direct" and _split_pair(ctx, found[-1], q, record):
            found[-1].end = q.end
            continue
        found.append(record)


def _follow_on(ctx: _Context, found: list[_Found], q: _Span) -> bool:
    """A short closed quote that closes a sentence right after an attributed direct quote
    of the same paragraph ('"Not me," Ines said to the radio. "Not me, Paul."')."""
    if not found or not q.closed:
        return False
    prev = found[-1]
    if prev.kind != "direct" or prev.mention is None or prev.end > q.start:
        return False
    if ctx.paragraph_at(prev.start) != ctx.paragraph_at(q.start):
        return False
    inner = ctx.text[q.start : q.end].rstrip("\"“”'’»` ")
    between = ctx.text[prev.end : q.start].rstrip()
    return inner[-1:] in ".?!" and between[-1:] in ".?!" and not _MARK.search(between)


def _attribute(ctx: _Context, record: _Found, cue: Token, *, learned: bool = False) -> None:
    """Cue, speaker and channel of ``record``. With ``learned`` (a direct quote, which stands
    whoever said it) the speaker ranker answers when the rules find no speaker; elsewhere a
    cue without a speaker means no quote ("it is said that ...") and stays so."""
    record.cue = cue
    if cue.lower_ in ("according", "as"):
        record.cue_text = ctx.doc[cue.i : cue.i + 2].text
    else:
        record.cue_text = _cue_text(cue)
    speaker = _speaker_of(cue, ctx.inside_quote)
    if speaker is not None and ctx.inside_quote(speaker.idx) is not None:
        speaker = _inverted_speaker(ctx, cue)  # '"... Full panic mode," said Leslie Wimes'
    if speaker is None and learned and cue.pos_ in ("VERB", "AUX"):
        speaker = _learned_speaker(cue, ctx)
    if speaker is not None:
        speaker = _after_dateline(speaker)
    if speaker is not None:
        record.speaker = speaker
        record.mention = _name_span(speaker)
    record.channel = _channel(ctx, cue)


def _learned_speaker(cue: Token, ctx: _Context) -> Token | None:
    """The ranker's choice (``speaker_model.py``) for a cue the rules found no speaker for."""
    model = shipped_model()
    return model.choose(cue, ctx.inside_quote) if model is not None else None


def _after_dateline(tok: Token) -> Token:
    """ "WASHINGTON -- President Obama ... said": the parser takes the dateline for the
    subject and the name for its apposition."""
    at_start = tok.i == 0 or "\n" in tok.doc[tok.i - 1].text
    if tok.is_upper and len(tok.text) > 2 and at_start:
        names = [c for c in tok.children if c.dep_ == "appos"]
        if names:
            return names[0]
    return tok


def _inverted_speaker(ctx: _Context, cue: Token) -> Token | None:
    """The name next to the cue when the parser took a word of the quote for its subject:
    right before it ('..." Rep. Cummings (D-Md.) said') or right after it ('said Wimes')."""
    doc = cue.doc
    i = cue.i - 1
    if i >= 0 and doc[i].text == ")":
        while i >= 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    if i >= 0 and ctx.inside_quote(doc[i].idx) is None and doc[i].pos_ in ("PROPN", "PRON"):
        return _head_of_np(doc[i]) if doc[i].pos_ == "PROPN" else doc[i]
    if cue.i + 1 < len(doc):
        tok = doc[cue.i + 1]
        if tok.pos_ == "DET" and cue.i + 2 < len(doc):
            tok = doc[cue.i + 2]
        named = tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.ent_type_ not in ("DATE", "TIME")
        if named and ctx.inside_quote(tok.idx) is None:
            return _head_of_np(tok)
    return None


def _signature(ctx: _Context, q: _Span, record: _Found) -> None:
    """'"..." ― Name' at the end of the line, or a '"NAME: ..."' transcript label."""
    text = ctx.text
    par = ctx.paragraphs[ctx.paragraph_at(max(q.start, q.end - 1))]
    m = _DASH_SIGNATURE.match(text, q.end, par[1])
    if m and len(m.group(1).split()) <= 6:
        record.cue_text = text[m.start() : m.end()].strip()[0]
        record.mention = (m.start(1), m.start(1) + len(m.group(1).rstrip(". ")))
        tok = ctx.doc[ctx.token_at(m.start(1))]
        record.speaker = tok
        return
    inner = _inner_start(text, q.start)
    label = _LABEL.match(text, inner, par[1])
    if label and label.group(1).split()[0][:1].isupper() and _is_name(ctx, label):
        record.cue_text = ":"
        record.mention = (label.start(1), label.end(1))
        record.speaker = ctx.doc[ctx.token_at(label.start(1))]
        record.start = label.end()


def _is_name(ctx: _Context, label: re.Match[str]) -> bool:
    words = label.group(1).split()
    if len(words) > 4:
        return False
    if label.group(1).isupper():
        return True
    toks = [t for t in ctx.doc[ctx.token_at(label.start(1)) :][: len(words)]]
    return all(t.pos_ == "PROPN" for t in toks if t.is_alpha)


def _inherited(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """Follow-on quotes: a standalone quote with no attribution of its own takes the
    speaker of the attributed quote just before it (same or previous paragraph); one that
    has none is kept only when it reads as a whole utterance."""
    found.sort(key=lambda f: (f.start, f.end))
    kept: list[_Found] = []
    previous: _Found | None = None
    for f in found:
        if f.orphan and previous is not None and _follows(ctx, previous, f):
            f.speaker, f.mention = previous.speaker, previous.mention
            f.reported_by = previous.reported_by
            f.orphan = False
        kept.append(f)
        if f.mention is not None:
            previous = f
    return kept


def _follows(ctx: _Context, previous: _Found, f: _Found) -> bool:
    """``f`` comes right after ``previous``: same or next paragraph, close by."""
    gap = ctx.paragraph_at(f.start) - ctx.paragraph_at(max(previous.start, previous.end - 1))
    return gap <= 1 and f.start - previous.end < 600


def _split_pair(ctx: _Context, first: _Found, q: _Span, record: _Found) -> bool:
    """'"A," he said, "B."': the attribution between two pieces of one sentence."""
    text = ctx.text
    piece = text[first.start : first.end].rstrip("\"“”'’»` ")
    between = text[first.end : q.start]
    if not piece.endswith(",") or "\n" in between or not between.rstrip().endswith(","):
        return False
    if record.cue_text is not None and not _same(record.cue, first.cue):
        return False
    words = _WORD.findall(between)
    return 0 < len(words) <= 12 and first.cue is not None and first.end <= first.cue.idx


def _sentence_like(text: str, q: _Span) -> bool:
    inner = text[q.start : q.end]
    return len(_WORD.findall(inner)) >= 6 and inner.rstrip("\"“”'’»` ")[-1:] in ".?!,"


# --------------------------------------------------------------------------- step 3


def _indirect(ctx: _Context, found: list[_Found], claimed: set[int]) -> None:
    doc = ctx.doc
    learned = shipped_table()
    wanted = _VERBS | LEX.claim_nouns | {"according", "as", "in"}
    if learned is not None:
        wanted = wanted | learned.lemmas
    for tok in doc:
        if tok.lemma_.lower() not in wanted and tok.lower_ not in wanted:
            continue  # the cheap test first: most words are no cue
        if tok.i in claimed or ctx.inside_quote(tok.idx) is not None:
            continue
        if tok.lower_ in ("according", "as", "in") and (
            tok.dep_ == "prep" or (tok.lower_ == "according" and tok.dep_ == "ROOT")
        ):
            source = _source_phrase(tok)
            if source is not None:
                _according(ctx, tok, source, found, claimed)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in LEX.claim_nouns:
            _claim_noun(ctx, tok, found)
            continue
        if _learned_cue(tok) is not None:
            content = _learned_content(ctx, tok)
        elif not _is_cue(tok) or (learned is not None and learned.dropped(tok)):
            continue  # no cue, or one PolNeAR never marks so: "believed that ..."
        elif _as_clause(tok) and _as_speaker_clause(tok):
            content = _appended(ctx, tok)  # "Hawaii, as his adviser pointed out, rarely ..."
        elif _as_clause(tok):
            if not _as_object_clause(tok):
                continue  # "as reported by Axios", "as he hinted at": no content of their own
            content = _content(ctx, tok)  # "(moved) as she called for the release"
        else:
            content = _content(ctx, tok)
        if content is None:
            continue
        start, end = content
        record = _Found(start, end, "indirect", sentence=ctx.sent_at(tok.idx))
        _attribute(ctx, record, tok)
        if record.mention is None or record.speaker is None:
            continue  # "it is said that ...", no one said it
        if (
            tok.lemma_.lower() in LEX.needs_actor
            and not _animate(ctx, record.speaker)
            and (
                tok.lemma_.lower() in LEX.evidential
                or not any(c.dep_ == "ccomp" for c in tok.children)
            )
        ):
            continue  # "his choice signals ...", "the report suggests ..."
        record.content_of = tok
        claimed.add(tok.i)
        found.append(record)


def _learned_cue(tok: Token) -> str | None:
    """The construction in which ``tok`` is a cue learned from PolNeAR (``cue_model.py``):
    only verbs the lexicon does not know, which the rules leave alone."""
    if tok.lemma_.lower() in _VERBS:
        return None
    table = shipped_table()
    return table.cue_kind(tok) if table is not None else None


def _learned_content(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """The complement of a learned cue, cut like those of lexicon cues: its clause
    ("conceded the plan failed"), infinitive ("pressed them to resign"), object ("endorsed
    Sanders' plan") or prepositional object ("railed against the deal")."""
    kind = _learned_cue(cue)
    if kind is None:
        return None
    if kind == "ccomp":
        return _content(ctx, cue)
    comp = complement(cue, kind)
    if comp is None:
        return None
    if kind in ("xcomp", "dobj"):
        first = comp.left_edge.i
        return _trimmed(ctx, first, _aside_cut(ctx, first, _topic_extent(cue, comp)))
    return _trimmed(ctx, comp.left_edge.i, _nonrestrictive_cut(comp))


def _claim_noun(ctx: _Context, noun: Token, found: list[_Found]) -> None:
    """ "Trump's claim that ...", "a Times report that ...": a noun of speech with a
    "that"-clause and an owner who made it."""
    clause = next(
        (
            c
            for c in noun.rights
            if c.dep_ in ("acl", "ccomp", "relcl")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if clause is None:
        return
    owner = next((c for c in noun.lefts if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if owner is None or owner.tag_ in ("WP$",):
        return
    span = _trimmed(ctx, clause.left_edge.i, clause.right_edge.i)
    if span is None:
        return
    record = _Found(span[0], span[1], "indirect", sentence=ctx.sent_at(noun.idx))
    record.cue, record.cue_text = noun, noun.text
    record.speaker, record.mention = owner, _name_span(owner)
    record.content_of = noun
    found.append(record)


def _subjectless(clause: Token) -> bool:
    """A finite verb without subject or complementiser: no reported clause of its own."""
    return clause.tag_ in ("VBZ", "VBD", "VBP") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "mark") for c in clause.children
    )


def _as_speaker_clause(tok: Token) -> bool:
    """ "as X pointed out," set off by commas: X's point is the clause around it (not "as
    reported by Axios", a relay, nor "as he hinted at a deal", which has its own object)."""
    return (
        tok.lemma_.lower() in LEX.speech
        and tok.lemma_.lower() not in LEX.reporting_verbs
        and any(c.dep_ == "nsubj" for c in tok.children)
        and not any(c.dep_ in ("dobj", "prep") and c.lower_ != "it" for c in tok.children)
    )


def _as_object_clause(tok: Token) -> bool:
    """ "as she called for the release of ...", "as he discussed his plan": a temporal
    "as"-clause whose cue has its own subject and an object it reports."""
    lemma = tok.lemma_.lower()
    if lemma in LEX.reporting_verbs or _agent(tok) is not None:
        return False
    if not any(c.dep_ == "nsubj" for c in tok.children):
        return False
    return _about_object(tok) is not None or (
        lemma in LEX.directive | LEX.topic
        and any(c.dep_ in ("dobj", "xcomp") or c.lower_ == "for" for c in tok.children)
    )


def _as_clause(tok: Token) -> bool:
    """ "as reported by Axios", "as he hinted at ...": an as-clause without a complement."""
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and not any(
        c.dep_ == "ccomp" for c in tok.children
    )


def _content(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """Character span of what ``cue`` reports, or None."""
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    # A "that"-clause after the cue wins over a clause before it ("A, but B so bad, Obama
    # noted, that C": the content is C).
    # A clause after the cue wins over one before it ("While she conceded A, Ortiz noted B":
    # the parser may hang A on "noted"); one cut off by ";" or ":" is the author's.
    ccomps = sorted(
        (c for c in children if c.dep_ == "ccomp" and not _cut_off(ctx.doc, c, cue)),
        key=lambda c: (c.i < cue.i, not any(g.dep_ == "mark" for g in c.children)),
    )
    for c in ccomps:
        if not _is_question_only(c):
            if c.i > cue.i and _subjectless(c):
                continue  # "Everything the mayor says is a lie": a misparse, not a clause
            if c.i < cue.i:
                first = max(cue.sent.start, _par_first(ctx, cue))
                return _trimmed(ctx, first, c.right_edge.i)
            # "bombardments that rescuers say reduced ...": the content starts after the cue.
            first = max(c.left_edge.i, cue.i + 1)
            last = _nested_cut(ctx, c, _content_end(c, _right_extent(cue, c)))
            last = _aside_cut(ctx, first, _concessive_cut(ctx.doc, first, last))
            return _trimmed(ctx, first, last)
    clause = None
    if lemma in LEX.speech | LEX.cognition:
        clause = (
            _that_clause_on_audience(cue)
            or _clause_as_adverbial(cue)
            or _clause_taken_by_next_cue(cue)
        )
    if clause is not None:
        first = max(clause.left_edge.i, cue.i + 1)
        if clause.dep_ == "advcl":  # from its subject, or a misparsed "that" before it
            subject = next(c for c in clause.children if c.dep_ in _SUBJECTS)
            that = [c for c in clause.children if c.lower_ == "that" and c.i < subject.i]
            first = that[0].i if that else subject.left_edge.i
        last = _nested_cut(ctx, clause, _content_end(clause, clause.right_edge.i))
        last = _aside_cut(ctx, first, _concessive_cut(ctx.doc, first, last))
        return _trimmed(ctx, first, last)
    colon = _after_colon(ctx, cue)
    if colon is not None:
        return colon
    if lemma in LEX.directive:
        for c in children:
            if c.dep_ == "xcomp" or (
                c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ):  # "urged them to ...", "told his supporters at a rally to ..."
                first = c.left_edge.i
                return _trimmed(ctx, first, _aside_cut(ctx, first, _topic_extent(cue, c)))
        if lemma == "call":
            for c in children:
                if c.dep_ == "prep" and c.lower_ == "for":
                    objects = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    if objects:  # "called for talks", "called for lifting the ban"
                        return _trimmed(ctx, objects[0].left_edge.i, objects[0].right_edge.i)
    if lemma in LEX.naming:
        # 'called the plan "a farce"', 'described him as "a disgrace"': the object and its
        # naming; 'what she called "a rant"': the naming alone.
        objects = [c for c in children if c.dep_ == "dobj" and c.tag_ not in _PRONOUN_TAGS]
        for c in children:
            if c.dep_ in ("oprd", "xcomp", "attr") or (
                c.dep_ == "prep" and c.lower_ == "as" and lemma != "call"
            ):
                first = objects[0].left_edge.i if objects and objects[0].i < c.i else c.left_edge.i
                if first == c.i and c.dep_ == "prep":
                    first += 1
                last = max(g.right_edge.i for g in children if g.dep_ == c.dep_ and g.i >= c.i)
                return _trimmed(ctx, first, last)  # 'called Reyes a liar, thief and coward'
    if lemma in LEX.topic:
        for c in children:
            if c.dep_ != "dobj" or c.pos_ not in ("NOUN", "PROPN"):
                continue
            # "criticised the plan", "blasted the mayor as a fraud", "endorsed Vance": the
            # person criticised or endorsed is the topic too (PolNeAR marks it so).
            first = c.left_edge.i
            return _trimmed(ctx, first, _aside_cut(ctx, first, _topic_extent(cue, c)))
    if lemma in LEX.about:
        obj = _about_object(cue)
        if obj is not None:
            last = _nonrestrictive_cut(obj)
            second = [r for r in cue.rights if r.dep_ == "conj" and _second_gerund(obj, r)]
            if second and last == obj.right_edge.i:
                last = second[0].right_edge.i
            return _trimmed(ctx, obj.left_edge.i, last)
    if lemma in LEX.speech | LEX.cognition:
        return _appended(ctx, cue)
    return None


def _that_clause_on_audience(cue: Token) -> Token | None:
    """ "told a gathering of farm owners that few buyers ...", "shouting to the guards that
    the man was innocent": the parser hangs the "that"-clause on the audience as a relative
    clause; "that" is then its complementiser (not its subject or object) and the clause
    has a subject of its own."""
    audiences = [c for c in cue.children if c.dep_ in ("dobj", "dative")]
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            audiences += [g for g in c.children if g.dep_ == "pobj"]
    for audience in audiences:
        for t in audience.subtree:
            if t.dep_ != "relcl" or t.right_edge.i != audience.right_edge.i:
                continue
            marks = [g for g in t.children if g.dep_ == "mark" and g.lower_ == "that"]
            if (
                marks
                and marks[0].i == t.left_edge.i
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children)
            ):
                return t
    return None


def _clause_taken_by_next_cue(cue: Token) -> Token | None:
    """ "While she conceded money was the reason ..., Ortiz noted ...": the clause right after
    the cue that the parser gave to a later cue as a second complement."""
    if any(c.dep_ == "ccomp" for c in cue.children) or cue.i + 1 >= len(cue.doc):
        return None
    # The parser may also hang the cue itself on that clause: "While she conceded" -> "was".
    tok = cue.head if cue.dep_ == "advcl" and cue.head.i > cue.i else cue.doc[cue.i + 1]
    for _ in range(6):
        if tok.left_edge.i not in (cue.i + 1, cue.left_edge.i) or tok.head.i == tok.i:
            return None
        if tok.dep_ == "ccomp" and tok.head.i > tok.right_edge.i and _is_cue(tok.head):
            later = [c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i]
            return tok if later else None
        tok = tok.head
    return None


def _clause_as_adverbial(cue: Token) -> Token | None:
    """ "Ortiz said after the vote she would not accept ...": a finite clause with a
    subject of its own and no complementiser that the parser hangs on the cue as an
    adverbial (its time phrase taken along)."""
    for c in cue.rights:
        if c.dep_ != "advcl" or any(g.dep_ == "mark" or g.tag_ == "WRB" for g in c.children):
            continue  # "tell the council when a tenant leaves", "said if ..."
        subjects = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        finite = c.tag_ in ("VBD", "VBZ", "VBP") or any(
            g.dep_ == "aux" and g.tag_ in ("MD", "VBD", "VBZ", "VBP") for g in c.children
        )
        if subjects and finite and subjects[0].i > cue.i + 1:
            return c
    return None


def _cut_off(doc: Doc, clause: Token, cue: Token) -> bool:
    """A clause before the cue that a semicolon or colon separates from it ("It is
    unlikely; his team says ..."), or that is an attribution of its own ('"Still raining?"
    he said, but ..., Luis said yes')."""
    if clause.i > cue.i:
        return False
    if _is_cue(clause) and any(
        c.dep_ == "nsubj" and c.i == clause.left_edge.i for c in clause.children
    ):
        return True
    return any(t.text in (";", ":") for t in doc[clause.i + 1 : cue.i])


def _about_object(cue: Token) -> Token | None:
    """The object of the preposition that names a topic: "spoke of X", "warned against X"."""
    preps = LEX.about.get(cue.lemma_.lower(), frozenset())
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return None


def _animate(ctx: _Context, speaker: Token) -> bool:
    """A speaker that can speak: an actor's mention, a name or a personal pronoun."""
    if speaker.pos_ == "PROPN" or speaker.lower_ in _PERSONAL:
        return True
    if speaker.lower_ in _RELATIVE and speaker.head.dep_ == "relcl":
        speaker = speaker.head.head  # "the police department, which reported ..."
        if speaker.pos_ == "PROPN":
            return True
    return ctx.index.owner_at(speaker.idx, speaker.idx + len(speaker.text)) is not None


def _concessive_cut(doc: Doc, first: int, last: int) -> int:
    """End a content before ", (even) as/while/although ..." (a clause of the author's)."""
    for i in range(first + 1, last + 1):
        tok = doc[i]
        if tok.dep_ == "mark" and tok.lower_ in _CONCESSIVE and tok.head.dep_ == "advcl":
            j = i - 1
            if doc[j].lower_ == "even":
                j -= 1
            if doc[j].text == ",":
                return j - 1
    return last


_ASIDE_OPENERS = frozenset({",", "—", "–", "--", "-", ";"})


def _aside_cut(ctx: _Context, first: int, last: int) -> int:
    """End a reported clause before what the author adds after it: a new clause after a
    semicolon, or a closing apposition set off by a comma or dash ("... with Siemens, the
    group that ..."), or a relative clause on a name (", Vance, who has not been
    charged ..."; after a common noun a closing ", which ..." is as often the speaker's)."""
    doc = ctx.doc
    for t in doc[first + 1 : last + 1]:
        if t.text == ";" and ctx.inside_quote(t.idx) is None:
            return _before_punct(doc, first, t.i - 1)
    for t in doc[first + 2 : last + 1]:
        if t.i != t.left_edge.i or doc[t.i - 1].text not in _ASIDE_OPENERS:
            continue
        head = t if t.dep_ == "appos" else t.head
        if head.left_edge.i != t.i or head.right_edge.i < last:
            continue
        named = (
            head.dep_ == "relcl"
            and head.head.pos_ == "PROPN"
            and t.lower_ in _RELATIVE | {"when", "where"}
        )
        if (head.dep_ == "appos" or named or _summary_np(head, t)) and ctx.inside_quote(
            t.idx
        ) is None:
            return _before_punct(doc, first, t.i - 1)
    return last


def _summary_np(head: Token, first: Token) -> bool:
    """ "force the firm to clean the river, | a hope that has worried its owners": an indefinite
    noun phrase with a relative clause that the parser took for a second object."""
    return (
        first.dep_ == "det"
        and first.lower_ in ("a", "an")
        and head.dep_ in ("dobj", "npadvmod", "attr")
        and any(c.dep_ == "relcl" for c in head.children)
        and any(c.dep_ == head.dep_ and c.i < first.i for c in head.head.children)
    )


def _before_punct(doc: Doc, first: int, last: int) -> int:
    while last > first and doc[last].is_punct and doc[last].text not in "\"”'’":
        last -= 1
    return last


def _nested_cut(ctx: _Context, root: Token, last: int) -> int:
    """End a content before a closing relative clause that carries an attribution of its
    own ("... killed in bombardments | that rescuers say reduced ..."), unless the speaker
    is quoted saying it ('the "system that he claims he will change"')."""
    for t in root.subtree:
        if t.dep_ == "relcl" and t.right_edge.i >= last and t.left_edge.i > root.i + 1:
            if ctx.inside_quote(t.left_edge.idx) is not None:
                continue
            inner = t if _is_cue(t) else None
            if inner is None:
                inner = next((g for g in t.children if g.dep_ == "relcl" and _is_cue(g)), None)
            if inner is not None and any(
                g.dep_ == "nsubj" and g.lower_ not in _RELATIVE for g in inner.children
            ):
                end = t.left_edge.i - 1
                while end > root.i and root.doc[end].is_punct:
                    end -= 1
                return end
    return last


def _content_end(root: Token, last: int) -> int:
    """Cut a reported clause before a coordinated clause with its own subject ("... and
    the contract is one more step") or a trailing adverbial clause (", even as ...")."""
    for d in root.rights:
        if d.i > last:
            break
        after_comma = d.i > 0 and any(
            t.text == "," for t in root.doc[max(root.i, d.left_edge.i - 1) : d.left_edge.i + 1]
        )
        concessive = any(g.dep_ == "mark" and g.lower_ in _CONCESSIVE for g in d.children)
        if (d.dep_ == "conj" and (_new_attribution(d) or _author_clause(root, d))) or (
            d.dep_ == "advcl" and after_comma and concessive
        ):
            end = d.left_edge.i - 1
            while end > root.i and root.doc[end].dep_ in ("cc", "punct"):
                end -= 1
            return end
    return last


def _author_clause(root: Token, conj: Token) -> bool:
    """ "he claimed that the company would hire 2,000 workers | and the deal is one more
    step towards that aim": after a "that"-clause in the future or past, a coordinated
    clause in the present with a subject of its own (a noun) is the author's comment."""
    if not any(g.dep_ == "mark" and g.lower_ == "that" for g in root.children):
        return False
    subject = next((g for g in conj.children if g.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return False
    modal = any(g.tag_ == "MD" or g.tag_ == "VBD" for g in root.children) or root.tag_ == "VBD"
    present = conj.tag_ in ("VBZ", "VBP") and not any(g.tag_ == "MD" for g in conj.children)
    return modal and present


def _new_attribution(tok: Token) -> bool:
    """A coordinated cue with a content of its own ("... and added that ..."), not a verb of
    the reported clause ("... but that it would add layers of complexity")."""
    return (
        _is_cue(tok)
        and any(g.dep_ == "ccomp" for g in tok.children)
        and not any(g.dep_ == "mark" for g in tok.children)
    )


def _topic_extent(cue: Token, obj: Token) -> int:
    """Last token of a topic content: the object (without a trailing ", which ..." aside)
    and the cue's later words up to a comma or dash ("criticized the plan as a farce",
    "cited remarks Trump had made as examples"), not when, where or why it was said."""
    doc = cue.doc
    last = _nonrestrictive_cut(obj)
    for r in cue.rights:
        if r.i <= obj.i:
            continue
        if r.left_edge.i > last + 1 and any(
            t.text in (",", ";", ":", "—", "–", "--", "-", "(")
            for t in doc[last + 1 : r.left_edge.i]
        ):
            break
        if r.dep_ == "cc":
            continue  # 'as "provocative" | and | a "grave threat"': the next word decides
        if r.dep_ == "punct" or (
            r.dep_ == "conj" and r.pos_ in ("VERB", "AUX") and not _second_gerund(obj, r)
        ):
            break
        if _circumstance(r):
            break
        last = max(last, r.right_edge.i)
    # A circumstance the parser hung inside the content: 'as a "disgrace" | on Tuesday',
    # 'as a "broken deal" | during a campaign stop in Reno'.
    for t in doc[obj.i : last + 1]:
        for d in t.rights:
            if d.i > obj.i + 1 and t.right_edge.i == last and _hung_circumstance(d):
                later = [r for r in t.rights if r.i > d.i]
                if all(r.dep_ in ("prep", "npadvmod", "punct") for r in later):
                    return d.i - 1
    return last


def _hung_circumstance(tok: Token) -> bool:
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in ("DATE", "TIME")
    if tok.dep_ != "prep":
        return False
    dated = any(g.ent_type_ in ("DATE", "TIME") for g in tok.children)
    return dated or tok.lower_ in ("during", "amid", "after", "before")


_CIRCUMSTANCE_PREPS = frozenset({"during", "after", "before", "amid", "since", "at", "in", "via"})


def _circumstance(tok: Token) -> bool:
    """A dependent telling when, where, why or through what something was said."""
    if tok.dep_ == "prep":
        objects = [g for g in tok.children if g.dep_ == "pobj"]
        if tok.lower_ in _CIRCUMSTANCE_PREPS:
            return True
        if any(g.ent_type_ in ("DATE", "TIME") for g in objects):
            return True
        return tok.lower_ == "on" and any(
            g.lemma_.lower() in LEX.channel_on or g.text in LEX.channel_on for g in objects
        )
    if tok.dep_ in ("advcl", "xcomp"):
        return (
            _is_cue(tok)
            or tok.tag_ == "VBG"
            or any(g.dep_ == "mark" for g in tok.children)
            or (
                tok.dep_ == "advcl"
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in tok.children)
            )
        )  # "after hackers struck", "citing ...", "to help give context"
    return tok.dep_ in ("npadvmod", "advmod") and tok.ent_type_ in ("DATE", "TIME")


def _nonrestrictive_cut(head: Token) -> int:
    """Last token of ``head``'s phrase before a trailing ", which ..." / ", who ..." aside or
    a dashed apposition: the author's comment on the content, not part of it."""
    doc = head.doc
    last = head.right_edge.i
    for t in head.subtree:
        for d in t.rights:
            if d.dep_ in ("relcl", "appos") and d.left_edge.i > head.i:
                before = doc[d.left_edge.i - 1]
                if before.text in (",", "—", "–", "--") and d.right_edge.i >= last:
                    end = d.left_edge.i - 2
                    return end if end >= head.i else last
    return last


def _second_gerund(obj: Token, conj: Token) -> bool:
    """ "mentioned refinancing car loans | and forcing banks to ...", "talked about
    fares | and cutting rents": a second gerund object the parser coordinated with
    the cue."""
    return (
        conj.tag_ == "VBG"
        and conj.i > obj.i
        and not _is_cue(conj)
        and not any(c.dep_ in _SUBJECTS for c in conj.children)
    )


def _right_extent(cue: Token, content: Token) -> int:
    """Last token of a content that starts at ``content``: its subtree and the cue's later
    dependents ("citing her work | after the attacks"), up to a coordinated clause or a
    second cue (", adding that ...")."""
    last = content.right_edge.i
    for r in cue.rights:
        if r.i <= content.i:
            continue
        if r.dep_ in ("conj", "cc") or (r.dep_ in ("advcl", "xcomp") and _is_cue(r)):
            break
        if r.dep_ != "punct":
            last = max(last, r.right_edge.i)
    return last


def _par_first(ctx: _Context, tok: Token) -> int:
    """Index of the first token of ``tok``'s paragraph."""
    start = ctx.paragraphs[ctx.paragraph_at(tok.idx)][0]
    return ctx.token_at(start) if ctx.doc[ctx.token_at(start)].idx >= start else tok.i


def _after_colon(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """ "X added:" and an unquoted content: the rest of the paragraph, or the next one."""
    doc = ctx.doc
    i = cue.i + 1
    while i < len(doc) and i <= cue.i + 6 and doc[i].text != ":":
        if doc[i].pos_ in ("VERB", "AUX") or doc[i].text in ".?!\n":
            return None
        i += 1
    if i >= len(doc) or i > cue.i + 6 or doc[i].text != ":":
        return None
    colon_end = doc[i].idx + 1
    par = ctx.paragraphs[ctx.paragraph_at(doc[i].idx)]
    rest = ctx.text[colon_end : par[1]]
    if rest.strip():
        start = colon_end + len(rest) - len(rest.lstrip())
        if _MARK.match(ctx.text, start):
            return None
        return start, _rstrip(ctx.text, start, par[1])
    n = ctx.paragraph_at(doc[i].idx) + 1
    if n >= len(ctx.paragraphs):
        return None
    start, end = ctx.paragraphs[n]
    start += len(ctx.text[start:end]) - len(ctx.text[start:end].lstrip())
    if start >= end or _MARK.match(ctx.text, start):
        return None
    return start, _rstrip(ctx.text, start, end)


def _is_question_only(tok: Token) -> bool:
    return len(list(tok.subtree)) < 2


def _appended(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """ "Content, sources said." / "Back home, he said, he decided ..." -> the clause the
    attribution is set off from by commas (the longer side when it stands inside)."""
    sent = cue.sent
    doc = ctx.doc
    # The attribution's own words, without the commas that set it off (", he said,").
    words = [c for c in cue.children if not c.is_punct and not _fronted_content(cue, c)]
    sub_start = min([cue.i] + [c.left_edge.i for c in words])
    sub_end = max([cue.i] + [c.right_edge.i for c in words])
    if cue.dep_ == "ccomp" and (cue.head.i < cue.i or _is_cue(cue.head)):
        return None  # the reported clause of another cue ("..., he said"), not a cue
    if cue.dep_ in ("relcl", "acl") or (
        cue.dep_ == "advcl"
        and any(c.dep_ in ("mark", "advmod") and c.lower_ != "as" for c in cue.children)
    ):
        return None  # "everything the mayor says is ...", "when veterans ask, ...": not set off
    if any(c.dep_ in ("dobj", "xcomp", "ccomp") and not _audience(c) for c in cue.children):
        return None
    if not any(c.dep_ == "nsubj" for c in cue.children):
        return None  # "proposed by Trump", "telling Axios": not a clause of its own
    first = max(sent.start, _par_first(ctx, cue))
    last = sent.end - 1
    if cue.dep_ == "parataxis" and cue.head.dep_ == "relcl":
        # "the market, which, Rossi said, is usually crowded": the clause it interrupts
        first = max(first, cue.head.left_edge.i)
        last = min(last, cue.head.right_edge.i)
    # Not across a colon or semicolon: "It was late: X declared ...".
    for t in doc[first:sub_start]:
        if t.text in (":", ";"):
            first = t.i + 1
    for t in doc[sub_end + 1 : last + 1]:
        if t.text in (":", ";"):
            last = t.i - 1
            break
    if sub_start <= first and _after_quote(ctx, doc[first].idx):
        return None  # '"Still raining?" he said, but ...': the attribution of that quote
    while last > sub_end and doc[last].is_punct:
        last -= 1
    before_ok = sub_start > first and doc[sub_start - 1].text in (",", "—", "–")
    after_ok = sub_end < last and doc[sub_end + 1].text in (",", "—", "–")
    left = (first, sub_start - 2) if before_ok else None
    right = (sub_end + 2, last) if after_ok or (sub_start <= first and sub_end < last) else None
    if sub_start <= first and not after_ok:
        right = None
    sides = [side for side in (left, right) if side and side[1] - side[0] >= 1]
    if not sides:
        return None
    # The longer side, a clause before a phrase: "A, the group said, compared with B".
    start, end = max(sides, key=lambda side: (_has_clause(doc, *side), _chars(doc, *side)))
    return _trimmed(ctx, start, _aside_cut(ctx, start, _concessive_cut(doc, start, end)))


def _has_clause(doc: Doc, first: int, last: int) -> bool:
    """Tokens first..last hold a verb with its own subject."""
    return any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in t.children)
        for t in doc[first : last + 1]
    )


def _after_quote(ctx: _Context, char: int) -> bool:
    """A quotation closes right before ``char`` (spaces aside)."""
    end = _rstrip(ctx.text, max(0, char - 4), char)
    return end > 0 and ctx.text[end - 1] in "\"”'’»" and ctx.inside_quote(end - 1) is not None


def _audience(tok: Token) -> bool:
    """The object of "told me", "told Reuters": whom the words were said to."""
    return (
        tok.dep_ == "dobj"
        and tok.head.lemma_.lower() in LEX.audience_verbs
        and (tok.tag_ == "PRP" or tok.pos_ == "PROPN")
    )


def _chars(doc: Doc, first: int, last: int) -> int:
    """Length in characters of the tokens first..last (the longer side of a split content)."""
    return doc[last].idx + len(doc[last].text) - doc[first].idx


def _fronted_content(cue: Token, child: Token) -> bool:
    """ "Rules vague on whether ..., lawyers say": a fragment the parser hangs on the
    cue as an unlabelled dependent, set off from the subject by a comma."""
    if child.dep_ not in ("dep", "nsubj") or child.i > cue.i:
        return False  # also "Farmers like Ruiz, she said": two subjects, the first is words
    subjects = [c for c in cue.children if c.dep_ in _SUBJECTS and c.i > child.i]
    return bool(subjects) and any(
        t.text == "," for t in cue.doc[child.right_edge.i + 1 : subjects[0].left_edge.i]
    )


def _according(
    ctx: _Context, tok: Token, source: Token, found: list[_Found], claimed: set[int]
) -> None:
    """ "According to X, content." / "Content, according to X." / "As reported by X"."""
    sent = tok.sent
    phrase_start = tok.i
    # The phrase's extent: "according to X" with X's modifiers.
    phrase_end = max(source.right_edge.i, tok.i + 1)
    if tok.lower_ == "as":
        return  # "as reported by X" is a reported_by, set in _reporters
    if phrase_start - sent.start <= 1:
        span = _trimmed(ctx, phrase_end + 1, sent.end - 1)
    elif phrase_end >= sent.end - 2:
        span = _trimmed(ctx, sent.start, phrase_start - 1)
    elif _clause_before(ctx.doc, sent.start, phrase_start):
        # "Taxes rose 3 percent, according to X, more than ...": the clause before it.
        span = _trimmed(ctx, sent.start, phrase_start - 1)
    else:
        # "Vance, according to Ortiz, begged her not to, while ...": the clause around it,
        # split by the phrase; the longer side is the content (as with ", he said,").
        head = tok.head
        first = max(sent.start, head.left_edge.i)
        last = _concessive_cut(ctx.doc, phrase_end + 1, _content_end(head, head.right_edge.i))
        sides = [(first, phrase_start - 1), (phrase_end + 1, last)]
        sides = [side for side in sides if side[1] >= side[0]]
        if not sides:
            return
        span = _trimmed(ctx, *max(sides, key=lambda side: _chars(ctx.doc, *side)))
    if span is None or len(_WORD.findall(ctx.text, span[0], span[1])) < 2:
        return  # "According to MSNBC, basically."
    record = _Found(span[0], span[1], "indirect", sentence=ctx.sent_at(tok.idx))
    record.cue = tok
    record.cue_text = ctx.doc[tok.i : tok.i + 2].text
    source = _author_of(source) or source
    record.speaker = source
    record.mention = _name_span(source)
    claimed.add(tok.i)
    found.append(record)


def _author_of(document: Token) -> Token | None:
    """ "according to a speech Ms. Vance gave", "according to a statement from the
    ministry", "according to his statement": who made the statement or speech."""
    if document.lemma_.lower() not in LEX.channel_in | LEX.channel_at:
        return None
    for c in document.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            objects = [g for g in c.children if g.dep_ == "pobj"]
            if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_):
                return objects[0]
        if c.dep_ in ("relcl", "acl"):
            agent = _agent(c)
            if agent is not None:
                return agent  # "a statement released by the ministry"
            subjects = [g for g in c.children if g.dep_ == "nsubj" and g.tag_ not in ("WDT",)]
            if subjects and subjects[0].lower_ not in _RELATIVE:
                return subjects[0]
    return None


def _clause_before(doc: Doc, first: int, phrase_start: int) -> bool:
    """The words before ", according to X" make a clause of their own (a verb with its
    subject), not just the subject of a clause going on after the phrase."""
    if phrase_start - first < 4 or doc[phrase_start - 1].text not in (",", "—", "–"):
        return False
    return _has_clause(doc, first, phrase_start - 2)


def _trimmed(ctx: _Context, first: int, last: int) -> tuple[int, int] | None:
    """Token range -> character span, without edge punctuation and spaces."""
    doc = ctx.doc
    while (
        first <= last
        and (doc[first].is_punct and doc[first].text not in "\"“'‘")
        or (first <= last and doc[first].is_space)
    ):
        first += 1
    while last >= first and (
        doc[last].is_space or (doc[last].is_punct and doc[last].text in ",;:—–-(.")
    ):
        last -= 1
    if last < first:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    end = min(end, _rstrip(ctx.text, start, ctx.paragraphs[ctx.paragraph_at(start)][1]))
    q = ctx.inside_quote(max(start, end - 1))
    if q is not None and start <= q.start and q.end > end:
        # 'state is "out of control,"': the closing mark with its comma; a content never
        # stops inside a quotation it opens ('called Chile a "quiet success in a decade
        # when ..."' - the parser may end the phrase early)
        end = q.end
    if not _WORD.search(ctx.text, start, end):
        return None
    return start, end


_HEADLINE_LABEL = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(?=[^\s\"“‘'])")


def _headline_labels(ctx: _Context, found: list[_Found]) -> None:
    """ "Pence: Flowers Won't Be at Debate": a line opening with a speaker's name and a
    colon (headline style) reports that speaker's words; datelines and labels ("Update:",
    "WASHINGTON:") are not names of people or organisations."""
    taken = [(f.start, f.end) for f in found]
    for n, (p_start, p_end) in enumerate(ctx.paragraphs):
        m = _HEADLINE_LABEL.match(ctx.text, p_start, p_end)
        if m is None or any(s < p_end and p_start < e for s, e in taken):
            continue
        first = ctx.token_at(m.start(1))
        names = [t for t in ctx.doc[first : ctx.token_at(m.end(1) - 1) + 1] if t.is_alpha]
        if not names or any(t.is_upper for t in names):
            continue
        label = m.group(1)
        if n == 0 and len(label.split()) <= 2 and label.lower() not in LEX.section_labels:
            pass  # the title: "Ruiz: Vance must quit ...", "Survey: Farmers desert ..."
        elif (
            any(t.pos_ != "PROPN" for t in names)
            or ctx.index.owner_at(m.start(1), m.end(1)) is None
            and not any(t.ent_type_ in ("PERSON", "ORG") for t in names)
        ):
            continue
        start = m.end()
        end = _rstrip(ctx.text, start, p_end)
        end -= ctx.text[end - 1 : end] == "."
        if not _WORD.search(ctx.text, start, end):
            continue
        record = _Found(start, end, "indirect", sentence=ctx.sent_at(start))
        record.cue_text = ":"
        record.speaker = ctx.doc[first]
        record.mention = (m.start(1), m.end(1))
        found.append(record)


# --------------------------------------------------------------------------- step 4


def _partials(ctx: _Context, found: list[_Found]) -> None:
    contents = sorted((f.start, f.end) for f in found)
    earlier = [(f, ctx.text[f.start : f.end].lower()) for f in found if f.mention is not None]
    for q in ctx.quoted:
        if q.standalone or q.used:
            continue
        if any(s <= q.start < e for s, e in contents):
            continue  # inside a reported content (its closing mark may stand just after it)
        record = _fragment(ctx, q, earlier)
        if record is not None:
            q.used = True
            found.append(record)


def _fragment(ctx: _Context, q: _Span, earlier: list[tuple[_Found, str]]) -> _Found | None:
    doc = ctx.doc
    inner_start = _inner_start(ctx.text, q.start)
    first = ctx.token_at(inner_start)
    last = ctx.token_at(max(q.start, q.end - 1))
    inside = [t for t in doc[first : last + 1] if q.start <= t.idx < q.end]
    words = [t for t in inside if not t.is_punct]
    if not words:
        return None
    record = _Found(q.start, q.end, "partial", sentence=ctx.sent_at(q.start))
    # The word of the fragment whose head lies outside it.
    heads = [t for t in words if not (q.start <= t.head.idx < q.end)]
    head = heads[0] if heads else words[0]
    if _is_title(words) and _audience_slot(head):
        return None  # 'told "Morning Joe"', 'said on "Face the Nation"': a show, not words
    # 1. A naming or speech verb governing the fragment: 'called it "a farce"'.
    gov = head.head
    for _ in range(3):
        if _is_cue(gov) and ctx.inside_quote(gov.idx) is None:
            _attribute(ctx, record, gov)
            if head.dep_ == "ccomp" and head.head.i == gov.i:
                record.kind = "direct"  # 'he claimed "great progress was made."'
            if record.mention is not None:
                content = _content(ctx, gov)
                if content is not None and content[0] <= inner_start and q.end <= content[1] + 1:
                    # 'blasted the mayor as a "disgrace"', 'reported "412 incidents" in the
                    # region': the content the fragment is part of (or begins)
                    record.start = min(content[0], q.start)
                    record.end = max(content[1], q.end)
                elif content is None and head.dep_ == "dobj" and head.head.i == gov.i:
                    # 'chanted Marley's "One Love"', 'to call a "special session" to
                    # vote on ...': the object the fragment heads
                    span = _trimmed(ctx, head.left_edge.i, _nonrestrictive_cut(head))
                    if span is not None:
                        record.start = min(span[0], q.start)
                        record.end = max(span[1], q.end)
                return record
            record = _Found(q.start, q.end, "partial", sentence=record.sentence)
            break
        if gov.dep_ in ("prep", "pobj", "dobj", "oprd", "attr", "amod", "compound") and (
            gov.head.i != gov.i
        ):
            gov = gov.head
        else:
            break
    # 2. An "as"-clause in the sentence after the fragment: "as described by X".
    sent = doc[first].sent
    for tok in sent:
        if tok.idx < q.end or ctx.inside_quote(tok.idx) is not None:
            continue
        if _is_cue(tok) and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            _attribute(ctx, record, tok)
            if record.mention is not None:
                return record
            record = _Found(q.start, q.end, "partial", sentence=record.sentence)
            break
    # 3. A possessive speaker of a stance noun: 'the Kremlin's "extreme concern"'.
    for t in (head, head.head):
        if t.lemma_.lower() not in LEX.stance_nouns or len(words) > 5:
            continue
        for c in t.children:
            if c.dep_ == "poss" and not (q.start <= c.idx < q.end):
                owner = _actor_of(ctx, c, _name_span(c))
                if owner is not None and c.tag_ not in _PRONOUN_TAGS:
                    record.speaker = c
                    record.mention = _name_span(c)
                    return record
    # 4. The same words quoted earlier with a speaker.
    inner = ctx.text[inner_start : q.end].rstrip("\"“”'’»` ,.").lower()
    if len(_WORD.findall(inner)) >= 2:
        for f, text in earlier:
            if f.end <= q.start and inner in text:
                record.speaker, record.mention = f.speaker, f.mention
                record.cue_text = f.cue_text
                return record
    return None


_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with"})


def _is_title(words: list[Token]) -> bool:
    """Every word capitalised (small words aside): a title ("Meet the Press")."""
    return len(words) <= 6 and all(
        t.text[:1].isupper() or t.lower_ in _SMALL_WORDS or not t.is_alpha for t in words
    )


def _audience_slot(head: Token) -> bool:
    """The fragment is where or to whom something was said: 'on "X"', 'told "X"'."""
    gov = head.head
    if head.dep_ == "pobj" and gov.lower_ in ("on", "to", "in", "at"):
        return True
    return head.dep_ in ("dobj", "dative") and gov.lemma_.lower() in LEX.audience_verbs


# --------------------------------------------------------------------------- reporters


def _reporters(ctx: _Context, found: list[_Found]) -> None:
    """ "As reported by Axios, ..." / "..., Reuters reported": reported_by on the sentence."""
    by_sentence: dict[int, str] = {}
    for sent_i, sent in enumerate(ctx.sents):
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma in LEX.reporting_verbs and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in tok.children
            ):
                agent = _agent(tok)
                if agent is not None:
                    owner = _actor_of(ctx, agent, _name_span(agent))
                    if owner is not None:
                        by_sentence[sent_i] = owner
    for f in found:
        owner = by_sentence.get(f.sentence)
        if owner is not None and owner != _speaker_id(ctx, f):
            f.reported_by = owner


def _speaker_id(ctx: _Context, f: _Found) -> str | None:
    if f.speaker is None:
        if f.mention is None:
            return None
        return ctx.index.owner_at(*f.mention)
    return _actor_of(ctx, f.speaker, f.mention or _name_span(f.speaker))


# --------------------------------------------------------------------------- entry point


def extract_quotes(doc: Doc, *, actors: list[Actor]) -> list[Quote]:
    """Every quote in the article, in text order (ids q1, q2 ...)."""
    if not text_of(doc).strip():
        return []
    ctx = _Context(doc, actors)
    found: list[_Found] = []
    claimed: set[int] = set()
    _direct(ctx, found, claimed)
    _indirect(ctx, found, claimed)
    _headline_labels(ctx, found)
    _partials(ctx, found)
    found = _inherited(ctx, found)
    _reporters(ctx, found)
    found = _deduplicated(found)
    text = ctx.text
    quotes = []
    for n, f in enumerate(sorted(found, key=lambda f: (f.start, f.end)), start=1):
        mention = Mention.of(text, *f.mention) if f.mention else None
        quotes.append(
            Quote(
                id=f"q{n}",
                text=text[f.start : f.end],
                start=f.start,
                end=f.end,
                kind=_kind(ctx, f),
                speaker=_speaker_id(ctx, f),
                speaker_mention=mention,
                cue=f.cue_text,
                channel=f.channel,
                reported_by=f.reported_by,
                why=_why(f),
            )
        )
    return quotes


def _why(f: _Found) -> Why:
    """What made the quote: the kind of construction and its speech cue."""
    if f.orphan:
        rule = "quotation without attribution: speaker of the quote before"
    elif f.kind == "indirect":
        rule = "reported speech: content of a speech cue" if f.content_of else "reported speech"
    elif f.kind == "partial":
        rule = "quoted words inside reported speech"
    else:
        rule = "quotation marks with a speech cue" if f.cue is not None else "quotation marks"
    why: Why = {"rule": rule}
    if f.cue is not None:
        why["entry"] = f"speech cue {f.cue.lemma_.lower()}"
    return why


def _in_relative(tok: Token) -> bool:
    for _ in range(4):
        if tok.dep_ == "relcl":
            return True
        if tok.dep_ in ("ccomp", "ROOT") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _kind(ctx: _Context, f: _Found) -> str:
    if f.kind != "indirect":
        return f.kind
    inside = [q for q in ctx.quoted if f.start <= q.start < f.end]
    if not inside:
        return "indirect"
    if len(inside) == 1 and _covers(ctx.text, f, inside[0]):
        return "direct"
    return "partial"


def _covers(text: str, f: _Found, q: _Span) -> bool:
    outside = text[f.start : q.start] + text[q.end : f.end]
    return len(_WORD.findall(outside)) <= 1


def _deduplicated(found: list[_Found]) -> list[_Found]:
    """Drop a record whose span lies inside another with the same cue or speaker, and an
    indirect quote whose cue lies inside another quote's content (nested attributions
    belong to the outer speaker: "Ushakov said that Putin warned ..." is Ushakov's), except
    in a relative clause ("bombardments that rescuers say ...")."""
    spans = sorted((f.start, f.end) for f in found)
    found = [
        f
        for f in found
        if f.content_of is None
        or _in_relative(f.content_of)
        or not any(s <= f.content_of.idx < e for s, e in spans if (s, e) != (f.start, f.end))
    ]
    found = sorted(found, key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    for f in found:
        if any(
            k.start <= f.start
            and f.end <= k.end
            and (k.start, k.end) != (f.start, f.end)
            and (_same(k.cue, f.cue) or k.mention == f.mention)
            for k in kept[-5:]
        ):
            continue
        if any((k.start, k.end) == (f.start, f.end) for k in kept[-5:]):
            continue
        kept.append(f)
    return kept


def _same(a: Token | None, b: Token | None) -> bool:
    """spaCy makes a new Token object on every access: compare positions."""
    return a is not None and b is not None and a.i == b.i
