"""The rules: one pattern and one handler per kind of expression (dates, months, years,
decades, quarters, halves, weekdays, deictic words, clock times, holidays, seasons,
relative units, "ago", "in two weeks", windows, "the coming days", anaphors). A handler
resolves its match against the context (publication date, tense, the text around it) or
returns None to reject it there. Their order is their priority among equally long matches.
"""

from __future__ import annotations

import datetime as dt
import re

from newsevents.extract.times.dates import (
    NARROW_MODIFIERS,
    Interval,
    Resolution,
    add_months,
    by_tense,
    date_in_context,
    mod_kind,
    modified,
    month_end,
    month_in_context,
    month_interval,
    number_of,
    one_day,
    pick_interval,
    quarter_interval,
    shift,
    unit_of,
    week_of,
    weekday_date,
    year_interval,
)
from newsevents.extract.times.lexicon import LEX
from newsevents.extract.times.patterns import (
    ALL_MONTH_NAMES,
    CLOCK,
    DAY,
    DAY_PART,
    FLAGS,
    MODIFIER,
    MONTH_NAMES,
    NUMBER,
    ORDINAL,
    UNIT,
    WEEKDAY_NAMES,
    YEAR,
    Context,
    alternation,
    register_rule,
)


@register_rule(
    "month_day",
    rf"(?:(?P<weekof>(?i:the\s+week\s+of))\s+|(?P<rel>(?i:last|next|this|this\s+coming))\s+)?"
    rf"(?:{CLOCK},?\s+)?(?:(?P<wd>{WEEKDAY_NAMES})\s*,?\s+)?(?P<mon>{ALL_MONTH_NAMES})\s+(?P<day>{DAY})"
    rf"(?:\s*,?\s*(?P<year>{YEAR}))?(?!\s*(?:%|percent|-|–))",
)
def _month_day(m: re.Match[str], ctx: Context) -> Resolution | None:
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
        date = date_in_context(month, day, ctx.published, tense)[0]
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
        return week_of(date), "week"
    return one_day(date)


def _date_tense(ctx: Context) -> str | None:
    """The tense used to place a date or month without a year: a deadline word before it
    ("until", "payable", "extended to") points forward whatever the verb."""
    return "future" if _FUTURE_CUES.search(ctx.before) else ctx.tense


@register_rule(
    "day_month",
    rf"(?:(?P<wd>{WEEKDAY_NAMES})\s*,?\s+)?(?:the\s+)?(?<![\d.,])(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{ALL_MONTH_NAMES})"
    rf"(?:\s*,?\s*(?P<year>{YEAR}))?",
)
def _day_month(m: re.Match[str], ctx: Context) -> Resolution | None:
    return _month_day(m, ctx)


@register_rule(
    "month_year",
    rf"(?:(?P<mod>{MODIFIER})\s*)?(?P<mon>{MONTH_NAMES})\s*,?\s+(?:of\s+)?(?P<year>{YEAR})",
)
def _month_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    month = month_interval(int(m["year"]), LEX.months[m["mon"].rstrip(".")])
    return modified(month, m["mod"]) or (month, "month")


_MONTH_PREPS = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|to|before|after|during|between|and|or|"
    r"last|next|this|early|late|mid|end|beginning|start|middle|the|a|an|its|their)\s*-?\s*)$",
    re.IGNORECASE,
)


