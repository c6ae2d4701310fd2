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

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsevents.kb.lexicons import Lexicons, load_lexicons
from newsevents.nlp import text_of
from newsevents.records import Time, TimeValue

Interval = tuple[dt.date, dt.date]
# A resolved expression: the interval (None when it cannot be placed) and a granularity.
Resolution = tuple[Interval | None, str]

# TimeML's convention, which TimeBank and the tools analysts use follow: "early March" has
# the value of March (the modifier narrows the meaning, not the value), so the interval
# always contains the date meant. Set True to narrow instead: "early March" = March 1-10,
# "earlier this month" = the 1st to the published day.
NARROW_MODIFIERS = False

# Stand-in date used only to compute a granularity when there is no publication date; its
# interval is always discarded.
_NO_DATE = dt.date(2000, 1, 3)


# ---------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    ambiguous: frozenset[str]
    seasons: dict[str, tuple[int, int]]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    holidays: dict[str, tuple[int, int]]
    spoken_tens: dict[str, int]
    reporting_verbs: frozenset[str]


def _load_lexicon(lexicons: Lexicons) -> _Lexicon:
    raw = lexicons.times
    return _Lexicon(
        months={k: int(v) for k, v in raw["months"].items()},
        weekdays={k: int(v) for k, v in raw["weekdays"].items()},
        ambiguous=frozenset(raw["ambiguous_abbreviations"]),
        seasons={k: (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        numbers={k.lower(): int(v) for k, v in raw["numbers"].items()},
        ordinals={k.lower(): int(v) for k, v in raw["ordinals"].items()},
        holidays={k: (int(v[0]), int(v[1])) for k, v in raw["fixed_holidays"].items()},
        spoken_tens={k.lower(): int(v) for k, v in raw["spoken_tens"].items()},
        reporting_verbs=lexicons.speech_verbs["times"],
    )


LEX = _load_lexicon(load_lexicons())
_FULL_MONTHS = {name for name in LEX.months if len(name) > 4 or name in ("May", "June", "July")}
_FULL_WEEKDAYS = {name for name in LEX.weekdays if name.endswith("day")}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _names(lexicon: dict[str, int], full: set[str], *, ambiguous_ok: bool) -> str:
    parts = []
    for name in sorted(lexicon, key=len, reverse=True):
        if name in full:
            parts.append(re.escape(name))
        elif ambiguous_ok or name not in LEX.ambiguous:
            parts.append(re.escape(name) + r"\.?")
    return "(?:" + "|".join(parts) + r")(?![A-Za-z])"


# ---------------------------------------------------------------------------- patterns

_M_ALL = _names(LEX.months, _FULL_MONTHS, ambiguous_ok=True)
_M = _names(LEX.months, _FULL_MONTHS, ambiguous_ok=False)
_WD = "(?:" + _alternation(sorted(_FULL_WEEKDAYS)) + r")(?![A-Za-z])"
_NUM = "(?:" + _alternation(list(LEX.numbers)) + r"|\d{1,3})"
_ORD = "(?:" + _alternation(list(LEX.ordinals)) + ")"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%]|[.,]\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_CLOCK = (
    r"(?:(?:around\s+|about\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|"
    r"midnight|midday)(?:\s+(?:[ECMP][SD]T|GMT|UTC))?)"
)
_MOD = (
    r"(?i:early|mid-|mid|late|the\s+(?:beginning|start|middle|end|close)\s+of|"
    r"the\s+(?:first|second)\s+half\s+of)"
)
_PART = r"(?:morning|afternoon|evening|night)"
_UNIT = r"(?:day|week|fortnight|month|year|decade)"

_FLAGS = re.IGNORECASE


@dataclass
class _Context:
    """What a rule may use: the publication date, the tense, the article around the span."""

    published: dt.date
    tense: str | None = None  # "past" | "future" | None
    before: str = ""  # up to 40 characters before the span
    after: str = ""  # up to 40 characters after the span
    sentence: str = ""
    anchors: dict[str, Interval] = field(default_factory=dict)


Handler = Callable[[re.Match[str], _Context], Resolution | None]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


_RULES: list[_Rule] = []


def _rule(name: str, pattern: str, flags: int = 0) -> Callable[[Handler], Handler]:
    # Expressions start at a word's start: the lookbehind also lets the engine skip the
    # inside of words fast (the scan cost a quarter of extraction time without it).
    compiled = re.compile(rf"(?<!\w)(?:{pattern})", flags)

    def register(handler: Handler) -> Handler:
        _RULES.append(_Rule(name, compiled, handler))
        return handler

    return register


# ---------------------------------------------------------------------------- calendar


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), _month_end(year, month)


def _year(year: int) -> Interval:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _week(day: dt.date) -> Interval:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _quarter(year: int, q: int) -> Interval:
    return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return _add_months(day, n)
    if unit == "year":
        return _add_months(day, 12 * n)
    return _add_months(day, 120 * n)  # decade


def _unit_of(day: dt.date, unit: str) -> Interval:
    if unit == "week":
        return _week(day)
    if unit == "month":
        return _month(day.year, day.month)
    if unit == "decade":
        start = day.year - day.year % 10
        return dt.date(start, 1, 1), dt.date(start + 9, 12, 31)
    return _year(day.year)


