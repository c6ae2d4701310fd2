"""Scoring against gold folders (shared/spec/gold-format.md): P, R, F1 per record type.

A gold folder holds ``NAME.json`` + ``NAME.txt`` pairs (scored on the record types each
file annotates) and/or ``NAME.resolve.tsv`` phrase-resolution tables. Every article of
every folder goes through one ``extract_documents`` stream, so the model is loaded and
the texts are parsed once; the scoring itself is pure functions of a predicted
``Document`` and a gold dict.

The matchers follow shared/spec/gold-format.md as the yardstick ``shared/tools/score.py``
reads it, so that both report the same figures on the same predictions:

- Pairs are a maximum one-to-one matching (augmenting paths: list order never decides).
  Required gold items are matched first; an optional item then absorbs at most one leftover
  prediction (it earns and costs nothing); every other leftover is a FP.
- Each stricter measure (actors *coded*, times *resolved*, quotes *attributed*, events
  *full*) is its own maximum matching under the stricter test; the predictions the first
  matching paired that get no strict pair count as FP.
- Text is compared after NFKD accent stripping and case folding, with punctuation, hyphens
  and underscores turned into spaces ("anti-war" = "anti war"; "U.S." = "u s").
- Actors and places match by their canonical name against the gold ``name``/``alt`` (not
  by mention texts); actors are matched by name first, then by group key. A group key
  ``CCC-SSS`` (``---SSS``: no country) matches an actor of that country and sector that is
  not a person. *coded* needs the gold ``country`` and ``sector`` (absent = null; a list of
  sectors accepts any).
- Gold times are located by their text alone (``span`` is not used): entries with the same
  text take its successive occurrences; a prediction overlaps them by offsets (by text when
  the gold text is not in the article).
- Quotes: at least half of the gold quote's distinct words inside the prediction's words,
  and half of the prediction's inside the gold's. A gold quote with neither ``speaker`` nor
  ``speaker_span`` is never attributed.
- Events: the normalised evidence stands in the normalised text of the event's sentence;
  event actors also match by a mention's text, by a name of 2+ words all in a gold name, or
  by a group key whatever their type. A prediction on an optional event's mention (sentence
  and actors) costs nothing whatever its type.
- A file whose extraction fails is scored against an empty document (all missed) and
  listed as a failure; the exit code is then 1.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from newsevents.errors import BadGoldFile, FileNotFound, NewsEventsError
from newsevents.records import Actor, Article, Document, Event, Place, Quote

RECORD_TYPES = ("actors", "places", "times", "quotes", "events")
GEO_KM = 161.0
EARTH_RADIUS_KM = 6371.0088

Gold = dict[str, Any]


# --------------------------------------------------------------------------- measures


@dataclass
class Score:
    """Counts for one measure; precision, recall and F1 derive from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    """The share of scored items that are right (geo@161km, resolve country/sector)."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict[str, Any]:
        return {
            "correct": self.correct,
            "total": self.total,
            "accuracy": round(self.accuracy, 4) if self.total else None,
        }


Measure = Score | Accuracy
Measures = dict[str, Measure]  # keys "record measure", e.g. "actors coded"


def add_measures(total: Measures, part: Measures) -> None:
    """Micro-average: sum the counts of ``part`` into ``total``."""
    for key, value in part.items():
        if key not in total:
            total[key] = Score() if isinstance(value, Score) else Accuracy()
        total[key].add(value)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- matching


@dataclass
class Matching:
    """A maximum one-to-one matching: (gold index, prediction index) pairs and the leftovers."""

    pairs: list[tuple[int, int]]
    unmatched: list[int]  # prediction indexes, ascending


def maximum_matching(
    gold: Sequence[int], predicted: Sequence[int], ok: Callable[[int, int], bool]
) -> Matching:
    """As many (gold, prediction) pairs as ``ok(g, p)`` allows, each item used at most once.

    Kuhn's augmenting paths: a gold item may take a prediction from an earlier gold item
    that can move to another one, so the order of the lists never costs a pair.
    """
    edges = {g: [p for p in predicted if ok(g, p)] for g in gold}
    holder: dict[int, int] = {}  # prediction -> the gold item it is paired with

    def augment(g: int, visited: set[int]) -> bool:
        for p in edges[g]:
            if p in visited:
                continue
            visited.add(p)
            if p not in holder or augment(holder[p], visited):
                holder[p] = g
                return True
        return False

    for g in gold:
        augment(g, set())
    pairs = sorted((g, p) for p, g in holder.items())
    return Matching(pairs, [p for p in predicted if p not in holder])


def split_optional(gold: Sequence[Gold]) -> tuple[list[int], list[int]]:
    """Indexes of the required and of the ``optional`` gold items."""
    required = [i for i, item in enumerate(gold) if not item.get("optional")]
    optional = [i for i, item in enumerate(gold) if item.get("optional")]
    return required, optional


def match_gold(
    gold: Sequence[Gold],
    n_predicted: int,
    ok: Callable[[int, int], bool],
    *,
    optional_ok: Callable[[int, int], bool] | None = None,
) -> tuple[Matching, Score]:
    """Required gold items against every prediction, then optional items against the leftovers.

    A leftover paired with an optional item earns and costs nothing (each optional item
    absorbs one prediction at most); every other leftover is a false positive.
    """
    required, optional = split_optional(gold)
    matching = maximum_matching(required, range(n_predicted), ok)
    absorbed = maximum_matching(optional, matching.unmatched, optional_ok or ok)
    score = Score(len(matching.pairs), len(absorbed.unmatched), len(required) - len(matching.pairs))
    return Matching(matching.pairs, absorbed.unmatched), score


def strict_score(
    gold: Sequence[Gold], n_predicted: int, matching: Matching, strict: Callable[[int, int], bool]
) -> Score:
    """The stricter measure: its own maximum matching of the required gold items.

    Of the predictions the first matching used, those left without a strict pair are false
    positives; the leftovers of the first matching stay false positives.
    """
    required, _ = split_optional(gold)
    good = len(maximum_matching(required, range(n_predicted), strict).pairs)
    return Score(good, len(matching.unmatched) + len(matching.pairs) - good, len(required) - good)


# --------------------------------------------------------------------------- names


_NOT_A_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Case-folded, accent-free, punctuation, hyphens and underscores as spaces:
    "Anti-War  Orbán's" -> "anti war orban s"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_A_WORD.sub(" ", bare.casefold()).split())


def gold_names(item: Gold) -> set[str]:
    """The normalised ``name`` and ``alt`` spellings of a gold actor or place."""
    names = [item.get("name"), *item.get("alt", [])]
    return {n for n in (normalize(x) for x in names if isinstance(x, str)) if n}


# "UKR-GOV": an unnamed actor of that country and sector; "---REB": country unknown (null)
GROUP_KEY = re.compile(r"(?:(?P<country>[A-Z]{3})-|---)(?P<sector>[A-Z]{3})")


def group_keys(item: Gold) -> list[tuple[str | None, str]]:
    """(country, sector) of every group key among the gold ``name`` and ``alt``."""
    keys = []
    for name in [item.get("name"), *item.get("alt", [])]:
        found = GROUP_KEY.fullmatch(name) if isinstance(name, str) else None
        if found:
            keys.append((found["country"], found["sector"]))
    return keys


def in_group(actor: Actor, gold_actor: Gold) -> bool:
    """The actor has the country and sector of one of the gold actor's group keys."""
    return any(
        (actor.country or None) == country and actor.sector == sector
        for country, sector in group_keys(gold_actor)
    )


