"""Scoring against gold folders (shared/spec/gold-format.md): P, R, F1 per record type.

A gold folder holds ``NAME.json`` + ``NAME.txt`` pairs (scored on the record types each
file annotates) and/or ``NAME.resolve.tsv`` phrase-resolution tables. Every article of
every folder goes through one ``extract_documents`` stream, so the model is loaded and
the texts are parsed once; the scoring itself is pure functions of a predicted
``Document`` and a gold dict.

Where the spec is silent, this module decides (and the tests pin it):

- Matching is one-to-one and greedy, best pair first. Predictions are matched to required
  gold items first; a prediction left over that matches an optional gold item is ignored
  (neither TP nor FP); one that matches only an already-matched required item is a FP.
- The second measure of a record type (actors *coded*, times *resolved*, quotes
  *attributed*, events *full*) is taken over the pairs of the first matching: a pair that
  fails the stricter test counts as one FP and one FN.
- A prediction (actor or place) matches by its canonical name or by the text of any of its
  mentions, as gold names are sometimes the phrase as written.
- Names are compared after NFKD accent stripping, case folding, dropping punctuation and
  whitespace, and dropping a leading "the".
- A group key ``CCC-SSS`` (gold ``name`` or an entry of ``alt``) matches a predicted actor
  with that country and sector that is not a named knowledge-base entity: its id starts
  with ``anon:``, ``gov:``, ``country:``, ``group:`` or ``group-of:``, or its type is
  ``government``, ``country`` or ``group``. Named people, organisations and outlets only
  match by name.
- A gold ``country``/``sector`` key that is absent is not scored; a ``null`` expects
  ``null``; a list of sectors accepts any of them.
- Places match by name (the predicted name or any of its mention texts against the gold
  ``name``/``alt``), plus the country where the gold gives one. Gold ``spans`` are not
  used: the contract scores places by name.
- A gold time with only ``text`` is located at every occurrence of its text; further
  predictions on other occurrences of the same gold time are ignored, not FP.
- Quote tokens are ``\\w+`` runs. With gold offsets the half-overlap test is positional;
  with only gold ``text`` it is a multiset test on the two texts.
- An event is "in the evidence sentence" only when its sentence contains the whole
  evidence: a sentence splitter that cuts the evidence in two costs the match, as it would
  cost a reader.
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
from newsevents.records import Actor, Article, Document, Event, Mention, Place, Quote

RECORD_TYPES = ("actors", "places", "times", "quotes", "events")
GEO_KM = 161.0
EARTH_RADIUS_KM = 6371.0088
GROUP_KEY = re.compile(r"^[A-Z]{3}-[A-Z]{3}$")
UNNAMED_ID_PREFIXES = ("anon:", "gov:", "country:", "group:", "group-of:")
UNNAMED_TYPES = ("government", "country", "group")
_WORD = re.compile(r"\w+")

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
    """The outcome of one-to-one matching: pairs (prediction, gold) and the leftovers."""

    pairs: list[tuple[int, int]]
    fp: int
    fn: int


def match(
    n_predicted: int,
    gold: Sequence[Gold],
    score: Callable[[int, int], float | None],
    *,
    ignore_repeat: Callable[[int], bool] = lambda g: False,
) -> Matching:
    """Greedy one-to-one matching, best score first; required gold items before optional ones.

    ``score(p, g)`` is None when prediction ``p`` does not match gold item ``g``, else a
    number (higher is better). A leftover prediction matching an optional gold item (or a
    matched one for which ``ignore_repeat(g)`` holds) is ignored; any other leftover is a FP.
    """
    candidates: list[tuple[float, int, int]] = []
    matches_of: dict[int, list[int]] = {}
    for p in range(n_predicted):
        for g in range(len(gold)):
            s = score(p, g)
            if s is not None:
                candidates.append((s, p, g))
                matches_of.setdefault(p, []).append(g)
    required = [not gold[g].get("optional", False) for g in range(len(gold))]
    candidates.sort(key=lambda c: (not required[c[2]], -c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, p, g in candidates:
        if p in used_p or g in used_g or not required[g]:
            continue
        used_p.add(p)
        used_g.add(g)
        pairs.append((p, g))
    fp = 0
    for p in range(n_predicted):
        if p in used_p:
            continue
        hits = matches_of.get(p, [])
        if any(not required[g] or ignore_repeat(g) for g in hits):
            continue  # matches an optional item (or a repeatable one): earns and costs nothing
        fp += 1
    fn = sum(1 for g in range(len(gold)) if required[g] and g not in used_g)
    return Matching(sorted(pairs), fp, fn)


def primary_and_strict(
    matching: Matching, strict: Callable[[int, int], bool]
) -> tuple[Score, Score]:
    """The matching's score, and the stricter one where failing pairs count as FP and FN."""
    primary = Score(len(matching.pairs), matching.fp, matching.fn)
    good = sum(1 for p, g in matching.pairs if strict(p, g))
    bad = len(matching.pairs) - good
    return primary, Score(good, matching.fp + bad, matching.fn + bad)


