"""Time expressions: hand-written sentences, resolved against a publication date.

The published day of most cases is Friday 2025-10-17 (the real-world article's date).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents import nlp
from newsevents.extract.times import extract_times, resolve_time
from newsevents.records import GRANULARITIES, Time, TimeValue

PUBLISHED = dt.date(2025, 10, 17)  # a Friday


def times_in(text: str, published: dt.date | None = PUBLISHED) -> list[Time]:
    return extract_times(nlp.parse(text), published=published)


def one(text: str, phrase: str, published: dt.date | None = PUBLISHED) -> Time:
    found = [t for t in times_in(text, published) if t.text == phrase]
    assert found, f"{phrase!r} not found in {[t.text for t in times_in(text, published)]}"
    return found[0]


def value(text: str, phrase: str) -> tuple[str, str, str]:
    t = one(text, phrase)
    assert t.value is not None
    return t.value.start, t.value.end, t.granularity


# The real-world check on an article published 2025-10-17 ------------------------------


def test_next_week() -> None:
    text = "The two presidents will meet in a European capital next week, an aide said."
    assert value(text, "next week") == ("2025-10-20", "2025-10-26", "week")


def test_within_the_next_two_weeks() -> None:
    text = "He said a summit could take place within the next two weeks."
    assert value(text, "within the next two weeks") == ("2025-10-17", "2025-10-31", "range")


def test_last_week() -> None:
    text = "The envoy held talks with both sides last week."
    assert value(text, "last week") == ("2025-10-06", "2025-10-12", "week")


# Kinds of expression -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The minister spoke to reporters on Thursday.", "Thursday",
         ("2025-10-16", "2025-10-16", "day")),
        ("The president will fly to Rome on Thursday.", "Thursday",
         ("2025-10-23", "2025-10-23", "day")),
        ("The vote is scheduled for Tuesday.", "Tuesday", ("2025-10-21", "2025-10-21", "day")),
        ("Officials met on Friday to review the plan.", "Friday",
         ("2025-10-17", "2025-10-17", "day")),
        ("The rebels attacked the town last Friday.", "last Friday",
         ("2025-10-10", "2025-10-10", "day")),
        ("The ceasefire collapsed in early March.", "early March",
         ("2025-03-01", "2025-03-31", "month")),  # TimeML: the modifier keeps the unit
        ("Parliament ratified the accord in 2019.", "2019", ("2019-01-01", "2019-12-31", "year")),
        ("The mandate expired on March 31.", "March 31", ("2025-03-31", "2025-03-31", "day")),
        ("The mandate expires on December 31.", "December 31",
         ("2025-12-31", "2025-12-31", "day")),
        ("Negotiators will keep talking in the coming days.", "in the coming days",
         ("2025-10-17", "2025-10-24", "range")),
        ("Protesters gathered today in the main square.", "today",
         ("2025-10-17", "2025-10-17", "day")),
        ("Two soldiers were killed yesterday.", "yesterday", ("2025-10-16", "2025-10-16", "day")),
        ("The council will vote tomorrow.", "tomorrow", ("2025-10-18", "2025-10-18", "day")),
        ("Exports fell sharply this week.", "this week", ("2025-10-13", "2025-10-19", "week")),
        ("Prices have risen this month.", "this month", ("2025-10-01", "2025-10-31", "month")),
        ("Inflation eased last month.", "last month", ("2025-09-01", "2025-09-30", "month")),
        ("Elections are due next year.", "next year", ("2026-01-01", "2026-12-31", "year")),
        ("The economy shrank last year.", "last year", ("2024-01-01", "2024-12-31", "year")),
        ("Growth has slowed this year.", "this year", ("2025-01-01", "2025-12-31", "year")),
        ("Shelling resumed on Monday morning.", "Monday morning",
         ("2025-10-13", "2025-10-13", "day")),
        ("Drones struck the port on Tuesday night.", "Tuesday night",
         ("2025-10-14", "2025-10-14", "day")),
        ("Thousands marched in the capital last weekend.", "last weekend",
         ("2025-10-11", "2025-10-12", "range")),
        ("More rallies will be held over the weekend.", "the weekend",
         ("2025-10-18", "2025-10-19", "range")),
        ("The convoy was ambushed two days ago.", "two days ago",
         ("2025-10-15", "2025-10-15", "day")),
        ("The talks broke down three weeks ago.", "three weeks ago",
         ("2025-09-26", "2025-09-26", "day")),
        ("A new round opens in two weeks.", "in two weeks", ("2025-10-31", "2025-10-31", "day")),
        ("The treaty was signed a year ago.", "a year ago", ("2024-01-01", "2024-12-31", "year")),
        ("The embassy closed in 1998.", "1998", ("1998-01-01", "1998-12-31", "year")),
        ("The embassy reopened in January 1998.", "January 1998",
         ("1998-01-01", "1998-01-31", "month")),
        ("The council met on Jan. 8 to discuss the crisis.", "Jan. 8",
         ("2025-01-08", "2025-01-08", "day")),
        ("The conflict dates back to the 1990s.", "the 1990s",
         ("1990-01-01", "1999-12-31", "range")),
        ("Output fell in the first quarter.", "the first quarter",
         ("2025-01-01", "2025-03-31", "range")),
        ("The bank expects a recovery by mid-2024.", "mid-2024",
         ("2024-01-01", "2024-12-31", "year")),
        ("Talks stalled in late 2023.", "late 2023", ("2023-01-01", "2023-12-31", "year")),
        ("The minister resigned earlier this month.", "earlier this month",
         ("2025-10-01", "2025-10-31", "month")),
        ("A referendum is planned later this year.", "later this year",
         ("2025-01-01", "2025-12-31", "year")),
        ("Fighting intensified this spring.", "this spring",
         ("2025-03-01", "2025-05-31", "range")),
        ("The front was quiet last summer.", "last summer", ("2025-06-01", "2025-08-31", "range")),
        ("Casualties rose over the past week.", "the past week",
         ("2025-10-10", "2025-10-17", "range")),
        ("Russia has held the peninsula since 2014.", "2014",
         ("2014-01-01", "2014-12-31", "year")),
        ("He was born on Dec. 2, 1956, in a small village.", "Dec. 2, 1956",
         ("1956-12-02", "1956-12-02", "day")),
        ("The leaders met on Monday, Oct. 13, in Cairo.", "Monday, Oct. 13",
         ("2025-10-13", "2025-10-13", "day")),
        ("The deadline was extended until Nov. 3.", "Nov. 3",
         ("2025-11-03", "2025-11-03", "day")),
    ],
)  # fmt: skip
def test_expression(text: str, phrase: str, expected: tuple[str, str, str]) -> None:
    assert value(text, phrase) == expected


def test_quarter_anaphora_and_year_ago() -> None:
    text = (
        "The company earned $5 million in the third quarter, up from $3 million a year "
        "earlier. Sales in the quarter rose 8%."
    )
    assert value(text, "the third quarter") == ("2025-07-01", "2025-09-30", "range")
    assert value(text, "a year earlier") == ("2024-07-01", "2024-09-30", "range")
    assert value(text, "the quarter") == ("2025-07-01", "2025-09-30", "range")


def test_anaphor_follows_last_date() -> None:
    text = "The general was promoted on May 22, 1995, and the following year he retired."
    assert value(text, "the following year") == ("1996-01-01", "1996-12-31", "year")


# Things that are not times -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "About 2,000 troops crossed the border.",
        "The ministry may respond later.",
        "Thousands joined the march on the capital.",
        "The plan received 1998 votes.",
        "Prices rose 2025 percent.",
        "The storm made landfall near the port.",  # no season inside a word
        "Aid began to arrive within the camp.",  # no "in" inside "within"
    ],
)
def test_no_false_times(text: str) -> None:
    assert times_in(text) == []


# Contract ------------------------------------------------------------------------------


def test_no_published_date_gives_null_values() -> None:
    text = "Talks were held on Tuesday and will resume next week, after a pause in 2019."
    times = times_in(text, published=None)
    assert [t.text for t in times] == ["Tuesday", "next week", "2019"]
    assert all(t.value is None for t in times)
    assert [t.granularity for t in times] == ["day", "week", "year"]


def test_offsets_are_valid() -> None:
    text = (
        "On Thursday, Oct. 16, the ministers met; a second meeting is set for next week.\n\n"
        "Since early 2024 the sides have traded blame, and in the coming weeks they will meet "
        "again, perhaps before Christmas or in mid-November."
    )
    doc = nlp.parse(text)
    times = extract_times(doc, published=PUBLISHED)
    assert len(times) >= 5
    previous_end = 0
    for t in times:
        assert text[t.start : t.end] == t.text
        assert t.start >= previous_end  # sorted, no overlaps
        previous_end = t.end
        assert t.granularity in GRANULARITIES
        span = doc.char_span(t.start, t.end)
        assert span is not None  # on token boundaries
        if t.value is not None:
            assert t.value.start <= t.value.end


# resolve_time --------------------------------------------------------------------------


def test_resolve_time_phrases() -> None:
    assert resolve_time("next week", PUBLISHED) == (TimeValue("2025-10-20", "2025-10-26"), "week")
    assert resolve_time("within the next two weeks", PUBLISHED) == (
        TimeValue("2025-10-17", "2025-10-31"),
        "range",
    )
    assert resolve_time("last week", PUBLISHED) == (TimeValue("2025-10-06", "2025-10-12"), "week")
    assert resolve_time("  the 1990s ", PUBLISHED) == (
        TimeValue("1990-01-01", "1999-12-31"),
        "range",
    )


def test_resolve_time_strips_a_leading_preposition() -> None:
    assert resolve_time("in 2019", PUBLISHED) == (TimeValue("2019-01-01", "2019-12-31"), "year")
    assert resolve_time("until Nov. 3", PUBLISHED) == (
        TimeValue("2025-11-03", "2025-11-03"),
        "day",
    )
    assert resolve_time("May", PUBLISHED) == (TimeValue("2025-05-01", "2025-05-31"), "month")


def test_resolve_time_without_date_and_non_times() -> None:
    assert resolve_time("next week", None) == (None, "week")
    assert resolve_time("the foreign minister", PUBLISHED) is None
    assert resolve_time("", PUBLISHED) is None


SATURDAY = dt.date(2025, 10, 18)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ('The paper said in a headline Thursday "Putin Wants War".', "2025-10-16"),
        ('"Gotcha," the tabloid says in a headline Thursday.', "2025-10-16"),
        ("The agency reports Thursday that the talks stalled.", "2025-10-16"),
        ('A headline Thursday read "Peace at last".', "2025-10-16"),
        ("The ministers will meet Thursday in Paris.", "2025-10-23"),
        ('The paper says the ministers "will meet" Thursday.', "2025-10-23"),
        ("The minister says she will travel to Paris Thursday.", "2025-10-23"),
    ],
)
def test_a_bare_weekday_beside_a_reporting_verb_or_a_quoted_headline_is_past(
    text: str, day: str
) -> None:
    found = one(text, "Thursday", SATURDAY)
    assert found.value is not None and found.value.start == day


def test_a_weekday_after_a_quotation_holding_the_root_verb_terminates() -> None:
    """Found by tests/fuzz: the walk up from a quoted root verb never ended."""
    text = (
        '" \u2019 and arrested him that `` Zurich President \u201d Hungarian Tuesday \u2019 in '
        "Moscow the Minister."
    )
    assert [t.text for t in times_in(text, SATURDAY)] == ["Tuesday"]


@pytest.mark.parametrize("published", [dt.date(1, 4, 19), dt.date(9999, 12, 30)])
def test_times_at_the_ends_of_the_calendar_do_not_crash(published: dt.date) -> None:
    """Found by tests/fuzz: "last March" published in year 1 raised ValueError."""
    found = times_in("The talks began last March and end next year on Monday.", published)
    assert all(t.value is None or t.value.start <= t.value.end for t in found)