def _third(interval: Interval, which: str) -> Interval:
    """The first, middle or last third of an interval ("early", "mid", "late")."""
    start, end = interval
    if (end - start).days > 40:  # a year or longer: split by months
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        size = months // 3
        if which == "early":
            return start, _month_end(*_ym(_add_months(start, size - 1)))
        if which == "mid":
            return _add_months(start, size), _month_end(*_ym(_add_months(start, 2 * size - 1)))
        return _add_months(start, 2 * size), end
    # A month: days 1-10, 11-20, 21-end; a week: Mon-Tue, Wed-Thu, Fri-Sun.
    days = (end - start).days + 1
    size = 10 if days >= 28 else days // 3
    if which == "early":
        return start, start + dt.timedelta(days=size - 1)
    if which == "mid":
        return start + dt.timedelta(days=size), start + dt.timedelta(days=2 * size - 1)
    return start + dt.timedelta(days=2 * size), end


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _mod_kind(mod: str | None) -> str | None:
    if not mod:
        return None
    mod = mod.lower()
    if mod.startswith(("early", "the beginning", "the start", "the first half")):
        return "early"
    if mod.startswith(("mid", "the middle")):
        return "mid"
    return "late"


def _half(interval: Interval, mod: str) -> Interval | None:
    mod = mod.lower()
    if "half" not in mod:
        return None
    start, end = interval
    if "first" in mod:
        return start, _month_end(*_ym(_add_months(start, 5)))
    return _add_months(start, 6), end


def _modified(interval: Interval, mod: str | None) -> Resolution | None:
    """Apply early/mid/late/first half to a unit; None if there is none (or if modifiers
    are not narrowed, see NARROW_MODIFIERS): the caller then keeps the whole unit."""
    if not mod:
        return None
    half = _half(interval, mod)
    if half:
        return half, "range"
    if not NARROW_MODIFIERS:
        return None
    kind = _mod_kind(mod)
    assert kind is not None
    return _third(interval, kind), "range"


# A date or month written without a year is rarely more than ten months from the published
# day: the tense places it only within that horizon, otherwise the closest reading wins.
_TENSE_HORIZON_DAYS = 300


def _closest(candidates: list[Interval], published: dt.date) -> Interval:
    """The candidate nearest the published day (ties go to the past)."""

    def distance(c: Interval) -> tuple[int, int]:
        if c[0] <= published <= c[1]:
            return 0, 0
        gap = (c[0] - published).days if c[0] > published else (published - c[1]).days
        return gap, 0 if c[0] < published else 1

    return min(candidates, key=distance)


def _by_tense(candidates: list[Interval], published: dt.date, tense: str | None) -> Interval:
    """past -> the latest not after published, future -> the earliest not before it."""
    if tense == "past":
        past = [c for c in candidates if c[0] <= published]
        if past:
            return max(past)
    if tense == "future":
        future = [c for c in candidates if c[1] >= published]
        if future:
            return min(future)
    return _closest(candidates, published)


def _pick(candidates: list[Interval], published: dt.date, tense: str | None) -> Interval:
    """The reading the tense points to if it is within the horizon, else the closest."""
    chosen = _by_tense(candidates, published, tense)
    gap = min(abs((chosen[0] - published).days), abs((chosen[1] - published).days))
    return chosen if gap <= _TENSE_HORIZON_DAYS else _closest(candidates, published)


def _month_in_context(month: int, published: dt.date, tense: str | None) -> Interval:
    return _pick([_month(published.year + k, month) for k in (-1, 0, 1)], published, tense)


def _date_in_context(month: int, day: int, published: dt.date, tense: str | None) -> Interval:
    candidates = []
    for k in (-1, 0, 1):
        try:
            d = dt.date(published.year + k, month, day)
        except ValueError:
            continue
        candidates.append((d, d))
    return _pick(candidates, published, tense)


def _weekday(published: dt.date, weekday: int, direction: str | None) -> dt.date:
    """direction: "last" (strictly before), "next" (strictly after), "past"/"future"
    (the published day itself when it is that weekday), None (= past)."""
    diff = weekday - published.weekday()
    if direction == "last":
        return published + dt.timedelta(days=(diff % 7) - 7 if diff % 7 else -7)
    if direction == "next":
        return published + dt.timedelta(days=diff % 7 or 7)
    if diff == 0:
        return published
    if direction == "future":
        return published + dt.timedelta(days=diff % 7)
    return published - dt.timedelta(days=(-diff) % 7)


