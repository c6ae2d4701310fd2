"""Calendar arithmetic: intervals of days, weeks, months, quarters and years, the thirds and
halves of "early/mid/late", and the choice among candidate intervals by tense (past -> the
most recent, future -> the next, else the closest to the publication date).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newsevents.extract.times.lexicon import LEX

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
NO_DATE = dt.date(2000, 1, 3)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_interval(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), month_end(year, month)


def year_interval(year: int) -> Interval:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_of(day: dt.date) -> Interval:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def quarter_interval(year: int, q: int) -> Interval:
    return dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(day, n)
    if unit == "year":
        return add_months(day, 12 * n)
    return add_months(day, 120 * n)  # decade


def unit_of(day: dt.date, unit: str) -> Interval:
    if unit == "week":
        return week_of(day)
    if unit == "month":
        return month_interval(day.year, day.month)
    if unit == "decade":
        start = day.year - day.year % 10
        return dt.date(start, 1, 1), dt.date(start + 9, 12, 31)
    return year_interval(day.year)


def _third(interval: Interval, which: str) -> Interval:
    """The first, middle or last third of an interval ("early", "mid", "late")."""
    start, end = interval
    if (end - start).days > 40:  # a year or longer: split by months
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        size = months // 3
        if which == "early":
            return start, month_end(*_ym(add_months(start, size - 1)))
        if which == "mid":
            return add_months(start, size), month_end(*_ym(add_months(start, 2 * size - 1)))
        return add_months(start, 2 * size), end
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


def mod_kind(mod: str | None) -> str | None:
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
        return start, month_end(*_ym(add_months(start, 5)))
    return add_months(start, 6), end


def modified(interval: Interval, mod: str | None) -> Resolution | None:
    """Apply early/mid/late/first half to a unit; None if there is none (or if modifiers
    are not narrowed, see NARROW_MODIFIERS): the caller then keeps the whole unit."""
    if not mod:
        return None
    half = _half(interval, mod)
    if half:
        return half, "range"
    if not NARROW_MODIFIERS:
        return None
    kind = mod_kind(mod)
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


def by_tense(candidates: list[Interval], published: dt.date, tense: str | None) -> Interval:
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


def pick_interval(candidates: list[Interval], published: dt.date, tense: str | None) -> Interval:
    """The reading the tense points to if it is within the horizon, else the closest."""
    chosen = by_tense(candidates, published, tense)
    gap = min(abs((chosen[0] - published).days), abs((chosen[1] - published).days))
    return chosen if gap <= _TENSE_HORIZON_DAYS else _closest(candidates, published)


def month_in_context(month: int, published: dt.date, tense: str | None) -> Interval:
    return pick_interval(
        [month_interval(published.year + k, month) for k in (-1, 0, 1)], published, tense
    )


def date_in_context(month: int, day: int, published: dt.date, tense: str | None) -> Interval:
    candidates = []
    for k in (-1, 0, 1):
        try:
            d = dt.date(published.year + k, month, day)
        except ValueError:
            continue
        candidates.append((d, d))
    return pick_interval(candidates, published, tense)


def weekday_date(published: dt.date, weekday: int, direction: str | None) -> dt.date:
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


def number_of(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return int(word)
    return LEX.numbers.get(word)


def one_day(iv: dt.date) -> Resolution:
    return (iv, iv), "day"