# --------------------------------------------------------------------------- names


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """Case-folded, accent-free, punctuation- and space-free: "the Kremlin's" -> "kremlins"."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c)[0] != "P"
    )
    words = kept.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return "".join(words)


def gold_names(item: Gold) -> set[str]:
    """The normalised ``name`` and ``alt`` spellings of a gold actor or place."""
    names = [item["name"], *item.get("alt", [])]
    return {n for n in (normalize_name(x) for x in names if isinstance(x, str)) if n}


def group_keys(item: Gold) -> list[tuple[str, str]]:
    """(country, sector) of every group key among the gold ``name`` and ``alt``."""
    names = [item["name"], *item.get("alt", [])]
    return [(n[:3], n[4:]) for n in names if isinstance(n, str) and GROUP_KEY.match(n)]


def is_unnamed(actor: Actor) -> bool:
    """True for an actor that is not a named knowledge-base entity (see the module doc)."""
    return actor.id.startswith(UNNAMED_ID_PREFIXES) or actor.type in UNNAMED_TYPES


def written_names(name: str, mentions: Iterable[Mention]) -> set[str]:
    """A predicted actor's or place's names: its canonical name and the words that name it.

    Gold names are sometimes the phrase as written ("Russian President Boris Yeltsin"), so
    a prediction matches when its name or any of its mentions equals the gold name.
    """
    return {normalize_name(name)} | {normalize_name(m.text) for m in mentions}


def actor_matches(actor: Actor, gold_actor: Gold) -> bool:
    """The predicted actor is the gold actor: by name/alt, or by a group key."""
    if written_names(actor.name, actor.mentions) & gold_names(gold_actor):
        return True
    return is_unnamed(actor) and any(
        actor.country == country and actor.sector == sector
        for country, sector in group_keys(gold_actor)
    )


def _value_ok(predicted: str | None, gold: Gold, key: str) -> bool:
    """Absent key: not scored; null: expects null; a list or "A|B": any of them."""
    if key not in gold:
        return True
    expected = gold[key]
    if isinstance(expected, list):
        return predicted in expected
    return predicted == expected


def actor_coded(actor: Actor, gold_actor: Gold) -> bool:
    return _value_ok(actor.country, gold_actor, "country") and _value_ok(
        actor.sector, gold_actor, "sector"
    )


class GoldActors:
    """The gold actors of one file, looked up by any of their names."""

    def __init__(self, actors: Iterable[Gold]) -> None:
        self.by_name: dict[str, Gold] = {}
        for actor in actors:
            for name in [actor["name"], *actor.get("alt", [])]:
                self.by_name.setdefault(normalize_name(name), actor)
        for actor in actors:  # the canonical name wins over another actor's alt
            self.by_name[normalize_name(actor["name"])] = actor

    def get(self, name: str) -> Gold:
        """The gold actor of that name, or one made of the name alone."""
        return self.by_name.get(normalize_name(name)) or {"name": name}


# --------------------------------------------------------------------------- per record type


def annotated_types(gold: Gold) -> tuple[str, ...]:
    """The record types a gold file is scored on (``article.annotated``, else all)."""
    annotated = gold.get("article", {}).get("annotated")
    if annotated is None:
        return RECORD_TYPES
    return tuple(t for t in RECORD_TYPES if t in annotated)


def score_actors(document: Document, gold: Gold) -> Measures:
    """actors found (name) and coded (name, country and sector)."""
    predicted, expected = document.actors, gold.get("actors", [])

    def score(p: int, g: int) -> float | None:
        if not actor_matches(predicted[p], expected[g]):
            return None
        return 1.0 + actor_coded(predicted[p], expected[g])

    matching = match(len(predicted), expected, score)
    found, coded = primary_and_strict(matching, lambda p, g: actor_coded(predicted[p], expected[g]))
    return {"actors found": found, "actors coded": coded}


def _written_place_names(place: Place) -> set[str]:
    return written_names(place.name, place.mentions)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def place_matches(place: Place, gold_place: Gold) -> bool:
    """Name, and the country where the gold gives one."""
    by_name = bool(_written_place_names(place) & gold_names(gold_place))
    return by_name and _value_ok(place.country, gold_place, "country")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def score_places(document: Document, gold: Gold) -> Measures:
    """places (name and country) and geo@161km over the matched places with gold lat/lon."""
    predicted, expected = document.places, gold.get("places", [])

    def close(p: int, g: int) -> bool:
        place, lat, lon = predicted[p], expected[g].get("lat"), expected[g].get("lon")
        if lat is None or lon is None or place.lat is None or place.lon is None:
            return False
        return haversine_km(place.lat, place.lon, lat, lon) <= GEO_KM

    def score(p: int, g: int) -> float | None:
        if not place_matches(predicted[p], expected[g]):
            return None
        return 1.0 + close(p, g)

    matching = match(len(predicted), expected, score)
    geo = Accuracy()
    for p, g in matching.pairs:
        if expected[g].get("lat") is not None and expected[g].get("lon") is not None:
            geo.total += 1
            geo.correct += close(p, g)
    return {
        "places name+country": Score(len(matching.pairs), matching.fp, matching.fn),
        "places geo@161km": geo,
    }


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) of ``needle`` in ``text``; case-insensitive if there is no exact one."""
    if not needle:
        return []
    found: list[tuple[int, int]] = []
    probes = [(text, needle)]
    folded = text.casefold()
    if len(folded) == len(text):  # offsets stay valid only if folding keeps the length
        probes.append((folded, needle.casefold()))
    for haystack, probe in probes:
        start = haystack.find(probe)
        while start != -1:
            found.append((start, start + len(probe)))
            start = haystack.find(probe, start + 1)
        if found:
            break
    return found