def actor_named(actor: Actor, gold_actor: Gold) -> bool:
    """The predicted actor's canonical name is the gold ``name`` or an ``alt``."""
    return normalize(actor.name) in gold_names(gold_actor)


def actor_matches(actor: Actor, gold_actor: Gold) -> bool:
    """By name, or by a group key; a named person never stands for a group key."""
    return actor_named(actor, gold_actor) or (
        actor.type != "person" and in_group(actor, gold_actor)
    )


def event_actor_matches(actor: Actor, gold_actor: Gold) -> bool:
    """An event's actor, matched more loosely (event gold is often coded from the raw text):
    also by a mention's text, by a name of two words or more whose words all stand in a
    gold name ("Anna Virtanen" in "Defence Minister Anna Virtanen"), or by a group key
    whatever the actor's type."""
    if actor_matches(actor, gold_actor) or in_group(actor, gold_actor):
        return True
    names = gold_names(gold_actor)
    if any(normalize(m.text) in names for m in actor.mentions):
        return True
    words = set(normalize(actor.name).split())
    return len(words) >= 2 and any(words <= set(name.split()) for name in names)


def _coded_value_ok(predicted: str | None, expected: Any) -> bool:
    """A list of accepted codes, or one code (absent or null expects none)."""
    return predicted in expected if isinstance(expected, list) else predicted == expected


