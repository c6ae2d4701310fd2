"""The annotated event corpus: stand-off annotations over texts read in place.

Each file ``data/train/events/*.jsonl`` holds one annotated article a line::

    {"doc": "train/polnear/NAME.txt", "sha1": "...", "published": "2016-03-15",
     "split": "train" | "held", "annotator": "...", "sentences": [[start, end], ...],
     "events": [{"sentence": 3, "trigger": [start, end], "type": "ACCUSE",
                 "modality": "occurred", "source": [[start, end]], "target": [],
                 "optional": false}]}

Offsets are character offsets into the text of ``doc``: a path under the shared folder
(``../shared`` beside the repository), so the repository holds no article text and the texts
stay where their licences put them; or, for sentences written for this corpus (the contrast
sets), a path under ``data/`` in the repository. A line may carry ``"region": [start, end]``: the
article is then that part of the file (one sentence or snippet of a TSV data set), and its
offsets still count from the start of the file. ``sha1`` is the hash of the article's text
and guards against a changed file. Every sentence of an article is listed; a sentence
without events is a negative. ``split`` "held" marks the
articles set aside before any tuning: they are scored, never trained or tuned on.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.errors import BadTrainingData
from newsevents.records import MODALITIES, PLOVER_TYPES

REPO = Path(__file__).resolve().parents[3]
CORPUS_DIR = REPO / "data" / "train" / "events"
SHARED_DIR = REPO.parent / "shared"
SPLITS = ("train", "held")

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldEvent:
    sentence: int
    trigger: Span
    type: str
    modality: str
    source: tuple[Span, ...] = ()
    target: tuple[Span, ...] = ()
    optional: bool = False


@dataclass
class AnnotatedArticle:
    doc: str
    text: str  # the article (the region of the file, if one is given)
    published: str | None
    split: str
    sentences: list[Span]
    events: list[GoldEvent] = field(default_factory=list)

    region: int | None = None  # where the article starts in its file, for a region

    @property
    def id(self) -> str:
        stem = Path(self.doc).stem
        return stem if self.region is None else f"{stem}-{self.region}"


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _span(value: Any, where: str, text: str) -> Span:
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) for v in value)
        and 0 <= value[0] < value[1] <= len(text)
    ):
        raise BadTrainingData(where, problem=f"{value!r} is not a [start, end] span of the text")
    return value[0], value[1]


def _event(raw: Any, where: str, article: AnnotatedArticle) -> GoldEvent:
    if not isinstance(raw, dict):
        raise BadTrainingData(where, problem="an event must be an object")
    if raw.get("type") not in PLOVER_TYPES:
        raise BadTrainingData(where, problem=f"type {raw.get('type')!r} is not a PLOVER type")
    if raw.get("modality") not in MODALITIES:
        raise BadTrainingData(where, problem=f"modality {raw.get('modality')!r} is unknown")
    sentence = raw.get("sentence")
    if not isinstance(sentence, int) or not 0 <= sentence < len(article.sentences):
        raise BadTrainingData(where, problem=f"sentence {sentence!r} is not a sentence index")
    trigger = _span(raw.get("trigger"), where, article.text)
    s_start, s_end = article.sentences[sentence]
    if not (s_start <= trigger[0] and trigger[1] <= s_end):
        raise BadTrainingData(where, problem="the trigger is outside its sentence")
    return GoldEvent(
        sentence=sentence,
        trigger=trigger,
        type=raw["type"],
        modality=raw["modality"],
        source=tuple(_span(s, where, article.text) for s in raw.get("source", [])),
        target=tuple(_span(s, where, article.text) for s in raw.get("target", [])),
        optional=bool(raw.get("optional", False)),
    )


def read_article(raw: Any, where: str, shared: Path) -> AnnotatedArticle:
    """One corpus line, checked against the text it annotates."""
    if not isinstance(raw, dict) or not isinstance(raw.get("doc"), str):
        raise BadTrainingData(where, problem="expected an object with a 'doc' path")
    path = (REPO if raw["doc"].startswith("data/") else shared) / raw["doc"]
    if not path.is_file():
        raise BadTrainingData(where, problem=f"{path} is missing; is ../shared beside the repo?")
    text = path.read_text(encoding="utf-8")
    shift = 0
    if raw.get("region") is not None:
        shift, end = _span(raw["region"], where, text)
        text = text[shift:end]
    if raw.get("sha1") != text_sha1(text):
        raise BadTrainingData(where, problem=f"{path} is not the text that was annotated")
    if raw.get("split") not in SPLITS:
        raise BadTrainingData(where, problem=f"split must be one of {SPLITS}")
    article = AnnotatedArticle(
        doc=raw["doc"],
        text=text,
        published=raw.get("published"),
        split=raw["split"],
        sentences=[_span(_shifted(s, shift), where, text) for s in raw.get("sentences", [])],
        region=shift if raw.get("region") is not None else None,
    )
    article.events = [
        _event(_shifted_event(e, shift), where, article) for e in raw.get("events", [])
    ]
    return article


def _shifted(span: Any, shift: int) -> Any:
    if shift and isinstance(span, list) and all(isinstance(v, int) for v in span):
        return [v - shift for v in span]
    return span


def _shifted_event(raw: Any, shift: int) -> Any:
    if not shift or not isinstance(raw, dict):
        return raw
    moved = dict(raw, trigger=_shifted(raw.get("trigger"), shift))
    for side in ("source", "target"):
        moved[side] = [_shifted(s, shift) for s in raw.get(side, [])]
    return moved


def load_corpus(corpus: Path = CORPUS_DIR, shared: Path = SHARED_DIR) -> list[AnnotatedArticle]:
    """Every annotated article of the corpus folder, in file and line order."""
    articles = []
    for path in sorted(corpus.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as e:
                raise BadTrainingData(where, problem=f"not JSON ({e.msg})") from e
            articles.append(read_article(raw, where, shared))
    return articles


def gold_file(article: AnnotatedArticle) -> dict[str, Any]:
    """The article's events as a gold file (shared/spec/gold-format.md), scored on events.

    The evidence of an event is its trigger, grown word by word inside its sentence until
    it occurs once in the article; its actors are the phrases annotated as source and target.
    """
    events = []
    for event in article.events:
        names = [article.text[s:e] for s, e in (*event.source, *event.target)]
        item: dict[str, Any] = {
            "type": event.type,
            "modality": [event.modality],
            "actors": names,
            "evidence": _evidence(article, event),
        }
        if event.optional:
            item["optional"] = True
        events.append(item)
    names = sorted({n for item in events for n in item["actors"]})
    return {
        "actors": [{"name": n, "alt": _name_variants(n)} for n in names],
        "article": {"id": article.id, "published": article.published, "annotated": ["events"]},
        "events": events,
    }


def _evidence(article: AnnotatedArticle, event: GoldEvent) -> str:
    """The shortest stretch around the trigger, within its sentence, that is unique."""
    text = article.text
    s_start, s_end = article.sentences[event.sentence]
    start, end = event.trigger
    while text.count(text[start:end]) > 1:
        if end < s_end:
            end = _next_word_end(text, end, s_end)
        elif start > s_start:
            start = _previous_word_start(text, start, s_start)
        else:
            break
    return text[start:end]


def _next_word_end(text: str, end: int, limit: int) -> int:
    while end < limit and text[end].isspace():
        end += 1
    while end < limit and not text[end].isspace():
        end += 1
    return end


def _previous_word_start(text: str, start: int, limit: int) -> int:
    while start > limit and text[start - 1].isspace():
        start -= 1
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return start


# Annotators wrote actor phrases as the sentence has them ("Mr. Biden", "the ministry's");
# a gold name also accepts the phrase without its article, honorific or possessive.
_LEADING_WORDS = frozenset(
    {"the", "a", "an", "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov",
     "governor", "gen", "general", "president", "prof", "rev", "lt", "col", "adm", "sgt"}
)  # fmt: skip


def _name_variants(name: str) -> list[str]:
    words = name.replace("’", "'").split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _LEADING_WORDS:
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    variant = " ".join(words)
    return [variant] if variant and variant != name else []