@register_rule(
    "month",
    rf"(?:(?P<mod>{MODIFIER})\s*|(?P<rel>(?i:last|next|this|this\s+coming|the\s+coming|coming|"
    rf"past|previous|the\s+previous|the\s+following))\s+)?(?P<mon>{MONTH_NAMES})"
    rf"(?:\s+(?P<yrel>(?i:last|this|next))\s+year)?(?![\w-])",
)
def _month_alone(m: re.Match[str], ctx: Context) -> Resolution | None:
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
        interval = month_interval(year, month)
    elif rel in ("last", "past", "previous", "the previous"):
        this_month = dt.date(published.year, published.month, 1)
        interval = by_tense(
            [month_interval(published.year + k, month) for k in (-1, 0)], this_month, "past"
        )
        if interval[0] >= this_month:
            interval = month_interval(interval[0].year - 1, month)
    elif rel in ("next", "coming", "the coming", "this coming", "the following"):
        interval = month_interval(published.year, month)
        if interval[0] <= published:
            interval = month_interval(published.year + 1, month)
    elif rel == "this":
        interval = month_interval(published.year, month)
    else:
        interval = month_in_context(month, published, _date_tense(ctx))
    return modified(interval, m["mod"]) or (interval, "month")


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


@register_rule(
    "year",
    rf"(?:(?P<mod>{MODIFIER})\s*|(?P<pre>(?i:fiscal(?:\s+year)?|the\s+year|FY|post-|pre-)\s*))?"
    rf"(?<![\w$£€#])(?P<year>{YEAR})(?P<post>(?i:\s+and\s+beyond|\s+or\s+later|\s+onwards?))?"
    rf"(?![\w'’])",
)
def _year_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
    year = int(m["year"])
    if not (m["mod"] or m["pre"]):
        if _YEAR_NOT_BEFORE.search(ctx.before) or _YEAR_NOT_AFTER.match(ctx.after):
            return None
        if year < 1800 and not _YEAR_PREPS.search(ctx.before):
            return None
    interval = year_interval(year)
    return modified(interval, m["mod"]) or (interval, "year")