def actor_coded(actor: Actor, gold_actor: Gold) -> bool:
    """Country and sector both as the gold gives them."""
    return _coded_value_ok(actor.country, gold_actor.get("country")) and _coded_value_ok(
        actor.sector, gold_actor.get("sector")
    )


class GoldActors:
    """The gold actors of one file, looked up by any of their names (the first listed wins)."""

    def __init__(self, actors: Iterable[Gold]) -> None:
        self.by_name: dict[str, Gold] = {}
        for actor in actors:
            for name in gold_names(actor):
                self.by_name.setdefault(name, actor)

    def get(self, name: str) -> Gold:
        """The gold actor of that name, or one made of the name alone."""
        return self.by_name.get(normalize(name)) or {"name": name}


# --------------------------------------------------------------------------- per record type


def annotated_types(gold: Gold) -> tuple[str, ...]:
    """The record types a gold file is scored on (``article.annotated``, else all)."""
    annotated = gold.get("article", {}).get("annotated")
    if not annotated:
        return RECORD_TYPES
    return tuple(t for t in RECORD_TYPES if t in annotated)


def score_actors(document: Document, gold: Gold) -> Measures:
    """actors found (name) and coded (name, country and sector)."""
    predicted, expected = document.actors, gold.get("actors", [])
    everyone = range(len(expected))

    def named(g: int, p: int) -> bool:
        return actor_named(predicted[p], expected[g])

    def matches(g: int, p: int) -> bool:
        return actor_matches(predicted[p], expected[g])

    # names first, then group keys for what is left: a group key never takes a named match
    by_name = maximum_matching(everyone, range(len(predicted)), named)
    paired = {g for g, _ in by_name.pairs}
    unpaired = [g for g in everyone if g not in paired]
    by_key = maximum_matching(unpaired, by_name.unmatched, matches)
    pairs = len(by_name.pairs) + len(by_key.pairs)
    extra = len(by_key.unmatched)
    coded = maximum_matching(
        everyone,
        range(len(predicted)),
        lambda g, p: matches(g, p) and actor_coded(predicted[p], expected[g]),
    )
    good = len(coded.pairs)
    return {
        "actors found": Score(pairs, extra, len(expected) - pairs),
        "actors coded": Score(good, extra + pairs - good, len(expected) - good),
    }


def place_matches(place: Place, gold_place: Gold) -> bool:
    """The canonical name is the gold ``name`` or an ``alt``, and the country where the gold
    gives one."""
    if normalize(place.name) not in gold_names(gold_place):
        return False
    return "country" not in gold_place or place.country == gold_place["country"]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def score_places(document: Document, gold: Gold) -> Measures:
    """places (name and country) and geo@161km over the matched places with gold lat/lon."""
    predicted, expected = document.places, gold.get("places", [])
    matching, places = match_gold(
        expected, len(predicted), lambda g, p: place_matches(predicted[p], expected[g])
    )
    geo = Accuracy()
    for g, p in matching.pairs:
        lat, lon = _number(expected[g].get("lat")), _number(expected[g].get("lon"))
        if lat is None or lon is None:
            continue
        place = predicted[p]
        geo.total += 1
        if place.lat is not None and place.lon is not None:
            geo.correct += haversine_km(lat, lon, place.lat, place.lon) <= GEO_KM
    return {"places name+country": places, "places geo@161km": geo}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def locate_gold_times(expected: Sequence[Gold], text: str) -> list[tuple[int, int] | None]:
    """Each gold time's span in the article, from its text alone.

    Required items first, then optional ones; items with the same text take the text's
    successive (non-overlapping, exact) occurrences, the last one again when they run out.
    None where the text does not occur.
    """
    required, optional = split_optional(expected)
    spans: list[tuple[int, int] | None] = [None] * len(expected)
    taken: Counter[str] = Counter()
    for g in [*required, *optional]:
        needle = expected[g].get("text") or ""
        starts = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
        if starts:
            start = starts[min(taken[needle], len(starts) - 1)]
            spans[g] = (start, start + len(needle))
        taken[needle] += 1
    return spans


