"""Plain text and JSONL articles -> Article records, with the input checks every reader shares."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.errors import (
    BadArticleLine,
    BadDate,
    BinaryInput,
    EmptyInput,
    FileNotFound,
    NewsEventsError,
    NotEnglish,
    NotUtf8,
    TooLong,
)
from newsevents.records import Article

MAX_CHARS = int(os.environ.get("NEWSEVENTS_MAX_CHARS", "2000000"))

# The commonest English function words: in any English news text of some length they make
# up a good share of the words; in other languages (even Latin-script ones) almost none.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "on",
        "was",
        "with",
        "as",
        "he",
        "be",
        "by",
        "at",
        "are",
        "this",
        "from",
        "his",
        "have",
        "but",
        "not",
        "they",
        "an",
        "has",
        "had",
        "were",
        "which",
        "said",
        "their",
        "or",
        "been",
        "its",
        "would",
        "will",
        "who",
        "more",
        "about",
        "after",
        "than",
        "there",
        "also",
        "she",
        "we",
        "after",
        "new",
        "over",
        "into",
        "two",
        "could",
        "what",
        "when",
        "one",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def parse_published(value: str | None, *, subject: str = "--published") -> str | None:
    """Check a publication date; return it as YYYY-MM-DD, or None when absent."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError as e:
        raise BadDate(subject, value=value) from e


def check_text(text: str, *, subject: str) -> str:
    """Reject what newsevents cannot read: empty, too long, not English."""
    if not text.strip():
        raise EmptyInput(subject)
    if len(text) > MAX_CHARS:
        raise TooLong(subject, chars=len(text), limit=MAX_CHARS)
    language = guess_language(text)
    if language != "en":
        raise NotEnglish(subject, language=language)
    return text


def guess_language(text: str) -> str:
    """'en' when the text reads as English; a rough label of what it is otherwise."""
    words = _WORD.findall(text[:20000].lower())
    if len(words) < 8:
        return "en"  # too short to judge: give it the benefit of the doubt
    latin = sum(1 for w in words if w.isascii())
    if latin < len(words) / 2:
        return "non-Latin script"
    share = sum(1 for w in words if w in _ENGLISH_WORDS) / len(words)
    return "en" if share >= 0.08 else "another Latin-script language"


def decode(raw: bytes, *, subject: str) -> str:
    if b"\x00" in raw[:8192]:
        raise BinaryInput(subject)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise NotUtf8(subject, offset=e.start) from e
    # Newlines as the article has them, but never Windows line ends: offsets stay simple.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def article_id(text: str, url: str | None = None) -> str:
    """A stable identity: the URL when there is one, else the content."""
    key = url or text
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def read_text(
    path: str | Path,
    *,
    published: str | None = None,
    title: str | None = None,
    stdin: bytes | None = None,
) -> Article:
    """One article from a text file (or standard input when path is '-')."""
    subject = "<stdin>" if str(path) == "-" else str(path)
    if stdin is not None:
        raw = stdin
    else:
        p = Path(path)
        if not p.is_file():
            raise FileNotFound(subject)
        raw = p.read_bytes()
    text = check_text(decode(raw, subject=subject), subject=subject)
    ident = Path(path).stem if subject != "<stdin>" else article_id(text)
    return Article(
        id=ident, text=text, title=title, published=parse_published(published), source=None
    )


def article_from_dict(obj: Any, *, subject: str) -> Article:
    """An article object of the contract ({"id", "text"} required) -> Article."""
    if not isinstance(obj, dict):
        raise BadArticleLine(subject, problem=f"a JSON {type(obj).__name__}, not an object")
    missing = [k for k in ("id", "text") if not obj.get(k)]
    if missing:
        raise BadArticleLine(subject, problem=f"missing {' and '.join(map(repr, missing))}")
    if not isinstance(obj["text"], str):
        raise BadArticleLine(subject, problem='"text" is not a string')
    text = check_text(obj["text"].replace("\r\n", "\n"), subject=subject)
    return Article(
        id=str(obj["id"]),
        text=text,
        url=obj.get("url"),
        source=obj.get("source"),
        title=obj.get("title"),
        published=parse_published(obj.get("published"), subject=f'{subject} "published"'),
        language=obj.get("language") or "en",
    )


def read_jsonl(path: str | Path) -> Iterator[Article | NewsEventsError]:
    """Articles from a JSONL file, one per line; a bad line yields its error, not an Article."""
    subject = str(path)
    p = Path(path)
    if not p.is_file():
        raise FileNotFound(subject)
    with p.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            where = f"{subject}:{number}"
            if not raw.strip():
                continue
            try:
                line = decode(raw, subject=where)
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise BadArticleLine(where, problem=f"not JSON ({e.msg})") from e
                yield article_from_dict(obj, subject=where)
            except NewsEventsError as error:
                yield error