@register_rule(
    "decade",
    r"(?:the\s+)?(?:(?P<mod>early|mid-|mid|late)\s*)?(?:(?P<dec>1[0-9]\d0|20\d0)|'(?P<short>\d0))s(?![\w'])",
    FLAGS,
)
def _decade(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["dec"]:
        start = int(m["dec"])
    else:
        short = int(m["short"])
        start = 2000 + short if 2000 + short <= ctx.published.year else 1900 + short
    interval = dt.date(start, 1, 1), dt.date(start + 9, 12, 31)
    if m["mod"]:
        kind = mod_kind(m["mod"])
        bounds = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[kind or "late"]
        interval = dt.date(start + bounds[0], 1, 1), dt.date(start + bounds[1], 12, 31)
    return interval, "range"


def _last_completed_quarter(published: dt.date) -> tuple[int, int]:
    q = (published.month - 1) // 3 + 1
    return (published.year, q - 1) if q > 1 else (published.year - 1, 4)


def quarter_of(interval: Interval) -> tuple[int, int] | None:
    start, end = interval
    if start.day == 1 and start.month % 3 == 1 and end == month_end(start.year, start.month + 2):
        return start.year, (start.month - 1) // 3 + 1
    return None


def _anchor_quarter(ctx: Context) -> tuple[int, int]:
    anchor = ctx.anchors.get("quarter")
    if anchor:
        found = quarter_of(anchor)
        if found:
            return found
    return _last_completed_quarter(ctx.published)


YEAR_AGO = re.compile(r"year[\s-]+(?:ago|earlier)|(?:a|one)\s+year\s+(?:ago|earlier|before)|"
                       r"comparable|corresponding|last\s+year|previous\s+year|prior[\s-]year",
                       re.IGNORECASE)  # fmt: skip


@register_rule(
    "quarter",
    rf"(?:(?:(?P<yrel>last|this|next)\s+year's|(?P<det>the|its|this|that|a|last|next))\s+)?"
    rf"(?:(?:fiscal|latest|current|comparable|same|year-ago|year-earlier|flat|strong|weak|"
    rf"disappointing|previous|preceding)[\s-]+)*"
    rf"(?:(?P<year1>{YEAR})\s+)?(?P<ord>{ORDINAL})[\s-](?:fiscal[\s-])?quarter"
    rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year2>{YEAR})|,?\s+(?P<year3>{YEAR})|"
    rf"\s+(?P<tail>a\s+year\s+(?:ago|earlier)|of\s+last\s+year|last\s+year))?(?![\w-])",
    FLAGS,
)
def _quarter_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
    q = LEX.ordinals[m["ord"].lower()]
    explicit = m["year1"] or m["year2"] or m["year3"]
    if explicit:
        return quarter_interval(int(explicit), q), "range"
    year = ctx.published.year
    if m["yrel"]:
        year += {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
    elif m["tail"] or YEAR_AGO.search(m[0]) or (m["det"] or "").lower() == "last":
        year -= 1
    elif (m["det"] or "").lower() == "next":
        year += 1
    else:
        current = (ctx.published.month - 1) // 3 + 1
        if q > current and ctx.tense == "past":
            year -= 1
    return quarter_interval(year, q), "range"


@register_rule(
    "quarter_q",
    rf"\b(?:(?P<q1>Q[1-4])(?:\s+(?P<year1>{YEAR}))?|(?P<year2>{YEAR})\s+(?P<q2>Q[1-4]))\b",
)
def _quarter_q(m: re.Match[str], ctx: Context) -> Resolution | None:
    q = int((m["q1"] or m["q2"])[1])
    year = m["year1"] or m["year2"]
    if year:
        return quarter_interval(int(year), q), "range"
    current = (ctx.published.month - 1) // 3 + 1
    y = ctx.published.year - (1 if q > current and ctx.tense == "past" else 0)
    return quarter_interval(y, q), "range"


@register_rule(
    "quarter_relative",
    r"(?:(?:(?P<yrel>last|this|next)\s+year's|(?P<det>the|its|this|that|last|next))\s+"
    r"(?P<adj>(?:(?:latest|current|most\s+recent|recent|comparable|corresponding|same|year-ago|"
    r"year-earlier|previous|preceding|fiscal|just-ended|past)[\s-]+)*)"
    r"(?:(?P<year>(?:1[0-9]|20)\d\d)\s+)?(?P<unit>quarter|period)"
    r"(?:\s+(?P<tail>a\s+year\s+(?:ago|earlier)|of\s+last\s+year|last\s+year|a\s+year\s+before))?"
    r"|year-(?:ago|earlier)(?:\s+(?:quarter|period))?)(?![\w-])",
    FLAGS,
)
def _quarter_relative(m: re.Match[str], ctx: Context) -> Resolution | None:
    text = m[0].lower()
    adj = (m["adj"] or "").lower()
    det = (m["det"] or "").lower()
    if m["year"]:
        return quarter_interval(int(m["year"]), _anchor_quarter(ctx)[1]), "range"
    if m["unit"] and m["unit"].lower() == "period" and not (adj.strip() or m["tail"]):
        return None  # "the period" alone is too vague
    bare = text.startswith("year-") and "quarter" not in text and "period" not in text
    if bare and "quarter" not in ctx.sentence.lower() and "quarter" not in ctx.anchors:
        return year_interval(ctx.published.year - 1), "year"  # "year-ago results" outside a quarter
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
    elif m["tail"] or YEAR_AGO.search(text) or text.startswith("year-"):
        year -= 1
    return quarter_interval(year, q), "range"


@register_rule(
    "half_year",
    rf"the\s+(?P<ord>first|second)\s+half\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next|the)\s+year)",
    FLAGS,
)
def _half_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["year"]:
        year = int(m["year"])
    else:
        year = ctx.published.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    start = dt.date(year, 1 if m["ord"].lower() == "first" else 7, 1)
    return (start, month_end(year, start.month + 5)), "range"


# Words before a weekday that point forward whatever the verb's tense.
_FUTURE_CUES = re.compile(
    r"\b(?:as\s+(?:soon|early|late)\s+as|by|until|till|before|starting|beginning|no\s+later\s+than|"
    r"scheduled\s+(?:for|on)|set\s+for|due|payable|effective|deadline\s+(?:of|on)|"
    r"(?:extended|postponed|delayed|moved|pushed\s+back|adjourned)\s+(?:to|until))\s+(?:on\s+)?$",
    re.IGNORECASE,
)


@register_rule(
    "weekday",
    rf"(?:(?P<rel>(?i:last|next|this|this\s+coming|coming|the\s+previous|previous|the\s+following|"
    rf"early|late|earlier|later))\s+)?(?:(?P<clock>{CLOCK}),?\s+)?(?P<wd>{WEEKDAY_NAMES})(?:'s)?"
    rf"(?:\s+(?P<part>(?i:{DAY_PART})))?(?:,?\s+(?P<clock2>{CLOCK}))?",
)
def _weekday_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
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
    return one_day(weekday_date(ctx.published, weekday, direction))


@register_rule(
    "deictic",
    r"(?:(?P<mod>early|late|earlier|later|mid-?afternoon|midday)\s+)?"
    r"(?P<word>today|tonight|yesterday|tomorrow)(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:(?:early|late|earlier|later)\s+)?this\s+(?:morning|afternoon|evening)"
    r"|last\s+night|the\s+day\s+(?P<rel2>before\s+yesterday|after\s+tomorrow)",
    FLAGS,
)
def _deictic(m: re.Match[str], ctx: Context) -> Resolution | None:
    text = m[0].lower()
    offset = 0
    if m["rel2"]:
        offset = -2 if "yesterday" in text else 2
    elif "yesterday" in text or text == "last night":
        offset = -1
    elif "tomorrow" in text:
        offset = 1
    return one_day(ctx.published + dt.timedelta(days=offset))


@register_rule("clock", rf"(?<![\w.]){CLOCK}(?![\w])", FLAGS)
def _clock(m: re.Match[str], ctx: Context) -> Resolution | None:
    if not re.search(r"\d|noon|midnight", m[0], re.IGNORECASE):
        return None
    return one_day(ctx.published)


@register_rule(
    "holiday",
    "(?:" + alternation(list(LEX.holidays)) + r")(?![\w'])"
    r"|(?:last\s+|next\s+|this\s+)?Thanksgiving(?:\s+Day)?",
)
def _holiday(m: re.Match[str], ctx: Context) -> Resolution | None:
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
        return one_day(pick_interval(candidates, published, tense)[0])
    month, day_of_month = LEX.holidays[text]
    return one_day(date_in_context(month, day_of_month, published, _date_tense(ctx))[0])


_SEASON = "(?:" + alternation(list(LEX.seasons)) + ")"


def _season(year: int, name: str) -> Interval:
    first, last = LEX.seasons[name]
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), month_end(end_year, last)


