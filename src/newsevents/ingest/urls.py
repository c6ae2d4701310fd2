"""Article URLs -> Articles: fetched over HTTP with httpx, main text by trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from newsevents.errors import UrlUnreachable
from newsevents.ingest.html import article_from_html
from newsevents.records import Article, newsevents_version

TIMEOUT = 20.0


@dataclass
class Page:
    url: str  # as asked for: the article's identity
    final_url: str  # after redirects
    content: bytes
    content_type: str


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def http_client(*, timeout: float = TIMEOUT) -> httpx.Client:
    return httpx.Client(
        follow_redirects=True,
        timeout=timeout,
        headers={"User-Agent": f"newsevents/{newsevents_version()} (news corpus ingest)"},
    )


def fetch(url: str, *, client: httpx.Client) -> Page:
    """GET a URL; UrlUnreachable for network errors and HTTP error statuses."""
    try:
        response = client.get(url)
    except httpx.HTTPError as e:
        reason = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
        raise UrlUnreachable(url, problem=reason) from e
    if response.status_code >= 400:
        raise UrlUnreachable(url, problem=f"HTTP {response.status_code} {response.reason_phrase}")
    return Page(
        url=url,
        final_url=str(response.url),
        content=response.content,
        content_type=response.headers.get("content-type", "").lower(),
    )


def article_from_page(
    page: Page, *, title: str | None = None, published: str | None = None
) -> Article:
    return article_from_html(
        page.content, subject=page.url, url=page.url, title=title, published=published
    )


def read_url(url: str, *, client: httpx.Client, published: str | None = None) -> Article:
    """The article at a URL; its identity is the URL as given."""
    return article_from_page(fetch(url, client=client), published=published)