def score_times(document: Document, gold: Gold) -> Measures:
    """times overlap (with the gold text where it occurs) and resolved (also the same value)."""
    predicted, expected = document.times, gold.get("times", [])
    spans = locate_gold_times(expected, document.article.text)

    def overlap(g: int, p: int) -> bool:
        time, span = predicted[p], spans[g]
        said = normalize(time.text)
        if not said:
            return False
        if span is not None:
            return _overlaps((time.start, time.end), span)
        written = normalize(expected[g].get("text") or "")
        return written in said or said in written

    def resolved(g: int, p: int) -> bool:
        value, item = predicted[p].value, expected[g]
        start, end = (value.start, value.end) if value else (None, None)
        return overlap(g, p) and (start, end) == (item.get("start"), item.get("end"))

    matching, found = match_gold(expected, len(predicted), overlap)
    strict = strict_score(expected, len(predicted), matching, resolved)
    return {"times overlap": found, "times resolved": strict}


def quote_overlap(quote: Quote, gold_quote: Gold) -> bool:
    """At least half of the gold quote's distinct words are in the predicted quote, and at
    least half of the predicted quote's words are in the gold one."""
    return _words_overlap(set(normalize(quote.text).split()), _gold_words(gold_quote))


def _gold_words(gold_quote: Gold) -> set[str]:
    return set(normalize(gold_quote.get("text") or "").split())


def _words_overlap(predicted: set[str], expected: set[str]) -> bool:
    if not predicted or not expected:
        return False
    shared = len(predicted & expected)
    return 2 * shared >= len(expected) and 2 * shared >= len(predicted)


def speaker_right(
    quote: Quote, gold_quote: Gold, actors: dict[str, Actor], gold_actors: GoldActors
) -> bool:
    """The gold ``speaker_span`` overlaps the predicted speaker mention or a mention of the
    predicted speaker actor, or the gold ``speaker`` names the predicted speaker actor. A
    gold quote with neither has no speaker to get right."""
    speaker = actors.get(quote.speaker) if quote.speaker else None
    span = gold_quote.get("speaker_span")
    if span:
        gold_span = (int(span[0]), int(span[1]))
        mentions = list(speaker.mentions) if speaker else []
        if quote.speaker_mention is not None:
            mentions.append(quote.speaker_mention)
        if any(_overlaps((m.start, m.end), gold_span) for m in mentions):
            return True
    name = gold_quote.get("speaker")
    if not name or speaker is None:
        return False
    return actor_matches(speaker, gold_actors.get(str(name)))


def score_quotes(document: Document, gold: Gold) -> Measures:
    """quotes span (half-word overlap both ways) and attributed (span and speaker right)."""
    predicted, expected = document.quotes, gold.get("quotes", [])
    actors = {a.id: a for a in document.actors}
    gold_actors = GoldActors(gold.get("actors", []))
    predicted_words = [set(normalize(q.text).split()) for q in predicted]
    gold_words = [_gold_words(q) for q in expected]

    def span(g: int, p: int) -> bool:
        return _words_overlap(predicted_words[p], gold_words[g])

    def attributed(g: int, p: int) -> bool:
        return span(g, p) and speaker_right(predicted[p], expected[g], actors, gold_actors)

    matching, found = match_gold(expected, len(predicted), span)
    strict = strict_score(expected, len(predicted), matching, attributed)
    return {"quotes span": found, "quotes attributed": strict}