def _number(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return int(word)
    return LEX.numbers.get(word)


def _day(iv: dt.date) -> Resolution:
    return (iv, iv), "day"


# ---------------------------------------------------------------------------- rules
# Order matters only for equal-length overlapping matches: the first rule wins.


@_rule(
    "month_day",
    rf"(?:(?P<weekof>(?i:the\s+week\s+of))\s+|(?P<rel>(?i:last|next|this|this\s+coming))\s+)?"
    rf"(?:{_CLOCK},?\s+)?(?:(?P<wd>{_WD})\s*,?\s+)?(?P<mon>{_M_ALL})\s+(?P<day>{_DAY})"
    rf"(?:\s*,?\s*(?P<year>{_YEAR}))?(?!\s*(?:%|percent|-|–))",
)
def _month_day(m: re.Match[str], ctx: _Context) -> Resolution | None:
    groups = m.groupdict()
    month = LEX.months[m["mon"].rstrip(".")]
    day = int(re.sub(r"\D", "", m["day"]))
    if m["year"]:
        try:
            date = dt.date(int(m["year"]), month, day)
        except ValueError:
            return None
    else:
        if day > 31 or (month == 2 and day > 29):
            return None
        rel = (groups.get("rel") or "").lower()
        tense = "past" if rel == "last" else "future" if rel else _date_tense(ctx)
        date = _date_in_context(month, day, ctx.published, tense)[0]
        if groups.get("wd"):  # "Monday, Oct. 26": the year in which that day is a Monday
            weekday = LEX.weekdays[groups["wd"]]
            for year in (date.year, date.year - 1, date.year + 1):
                try:
                    if dt.date(year, month, day).weekday() == weekday:
                        date = dt.date(year, month, day)
                        break
                except ValueError:
                    continue
    if groups.get("weekof"):
        return _week(date), "week"
    return _day(date)


def _date_tense(ctx: _Context) -> str | None:
    """The tense used to place a date or month without a year: a deadline word before it
    ("until", "payable", "extended to") points forward whatever the verb."""
    return "future" if _FUTURE_CUES.search(ctx.before) else ctx.tense


@_rule(
    "day_month",
    rf"(?:(?P<wd>{_WD})\s*,?\s+)?(?:the\s+)?(?<![\d.,])(?P<day>{_DAY})(?:\s+of)?\s+(?P<mon>{_M_ALL})"
    rf"(?:\s*,?\s*(?P<year>{_YEAR}))?",
)
def _day_month(m: re.Match[str], ctx: _Context) -> Resolution | None:
    return _month_day(m, ctx)


@_rule(
    "month_year",
    rf"(?:(?P<mod>{_MOD})\s*)?(?P<mon>{_M})\s*,?\s+(?:of\s+)?(?P<year>{_YEAR})",
)
def _month_year(m: re.Match[str], ctx: _Context) -> Resolution | None:
    month = _month(int(m["year"]), LEX.months[m["mon"].rstrip(".")])
    return _modified(month, m["mod"]) or (month, "month")


_MONTH_PREPS = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|to|before|after|during|between|and|or|"
    r"last|next|this|early|late|mid|end|beginning|start|middle|the|a|an|its|their)\s*-?\s*)$",
    re.IGNORECASE,
)


@_rule(
    "month",
    rf"(?:(?P<mod>{_MOD})\s*|(?P<rel>(?i:last|next|this|this\s+coming|the\s+coming|coming|"
    rf"past|previous|the\s+previous|the\s+following))\s+)?(?P<mon>{_M})"
    rf"(?:\s+(?P<yrel>(?i:last|this|next))\s+year)?(?![\w-])",
)
def _month_alone(m: re.Match[str], ctx: _Context) -> Resolution | None:
    name = m["mon"].rstrip(".")
    month = LEX.months[name]
    if not (m["mod"] or m["rel"] or m["yrel"]):
        # "May" is a modal verb and month names are also personal names ("August Wilson").
        if name in ("May", "March") and not _MONTH_PREPS.search(ctx.before):
            return None
        if re.match(r"\s+[A-Z][a-z]", ctx.after) and not _MONTH_PREPS.search(ctx.before):
            return None
    published = ctx.published
    rel = (m["rel"] or "").lower()
    if m["yrel"]:
        year = published.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        interval = _month(year, month)
    elif rel in ("last", "past", "previous", "the previous"):
        this_month = dt.date(published.year, published.month, 1)
        interval = _by_tense(
            [_month(published.year + k, month) for k in (-1, 0)], this_month, "past"
        )
        if interval[0] >= this_month:
            interval = _month(interval[0].year - 1, month)
    elif rel in ("next", "coming", "the coming", "this coming", "the following"):
        interval = _month(published.year, month)
        if interval[0] <= published:
            interval = _month(published.year + 1, month)
    elif rel == "this":
        interval = _month(published.year, month)
    else:
        interval = _month_in_context(month, published, _date_tense(ctx))
    return _modified(interval, m["mod"]) or (interval, "month")


_YEAR_NOT_BEFORE = re.compile(r"(?:[\w$£€#/]|\d[-–]|No\.\s?|[.,])$")
_YEAR_PREPS = re.compile(
    r"\b(?:in|since|until|till|by|of|from|through|to|before|after|during|between|and|"
    r"around|circa|year|fiscal)\s+$",
    re.IGNORECASE,
)
_YEAR_NOT_AFTER = re.compile(
    r"\s*(?:[-–]\s*\d|(?:percent|per\s+cent|people|troops|soldiers|dollars|"
    r"tons|tonnes|km|miles|feet|meters|metres|men|women|children|votes|seats|units|"
    r"acres|barrels|shares|rubles|euros|pounds|yen|yuan|cases|deaths)\b)",
    re.IGNORECASE,
)


