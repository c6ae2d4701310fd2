"""Pronoun resolution of the actor extractor, measured on hand-made cases.

Usage: ``python bench/bench_coref.py [CASES.jsonl] [-v]`` (default
``tests/data/coref/cases.jsonl``). Each line is one invented text with one pronoun:
``{"text", "start", "end", "pronoun", "expected", "note"}``. ``expected`` is the antecedent
as written (a name, "the union", "The protesters"), or null when the pronoun refers to no
actor (a pleonastic "it", a thing, two people with no group actor).

A case is right when ``extract_actors`` makes the pronoun a mention of an actor whose name
or one of whose other mentions is the expected antecedent (compared case- and
accent-folded; a mention ending in it counts: "Finance Minister Anna Kovacs" for "Anna
Kovacs"), or, for a null case, when the pronoun is a mention of no actor. Prints accuracy
overall and per pronoun (he/him/himself count as "he", their/theirs as "they"), and with
``-v`` every wrong case. The real knowledge base is used, so results follow its changes.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsevents import nlp
from newsevents.extract.actors import extract_actors
from newsevents.records import Actor
from newsevents.resolve import fold

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "coref" / "cases.jsonl"
DAY = date(2025, 1, 15)
# Pronoun forms grouped under the form the report uses.
GROUPS = {
    "he": "he", "him": "he", "himself": "he", "his": "his",
    "she": "she", "herself": "she", "her": "her", "hers": "her",
    "they": "they", "them": "they", "themselves": "they", "their": "their", "theirs": "their",
    "it": "it", "its": "its",
}  # fmt: skip


@dataclass
class Outcome:
    case: dict[str, object]
    got: str | None  # the actor the pronoun was resolved to, as "name [mentions]"
    right: bool


@dataclass
class Result:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        return sum(o.right for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    def by_pronoun(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            key = GROUPS.get(str(o.case["pronoun"]).lower(), str(o.case["pronoun"]).lower())
            right, total = out.get(key, (0, 0))
            out[key] = (right + o.right, total + 1)
        return out


def load_cases(path: Path = CASES) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _norm(text: str) -> str:
    words = fold(text).replace("'s", "").split()
    return " ".join(w for w in words if w not in ("the", "a", "an"))


def _names(actor: Actor, start: int) -> set[str]:
    return {_norm(actor.name)} | {_norm(m.text) for m in actor.mentions if m.start != start}


def judge(case: dict[str, object], actors: list[Actor]) -> Outcome:
    start, end = int(str(case["start"])), int(str(case["end"]))
    owner = next((a for a in actors for m in a.mentions if m.start == start and m.end == end), None)
    got = None if owner is None else f"{owner.name} {[m.text for m in owner.mentions]}"
    expected = case.get("expected")
    if expected is None:
        return Outcome(case, got, owner is None)
    if owner is None:
        return Outcome(case, got, False)
    want = _norm(str(expected))
    right = any(n == want or n.endswith(" " + want) for n in _names(owner, start))
    return Outcome(case, got, right)


def measure(path: Path = CASES) -> Result:
    cases = load_cases(path)
    model = nlp.load()
    result = Result()
    began = time.perf_counter()
    for case in cases:
        doc = model(str(case["text"]))
        result.outcomes.append(judge(case, extract_actors(doc, published=DAY)))
    result.seconds = time.perf_counter() - began
    return result


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    result = measure(Path(paths[0]) if paths else CASES)
    right = sum(o.right for o in result.outcomes)
    print(f"pronoun resolution: {right}/{len(result.outcomes)} = {result.accuracy:.3f}")
    for key, (ok, total) in sorted(result.by_pronoun().items()):
        print(f"  {key:6s} {ok:3d}/{total:<3d} {ok / total:.3f}")
    print(f"  ({result.seconds:.2f} s for parse and extraction)")
    if verbose:
        for o in result.outcomes:
            if not o.right:
                c = o.case
                print(
                    f"WRONG [{c['pronoun']}] {c['note']}: expected {c['expected']!r}, got {o.got}"
                )
                print(f"      {c['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
