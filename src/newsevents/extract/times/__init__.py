"""Time expressions: find calendar expressions in a parsed article and resolve them.

Every expression is resolved against the article's publication date (``published``);
with no publication date the expression is still emitted, with ``value`` null. Rules
(regular expressions compiled once at import, lexicons in ``kb/times.yaml``) find the
spans; the verb that governs a span gives the tense used to place bare weekdays, months
and dates without a year. The conventions, chosen to be what an analyst expects:

- Weeks run Monday to Sunday (ISO 8601). "this week" is the published week, "last week"
  the one before, "next week" the one after (granularity ``week``).
- A bare weekday is the published day when it is the published weekday; otherwise the
  most recent one, unless the governing verb is future ("will", "is expected to", a
  present tense in a plan) or the phrase says "next"/"coming": then the next one. "last
  Friday" is always the most recent Friday before the published day.
- A month or "March 31" without a year is placed by tense (past -> the most recent one
  not after the published day, future -> the next one) when that reading is within ten
  months of the published day, else it is the closest one. A deadline word before it
  ("until", "by", "payable", "extended to") counts as future. "Monday, Oct. 13" takes
  the year in which Oct. 13 is a Monday.
- "early/mid/late March" and "early/mid/late 2023" are the first, middle or last third of
  the unit (March 1-10, 11-20, 21-31; Jan-Apr, May-Aug, Sep-Dec), granularity ``range``.
  "earlier this month/year" runs from the unit's start to the published day, "later this
  month/year" from the published day to the unit's end.
- "within/in/over the next two weeks" is published .. published + 14 days (``range``);
  "the past/last two weeks" is published - 14 days .. published (``range``).
- "the coming days" is published .. +7 days, "the coming weeks" .. +28 days, "the coming
  months" .. +3 months (``range``): bounded guesses an analyst can filter on; "in recent
  days/weeks/months" is the same window before the published day.
- "two days ago" and "three weeks ago" are one day (granularity ``day``); "two months
  ago" is that month, "five years ago" that year. "two days later" counts from the last
  date the article named; "ten days before the vote" (relative to an event) has value null.
- "in two weeks" / "two weeks from now" is the day published + 14.
- Quarters ("the third quarter", "Q3 2024") are ``range`` values; "the quarter", "the
  latest quarter" refer to the last quarter named in the article, else the last completed
  one; "the year-ago quarter" and "a year earlier" next to a quarter are that quarter one
  year before.
- "the 1990s" is 1990-01-01..1999-12-31 (``range``); seasons are meteorological
  (spring = March-May; winter = December-February, named by the year it starts in).
- "the weekend" is Saturday-Sunday (``range``): the coming one in a future clause, else
  the most recent one.
- Single vague words ("now", "recently", "soon", "currently") are not emitted: they cannot
  be placed on a calendar, and an analyst filtering by date gains nothing from them.
- Anaphors ("that year", "the following day") count from the last date the article named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsevents.extract.times.dates import NO_DATE, Interval, Resolution
from newsevents.extract.times.patterns import RULES, Context, Rule
from newsevents.extract.times.rules import YEAR_AGO, quarter_of
from newsevents.extract.times.tense import tense_of
from newsevents.nlp import text_of
from newsevents.records import Time, TimeValue

__all__ = ["extract_times", "resolve_time"]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


_RULE_ORDER = {rule.name: i for i, rule in enumerate(RULES)}


# Rules whose result names the quarter the article is about (the anchor of "the quarter",
# "a year earlier"); relative quarters never move the anchor.
_QUARTER_ANCHORS = frozenset({"quarter", "quarter_q"})


def _candidates(text: str) -> list[_Candidate]:
    """Every rule match, longest first; among equal lengths, the earlier rule."""
    found = [
        _Candidate(m.start(), m.end(), rule, m)
        for rule in RULES
        for m in rule.pattern.finditer(text)
        if m.end() > m.start()
    ]
    found.sort(key=lambda c: (-(c.end - c.start), _RULE_ORDER[c.rule.name], c.start))
    return found


def _context(cand: _Candidate, text: str, published: dt.date, span: Span | None) -> Context:
    return Context(
        published=published,
        tense=tense_of(span) if span is not None else None,
        before=text[max(0, cand.start - 40) : cand.start],
        after=text[cand.end : cand.end + 40],
        sentence=span.sent.text if span is not None else text,
    )


def _token_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of a match; None when the match starts or ends inside a token."""
    return doc.char_span(start, end, alignment_mode="strict")