# An announced or conditional act (planned, hypothetical) is the intent to do it: gold AGREE
# (CAMEO 03) for cooperative acts, THREATEN (13) for hostile ones, and the other way round.
INTENT = {
    "AGREE": frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}),
    "THREATEN": frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "REJECT", "PROTEST"}),
}
_FUTURE = frozenset({"planned", "hypothetical"})


def gold_modalities(item: Gold) -> list[str]:
    """The accepted modalities of a gold event (a list; one string is one value)."""
    modality = item.get("modality")
    if isinstance(modality, str):
        return [modality]
    return list(modality or [])


def same_type(event: Event, item: Gold) -> bool:
    """The gold type, or the same intent coded either way (gold-format.md, events)."""
    gold_type = item.get("type")
    if event.type == gold_type:
        return True
    if gold_type in INTENT and event.modality in _FUTURE:
        return event.type in INTENT[gold_type]
    future = bool(_FUTURE & set(gold_modalities(item)))
    return event.type in INTENT and future and gold_type in INTENT[event.type]


def event_sentence(document: Document, event: Event) -> str:
    """The text of the event's sentence; without one, 300 characters around the trigger."""
    text = document.article.text
    if 0 <= event.sentence < len(document.sentences):
        sentence = document.sentences[event.sentence]
        return text[sentence.start : sentence.end]
    trigger = event.trigger
    return text[max(0, trigger.start - 300) : trigger.end + 300]


def score_events(document: Document, gold: Gold) -> Measures:
    """events typed (evidence sentence, type, a shared actor) and full (also modality, place)."""
    predicted, expected = document.events, gold.get("events", [])
    actors = {a.id: a for a in document.actors}
    gold_actors = GoldActors(gold.get("actors", []))
    gold_places = gold.get("places", [])
    sentences = [normalize(event_sentence(document, e)) for e in predicted]
    evidence = [normalize(item.get("evidence") or "") for item in expected]

    def in_sentence(g: int, p: int) -> bool:
        return evidence[g] in sentences[p]

    def actors_ok(g: int, p: int) -> bool:
        ids, names = [*predicted[p].source, *predicted[p].target], expected[g].get("actors", [])
        if not ids and not names:
            return True
        return any(
            event_actor_matches(actors[i], gold_actors.get(name))
            for i in ids
            if i in actors
            for name in names
        )

    def typed(g: int, p: int) -> bool:
        return same_type(predicted[p], expected[g]) and in_sentence(g, p) and actors_ok(g, p)

    def place_ok(g: int, p: int) -> bool:
        place_name = expected[g].get("place")
        if not place_name:
            return True
        index = predicted[p].place
        if index is None or not 0 <= index < len(document.places):
            return False
        wanted = normalize(place_name)
        accepted = {wanted}.union(
            *(gold_names(gp) for gp in gold_places if wanted in gold_names(gp))
        )
        place = document.places[index]
        said = {normalize(place.name)} | {normalize(m.text) for m in place.mentions}
        return bool(accepted & said)

    def full(g: int, p: int) -> bool:
        event, item = predicted[p], expected[g]
        intent = event.type != item.get("type")  # matched as the same intent: modality is in it
        if not intent and event.modality not in gold_modalities(item):
            return False
        return typed(g, p) and place_ok(g, p)

    def optional_ok(g: int, p: int) -> bool:
        """A prediction on an optional event's mention costs nothing, whatever its type."""
        return in_sentence(g, p) and actors_ok(g, p)

    matching, found = match_gold(expected, len(predicted), typed, optional_ok=optional_ok)
    strict = strict_score(expected, len(predicted), matching, full)
    return {"events typed": found, "events full": strict}


MEASURES = {
    "actors": ("actors found", "actors coded"),
    "places": ("places name+country", "places geo@161km"),
    "times": ("times overlap", "times resolved"),
    "quotes": ("quotes span", "quotes attributed"),
    "events": ("events typed", "events full"),
}
SCORERS: dict[str, Callable[[Document, Gold], Measures]] = {
    "actors": score_actors,
    "places": score_places,
    "times": score_times,
    "quotes": score_quotes,
    "events": score_events,
}


def score_document(document: Document, gold: Gold) -> Measures:
    """Every measure of the record types the gold file annotates."""
    measures: Measures = {}
    for record_type in annotated_types(gold):
        measures.update(SCORERS[record_type](document, gold))
    return measures


