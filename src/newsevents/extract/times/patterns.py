"""The pieces of the regular expressions (month and weekday names, numbers, days, clock
times, modifiers) and the rule registry: ``register_rule`` compiles a rule's pattern and
adds its handler to ``RULES``, in the order the rules are defined.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsevents.extract.times.dates import Interval, Resolution
from newsevents.extract.times.lexicon import FULL_MONTHS, FULL_WEEKDAYS, LEX


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _names(lexicon: dict[str, int], full: set[str], *, ambiguous_ok: bool) -> str:
    parts = []
    for name in sorted(lexicon, key=len, reverse=True):
        if name in full:
            parts.append(re.escape(name))
        elif ambiguous_ok or name not in LEX.ambiguous:
            parts.append(re.escape(name) + r"\.?")
    return "(?:" + "|".join(parts) + r")(?![A-Za-z])"


ALL_MONTH_NAMES = _names(LEX.months, FULL_MONTHS, ambiguous_ok=True)


MONTH_NAMES = _names(LEX.months, FULL_MONTHS, ambiguous_ok=False)


WEEKDAY_NAMES = "(?:" + alternation(sorted(FULL_WEEKDAYS)) + r")(?![A-Za-z])"


NUMBER = "(?:" + alternation(list(LEX.numbers)) + r"|\d{1,3})"


ORDINAL = "(?:" + alternation(list(LEX.ordinals)) + ")"


YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%]|[.,]\d)"


DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"


CLOCK = (
    r"(?:(?:around\s+|about\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|"
    r"midnight|midday)(?:\s+(?:[ECMP][SD]T|GMT|UTC))?)"
)


MODIFIER = (
    r"(?i:early|mid-|mid|late|the\s+(?:beginning|start|middle|end|close)\s+of|"
    r"the\s+(?:first|second)\s+half\s+of)"
)


DAY_PART = r"(?:morning|afternoon|evening|night)"


UNIT = r"(?:day|week|fortnight|month|year|decade)"


FLAGS = re.IGNORECASE


@dataclass
class Context:
    """What a rule may use: the publication date, the tense, the article around the span."""

    published: dt.date
    tense: str | None = None  # "past" | "future" | None
    before: str = ""  # up to 40 characters before the span
    after: str = ""  # up to 40 characters after the span
    sentence: str = ""
    anchors: dict[str, Interval] = field(default_factory=dict)


Handler = Callable[[re.Match[str], Context], Resolution | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


RULES: list[Rule] = []


def register_rule(name: str, pattern: str, flags: int = 0) -> Callable[[Handler], Handler]:
    # Expressions start at a word's start: the lookbehind also lets the engine skip the
    # inside of words fast (the scan cost a quarter of extraction time without it).
    compiled = re.compile(rf"(?<!\w)(?:{pattern})", flags)

    def register(handler: Handler) -> Handler:
        RULES.append(Rule(name, compiled, handler))
        return handler

    return register
