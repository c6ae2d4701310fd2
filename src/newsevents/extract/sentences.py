"""Sentences with their kind (report / attributed / opinion) and tone, and the article's tone.

Tone uses the VADER lexicon (vaderSentiment on PyPI): a sentence's tone is VADER's compound
score in -1..1; the document's tone is GDELT-style: the share of words (in percent) that
carry positive and negative valence, and their difference as `score`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from newsevents.kb.lexicons import Lexicons, load_lexicons
from newsevents.nlp import text_of
from newsevents.records import Quote, Sentence, Tone

_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]")


@dataclass(frozen=True)
class OpinionCues:
    phrases: re.Pattern[str]
    evaluative: frozenset[str]
    modals: frozenset[str]


@lru_cache(maxsize=4)
def opinion_cues(lexicons: Lexicons | None = None) -> OpinionCues:
    """The cues of ``opinion.yaml`` in ``lexicons`` (default: the package's), compiled."""
    data = (lexicons or load_lexicons()).opinion
    alternatives = "|".join(re.escape(p) for p in sorted(data["phrases"], key=len, reverse=True))
    return OpinionCues(
        phrases=re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE),
        evaluative=frozenset(data["evaluative_predicates"]),
        modals=frozenset(data["prescriptive_modals"]),
    )


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def extract_sentences(
    doc: Doc, *, quotes: list[Quote], lexicons: Lexicons | None = None
) -> list[Sentence]:
    """Every sentence of the article, in order, with kind and tone."""
    vader = analyzer()
    cues = opinion_cues(lexicons)
    quoted = [(q.start, q.end) for q in quotes]
    article = text_of(doc)
    sentences = []
    for sent in doc.sents:
        start, end = _trim(article, sent.start_char, sent.end_char)
        if start >= end:
            continue
        tone = round(vader.polarity_scores(article[start:end])["compound"], 4)
        sentences.append(Sentence(start, end, kind=sentence_kind(sent, quoted, cues), tone=tone))
    return sentences


def sentence_kind(
    sent: Span, quoted: list[tuple[int, int]], cues: OpinionCues | None = None
) -> str:
    """attributed when it carries a quote or an "according to"; opinion on the author's cues."""
    start, end = sent.start_char, sent.end_char
    if any(q_start < end and start < q_end for q_start, q_end in quoted):
        return "attributed"
    if "according to" in sent.text.lower():
        return "attributed"
    return "opinion" if is_opinion(sent, cues) else "report"


def is_opinion(sent: Span, cues: OpinionCues | None = None) -> bool:
    """The author's judgement or speculation, outside any quotation marks."""
    cues = cues or opinion_cues()
    text = sent.text  # Span.text joins the tokens anew on each access: take it once
    outside = _QUOTED.sub(" ", text)
    if cues.phrases.search(outside):
        return True
    if outside.rstrip().endswith("?"):
        return True
    for token in sent:
        lower = token.lower_
        # "Kyiv's frustration is palpable": an evaluative adjective predicated by a copula.
        evaluative = (
            lower in cues.evaluative and token.dep_ == "acomp" and token.head.lemma_ == "be"
        )
        # "The West should act": a prescriptive modal on the main verb.
        prescriptive = lower in cues.modals and token.dep_ == "aux" and token.head.dep_ == "ROOT"
        if (evaluative or prescriptive) and not _inside_quotes(token.idx - sent.start_char, text):
            return True
    return False


def document_tone(doc: Doc) -> Tone:
    """GDELT-style tone: percent positive words, percent negative words, and their difference."""
    lexicon = analyzer().lexicon
    words = positive = negative = 0
    for token in doc:
        if not token.is_alpha:
            continue
        words += 1
        valence = lexicon.get(token.lower_)
        if valence is None:
            continue
        if valence > 0:
            positive += 1
        elif valence < 0:
            negative += 1
    if not words:
        return Tone()
    pos, neg = 100 * positive / words, 100 * negative / words
    return Tone(score=round(pos - neg, 3), positive=round(pos, 3), negative=round(neg, 3))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside_quotes(offset: int, text: str) -> bool:
    """True when an odd number of quotation marks precede offset in text."""
    return sum(text.count(mark, 0, offset) for mark in '"“”') % 2 == 1
