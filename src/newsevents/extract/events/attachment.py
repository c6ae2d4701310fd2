"""Place and time: the mention whose head chain reaches the trigger (or the verb governing a
nominal trigger) without leaving its clause.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from newsevents.extract.events.context import Candidate
from newsevents.records import Place, Time

_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "ROOT"})


def attach(
    doc: Doc,
    spans: Iterable[tuple[int, int, int]],
    owners: dict[int, Candidate],
) -> dict[int, list[int]]:
    """For each (key, start, end) mention: the candidate (by token index) its head chain
    reaches first without leaving its clause. Returns candidate token index -> keys."""
    attached: dict[int, list[int]] = {}
    for key, start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        current = span.root
        for _ in range(8):
            if current.i in owners and not (start <= current.idx < end):
                attached.setdefault(current.i, []).append(key)
                break
            if current.dep_ in _CLAUSE_DEPS and current.i not in owners:
                break
            if current.head.i == current.i:
                break
            current = current.head
    return attached


def places_and_times(
    doc: Doc, events: list[Candidate], places: list[Place], times: list[Time]
) -> tuple[dict[int, int], dict[int, list[Time]]]:
    """Per event (by ``id``): the index of its place and its times. They hang from the
    trigger or from the verb governing a nominal trigger."""
    owners = {c.token.i: c for c in events}
    for c in events:
        if c.governor is not None and c.governor.i not in owners:
            owners[c.governor.i] = c
    place_spans = [(i, m.start, m.end) for i, p in enumerate(places) for m in p.mentions]
    time_spans = [(i, t.start, t.end) for i, t in enumerate(times)]
    place_of: dict[int, int] = {}
    time_of: dict[int, list[Time]] = {}
    for i, keys in attach(doc, place_spans, owners).items():
        place_of.setdefault(id(owners[i]), keys[0])
    for i, keys in attach(doc, time_spans, owners).items():
        time_of.setdefault(id(owners[i]), []).extend(times[k] for k in keys)
    return place_of, time_of