@_rule(
    "year",
    rf"(?:(?P<mod>{_MOD})\s*|(?P<pre>(?i:fiscal(?:\s+year)?|the\s+year|FY|post-|pre-)\s*))?"
    rf"(?<![\w$£€#])(?P<year>{_YEAR})(?P<post>(?i:\s+and\s+beyond|\s+or\s+later|\s+onwards?))?"
    rf"(?![\w'’])",
)
def _year_rule(m: re.Match[str], ctx: _Context) -> Resolution | None:
    year = int(m["year"])
    if not (m["mod"] or m["pre"]):
        if _YEAR_NOT_BEFORE.search(ctx.before) or _YEAR_NOT_AFTER.match(ctx.after):
            return None
        if year < 1800 and not _YEAR_PREPS.search(ctx.before):
            return None
    interval = _year(year)
    return _modified(interval, m["mod"]) or (interval, "year")


@_rule(
    "decade",
    r"(?:the\s+)?(?:(?P<mod>early|mid-|mid|late)\s*)?(?:(?P<dec>1[0-9]\d0|20\d0)|'(?P<short>\d0))s(?![\w'])",
    _FLAGS,
)
def _decade(m: re.Match[str], ctx: _Context) -> Resolution | None:
    if m["dec"]:
        start = int(m["dec"])
    else:
        short = int(m["short"])
        start = 2000 + short if 2000 + short <= ctx.published.year else 1900 + short
    interval = dt.date(start, 1, 1), dt.date(start + 9, 12, 31)
    if m["mod"]:
        kind = _mod_kind(m["mod"])
        bounds = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[kind or "late"]
        interval = dt.date(start + bounds[0], 1, 1), dt.date(start + bounds[1], 12, 31)
    return interval, "range"


# Quarters ----------------------------------------------------------------------------


def _last_completed_quarter(published: dt.date) -> tuple[int, int]:
    q = (published.month - 1) // 3 + 1
    return (published.year, q - 1) if q > 1 else (published.year - 1, 4)


def _quarter_of(interval: Interval) -> tuple[int, int] | None:
    start, end = interval
    if start.day == 1 and start.month % 3 == 1 and end == _month_end(start.year, start.month + 2):
        return start.year, (start.month - 1) // 3 + 1
    return None


def _anchor_quarter(ctx: _Context) -> tuple[int, int]:
    anchor = ctx.anchors.get("quarter")
    if anchor:
        found = _quarter_of(anchor)
        if found:
            return found
    return _last_completed_quarter(ctx.published)


_YEAR_AGO = re.compile(r"year[\s-]+(?:ago|earlier)|(?:a|one)\s+year\s+(?:ago|earlier|before)|"
                       r"comparable|corresponding|last\s+year|previous\s+year|prior[\s-]year",
                       re.IGNORECASE)  # fmt: skip


