"""RSS and Atom feeds (file or URL) -> Articles, by feedparser.

An entry whose content is the full article (``content:encoded``, Atom ``content``) is
read as it stands; otherwise its link is fetched and read as an article URL.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from newsevents.errors import FeedNotXml, FileNotFound, NewsEventsError, NoArticleText
from newsevents.ingest.text import check_text
from newsevents.ingest.urls import article_from_page, fetch, is_url
from newsevents.records import Article, article_id

# An entry's content of at least this many words is the article itself, not a teaser.
FULL_TEXT_WORDS = 80
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")


@dataclass
class KnownUrl:
    """An article URL already in the store: not fetched again."""

    url: str


def read_feed(
    source: str,
    *,
    client: httpx.Client,
    published: str | None = None,
    skip_url: Callable[[str], bool] | None = None,
) -> Iterator[Article | NewsEventsError | KnownUrl]:
    """The articles of a feed: its entries' content when full text, else their links."""
    try:
        raw = fetch(source, client=client).content if is_url(source) else _read_file(source)
    except NewsEventsError as error:
        yield error
        return
    yield from feed_articles(
        raw, subject=source, client=client, published=published, skip_url=skip_url
    )


def _read_file(source: str) -> bytes:
    path = Path(source)
    if not path.is_file():
        raise FileNotFound(source)
    return path.read_bytes()


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def feed_articles(
    raw: bytes,
    *,
    subject: str,
    client: httpx.Client,
    published: str | None = None,
    skip_url: Callable[[str], bool] | None = None,
) -> Iterator[Article | NewsEventsError | KnownUrl]:
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception") or "no <rss> or <feed> element"
        yield FeedNotXml(subject, problem=str(problem))
        return
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{subject} entry {number}"
        try:
            yield _entry_article(
                entry, subject=where, client=client, published=published, skip_url=skip_url
            )
        except NewsEventsError as error:
            yield error


def _entry_article(
    entry: Any,
    *,
    subject: str,
    client: httpx.Client,
    published: str | None,
    skip_url: Callable[[str], bool] | None,
) -> Article | KnownUrl:
    link = entry.get("link") or None
    title = entry.get("title") or None
    date = _entry_date(entry) or published
    content = " ".join(c.get("value", "") for c in entry.get("content", []))
    text = html_to_text(content) if content else ""
    if len(text.split()) < FULL_TEXT_WORDS and not link:
        text = html_to_text(entry.get("summary", "") or "")
    if len(text.split()) >= FULL_TEXT_WORDS or (text and not link):
        text = check_text(text, subject=subject)
        return Article(
            id=entry.get("id") or article_id(text, link),
            text=text,
            url=link,
            title=title,
            published=date,
        )
    if not link:
        raise NoArticleText(subject)
    if skip_url is not None and skip_url(link):
        return KnownUrl(link)
    article = article_from_page(fetch(link, client=client), title=title, published=date)
    return article


def _entry_date(entry: Any) -> str | None:
    for field in ("published_parsed", "updated_parsed"):
        value = entry.get(field)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph a line."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several error types on broken markup
        return fragment.strip()
    blocks = [" ".join(el.text_content().split()) for el in root.iter(*_BLOCKS)]
    blocks = [b for b in blocks if b]
    if not blocks:
        return " ".join(root.text_content().split())
    return "\n".join(blocks)
