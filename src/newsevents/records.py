"""The newsevents/1 contract as plain dataclasses (see shared/spec/README.md).

Every record is plain data (strings, numbers, offsets): no spaCy objects cross this
boundary, so documents can go to another process, a file or the database unchanged.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from importlib import metadata
from typing import Any

SCHEMA = "newsevents/1"

ACTOR_TYPES = ("person", "organization", "government", "country", "media", "group")
PLACE_FEATURES = ("country", "admin", "city", "region", "other")
GRANULARITIES = ("day", "week", "month", "year", "range")
QUOTE_KINDS = ("direct", "partial", "indirect")
MODALITIES = ("occurred", "planned", "hypothetical", "negated")
SENTENCE_KINDS = ("report", "attributed", "opinion")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
# Provenance of a record (the contract's optional "why"): what decided it. Keys: "rule" (the
# rule that fired), "sense" (the lexicon sense), "entry" (the knowledge-base, dictionary or
# gazetteer entry), "model" (the learned pass's decision: keep, retype, add), "score" (its
# probability). Shown only when asked (``to_dict(explain=True)``, ``extract --explain``);
# not part of a record's equality, so a document read back without it is the same document.
Why = dict[str, str | float]
_EXPLAINED = ("actors", "places", "quotes", "events")

SECTORS = (
    "GOV", "MIL", "COP", "SPY", "LEG", "JUD", "PTY", "OPP", "REB", "UAF", "ELI", "CVL",
    "MED", "BUS", "LAB", "EDU", "REL", "CRM", "REF", "HLH", "NGO", "IGO",
)  # fmt: skip


@dataclass
class Mention:
    """A span of the article: ``text == article.text[start:end]`` always holds."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Mention:
        return cls(text[start:end], start, end)


@dataclass
class Article:
    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str = "en"


@dataclass
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    why: Why | None = field(default=None, compare=False)


@dataclass
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str
    geonames_id: int | None
    mentions: list[Mention] = field(default_factory=list)
    why: Why | None = field(default=None, compare=False)


@dataclass
class TimeValue:
    start: str  # YYYY-MM-DD
    end: str


@dataclass
class Time:
    text: str
    start: int
    end: int
    value: TimeValue | None
    granularity: str


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_mention: Mention | None = None
    cue: str | None = None
    channel: str | None = None
    reported_by: str | None = None
    why: Why | None = field(default=None, compare=False)


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    cameo: str
    modality: str
    trigger: Mention
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    place: int | None = None
    time: TimeValue | None = None
    sentence: int = 0
    reported_by: str | None = None
    confidence: float = 0.5
    why: Why | None = field(default=None, compare=False)


@dataclass
class Sentence:
    start: int
    end: int
    kind: str = "report"
    tone: float = 0.0


@dataclass
class Tone:
    score: float = 0.0
    positive: float = 0.0
    negative: float = 0.0


@dataclass
class Document:
    article: Article
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tone: Tone = field(default_factory=Tone)
    schema: str = SCHEMA

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """The document as plain data; each record's ``why`` only with ``explain``."""
        data = asdict(self)
        for name in _EXPLAINED:
            for record in data[name]:
                if not explain or record["why"] is None:
                    del record["why"]
        return {"schema": data.pop("schema"), **data}

    def to_json(self, *, indent: int | None = None, explain: bool = False) -> str:
        return json.dumps(self.to_dict(explain=explain), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            article=Article(**data["article"]),
            actors=[_actor(a) for a in data.get("actors", [])],
            places=[_place(p) for p in data.get("places", [])],
            times=[_time(t) for t in data.get("times", [])],
            quotes=[_quote(q) for q in data.get("quotes", [])],
            events=[_event(e) for e in data.get("events", [])],
            sentences=[Sentence(**s) for s in data.get("sentences", [])],
            tone=Tone(**data.get("tone", {})),
            schema=data.get("schema", SCHEMA),
        )

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


def _mention(m: dict[str, Any] | None) -> Mention | None:
    return Mention(**m) if m else None


def _value(v: dict[str, Any] | None) -> TimeValue | None:
    return TimeValue(**v) if v else None


def _actor(a: dict[str, Any]) -> Actor:
    return Actor(**{**a, "mentions": [Mention(**m) for m in a.get("mentions", [])]})


def _place(p: dict[str, Any]) -> Place:
    return Place(**{**p, "mentions": [Mention(**m) for m in p.get("mentions", [])]})


def _time(t: dict[str, Any]) -> Time:
    return Time(**{**t, "value": _value(t.get("value"))})


def _quote(q: dict[str, Any]) -> Quote:
    return Quote(**{**q, "speaker_mention": _mention(q.get("speaker_mention"))})


def _event(e: dict[str, Any]) -> Event:
    return Event(**{**e, "trigger": Mention(**e["trigger"]), "time": _value(e.get("time"))})


def article_id(text: str, url: str | None = None) -> str:
    """An article's stable identity (its key in the store): the URL when there is one,
    else the content."""
    key = url or text
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def newsevents_version() -> str:
    """The installed package's version: what coded a stored document or an export."""
    try:
        return metadata.version("newsevents")
    except metadata.PackageNotFoundError:
        return "unknown"