def _season_containing(day: dt.date, name: str) -> int:
    """The year (of its start) of the season instance that contains or precedes day."""
    first, last = LEX.seasons[name]
    if last < first and day.month <= last:
        return day.year - 1
    return day.year


@register_rule(
    "season",
    rf"(?:(?P<rel>this|last|next|the\s+coming|coming|the\s+past|past)\s+)?(?:(?P<mod>{MODIFIER})\s+)?"
    rf"(?P<season>{_SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?(?![\w-])",
    FLAGS,
)
def _season_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
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
    return modified(interval, m["mod"]) or (interval, "range")


_REL_UNIT = (
    r"this|last|next|the\s+coming|coming|the\s+past|past|the\s+previous|previous|the\s+current|"
    r"current|the\s+latest|the\s+last|the\s+next|so\s+far\s+this"
)


@register_rule(
    "relative_unit",
    rf"(?:(?P<mod>early|late|earlier|later|the\s+(?:beginning|start|middle|end|close)\s+of)\s+)?"
    rf"(?P<rel>{_REL_UNIT}|the)\s+(?P<unit>week|month|year|decade)(?![\w-])"
    rf"|(?P<mod2>earlier|later)\s+in\s+the\s+(?P<unit2>day|week|month|year)(?![\w-])"
    rf"|(?:by\s+|around\s+)?(?P<yearend>year[\s-]end|year's\s+end)(?![\w-])",
    FLAGS,
)
def _relative_unit(m: re.Match[str], ctx: Context) -> Resolution | None:
    published = ctx.published
    if m["yearend"]:
        return modified(year_interval(published.year), "late") or (
            year_interval(published.year),
            "year",
        )
    if m["unit2"]:
        unit, rel, mod = m["unit2"].lower(), "this", m["mod2"].lower()
        if unit == "day":
            return one_day(published)
    else:
        unit, rel = m["unit"].lower(), re.sub(r"\s+", " ", m["rel"].lower())
        mod = re.sub(r"\s+", " ", (m["mod"] or "").lower())
    if rel == "the" and not mod:
        return None  # "the year" alone: see the_year
    if rel == "the":
        rel = "this"
    if rel in ("the past", "past", "the last"):
        # Duration-like ("over the past week"): the span up to the published day.
        return (shift(published, unit, -1), published), "range"
    if rel in ("the coming", "coming", "the next"):
        return (published, shift(published, unit, 1)), "range"
    step = {"last": -1, "previous": -1, "the previous": -1, "next": 1}.get(rel, 0)
    interval = unit_of(shift(published, unit, step), unit)
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
        return modified(interval, mod) or (interval, granularity)
    return interval, granularity


