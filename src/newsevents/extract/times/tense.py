"""The tense of the clause a time expression sits in (past, future or unknown), from the verb
that governs it, outside quotations: it places bare weekdays, months and dates without a
year.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.extract.times.lexicon import LEX

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})


def _verb_tense(verb: Token, depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
        return "future"
    if "would" in words:
        return "future"  # "said it would meet Thursday": ahead of the published day
    if words & {"could", "might", "may", "should", "must", "can"}:
        return None
    if any(a.lower_ == "going" for a in auxes) and any(c.lower_ == "to" for c in verb.children):
        return "future"
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        head = verb.head
        if head is not verb and depth < 3:
            if head.lemma_ in LEX.future_heads or head.lemma_ == "be":
                return "future"
            return _verb_tense(head, depth + 1)
        return None
    planned = verb.tag_ == "VBN" and verb.lemma_ in LEX.planned_verbs
    if planned and not any(a.tag_ == "VBD" for a in auxes):
        return "future"  # "talks are scheduled for Thursday", "has been planned for May"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if words & {"has", "have", "had", "'ve", "'s"} and verb.tag_ == "VBN":
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'re", "'s"}:
        return "future"
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ in LEX.reporting_verbs:
        return "past"  # "the paper says in a headline Thursday": the saying is done
    if verb.tag_ in ("VBZ", "VBP"):
        return "future"
    return None


_QUOTE_MARKS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb"}


def _quoted(sent: Span) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the quotations in a sentence (balanced marks only)."""
    ranges: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for token in sent:
        if opened is None:
            if token.text in _QUOTE_MARKS:
                opened = (token.i, _QUOTE_MARKS[token.text])
        elif token.text == opened[1] or (opened[1] == '"' and token.text == "\u201d"):
            ranges.append((opened[0], token.i + 1))
            opened = None
    return ranges


def _outside_quotes(verb: Token, span: Span) -> Token:
    """The verb itself, or, when it lies in a quotation that the time span is outside of
    (a quoted headline: 'said in a headline Thursday "Putin Wants War"'), the first verb
    above it outside that quotation: a headline's present tense is not the clause's. A
    quoted verb with a future auxiliary ('says the ministers "will meet" Thursday') stays.
    """
    if any(c.dep_ == "aux" and c.lower_ in (*_FUTURE_AUX, "would") for c in verb.children):
        return verb
    for start, end in _quoted(span.sent):
        if start <= verb.i < end and not (start <= span.start and span.end <= end):
            head = verb
            # Tokens are new objects on each access: the root is its own head by index.
            # (An identity test here looped forever on a quoted root: found by tests/fuzz.)
            while start <= head.i < end and head.head.i != head.i:
                head = head.head
            if not start <= head.i < end and head.pos_ in ("VERB", "AUX"):
                return head
    return verb


def tense_of(span: Span) -> str | None:
    """The tense of the clause a time expression belongs to (None if it has no verb)."""
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        verb = span.sent.root
        if verb.pos_ not in ("VERB", "AUX"):
            return None
    return _verb_tense(_outside_quotes(verb, span))