@_rule(
    "quarter",
    rf"(?:(?:(?P<yrel>last|this|next)\s+year's|(?P<det>the|its|this|that|a|last|next))\s+)?"
    rf"(?:(?:fiscal|latest|current|comparable|same|year-ago|year-earlier|flat|strong|weak|"
    rf"disappointing|previous|preceding)[\s-]+)*"
    rf"(?:(?P<year1>{_YEAR})\s+)?(?P<ord>{_ORD})[\s-](?:fiscal[\s-])?quarter"
    rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year2>{_YEAR})|,?\s+(?P<year3>{_YEAR})|"
    rf"\s+(?P<tail>a\s+year\s+(?:ago|earlier)|of\s+last\s+year|last\s+year))?(?![\w-])",
    _FLAGS,
)
def _quarter_rule(m: re.Match[str], ctx: _Context) -> Resolution | None:
    q = LEX.ordinals[m["ord"].lower()]
    explicit = m["year1"] or m["year2"] or m["year3"]
    if explicit:
        return _quarter(int(explicit), q), "range"
    year = ctx.published.year
    if m["yrel"]:
        year += {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
    elif m["tail"] or _YEAR_AGO.search(m[0]) or (m["det"] or "").lower() == "last":
        year -= 1
    elif (m["det"] or "").lower() == "next":
        year += 1
    else:
        current = (ctx.published.month - 1) // 3 + 1
        if q > current and ctx.tense == "past":
            year -= 1
    return _quarter(year, q), "range"


@_rule(
    "quarter_q",
    rf"\b(?:(?P<q1>Q[1-4])(?:\s+(?P<year1>{_YEAR}))?|(?P<year2>{_YEAR})\s+(?P<q2>Q[1-4]))\b",
)
def _quarter_q(m: re.Match[str], ctx: _Context) -> Resolution | None:
    q = int((m["q1"] or m["q2"])[1])
    year = m["year1"] or m["year2"]
    if year:
        return _quarter(int(year), q), "range"
    current = (ctx.published.month - 1) // 3 + 1
    y = ctx.published.year - (1 if q > current and ctx.tense == "past" else 0)
    return _quarter(y, q), "range"


@_rule(
    "quarter_relative",
    r"(?:(?:(?P<yrel>last|this|next)\s+year's|(?P<det>the|its|this|that|last|next))\s+"
    r"(?P<adj>(?:(?:latest|current|most\s+recent|recent|comparable|corresponding|same|year-ago|"
    r"year-earlier|previous|preceding|fiscal|just-ended|past)[\s-]+)*)"
    r"(?:(?P<year>(?:1[0-9]|20)\d\d)\s+)?(?P<unit>quarter|period)"
    r"(?:\s+(?P<tail>a\s+year\s+(?:ago|earlier)|of\s+last\s+year|last\s+year|a\s+year\s+before))?"
    r"|year-(?:ago|earlier)(?:\s+(?:quarter|period))?)(?![\w-])",
    _FLAGS,
)
def _quarter_relative(m: re.Match[str], ctx: _Context) -> Resolution | None:
    text = m[0].lower()
    adj = (m["adj"] or "").lower()
    det = (m["det"] or "").lower()
    if m["year"]:
        return _quarter(int(m["year"]), _anchor_quarter(ctx)[1]), "range"
    if m["unit"] and m["unit"].lower() == "period" and not (adj.strip() or m["tail"]):
        return None  # "the period" alone is too vague
    bare = text.startswith("year-") and "quarter" not in text and "period" not in text
    if bare and "quarter" not in ctx.sentence.lower() and "quarter" not in ctx.anchors:
        return _year(ctx.published.year - 1), "year"  # "year-ago results" outside a quarter
    year, q = _anchor_quarter(ctx)
    if "current" in adj or (det == "this" and not adj.strip()):
        year, q = ctx.published.year, (ctx.published.month - 1) // 3 + 1
    elif det == "next":
        year, q = (ctx.published.year, (ctx.published.month - 1) // 3 + 2)
        if q == 5:
            year, q = year + 1, 1
    elif det == "last" or any(w in adj for w in ("previous", "preceding", "latest", "recent")):
        year, q = _last_completed_quarter(ctx.published)
    if m["yrel"]:
        year = ctx.published.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
    elif m["tail"] or _YEAR_AGO.search(text) or text.startswith("year-"):
        year -= 1
    return _quarter(year, q), "range"


@_rule(
    "half_year",
    rf"the\s+(?P<ord>first|second)\s+half\s+of\s+(?:(?P<year>{_YEAR})|(?P<rel>this|last|next|the)\s+year)",
    _FLAGS,
)
def _half_year(m: re.Match[str], ctx: _Context) -> Resolution | None:
    if m["year"]:
        year = int(m["year"])
    else:
        year = ctx.published.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    start = dt.date(year, 1 if m["ord"].lower() == "first" else 7, 1)
    return (start, _month_end(year, start.month + 5)), "range"


# Weekdays and days -------------------------------------------------------------------


# Words before a weekday that point forward whatever the verb's tense.
_FUTURE_CUES = re.compile(
    r"\b(?:as\s+(?:soon|early|late)\s+as|by|until|till|before|starting|beginning|no\s+later\s+than|"
    r"scheduled\s+(?:for|on)|set\s+for|due|payable|effective|deadline\s+(?:of|on)|"
    r"(?:extended|postponed|delayed|moved|pushed\s+back|adjourned)\s+(?:to|until))\s+(?:on\s+)?$",
    re.IGNORECASE,
)


@_rule(
    "weekday",
    rf"(?:(?P<rel>(?i:last|next|this|this\s+coming|coming|the\s+previous|previous|the\s+following|"
    rf"early|late|earlier|later))\s+)?(?:(?P<clock>{_CLOCK}),?\s+)?(?P<wd>{_WD})(?:'s)?"
    rf"(?:\s+(?P<part>(?i:{_PART})))?(?:,?\s+(?P<clock2>{_CLOCK}))?",
)
def _weekday_rule(m: re.Match[str], ctx: _Context) -> Resolution | None:
    weekday = LEX.weekdays[m["wd"]]
    rel = (m["rel"] or "").lower()
    if rel in ("last", "previous", "the previous"):
        direction: str | None = "last"
    elif rel in ("next", "coming", "this coming", "the following"):
        direction = "next"
    elif rel == "this":
        direction = "past" if ctx.tense == "past" else "future"
    elif _FUTURE_CUES.search(ctx.before):
        direction = "future"
    else:
        direction = ctx.tense
    return _day(_weekday(ctx.published, weekday, direction))


@_rule(
    "deictic",
    r"(?:(?P<mod>early|late|earlier|later|mid-?afternoon|midday)\s+)?"
    r"(?P<word>today|tonight|yesterday|tomorrow)(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:(?:early|late|earlier|later)\s+)?this\s+(?:morning|afternoon|evening)"
    r"|last\s+night|the\s+day\s+(?P<rel2>before\s+yesterday|after\s+tomorrow)",
    _FLAGS,
)
def _deictic(m: re.Match[str], ctx: _Context) -> Resolution | None:
    text = m[0].lower()
    offset = 0
    if m["rel2"]:
        offset = -2 if "yesterday" in text else 2
    elif "yesterday" in text or text == "last night":
        offset = -1
    elif "tomorrow" in text:
        offset = 1
    return _day(ctx.published + dt.timedelta(days=offset))


@_rule("clock", rf"(?<![\w.]){_CLOCK}(?![\w])", _FLAGS)
def _clock(m: re.Match[str], ctx: _Context) -> Resolution | None:
    if not re.search(r"\d|noon|midnight", m[0], re.IGNORECASE):
        return None
    return _day(ctx.published)


@_rule(
    "holiday",
    "(?:" + _alternation(list(LEX.holidays)) + r")(?![\w'])"
    r"|(?:last\s+|next\s+|this\s+)?Thanksgiving(?:\s+Day)?",
)
def _holiday(m: re.Match[str], ctx: _Context) -> Resolution | None:
    text = m[0]
    published = ctx.published
    if "Thanksgiving" in text:
        candidates = []
        for year in (published.year - 1, published.year, published.year + 1):
            nov1 = dt.date(year, 11, 1)
            thanksgiving = nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
            candidates.append((thanksgiving, thanksgiving))
        tense = ctx.tense
        if text.lower().startswith("last"):
            tense = "past"
        elif text.lower().startswith(("next", "this")):
            tense = "future"
        return _day(_pick(candidates, published, tense)[0])
    month, day_of_month = LEX.holidays[text]
    return _day(_date_in_context(month, day_of_month, published, _date_tense(ctx))[0])


# Relative units ----------------------------------------------------------------------

_SEASON = "(?:" + _alternation(list(LEX.seasons)) + ")"


def _season(year: int, name: str) -> Interval:
    first, last = LEX.seasons[name]
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), _month_end(end_year, last)


def _season_containing(day: dt.date, name: str) -> int:
    """The year (of its start) of the season instance that contains or precedes day."""
    first, last = LEX.seasons[name]
    if last < first and day.month <= last:
        return day.year - 1
    return day.year


@_rule(
    "season",
    rf"(?:(?P<rel>this|last|next|the\s+coming|coming|the\s+past|past)\s+)?(?:(?P<mod>{_MOD})\s+)?"
    rf"(?P<season>{_SEASON})(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?(?![\w-])",
    _FLAGS,
)
def _season_rule(m: re.Match[str], ctx: _Context) -> Resolution | None:
    name = m["season"].lower()
    rel = (m["rel"] or "").lower()
    if not (rel or m["year"] or m["mod"]):
        return None  # "fall" is a verb, "spring" a noun: want a determiner or a year
    published = ctx.published
    if m["year"]:
        interval = _season(int(m["year"]), name)
    else:
        year = _season_containing(published, name)
        current = _season(year, name)
        if rel in ("last", "the past", "past"):
            interval = current if current[1] < published else _season(year - 1, name)
        elif rel in ("next", "the coming", "coming"):
            interval = current if current[0] > published else _season(year + 1, name)
        elif ctx.tense == "future" and current[1] < published:
            interval = _season(year + 1, name)
        else:
            interval = current
    return _modified(interval, m["mod"]) or (interval, "range")


_REL_UNIT = (
    r"this|last|next|the\s+coming|coming|the\s+past|past|the\s+previous|previous|the\s+current|"
    r"current|the\s+latest|the\s+last|the\s+next|so\s+far\s+this"
)


@_rule(
    "relative_unit",
    rf"(?:(?P<mod>early|late|earlier|later|the\s+(?:beginning|start|middle|end|close)\s+of)\s+)?"
    rf"(?P<rel>{_REL_UNIT}|the)\s+(?P<unit>week|month|year|decade)(?![\w-])"
    rf"|(?P<mod2>earlier|later)\s+in\s+the\s+(?P<unit2>day|week|month|year)(?![\w-])"
    rf"|(?:by\s+|around\s+)?(?P<yearend>year[\s-]end|year's\s+end)(?![\w-])",
    _FLAGS,
)
def _relative_unit(m: re.Match[str], ctx: _Context) -> Resolution | None:
    published = ctx.published
    if m["yearend"]:
        return _modified(_year(published.year), "late") or (_year(published.year), "year")
    if m["unit2"]:
        unit, rel, mod = m["unit2"].lower(), "this", m["mod2"].lower()
        if unit == "day":
            return _day(published)
    else:
        unit, rel = m["unit"].lower(), re.sub(r"\s+", " ", m["rel"].lower())
        mod = re.sub(r"\s+", " ", (m["mod"] or "").lower())
    if rel == "the" and not mod:
        return None  # "the year" alone: see the_year
    if rel == "the":
        rel = "this"
    if rel in ("the past", "past", "the last"):
        # Duration-like ("over the past week"): the span up to the published day.
        return (_shift(published, unit, -1), published), "range"
    if rel in ("the coming", "coming", "the next"):
        return (published, _shift(published, unit, 1)), "range"
    step = {"last": -1, "previous": -1, "the previous": -1, "next": 1}.get(rel, 0)
    interval = _unit_of(_shift(published, unit, step), unit)
    granularity = "year" if unit == "year" else unit if unit in ("week", "month") else "range"
    if rel == "so far this":
        return (interval[0], published), "range"
    if not NARROW_MODIFIERS:
        return interval, granularity
    if mod == "earlier" and step == 0:
        return (interval[0], published), "range"
    if mod == "later" and step == 0:
        return (published, interval[1]), "range"
    if mod:
        mod = {"earlier": "early", "later": "late"}.get(mod, mod)
        return _modified(interval, mod) or (interval, granularity)
    return interval, granularity


_SPOKEN_TENS = "(?:" + _alternation(list(LEX.spoken_tens)) + ")"
_SPOKEN_UNITS = "one|two|three|four|five|six|seven|eight|nine"


@_rule(
    "spoken_year",
    rf"(?:the\s+year\s+)?(?:nineteen\s+(?P<tens>{_SPOKEN_TENS})(?:[-\s](?P<unit>{_SPOKEN_UNITS}))?"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?P<unit2>{_SPOKEN_UNITS}))?)(?![\w-])",
    _FLAGS,
)
def _spoken_year(m: re.Match[str], ctx: _Context) -> Resolution | None:
    """Years as read out in broadcast transcripts: "nineteen ninety-six"."""
    if m["tens"]:
        year = 1900 + LEX.spoken_tens[m["tens"].lower()]
        if m["unit"]:
            year += LEX.numbers[m["unit"].lower()]
    else:
        if not m[0].lower().startswith("the year") and not _YEAR_PREPS.search(ctx.before):
            return None  # "two thousand troops"
        year = 2000 + (LEX.numbers[m["unit2"].lower()] if m["unit2"] else 0)
    return _year(year), "year"


