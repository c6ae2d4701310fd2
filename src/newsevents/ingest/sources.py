"""SOURCE arguments -> a stream of Articles, or of errors for what could not be read.

A source is a ``.txt`` file, a folder (every readable file in it, recursively), a
``.jsonl`` file of article objects, a ``.csv`` file with a text column, a saved
``.html``/``.htm`` page, an RSS/Atom feed (``.xml``, ``.rss``, ``.atom`` or a URL that
serves one) or an article URL. Nothing stops at a bad item: its error is yielded in its
place and the stream goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from newsevents.errors import FileNotFound, NewsEventsError, UnsupportedSource
from newsevents.ingest.csv_source import read_csv
from newsevents.ingest.feeds import KnownUrl, feed_articles, looks_like_feed, read_feed
from newsevents.ingest.html import read_html
from newsevents.ingest.text import read_jsonl, read_text
from newsevents.ingest.urls import article_from_page, fetch, http_client, is_url
from newsevents.records import Article

# An article, the error in place of one that could not be read, or a URL the store has.
SourceItem = Article | NewsEventsError | KnownUrl


@dataclass(frozen=True)
class ReadOptions:
    """What every reader may use: the CSV text column, the default date, the HTTP client."""

    client: httpx.Client
    text_column: str = "text"
    published: str | None = None
    skip_url: Callable[[str], bool] | None = None


Reader = Callable[[str, ReadOptions], Iterator[SourceItem]]


def _read_text(source: str, options: ReadOptions) -> Iterator[SourceItem]:
    yield read_text(source, published=options.published)


def _read_jsonl(source: str, options: ReadOptions) -> Iterator[SourceItem]:
    yield from read_jsonl(source, published=options.published)


def _read_csv(source: str, options: ReadOptions) -> Iterator[SourceItem]:
    yield from read_csv(source, text_column=options.text_column)


def _read_html(source: str, options: ReadOptions) -> Iterator[SourceItem]:
    yield read_html(source, published=options.published)


def _read_feed(source: str, options: ReadOptions) -> Iterator[SourceItem]:
    yield from read_feed(
        source, client=options.client, published=options.published, skip_url=options.skip_url
    )


def _read_url(source: str, options: ReadOptions) -> Iterator[SourceItem]:
    yield from _from_url(
        source, client=options.client, published=options.published, skip_url=options.skip_url
    )


@dataclass(frozen=True)
class SourceReader:
    read: Reader
    many: bool  # read as many articles (`extract` then needs --out), not one


# The one table of readers: a file suffix or a URL scheme -> the function that reads it.
# `ingest` and `extract` both go through it (expand_sources, via corpus.corpus_items).
# A new input source is one reader function and its line here.
READERS: dict[str, SourceReader] = {
    ".txt": SourceReader(_read_text, many=False),
    ".jsonl": SourceReader(_read_jsonl, many=True),
    ".csv": SourceReader(_read_csv, many=True),
    ".html": SourceReader(_read_html, many=False),
    ".htm": SourceReader(_read_html, many=False),
    ".xml": SourceReader(_read_feed, many=True),
    ".rss": SourceReader(_read_feed, many=True),
    ".atom": SourceReader(_read_feed, many=True),
    # A URL serves one article or a feed: `extract` learns which when it reads it.
    "http://": SourceReader(_read_url, many=False),
    "https://": SourceReader(_read_url, many=False),
}


def holds_many_articles(source: str) -> bool:
    """A folder, JSONL, CSV or feed file: a source read as many articles, not one."""
    if is_url(source) or source == "-":
        return False
    path = Path(source)
    reader = READERS.get(path.suffix.lower())
    return path.is_dir() or (reader is not None and reader.many)


def reader_for(source: str) -> Reader | None:
    """The reader of a source by its URL scheme or file suffix; None when none reads it."""
    if is_url(source):
        return READERS[source.split("://", 1)[0] + "://"].read
    reader = READERS.get(Path(source).suffix.lower())
    return reader.read if reader else None


def expand_sources(
    sources: Iterable[str],
    *,
    text_column: str = "text",
    published: str | None = None,
    client: httpx.Client | None = None,
    skip_url: Callable[[str], bool] | None = None,
) -> Iterator[SourceItem]:
    """Every article of every source, in order; ``published`` fills in missing dates.

    ``skip_url(url)`` is asked before an article URL is fetched: True means the store
    has it already, and a KnownUrl stands in for the article.
    """
    own_client = client is None
    http = client or http_client()
    options = ReadOptions(
        text_column=text_column, published=published, client=http, skip_url=skip_url
    )
    try:
        for source in sources:
            for item in _expand(source, options):
                if isinstance(item, Article) and item.published is None and published:
                    item = dataclasses.replace(item, published=published)
                yield item
    finally:
        if own_client:
            http.close()


def _expand(source: str, options: ReadOptions) -> Iterator[SourceItem]:
    path = Path(source)
    if not is_url(source) and path.is_dir():
        files = sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in READERS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )  # fmt: skip
        if not files:
            yield UnsupportedSource(source, problem="the folder has no readable files")
        for file in files:
            yield from _expand(str(file), options)
        return
    if not is_url(source) and not path.exists():
        yield FileNotFound(source)
        return
    reader = reader_for(source)
    if reader is None:
        suffix = path.suffix.lower()
        yield UnsupportedSource(source, problem=f"files ending {suffix or 'in no suffix'}")
        return
    try:
        yield from reader(source, options)
    except NewsEventsError as error:
        yield error


def _from_url(
    url: str,
    *,
    client: httpx.Client,
    published: str | None,
    skip_url: Callable[[str], bool] | None,
) -> Iterator[SourceItem]:
    """A URL is a feed when it serves one, else an article page."""
    if skip_url is not None and skip_url(url):
        yield KnownUrl(url)
        return
    try:
        page = fetch(url, client=client)
        feed_type = any(t in page.content_type for t in ("rss", "atom", "xml"))
        if (feed_type and "html" not in page.content_type) or looks_like_feed(page.content):
            yield from feed_articles(
                page.content, subject=url, client=client, published=published,
                skip_url=skip_url,
            )  # fmt: skip
        else:
            yield article_from_page(page, published=published)
    except NewsEventsError as error:
        yield error
