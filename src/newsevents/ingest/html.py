"""Saved HTML pages -> Article: the main text by trafilatura, with the page's metadata."""

from __future__ import annotations

from pathlib import Path

from newsevents.errors import FileNotFound, NoArticleText, NotUtf8
from newsevents.ingest.text import check_text, parse_published
from newsevents.records import Article, article_id

# Fewer words than this is a navigation or index page, not an article.
MIN_WORDS = 25


def article_from_html(
    html: str | bytes,
    *,
    subject: str,
    url: str | None = None,
    ident: str | None = None,
    title: str | None = None,
    published: str | None = None,
) -> Article:
    """The article in one HTML page; NoArticleText when the page has none.

    The page's own title and date win over ``title`` and ``published``, which fill in
    what the page does not say (a feed entry's title, the --published default).
    """
    import trafilatura

    if isinstance(html, bytes):
        html = _decode_html(html, subject=subject)
    page = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (getattr(page, "text", None) or "") if page is not None else ""
    text = text.replace("\r\n", "\n").strip()
    if len(text.split()) < MIN_WORDS:
        raise NoArticleText(subject)
    text = check_text(text, subject=subject)
    url = url or getattr(page, "url", None) or None  # a saved page's canonical link
    page_date = getattr(page, "date", None)
    try:
        page_published = parse_published(page_date, subject=subject) if page_date else None
    except Exception:  # a page date trafilatura could not normalise: ignore it
        page_published = None
    return Article(
        id=ident or article_id(text, url),
        text=text,
        url=url,
        source=getattr(page, "sitename", None) or None,
        title=getattr(page, "title", None) or title,
        published=page_published or published,
    )


def read_html(path: str | Path, *, published: str | None = None) -> Article:
    """One article from a saved HTML page; its id is the file name without extension."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFound(str(path))
    return article_from_html(p.read_bytes(), subject=str(path), ident=p.stem, published=published)


def _decode_html(raw: bytes, *, subject: str) -> str:
    """UTF-8 first, then the charset the page declares; lxml needs text, not guesses."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        head = raw[:2048].decode("ascii", errors="ignore").lower()
        marker = head.find("charset=")
        if marker >= 0:
            charset = head[marker + 8 :].strip("\"' ").split('"')[0].split("'")[0]
            charset = charset.split(";")[0].split(">")[0].strip()
            try:
                return raw.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass
        raise NotUtf8(subject, offset=e.start) from e