@_rule(
    "the_year",
    r"the\s+(?:(?:full|current|fiscal|whole|entire|calendar)\s+)*year(?![\w-])"
    r"|(?P<we>(?:this|last|next|the)\s+weekend)(?![\w-])",
    _FLAGS,
)
def _the_year(m: re.Match[str], ctx: _Context) -> Resolution | None:
    published = ctx.published
    if not m["we"]:
        if re.match(r"\s+(?:before|after|earlier|later|ago|when|in\s+which)\b", ctx.after):
            return None
        return _year(published.year), "year"
    rel = m["we"].split()[0].lower()
    saturday = published + dt.timedelta(days=5 - published.weekday())  # this week's
    if rel == "last" or (rel == "the" and ctx.tense != "future"):
        if published.weekday() < 5 or rel == "last":
            saturday -= dt.timedelta(days=7)
    elif rel == "next":
        saturday += dt.timedelta(days=7)
    return (saturday, saturday + dt.timedelta(days=1)), "range"


@_rule(
    "ago",
    rf"(?:(?:nearly|almost|about|some|more\s+than|over|roughly|around|just|only|less\s+than)\s+)?"
    rf"(?P<num>{_NUM})\s+(?:or\s+so\s+)?(?P<unit>{_UNIT})s?\s+(?:or\s+so\s+)?"
    rf"(?P<dir>ago|earlier|before|later|after|from\s+now|hence)(?![\w-])",
    _FLAGS,
)
def _ago(m: re.Match[str], ctx: _Context) -> Resolution | None:
    n = _number(m["num"])
    if n is None:
        return None
    unit = m["unit"].lower()
    direction = m["dir"].lower()
    sign = 1 if direction in ("later", "from now", "hence", "after") else -1
    granularity = {"month": "month", "year": "year", "decade": "year"}.get(unit, "day")
    if direction in ("before", "after") and re.match(r"\s*[\w$]", ctx.after):
        return None, granularity  # "ten days before the vote": relative to an event
    if unit == "year" and n == 1 and ("quarter" in ctx.anchors or "quarter" in ctx.sentence):
        # Quarterly results compare a quarter with the same quarter a year before.
        year, q = _anchor_quarter(ctx)
        return _quarter(year + sign, q), "range"
    base = ctx.published
    if direction in ("earlier", "before", "later", "after") and "any" in ctx.anchors:
        base = ctx.anchors["any"][0]  # "two days later": after the last date named
    target = _shift(base, unit, sign * n)
    if unit in ("day", "week", "fortnight"):
        return _day(target)
    if unit == "month":
        return _month(target.year, target.month), "month"
    return _year(target.year), "year"