# --------------------------------------------------------------------------- phrase resolution


@dataclass
class ResolveRow:
    phrase: str
    date: str
    country: str
    sector: str
    line: int


def read_resolve_tsv(path: Path) -> list[ResolveRow]:
    """The rows of a ``NAME.resolve.tsv`` (header ``phrase date country sector``)."""
    rows: list[ResolveRow] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if number == 1 and cells[0] == "phrase":
            continue
        if len(cells) != 4:
            raise BadGoldFile(f"{path}:{number}", problem=f"{len(cells)} columns, expected 4")
        phrase, on, country, sector = (c.strip() for c in cells)
        rows.append(ResolveRow(phrase, on, country, sector, line=number))
    return rows


def expected_ok(predicted: str | None, cell: str) -> bool | None:
    """None when the cell is ``*`` (not scored); empty expects no value; ``A|B`` alternatives."""
    if cell == "*":
        return None
    if cell == "":
        return not predicted
    return predicted in cell.split("|")


@dataclass
class Resolution:
    """The codes ``newsevents resolve`` gives one row's phrase (None: no actor or no code)."""

    row: ResolveRow
    country: str | None
    sector: str | None

    def to_json(self) -> str:
        """One line of ``NAME.resolve.jsonl``, the predictions ``score.py --resolve`` reads."""
        codes = {"phrase": self.row.phrase, "country": self.country, "sector": self.sector}
        return json.dumps(codes, ensure_ascii=False)


def score_codes(predicted: str | None, cell: str) -> Score:
    """P/R/F1 counts of one cell: a right code is a TP; a wrong or unexpected one a FP; an
    expected code not given a FN (``*``: not scored, empty: no code expected)."""
    ok = expected_ok(predicted, cell)
    if ok is None or (ok and not predicted):
        return Score()
    if ok:
        return Score(tp=1)
    return Score(fp=1 if predicted else 0, fn=1 if cell else 0)


def score_resolution(resolution: Resolution) -> Measures:
    """resolve country and sector for one row: an accuracy over the scored rows, and P/R/F1
    over the codes (``codes``)."""
    measures: Measures = {}
    row = resolution.row
    for name, cell, value in (
        ("country", row.country, resolution.country),
        ("sector", row.sector, resolution.sector),
    ):
        ok = expected_ok(value, cell)
        measures[f"resolve {name}"] = Accuracy(int(bool(ok)), 0 if ok is None else 1)
        measures[f"resolve {name} codes"] = score_codes(value, cell)
    return measures


def resolve_rows(path: Path) -> list[Resolution]:
    """Resolve the phrase of every row of a table, on the row's date; a row without one is
    read as an undated article is (``kb.UNDATED``: offices the KB records as still held), so
    the figures do not depend on the day eval runs."""
    from newsevents.kb import UNDATED
    from newsevents.resolve import resolve_phrase

    resolutions: list[Resolution] = []
    for row in read_resolve_tsv(path):
        try:
            on = date.fromisoformat(row.date) if row.date else UNDATED
        except ValueError as e:
            raise BadGoldFile(f"{path}:{row.line}", problem=f"bad date {row.date!r}") from e
        try:
            actor = resolve_phrase(row.phrase, on=on)
        except NewsEventsError:
            actor = None
        country, sector = (actor.country, actor.sector) if actor else (None, None)
        resolutions.append(Resolution(row, country or None, sector or None))
    return resolutions


def evaluate_resolve(path: Path, *, save: Path | None = None) -> tuple[Measures, int]:
    """Resolve and score every phrase of a table; returns the measures and the number of rows.

    With ``save``, the codes are also written to ``save/NAME.resolve.jsonl`` (one line per
    row), the layout ``shared/tools/score.py --resolve`` reads.
    """
    resolutions = resolve_rows(path)
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        lines = "".join(r.to_json() + "\n" for r in resolutions)
        (save / (path.name.removesuffix(".tsv") + ".jsonl")).write_text(lines, encoding="utf-8")
    measures: Measures = {}
    for resolution in resolutions:
        add_measures(measures, score_resolution(resolution))
    return measures, len(resolutions)