def _handle(rule: Rule, match: re.Match[str], ctx: Context) -> Resolution | None:
    """A rule's resolution; None when it falls off the calendar (a publication date in
    year 1 or 9999 and "last March": found by tests/fuzz)."""
    try:
        return rule.handler(match, ctx)
    except (ValueError, OverflowError):
        return None


def extract_times(doc: Doc, *, published: dt.date | None) -> list[Time]:
    """Every time expression of the article, resolved against ``published``."""
    text = text_of(doc)
    base = published or NO_DATE
    # 1. Choose the spans: longest first, skipping matches a rule rejects in context.
    taken: list[tuple[_Candidate, Span]] = []
    for cand in _candidates(text):
        if any(cand.start < c.end and c.start < cand.end for c, _ in taken):
            continue
        span = _token_span(doc, cand.start, cand.end)
        if span is None:
            continue
        if _handle(cand.rule, cand.match, _context(cand, text, base, span)) is not None:
            taken.append((cand, span))
    # 2. Resolve in text order, so "the quarter" and "that year" see what came before.
    anchors: dict[str, Interval] = {}
    times: list[Time] = []
    for cand, span in sorted(taken, key=lambda t: t[0].start):
        ctx = _context(cand, text, base, span)
        ctx.anchors = anchors
        result = _handle(cand.rule, cand.match, ctx)
        if result is None:
            continue
        interval, granularity = result
        value = None
        if interval is not None and published is not None:
            value = TimeValue(interval[0].isoformat(), interval[1].isoformat())
            if granularity != "range" or quarter_of(interval):
                anchors["any"] = interval
            if cand.rule.name in _QUARTER_ANCHORS and not YEAR_AGO.search(cand.match[0]):
                anchors["quarter"] = interval
        times.append(Time(span.text, span.start_char, span.end_char, value, granularity))
    return times


_LEADING_PREPOSITION = re.compile(
    r"(?:in|on|at|since|by|during|until|till|from|for|before|after|of|through)\s+", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, published: dt.date | None) -> tuple[TimeValue | None, str] | None:
    phrase = text.strip()
    attempts = [("", phrase)]
    prep = _LEADING_PREPOSITION.match(phrase)
    if prep:  # "in 2019", "since May": the preposition is context, not part of the time
        attempts.append((prep[0], phrase[prep.end() :]))
    attempts.append(("in ", phrase))  # a lone "May" given as a time phrase is the month
    for before, rest in attempts:
        for rule in RULES:
            m = rule.pattern.fullmatch(rest)
            if m is None:
                continue
            result = _handle(rule, m, Context(published=published or NO_DATE, before=before))
            if result is None:
                continue
            interval, granularity = result
            if interval is None or published is None:
                return None, granularity
            return TimeValue(interval[0].isoformat(), interval[1].isoformat()), granularity
    return None


def resolve_time(text: str, published: dt.date | None) -> tuple[TimeValue | None, str] | None:
    """Resolve one phrase ("next week", "March 31") without an article: the value and the
    granularity, or None if the phrase is not a time expression. With no tense to go by,
    a bare weekday is the most recent one and a month or date without year the closest."""
    result = _resolve_cached(text, published)
    if result is None:
        return None
    value, granularity = result
    return (TimeValue(value.start, value.end) if value else None), granularity
