"""Every source kind, and every kind of bad input reported per item with its code."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsevents.errors import NewsEventsError
from newsevents.ingest.feeds import KnownUrl
from newsevents.ingest.sources import (
    READERS,
    ReadOptions,
    SourceItem,
    SourceReader,
    expand_sources,
    holds_many_articles,
)
from newsevents.records import Article

if TYPE_CHECKING:  # the fixture's class; conftest modules are not imported by name
    from tests.ingest.conftest import Site

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


def articles(items: list[SourceItem]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[SourceItem]) -> list[str]:
    return [str(i) for i in items if isinstance(i, NewsEventsError)]


def read(*sources: str | Path, **options: object) -> list[SourceItem]:
    return list(expand_sources([str(s) for s in sources], **options))  # type: ignore[arg-type]


def test_text_file_and_folder() -> None:
    (one,) = read(DATA / "texts" / "riga-energy.txt")
    assert isinstance(one, Article) and one.id == "riga-energy" and one.url is None
    folder = read(DATA / "texts")
    assert [a.id for a in articles(folder)] == ["riga-energy", "vilnius-aid"]


def test_published_default_fills_missing_dates_only() -> None:
    items = articles(read(DATA / "texts", DATA / "articles.jsonl", published="2025-01-15"))
    dates = {a.id: a.published for a in items}
    assert dates["riga-energy"] == "2025-01-15"
    assert dates["tallinn-port"] == "2025-02-03"


def test_jsonl_with_a_corrupt_line() -> None:
    items = read(DATA / "articles.jsonl")
    assert [a.id for a in articles(items)] == ["tallinn-port", "warsaw-summit"]
    (error,) = errors(items)
    assert error.startswith("[E030]") and "articles.jsonl:2" in error


def test_csv_with_a_text_column() -> None:
    items = read(DATA / "articles.csv", text_column="body")
    assert [(a.id, a.published) for a in articles(items)] == [
        ("oslo-fish", "2025-03-04"),
        ("helsinki-border", "2025-03-05"),
    ]
    assert articles(items)[0].title == "Norway and Iceland sign fishing deal"


def test_csv_without_the_named_column() -> None:
    items = read(DATA / "articles.csv", DATA / "texts" / "riga-energy.txt")
    (error,) = errors(items)
    assert error.startswith("[E111]") and "'text'" in error and "body" in error
    assert len(articles(items)) == 1  # the other source still comes through


def test_csv_rows_without_text_are_reported_by_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("id,text\na,\nb,Lithuania and Poland agreed on Monday to build a new bridge.\n")
    items = read(path)
    assert [a.id for a in articles(items)] == ["b"]
    assert errors(items)[0].startswith("[E010]") and "row 1" in errors(items)[0]


def test_saved_html_page() -> None:
    (page,) = read(DATA / "page.html")
    assert isinstance(page, Article)
    assert page.title == "Danish navy joins Baltic patrol"
    assert page.url == "https://herald.example/world/danish-navy-patrol"  # canonical link
    assert page.published == "2025-04-15"
    assert "two frigates" in page.text and "Sport" not in page.text


def test_html_page_without_article_text() -> None:
    items = read(DATA / "index.html")
    assert errors(items) == [
        f"[E112] {DATA / 'index.html'}: no article text found in this page. "
        "Give the page of one article, not an index."
    ]


def test_feed_file_with_full_text_entries() -> None:
    items = read(DATA / "feed.xml")
    assert [(a.title, a.published) for a in articles(items)] == [
        ("Czech and Slovak leaders meet in Bratislava", "2025-05-06"),
        ("Austria recalls ambassador", "2025-05-07"),
    ]
    assert articles(items)[0].url == "https://wire.example/europe/czech-slovak-meeting"
    assert "\n" in articles(items)[0].text  # one paragraph a line


def test_file_that_is_not_a_feed() -> None:
    (error,) = errors(read(DATA / "not-a-feed.xml"))
    assert error.startswith("[E114]")


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK")
    assert [e[:6] for e in errors(read(tmp_path / "absent.txt", odd))] == ["[E031]", "[E110]"]


def test_article_url(site: Site) -> None:
    url = site.add("/world/danish-navy", (DATA / "page.html").read_bytes())
    (article,) = read(url)
    assert isinstance(article, Article)
    assert article.url == url  # the identity is the URL asked for
    assert "two frigates" in article.text


def test_unreachable_url_and_http_errors(site: Site) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/story"
    page = site.add("/ok", (DATA / "page.html").read_bytes())
    items = read(dead, site.url("/missing"), page)
    codes = [e[:6] for e in errors(items)]
    assert codes == ["[E113]", "[E113]"]
    assert "HTTP 404" in errors(items)[1]
    assert len(articles(items)) == 1


def feed_with_links(site: Site, links: list[str]) -> str:
    entries = "".join(
        f"<item><title>Story {n}</title><link>{link}</link>"
        f"<pubDate>Thu, 0{n + 1} May 2025 10:00:00 GMT</pubDate>"
        f"<description>A short teaser.</description></item>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>'
        f"{entries}</channel></rss>"
    )


def test_feed_url_whose_entries_link_to_articles(site: Site) -> None:
    story = site.add("/story-1", (DATA / "page.html").read_bytes())
    gone = site.url("/story-2")
    feed = site.add("/feed", feed_with_links(site, [story, gone]), "application/rss+xml")
    items = read(feed)
    (article,) = articles(items)
    assert article.url == story and article.title == "Danish navy joins Baltic patrol"
    assert [e[:6] for e in errors(items)] == ["[E113]"]
    assert "entry" not in errors(items)[0] or gone in errors(items)[0]


def test_feed_url_served_as_xml_text(site: Site) -> None:
    feed = site.add("/feed.xml", (DATA / "feed.xml").read_bytes(), "text/xml")
    assert len(articles(read(feed))) == 2


def test_url_that_serves_no_feed_and_no_article(site: Site) -> None:
    url = site.add("/junk", b"<html><body><p>Hi</p></body></html>")
    assert [e[:6] for e in errors(read(url))] == ["[E112]"]


def test_known_urls_are_not_fetched(site: Site) -> None:
    story = site.add("/story-1", (DATA / "page.html").read_bytes())
    feed = site.add("/feed", feed_with_links(site, [story]), "application/rss+xml")
    items = read(feed, story, skip_url=lambda url: url == story)
    assert items == [KnownUrl(story), KnownUrl(story)]
    assert site.hits == ["/feed"]


@pytest.mark.parametrize("name", ["feed.xml", "page.html", "articles.csv"])
def test_folders_read_every_kind(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes((DATA / name).read_bytes())
    assert read(tmp_path, text_column="body")  # something (articles or errors) comes out


def test_a_reader_added_to_the_table_reads_files_and_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One line in READERS is the whole of a new input source for ingest and extract.
    def read_markdown(source: str, options: ReadOptions) -> Iterator[SourceItem]:
        text = Path(source).read_text(encoding="utf-8").replace("# ", "")
        yield Article(id=Path(source).stem, text=text, published=options.published)

    note = tmp_path / "notes" / "talks.md"
    note.parent.mkdir()
    note.write_text("# Talks\n\nThe ministers met in Vienna.\n", encoding="utf-8")
    assert errors(read(note))[0].startswith(f"[E110] {note}: files ending .md.")
    monkeypatch.setitem(READERS, ".md", SourceReader(read_markdown, many=False))
    for source in (note, note.parent):
        (article,) = read(source, published="2025-01-02")
        assert article.id == "talks" and article.text.startswith("Talks")
        assert article.published == "2025-01-02"
    assert not holds_many_articles(str(note)) and holds_many_articles(str(note.parent))