_SPOKEN_TENS = "(?:" + alternation(list(LEX.spoken_tens)) + ")"


_SPOKEN_UNITS = "one|two|three|four|five|six|seven|eight|nine"


@register_rule(
    "spoken_year",
    rf"(?:the\s+year\s+)?(?:nineteen\s+(?P<tens>{_SPOKEN_TENS})(?:[-\s](?P<unit>{_SPOKEN_UNITS}))?"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?P<unit2>{_SPOKEN_UNITS}))?)(?![\w-])",
    FLAGS,
)
def _spoken_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """Years as read out in broadcast transcripts: "nineteen ninety-six"."""
    if m["tens"]:
        year = 1900 + LEX.spoken_tens[m["tens"].lower()]
        if m["unit"]:
            year += LEX.numbers[m["unit"].lower()]
    else:
        if not m[0].lower().startswith("the year") and not _YEAR_PREPS.search(ctx.before):
            return None  # "two thousand troops"
        year = 2000 + (LEX.numbers[m["unit2"].lower()] if m["unit2"] else 0)
    return year_interval(year), "year"


@register_rule(
    "the_year",
    r"the\s+(?:(?:full|current|fiscal|whole|entire|calendar)\s+)*year(?![\w-])"
    r"|(?P<we>(?:this|last|next|the)\s+weekend)(?![\w-])",
    FLAGS,
)
def _the_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    published = ctx.published
    if not m["we"]:
        if re.match(r"\s+(?:before|after|earlier|later|ago|when|in\s+which)\b", ctx.after):
            return None
        return year_interval(published.year), "year"
    rel = m["we"].split()[0].lower()
    saturday = published + dt.timedelta(days=5 - published.weekday())  # this week's
    if rel == "last" or (rel == "the" and ctx.tense != "future"):
        if published.weekday() < 5 or rel == "last":
            saturday -= dt.timedelta(days=7)
    elif rel == "next":
        saturday += dt.timedelta(days=7)
    return (saturday, saturday + dt.timedelta(days=1)), "range"


