"""The time words of ``kb/times.yaml`` (months, weekdays, seasons, numbers, ordinals, fixed
holidays, verbs of future and planned clauses) and the reporting verbs of
``kb/speech_verbs.tsv`` (use ``times``), read once at import through the one lexicon loader.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.kb.lexicons import Lexicons, load_lexicons


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
    future_heads: frozenset[str]
    planned_verbs: frozenset[str]


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
        future_heads=frozenset(raw["future_heads"]),
        planned_verbs=frozenset(raw["planned_verbs"]),
    )


LEX = _load_lexicon(load_lexicons())


FULL_MONTHS = {name for name in LEX.months if len(name) > 4 or name in ("May", "June", "July")}


FULL_WEEKDAYS = {name for name in LEX.weekdays if name.endswith("day")}
