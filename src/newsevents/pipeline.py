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
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc

from newsevents import nlp
from newsevents.errors import ExtractionFailed
from newsevents.extract.actors import extract_actors
from newsevents.extract.events import extract_events
from newsevents.extract.events.model import EventModel, load_model
from newsevents.extract.places import extract_places, place_sources
from newsevents.extract.quotes import extract_quotes
from newsevents.extract.sentences import document_tone, extract_sentences
from newsevents.extract.times import extract_times
from newsevents.kb import KnowledgeBase
from newsevents.kb.gazetteer import Gazetteer, load_gazetteer
from newsevents.kb.lexicons import Lexicons, load_lexicons
from newsevents.records import Article, Document, Event
from newsevents.resolve import Lexicon, lexicon

# Bump when the extractors change what they produce: `newsevents ingest --reprocess`
# re-extracts the stored articles of an older pipeline version.
PIPELINE_VERSION = "1"

# Actor types whose mentions may be place names used for a government or people.
_GOVERNMENT_TYPES = ("government", "country")


@dataclass(frozen=True, eq=False)
class Resources:
    """Everything the extractors read besides the parse, built once and handed down: the
    knowledge base (indexed for actor lookups), the lexicons, the gazetteer and the learned
    models. Actors, places, sentences and events take their part of it as arguments; quotes
    and times compile the package's lexicons at import."""

    kb: KnowledgeBase
    actor_lexicon: Lexicon  # the knowledge base indexed by name words (resolve.py)
    lexicons: Lexicons
    gazetteer: Gazetteer
    event_model: EventModel | None = None


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    """The package's own knowledge base, lexicons, gazetteer and models (kb/), loaded once
    per process (from the disk caches when they are current)."""
    actor_lexicon = lexicon()
    return Resources(
        kb=actor_lexicon.kb,
        actor_lexicon=actor_lexicon,
        lexicons=load_lexicons(),
        gazetteer=load_gazetteer(),
        event_model=load_model(),
    )


def build_document(article: Article, doc: Doc, resources: Resources | None = None) -> Document:
    """Run every extractor on one parsed article."""
    resources = resources or default_resources()
    document = build_context(article, doc, resources)
    document.events = events_of(document, doc, resources.event_model, resources.lexicons)
    return document


def events_of(
    context: Document, doc: Doc, model: EventModel | None, lexicons: Lexicons | None = None
) -> list[Event]:
    """The events of an article whose other records ``build_context`` gave (training codes
    the same context with many models)."""
    return extract_events(
        doc,
        actors=context.actors,
        places=context.places,
        times=context.times,
        quotes=context.quotes,
        sentences=context.sentences,
        model=model,
        lexicons=lexicons,
    )


def build_context(article: Article, doc: Doc, resources: Resources | None = None) -> Document:
    """Every record but the events: what the event coder reads (training reuses it).

    An undated article has no publication date to resolve against: its times keep no
    resolved value and its actors hold the offices the KB records as current
    (``kb.UNDATED``), never those of the day the extractor runs.
    """
    resources = resources or default_resources()
    published = date.fromisoformat(article.published) if article.published else None
    times = extract_times(doc, published=published)
    actors = extract_actors(
        doc, published=published, lex=resources.actor_lexicon, gazetteer=resources.gazetteer
    )
    claimed = [(m.start, m.end) for a in actors if a.type in _GOVERNMENT_TYPES for m in a.mentions]
    sources = place_sources(
        kb=resources.kb, gazetteer=resources.gazetteer, lexicons=resources.lexicons
    )
    places = extract_places(doc, exclude=claimed, sources=sources)
    quotes = extract_quotes(doc, actors=actors)
    sentences = extract_sentences(doc, quotes=quotes, lexicons=resources.lexicons)
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
