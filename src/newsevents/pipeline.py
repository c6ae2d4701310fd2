"""Article -> Document: parse once, run the extractors in order, resolve actors.

The stages, in order (each a pure function of the parsed doc and what came before):

1. parse      spaCy, in batches (nlp.py)
2. times      calendar expressions resolved against the publication date
3. actors     actor mentions resolved to canonical actors (resolve.py)
4. places     geocoded places, minus the names the actors claimed as governments
5. quotes     direct, partial, indirect quotes with their speakers
6. sentences  kind (report / attributed / opinion) and tone
7. events     PLOVER/CAMEO events with actors, place, time and modality
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from spacy.tokens import Doc

from newsevents import nlp
from newsevents.errors import ExtractionFailed
from newsevents.extract.actors import extract_actors
from newsevents.extract.events import extract_events
from newsevents.extract.events.model import EventModel, load_model
from newsevents.extract.places import extract_places
from newsevents.extract.quotes import extract_quotes
from newsevents.extract.sentences import document_tone, extract_sentences
from newsevents.extract.times import extract_times
from newsevents.records import Article, Document

# Bump when the extractors change what they produce: `newsevents ingest --reprocess`
# re-extracts the stored articles of an older pipeline version.
PIPELINE_VERSION = "1"

# Actor types whose mentions may be place names used for a government or people.
_GOVERNMENT_TYPES = ("government", "country")


@dataclass(frozen=True)
class Resources:
    """What the extractors are given besides the parse: the learned models."""

    event_model: EventModel | None = None


def default_resources() -> Resources:
    """The package's own models (kb/models/), loaded once per process."""
    return Resources(event_model=load_model())


def build_document(article: Article, doc: Doc, resources: Resources | None = None) -> Document:
    """Run every extractor on one parsed article."""
    document = build_context(article, doc)
    model = (resources or default_resources()).event_model
    document.events = extract_events(
        doc,
        actors=document.actors,
        places=document.places,
        times=document.times,
        quotes=document.quotes,
        sentences=document.sentences,
        model=model,
    )
    return document


def build_context(article: Article, doc: Doc) -> Document:
    """Every record but the events: what the event coder reads (training reuses it)."""
    published = date.fromisoformat(article.published) if article.published else None
    times = extract_times(doc, published=published)
    actors = extract_actors(doc, published=published)
    claimed = [(m.start, m.end) for a in actors if a.type in _GOVERNMENT_TYPES for m in a.mentions]
    places = extract_places(doc, exclude=claimed)
    quotes = extract_quotes(doc, actors=actors)
    sentences = extract_sentences(doc, quotes=quotes)
    return Document(
        article=article,
        actors=actors,
        places=places,
        times=times,
        quotes=quotes,
        events=[],
        sentences=sentences,
        tone=document_tone(doc),
    )


def extract_document(article: Article) -> Document:
    return build_document(article, nlp.parse(article.text))


def extract_documents(
    articles: Iterable[Article], *, batch_size: int = nlp.BATCH_SIZE
) -> Iterator[tuple[Article, Document | ExtractionFailed]]:
    """Documents for many articles, parsed in batches with one model.

    An article whose extraction fails yields its error instead of a document, so a batch
    goes on with the rest.
    """
    source = iter(articles)
    while chunk := list(islice(source, batch_size * 4)):
        docs = nlp.parse_many((a.text for a in chunk), batch_size=batch_size)
        for article, doc in zip(chunk, docs, strict=True):
            try:
                yield article, build_document(article, doc)
            except Exception as e:  # a bug in one extractor must not stop the batch
                yield article, ExtractionFailed(article.id, problem=f"{type(e).__name__}: {e}")