def _gold_time_spans(item: Gold, text: str) -> list[tuple[int, int]]:
    span = item.get("span")
    if span is not None:
        return [(int(span[0]), int(span[1]))]
    return _occurrences(text, item.get("text", ""))


def score_times(document: Document, gold: Gold) -> Measures:
    """times overlap (offsets, or the gold text's occurrences) and resolved (same value)."""
    predicted, expected = document.times, gold.get("times", [])
    text = document.article.text
    spans = [_gold_time_spans(item, text) for item in expected]

    def resolved(p: int, g: int) -> bool:
        value, item = predicted[p].value, expected[g]
        if item.get("start") is None and item.get("end") is None:
            return value is None
        return value is not None and (value.start, value.end) == (
            item.get("start"),
            item.get("end"),
        )

    def score(p: int, g: int) -> float | None:
        time = predicted[p]
        if spans[g]:
            overlap = max(min(time.end, e) - max(time.start, s) for s, e in spans[g])
            if overlap <= 0:
                return None
        elif normalize_name(time.text) != normalize_name(expected[g].get("text", "")):
            return None
        else:
            overlap = len(time.text)
        return overlap + (1000.0 if resolved(p, g) else 0.0)

    matching = match(
        len(predicted), expected, score, ignore_repeat=lambda g: "span" not in expected[g]
    )
    found, strict = primary_and_strict(matching, resolved)
    return {"times overlap": found, "times resolved": strict}