# --------------------------------------------------------------------------- folders


@dataclass
class GoldFile:
    """One gold article: its gold dict and the article built from it and NAME.txt."""

    folder: int
    path: Path
    gold: Gold
    article: Article


@dataclass
class FolderResult:
    path: str
    files: int = 0
    phrases: int = 0
    measures: Measures = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.path).name

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": self.path,
            "files": self.files,
            "phrases": self.phrases,
            "measures": {k: v.to_dict() for k, v in self.measures.items()},
            "failures": self.failures,
            "notes": self.notes,
        }


@dataclass
class EvalResult:
    folders: list[FolderResult]

    @property
    def failed(self) -> bool:
        return any(f.failures for f in self.folders)

    def to_dict(self) -> dict[str, Any]:
        return {"folders": [f.to_dict() for f in self.folders]}


def load_gold_file(path: Path) -> tuple[Gold, Article]:
    """Read NAME.json and NAME.txt; the Article carries the gold ``article`` metadata."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BadGoldFile(str(path), problem=f"not readable JSON ({e})") from e
    if not isinstance(gold, dict) or not isinstance(gold.get("article", {}), dict):
        raise BadGoldFile(str(path), problem='not an object with an "article" object')
    for record_type in RECORD_TYPES:
        if not isinstance(gold.get(record_type, []), list):
            raise BadGoldFile(str(path), problem=f'"{record_type}" is not a list')
    text_path = path.with_suffix(".txt")
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise BadGoldFile(str(path), problem=f"no readable {text_path.name} beside it") from e
    meta = gold.get("article", {})
    article = Article(
        id=str(meta.get("id") or path.stem),
        text=text,
        url=meta.get("url"),
        source=meta.get("source"),
        title=meta.get("title"),
        published=meta.get("published"),
    )
    return gold, article


def _scan_folder(
    index: int, folder: Path, result: FolderResult, save: Path | None = None
) -> list[GoldFile]:
    if not folder.is_dir():
        raise FileNotFound(str(folder))
    files: list[GoldFile] = []
    for path in sorted(folder.glob("*.json")):
        try:
            gold, article = load_gold_file(path)
        except BadGoldFile as e:
            result.failures.append(str(e))
            continue
        files.append(GoldFile(index, path, gold, article))
    for path in sorted(folder.glob("*.resolve.tsv")):
        try:
            measures, rows = evaluate_resolve(path, save=save)
        except BadGoldFile as e:
            result.failures.append(str(e))
            continue
        add_measures(result.measures, measures)
        result.phrases += rows
    if (folder / "articles.jsonl").is_file():
        result.notes.append("articles.jsonl: story clustering, no scorer yet (skipped)")
    if not files and not result.phrases and not result.notes and not result.failures:
        result.failures.append(
            str(BadGoldFile(str(folder), problem="no gold files (NAME.json + NAME.txt, "
                            "NAME.resolve.tsv) in this folder"))
        )  # fmt: skip
    return files


Extractor = Callable[[Iterable[Article]], Iterable[tuple[Article, Document | NewsEventsError]]]


def _predictions(
    files: list[GoldFile], extract: Extractor | None
) -> Iterator[tuple[GoldFile, Document | NewsEventsError]]:
    if extract is None:
        from newsevents.pipeline import extract_documents

        extract = extract_documents
    results = extract(f.article for f in files)
    for gold_file, (_, document) in zip(files, results, strict=True):
        yield gold_file, document


def evaluate(
    gold_dirs: Sequence[Path],
    *,
    progress: Progress | None = None,
    extract: Extractor | None = None,
    save: Path | None = None,
) -> EvalResult:
    """Score newsevents on every gold folder: one parse per article, micro-averaged counts.

    ``extract`` defaults to ``pipeline.extract_documents`` (tests pass a stand-in). With
    ``save``, each predicted document is also written to ``save/FOLDER/NAME.json``, the
    layout ``shared/tools/score.py GOLD_DIR PRED_DIR`` reads, and the codes of each phrase
    table to ``save/FOLDER/NAME.resolve.jsonl`` (``score.py --resolve``).
    """
    results = [FolderResult(str(d)) for d in gold_dirs]
    files: list[GoldFile] = []
    for index, folder in enumerate(gold_dirs):
        saved = save / Path(folder).name if save is not None else None
        files.extend(_scan_folder(index, Path(folder), results[index], saved))
    for gold_file in files:  # a scored folder shows every measure, even at zero counts
        result = results[gold_file.folder]
        result.files += 1
        for record_type in annotated_types(gold_file.gold):
            for key in MEASURES[record_type]:
                result.measures.setdefault(key, Accuracy() if "@" in key else Score())
    task = progress.add_task("scoring", total=len(files)) if progress else None
    for gold_file, document in _predictions(files, extract):
        result = results[gold_file.folder]
        if isinstance(document, NewsEventsError):
            result.failures.append(f"{gold_file.path.name}: {document} (scored as all missed)")
            document = Document(article=gold_file.article)
        if save is not None:
            folder = save / Path(result.name).name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / gold_file.path.name).write_text(document.to_json(), encoding="utf-8")
        try:
            add_measures(result.measures, score_document(document, gold_file.gold))
        except (KeyError, TypeError, ValueError, IndexError) as e:
            problem = f"cannot score it ({type(e).__name__}: {e})"
            result.failures.append(str(BadGoldFile(str(gold_file.path), problem=problem)))
        if progress is not None and task is not None:
            progress.advance(task)
    return result_sorted(results)


def result_sorted(results: list[FolderResult]) -> EvalResult:
    """Measures in record-type order (actors, places, times, quotes, events, resolve)."""
    order = {t: i for i, t in enumerate((*RECORD_TYPES, "resolve"))}
    for result in results:
        items = sorted(result.measures.items(), key=lambda kv: order.get(kv[0].split()[0], 99))
        result.measures = dict(items)
    return EvalResult(results)


# --------------------------------------------------------------------------- rendering


def render(result: EvalResult, console: Console) -> None:
    """One table per gold folder: record, measure, P, R, F1 (or accuracy), counts."""
    for folder in result.folders:
        sizes = [f"{folder.files} files"] if folder.files or not folder.phrases else []
        sizes += [f"{folder.phrases} phrases"] if folder.phrases else []
        table = Table(
            title=f"{folder.name}  ({', '.join(sizes)})",
            title_justify="left",
            caption="accuracy rows: tp = right, fn = wrong"
            if any(isinstance(m, Accuracy) for m in folder.measures.values())
            else None,
            caption_justify="left",
        )
        for column in ("record", "measure"):
            table.add_column(column)
        for column in ("P", "R", "F1/acc", "tp", "fp", "fn"):
            table.add_column(column, justify="right")
        for key, measure in folder.measures.items():
            record, _, name = key.partition(" ")
            if isinstance(measure, Score):
                table.add_row(
                    record,
                    name,
                    f"{measure.precision:.3f}",
                    f"{measure.recall:.3f}",
                    f"{measure.f1:.3f}",
                    str(measure.tp),
                    str(measure.fp),
                    str(measure.fn),
                )
            else:
                wrong = measure.total - measure.correct
                # No gold item to score (no gold coordinates): n/a, not a 0.000 accuracy.
                shown = f"{measure.accuracy:.3f}" if measure.total else "n/a"
                table.add_row(
                    record, name, "", "", shown,
                    str(measure.correct), "", str(wrong),
                )  # fmt: skip
        if folder.measures:
            console.print(table)
        else:
            console.print(f"[bold]{folder.name}[/bold]")
        for note in folder.notes:
            console.print(f"  {note}", markup=False)
        for failure in folder.failures:
            console.print(f"  failed: {failure}", markup=False, style="red")


def eval_cli(
    gold_dirs: list[Path],
    *,
    as_json: bool,
    console: Console,
    extract: Extractor | None = None,
    save: Path | None = None,
) -> int:
    """`newsevents eval`: score, print a table per folder (or JSON); 1 if any file failed."""
    err = Console(stderr=True)
    with Progress(console=err, transient=True) as progress:
        result = evaluate(gold_dirs, progress=progress, extract=extract, save=save)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        render(result, console)
    return 1 if result.failed else 0
