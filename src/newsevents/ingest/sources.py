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
from pathlib import Path

import httpx

from newsevents.errors import FileNotFound, NewsEventsError, UnsupportedSource
from newsevents.ingest.csv_source import read_csv
from newsevents.ingest.feeds import KnownUrl, feed_articles, looks_like_feed, read_feed
from newsevents.ingest.html import read_html
from newsevents.ingest.text import read_jsonl, read_text
from newsevents.ingest.urls import article_from_page, fetch, http_client, is_url
from newsevents.records import Article, Document

# A Document is an article extracted already (the --out folder of `newsevents batch`).
SourceItem = Article | NewsEventsError | KnownUrl | Document

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
CSV_SUFFIXES = (".csv",)
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
KNOWN_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES


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
    try:
        for source in sources:
            for item in _expand(
                source, text_column=text_column, published=published, client=http,
                skip_url=skip_url,
            ):  # fmt: skip
                if isinstance(item, Article) and item.published is None and published:
                    item = dataclasses.replace(item, published=published)
                yield item
    finally:
        if own_client:
            http.close()


def _expand(
    source: str,
    *,
    text_column: str,
    published: str | None,
    client: httpx.Client,
    skip_url: Callable[[str], bool] | None,
) -> Iterator[SourceItem]:
    if is_url(source):
        yield from _from_url(source, client=client, published=published, skip_url=skip_url)
        return
    path = Path(source)
    if path.is_dir() and (path / "batch.json").is_file():
        from newsevents.batch import read_batch_documents

        try:
            yield from read_batch_documents(path)
        except NewsEventsError as error:
            yield error
        return
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )  # fmt: skip
        if not files:
            yield UnsupportedSource(source, problem="the folder has no readable files")
        for file in files:
            yield from _expand(
                str(file), text_column=text_column, published=published, client=client,
                skip_url=skip_url,
            )  # fmt: skip
        return
    if not path.exists():
        yield FileNotFound(source)
        return
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            yield read_text(path, published=published)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        elif suffix in CSV_SUFFIXES:
            yield from read_csv(path, text_column=text_column)
        elif suffix in HTML_SUFFIXES:
            yield read_html(path, published=published)
        elif suffix in FEED_SUFFIXES:
            yield from read_feed(source, client=client, published=published, skip_url=skip_url)
        else:
            yield UnsupportedSource(source, problem=f"files ending {suffix or 'in no suffix'}")
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