@_rule(
    "in_units",
    rf"in\s+(?:(?:about|around|roughly|just|another|less\s+than|more\s+than|some)\s+)?"
    rf"(?P<num>{_NUM})\s+(?P<unit>{_UNIT})s?(?:'?\s*time)?(?![\w-])"
    rf"|(?P<num2>{_NUM})\s+(?P<unit2>{_UNIT})s?\s+from\s+(?:now|today)",
    _FLAGS,
)
def _in_units(m: re.Match[str], ctx: _Context) -> Resolution | None:
    if re.search(r"(?:time|first|highest|lowest|largest|biggest|worst|best|most|once)\s*$",
                 ctx.before, re.IGNORECASE):  # fmt: skip
        return None  # "the first time in two years": a duration
    n = _number(m["num"] or m["num2"])
    if n is None:
        return None
    return _day(_shift(ctx.published, (m["unit"] or m["unit2"]).lower(), n))


@_rule(
    "window",
    rf"(?:(?P<dir>within|in|over|during|for)\s+)?the\s+(?P<rel>next|coming|past|last|previous)\s+"
    rf"(?P<num>{_NUM})\s+(?P<unit>{_UNIT})s?(?![\w-])"
    rf"|within\s+(?P<num2>{_NUM})\s+(?P<unit2>{_UNIT})s?(?![\w-])",
    _FLAGS,
)
def _window(m: re.Match[str], ctx: _Context) -> Resolution | None:
    n = _number(m["num"] or m["num2"])
    if n is None:
        return None
    unit = (m["unit"] or m["unit2"]).lower()
    published = ctx.published
    if (m["rel"] or "next").lower() in ("past", "last", "previous"):
        return (_shift(published, unit, -n), published), "range"
    return (published, _shift(published, unit, n)), "range"