def _tokens(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    return [
        (m.group().casefold(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)
    ]


Tokens = list[tuple[str, int, int]]


def quote_overlap(quote: Quote, gold_quote: Gold) -> float | None:
    """min(share of gold tokens inside the prediction, share of predicted tokens inside the
    gold) when both are at least one half, else None."""
    return _quote_overlap(
        quote, _tokens(quote.text, quote.start), gold_quote, _gold_quote_tokens(gold_quote)
    )


def _gold_quote_tokens(gold_quote: Gold) -> Tokens:
    return _tokens(gold_quote.get("text", ""), int(gold_quote.get("start") or 0))


def _quote_overlap(
    quote: Quote, predicted: Tokens, gold_quote: Gold, expected: Tokens
) -> float | None:
    if not predicted or not expected:
        return None
    if isinstance(gold_quote.get("start"), int) and isinstance(gold_quote.get("end"), int):
        g_start, g_end = gold_quote["start"], gold_quote["end"]
        gold_in = sum(1 for _, s, e in expected if s >= quote.start and e <= quote.end)
        pred_in = sum(1 for _, s, e in predicted if s >= g_start and e <= g_end)
    else:
        shared = Counter(t for t, _, _ in predicted) & Counter(t for t, _, _ in expected)
        gold_in = pred_in = sum(shared.values())
    if 2 * gold_in < len(expected) or 2 * pred_in < len(predicted):
        return None
    return min(gold_in / len(expected), pred_in / len(predicted))


def speaker_right(
    quote: Quote, gold_quote: Gold, actors: dict[str, Actor], gold_actors: GoldActors
) -> bool:
    """The gold ``speaker`` names the predicted speaker actor, or the gold ``speaker_span``
    overlaps the predicted speaker mention or a mention of the predicted speaker actor."""
    speaker = actors.get(quote.speaker) if quote.speaker else None
    name, span = gold_quote.get("speaker"), gold_quote.get("speaker_span")
    if name is None and span is None:
        return quote.speaker is None and quote.speaker_mention is None
    if name is not None and speaker is not None and actor_matches(speaker, gold_actors.get(name)):
        return True
    if span is not None:
        gold_span = (int(span[0]), int(span[1]))
        mentions = list(speaker.mentions) if speaker else []
        if quote.speaker_mention is not None:
            mentions.append(quote.speaker_mention)
        return any(_overlaps((m.start, m.end), gold_span) for m in mentions)
    return False


def score_quotes(document: Document, gold: Gold) -> Measures:
    """quotes span (half-token overlap both ways) and attributed (span and speaker right)."""
    predicted, expected = document.quotes, gold.get("quotes", [])
    actors = {a.id: a for a in document.actors}
    gold_actors = GoldActors(gold.get("actors", []))

    def attributed(p: int, g: int) -> bool:
        return speaker_right(predicted[p], expected[g], actors, gold_actors)

    predicted_tokens = [_tokens(q.text, q.start) for q in predicted]
    gold_tokens = [_gold_quote_tokens(q) for q in expected]

    def score(p: int, g: int) -> float | None:
        return _quote_overlap(predicted[p], predicted_tokens[p], expected[g], gold_tokens[g])

    matching = match(len(predicted), expected, score)
    span, strict = primary_and_strict(matching, attributed)
    return {"quotes span": span, "quotes attributed": strict}


def _event_actors_ok(
    actor_ids: list[str], names: list[str], actors: dict[str, Actor], gold_actors: GoldActors
) -> bool:
    predicted = [actors[i] for i in actor_ids if i in actors]
    if not names:
        return not predicted
    return any(actor_matches(a, gold_actors.get(n)) for a in predicted for n in names)


# An announced or conditional act (planned, hypothetical) is the intent to do it: gold AGREE
# (CAMEO 03) for cooperative acts, THREATEN (13) for hostile ones, and the other way round.
INTENT = {
    "AGREE": frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}),
    "THREATEN": frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "REJECT", "PROTEST"}),
}
_FUTURE = frozenset({"planned", "hypothetical"})