@register_rule(
    "ago",
    rf"(?:(?:nearly|almost|about|some|more\s+than|over|roughly|around|just|only|less\s+than)\s+)?"
    rf"(?P<num>{NUMBER})\s+(?:or\s+so\s+)?(?P<unit>{UNIT})s?\s+(?:or\s+so\s+)?"
    rf"(?P<dir>ago|earlier|before|later|after|from\s+now|hence)(?![\w-])",
    FLAGS,
)
def _ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    n = number_of(m["num"])
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
        return quarter_interval(year + sign, q), "range"
    base = ctx.published
    if direction in ("earlier", "before", "later", "after") and "any" in ctx.anchors:
        base = ctx.anchors["any"][0]  # "two days later": after the last date named
    target = shift(base, unit, sign * n)
    if unit in ("day", "week", "fortnight"):
        return one_day(target)
    if unit == "month":
        return month_interval(target.year, target.month), "month"
    return year_interval(target.year), "year"


@register_rule(
    "in_units",
    rf"in\s+(?:(?:about|around|roughly|just|another|less\s+than|more\s+than|some)\s+)?"
    rf"(?P<num>{NUMBER})\s+(?P<unit>{UNIT})s?(?:'?\s*time)?(?![\w-])"
    rf"|(?P<num2>{NUMBER})\s+(?P<unit2>{UNIT})s?\s+from\s+(?:now|today)",
    FLAGS,
)
def _in_units(m: re.Match[str], ctx: Context) -> Resolution | None:
    if re.search(r"(?:time|first|highest|lowest|largest|biggest|worst|best|most|once)\s*$",
                 ctx.before, re.IGNORECASE):  # fmt: skip
        return None  # "the first time in two years": a duration
    n = number_of(m["num"] or m["num2"])
    if n is None:
        return None
    return one_day(shift(ctx.published, (m["unit"] or m["unit2"]).lower(), n))


@register_rule(
    "window",
    rf"(?:(?P<dir>within|in|over|during|for)\s+)?the\s+(?P<rel>next|coming|past|last|previous)\s+"
    rf"(?P<num>{NUMBER})\s+(?P<unit>{UNIT})s?(?![\w-])"
    rf"|within\s+(?P<num2>{NUMBER})\s+(?P<unit2>{UNIT})s?(?![\w-])",
    FLAGS,
)
def _window(m: re.Match[str], ctx: Context) -> Resolution | None:
    n = number_of(m["num"] or m["num2"])
    if n is None:
        return None
    unit = (m["unit"] or m["unit2"]).lower()
    published = ctx.published
    if (m["rel"] or "next").lower() in ("past", "last", "previous"):
        return (shift(published, unit, -n), published), "range"
    return (published, shift(published, unit, n)), "range"


@register_rule(
    "coming",
    r"(?:(?:in|over|during|within)\s+)?the\s+(?:coming|next\s+(?:few|several)|following)\s+"
    r"(?P<unit>days|weeks|months)(?![\w-])"
    r"|(?:in\s+)?the\s+(?P<unit2>days|weeks|months)\s+ahead(?![\w-])"
    r"|(?:(?:in|over|during)\s+)?(?:the\s+)?recent\s+(?P<recent>days|weeks|months)(?![\w-])",
    FLAGS,
)
def _coming(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit = (m["unit"] or m["unit2"] or m["recent"]).lower()
    published = ctx.published
    months = {"days": 0, "weeks": 0, "months": 3}[unit]
    days = {"days": 7, "weeks": 28, "months": 0}[unit]
    if m["recent"]:
        return (add_months(published, -months) - dt.timedelta(days=days), published), "range"
    return (published, add_months(published, months) + dt.timedelta(days=days)), "range"


@register_rule(
    "anaphor",
    r"(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>that|the\s+next|the\s+following|"
    r"the\s+previous|the\s+preceding|the\s+same)\s+(?P<unit>day|morning|afternoon|evening|"
    r"night|week|month|year)(?![\w-])",
    FLAGS,
)
def _anaphor(m: re.Match[str], ctx: Context) -> Resolution | None:
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
    target = shift(anchor[0], unit, step)
    if unit == "day":
        return one_day(target)
    return unit_of(target, unit), granularity