@_rule(
    "coming",
    r"(?:(?:in|over|during|within)\s+)?the\s+(?:coming|next\s+(?:few|several)|following)\s+"
    r"(?P<unit>days|weeks|months)(?![\w-])"
    r"|(?:in\s+)?the\s+(?P<unit2>days|weeks|months)\s+ahead(?![\w-])"
    r"|(?:(?:in|over|during)\s+)?(?:the\s+)?recent\s+(?P<recent>days|weeks|months)(?![\w-])",
    _FLAGS,
)
def _coming(m: re.Match[str], ctx: _Context) -> Resolution | None:
    unit = (m["unit"] or m["unit2"] or m["recent"]).lower()
    published = ctx.published
    months = {"days": 0, "weeks": 0, "months": 3}[unit]
    days = {"days": 7, "weeks": 28, "months": 0}[unit]
    if m["recent"]:
        return (_add_months(published, -months) - dt.timedelta(days=days), published), "range"
    return (published, _add_months(published, months) + dt.timedelta(days=days)), "range"


@_rule(
    "anaphor",
    r"(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>that|the\s+next|the\s+following|"
    r"the\s+previous|the\s+preceding|the\s+same)\s+(?P<unit>day|morning|afternoon|evening|"
    r"night|week|month|year)(?![\w-])",
    _FLAGS,
)
def _anaphor(m: re.Match[str], ctx: _Context) -> Resolution | None:
    unit = m["unit"].lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    rel = m["rel"].split()[-1].lower()
    step = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(rel, 0)
    anchor = ctx.anchors.get("any")
    granularity = "day" if unit == "day" else unit
    if anchor is None:
        if step == 0:
            return None, granularity
        anchor = (ctx.published, ctx.published)
    target = _shift(anchor[0], unit, step)
    if unit == "day":
        return _day(target)
    return _unit_of(target, unit), granularity


# ---------------------------------------------------------------------------- tense

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_FUTURE_HEADS = frozenset(
    {"expect", "schedule", "plan", "set", "due", "go", "intend", "hope", "aim", "prepare",
     "propose", "vow", "promise", "pledge", "threaten", "want", "agree", "decide", "seek",
     "try", "need", "have"}
)  # fmt: skip


_PLANNED = frozenset({"schedule", "plan", "set", "expect", "slate", "due", "timetable"})


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
            if head.lemma_ in _FUTURE_HEADS or head.lemma_ == "be":
                return "future"
            return _verb_tense(head, depth + 1)
        return None
    if verb.tag_ == "VBN" and verb.lemma_ in _PLANNED and not any(a.tag_ == "VBD" for a in auxes):
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


def _tense(span: Span) -> str | None:
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


# ---------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: _Rule
    match: re.Match[str]


_RULE_ORDER = {rule.name: i for i, rule in enumerate(_RULES)}
# Rules whose result names the quarter the article is about (the anchor of "the quarter",
# "a year earlier"); relative quarters never move the anchor.
_QUARTER_ANCHORS = frozenset({"quarter", "quarter_q"})


def _candidates(text: str) -> list[_Candidate]:
    """Every rule match, longest first; among equal lengths, the earlier rule."""
    found = [
        _Candidate(m.start(), m.end(), rule, m)
        for rule in _RULES
        for m in rule.pattern.finditer(text)
        if m.end() > m.start()
    ]
    found.sort(key=lambda c: (-(c.end - c.start), _RULE_ORDER[c.rule.name], c.start))
    return found


def _context(cand: _Candidate, text: str, published: dt.date, span: Span | None) -> _Context:
    return _Context(
        published=published,
        tense=_tense(span) if span is not None else None,
        before=text[max(0, cand.start - 40) : cand.start],
        after=text[cand.end : cand.end + 40],
        sentence=span.sent.text if span is not None else text,
    )


def _token_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of a match; None when the match starts or ends inside a token."""
    return doc.char_span(start, end, alignment_mode="strict")


def _handle(rule: _Rule, match: re.Match[str], ctx: _Context) -> Resolution | None:
    """A rule's resolution; None when it falls off the calendar (a publication date in
    year 1 or 9999 and "last March": found by tests/fuzz)."""
    try:
        return rule.handler(match, ctx)
    except (ValueError, OverflowError):
        return None


def extract_times(doc: Doc, *, published: dt.date | None) -> list[Time]:
    """Every time expression of the article, resolved against ``published``."""
    text = text_of(doc)
    base = published or _NO_DATE
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
            if granularity != "range" or _quarter_of(interval):
                anchors["any"] = interval
            if cand.rule.name in _QUARTER_ANCHORS and not _YEAR_AGO.search(cand.match[0]):
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
        for rule in _RULES:
            m = rule.pattern.fullmatch(rest)
            if m is None:
                continue
            result = _handle(rule, m, _Context(published=published or _NO_DATE, before=before))
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