def same_type(event: Event, item: Gold) -> bool:
    """The gold type, or the same intent coded either way (gold-format.md, events)."""
    gold_type = item.get("type")
    if event.type == gold_type:
        return True
    if gold_type in INTENT and event.modality in _FUTURE:
        return event.type in INTENT[gold_type]
    modality = item.get("modality")
    accepted = set(modality if isinstance(modality, list) else [modality])
    return event.type in INTENT and bool(accepted & _FUTURE) and gold_type in INTENT[event.type]


def score_events(document: Document, gold: Gold) -> Measures:
    """events typed (evidence sentence, type, a shared actor) and full (also modality, place)."""
    predicted, expected = document.events, gold.get("events", [])
    text = document.article.text
    actors = {a.id: a for a in document.actors}
    gold_actors = GoldActors(gold.get("actors", []))
    gold_places = {
        normalize_name(n): p for p in gold.get("places", []) for n in [p["name"], *p.get("alt", [])]
    }
    evidence = [_occurrences(text, item.get("evidence", "")) for item in expected]

    def in_evidence(p: int, g: int) -> bool:
        event = predicted[p]
        if 0 <= event.sentence < len(document.sentences):
            sentence = document.sentences[event.sentence]
            return any(s >= sentence.start and e <= sentence.end for s, e in evidence[g])
        return False

    def full(p: int, g: int) -> bool:
        event, item = predicted[p], expected[g]
        modality = item.get("modality")
        accepted = modality if isinstance(modality, list) else [modality]
        intent = event.type != item.get("type")  # matched as the same intent: modality is in it
        if modality is not None and not intent and event.modality not in accepted:
            return False
        if item.get("place"):
            if event.place is None or not 0 <= event.place < len(document.places):
                return False
            gold_place = gold_places.get(normalize_name(item["place"])) or {"name": item["place"]}
            return bool(_written_place_names(document.places[event.place]) & gold_names(gold_place))
        return True

    def score(p: int, g: int) -> float | None:
        event, item = predicted[p], expected[g]
        if not same_type(event, item) or not in_evidence(p, g):
            return None
        if not _event_actors_ok(
            [*event.source, *event.target], item.get("actors", []), actors, gold_actors
        ):
            return None
        return 1.0 + full(p, g)

    matching = match(len(predicted), expected, score)
    typed, strict = primary_and_strict(matching, full)
    return {"events typed": typed, "events full": strict}


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
        return predicted is None
    return predicted in cell.split("|")


def score_resolution(actor: Actor | None, row: ResolveRow) -> Measures:
    """resolve country and sector for one row (each an accuracy over the scored rows)."""
    measures: Measures = {}
    for key, cell, value in (
        ("resolve country", row.country, actor.country if actor else None),
        ("resolve sector", row.sector, actor.sector if actor else None),
    ):
        ok = expected_ok(value, cell)
        measures[key] = Accuracy(int(bool(ok)), 0 if ok is None else 1)
    return measures


def evaluate_resolve(path: Path) -> tuple[Measures, int]:
    """Resolve every phrase of a table; returns the measures and the number of rows."""
    from newsevents.resolve import resolve_phrase

    measures: Measures = {}
    rows = read_resolve_tsv(path)
    for row in rows:
        try:
            on = date.fromisoformat(row.date) if row.date else date.today()
        except ValueError as e:
            raise BadGoldFile(f"{path}:{row.line}", problem=f"bad date {row.date!r}") from e
        try:
            actor = resolve_phrase(row.phrase, on=on)
        except NewsEventsError:
            actor = None
        add_measures(measures, score_resolution(actor, row))
    return measures, len(rows)


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


def _scan_folder(index: int, folder: Path, result: FolderResult) -> list[GoldFile]:
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
            measures, rows = evaluate_resolve(path)
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
    layout ``shared/tools/score.py GOLD_DIR PRED_DIR`` reads.
    """
    results = [FolderResult(str(d)) for d in gold_dirs]
    files: list[GoldFile] = []
    for index, folder in enumerate(gold_dirs):
        files.extend(_scan_folder(index, Path(folder), results[index]))
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
