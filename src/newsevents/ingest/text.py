"""Plain text and JSONL articles -> Article records, with the input checks every reader shares."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from newsevents.errors import (
    BadArticleField,
    BadArticleLine,
    BadDate,
    BadSetting,
    BinaryInput,
    EmptyInput,
    FileNotFound,
    NewsEventsError,
    NotEnglish,
    NotUtf8,
    TooLong,
)
from newsevents.records import Article, article_id

MAX_CHARS = 2_000_000
MAX_CHARS_ENV = "NEWSEVENTS_MAX_CHARS"

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_published(value: str | None, *, subject: str = "--published") -> str | None:
    """Check a publication date; return it as YYYY-MM-DD, or None when absent.

    Strict: YYYY-MM-DD, or a whole ISO 8601 timestamp (2024-01-01T08:00:00Z) whose day is
    kept; anything after the day that is not a valid time ("2024-01-01garbage") is an error.
    """
    if value is None or value == "":
        return None
    day = value.strip()
    try:
        if _DAY.fullmatch(day):
            return date.fromisoformat(day).isoformat()
        if _DAY.match(day) and day[10:11] in ("T", " "):
            return datetime.fromisoformat(day).date().isoformat()
    except ValueError as e:
        raise BadDate(subject, value=value) from e
    raise BadDate(subject, value=value)


def max_chars() -> int:
    """The longest article accepted: NEWSEVENTS_MAX_CHARS, else 2,000,000 characters."""
    raw = os.environ.get(MAX_CHARS_ENV)
    if raw is None or raw.strip() == "":
        return MAX_CHARS
    try:
        limit = int(raw.strip())
    except ValueError:
        limit = 0
    if limit < 1:
        raise BadSetting(MAX_CHARS_ENV, value=raw, expected="a whole number of characters over 0")
    return limit


def check_text(text: str, *, subject: str) -> str:
    """Reject what newsevents cannot read: empty, too long, not English."""
    if not text.strip():
        raise EmptyInput(subject)
    if "\x00" in text:  # no text has NUL characters, and PostgreSQL cannot store them
        raise BinaryInput(subject)
    limit = max_chars()
    if len(text) > limit:
        raise TooLong(subject, chars=len(text), limit=limit)
    language = guess_language(text)
    if language != "en":
        raise NotEnglish(subject, language=language)
    return text


# Fewer Latin-script words than this is a short text: judged by its function words.
SHORT_WORDS = 8


@cache
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    """(English function words, other Latin-script languages' ones) from kb/languages.yaml."""
    from newsevents.kb.lexicons import load_lexicons

    data = load_lexicons().languages
    return frozenset(data["english"]), frozenset(data["other"]) - frozenset(data["english"])


def _is_latin(letter: str) -> bool:
    """Basic Latin, Latin-1, Latin Extended-A/B and Extended Additional letters."""
    code = ord(letter)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def guess_language(text: str) -> str:
    """'en' when the text reads as English; a rough label of what it is otherwise.

    Letters are counted one by one, so a run of Chinese, Japanese or Korean characters
    weighs as much as the same number of Latin letters. A short text (a headline) passes
    unless it has as many function words of another language as of English, or more.
    """
    sample = text[:20000].lower()
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "en"  # digits and signs only: nothing to judge
    if sum(map(_is_latin, letters)) < len(letters) / 2:
        return "non-Latin script"
    english, other = _function_words()
    words = [w for w in _WORD.findall(sample) if all(map(_is_latin, w))]
    in_english = sum(1 for w in words if w in english)
    if len(words) < SHORT_WORDS:
        foreign = sum(1 for w in words if w in other)
        return "another Latin-script language" if foreign and foreign >= in_english else "en"
    return "en" if in_english / len(words) >= 0.08 else "another Latin-script language"


def decode(raw: bytes, *, subject: str) -> str:
    if b"\x00" in raw[:8192]:
        raise BinaryInput(subject)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise NotUtf8(subject, offset=e.start) from e
    # Newlines as the article has them, but never Windows line ends: offsets stay simple.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_article(article: Article) -> Article:
    """An article any caller built is storable: no NUL character in any of its fields
    (PostgreSQL cannot store them); BadArticleField otherwise."""
    fields = ("id", "text", "url", "source", "title", "published", "language")
    bad = [f for f in fields if "\x00" in (getattr(article, f) or "")]
    if bad:
        raise BadArticleField(article.id.replace("\x00", "\\x00"),
                              problem=f"{', '.join(bad)} has a NUL character")  # fmt: skip
    return article


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


# The optional article fields of the contract: each a string, or absent/null.
_OPTIONAL_FIELDS = ("url", "source", "title", "published", "language")


def article_from_dict(obj: Any, *, subject: str) -> Article:
    """An article object of the contract ({"id", "text"} required) -> Article."""
    if not isinstance(obj, dict):
        raise BadArticleLine(subject, problem=f"a JSON {_json_type(obj)}, not an object")
    missing = [k for k in ("id", "text") if obj.get(k) is None or obj.get(k) == ""]
    if missing:
        raise BadArticleLine(subject, problem=f"missing {' and '.join(map(repr, missing))}")
    wrong = [
        f'"{k}" is a JSON {_json_type(obj[k])}, not a string'
        for k in ("id", "text", *_OPTIONAL_FIELDS)
        if obj.get(k) is not None and not isinstance(obj[k], str)
    ]
    wrong += [f'"{k}" has a NUL character' for k in ("id", *_OPTIONAL_FIELDS)
              if isinstance(obj.get(k), str) and "\x00" in obj[k]]  # fmt: skip
    if wrong:
        raise BadArticleLine(subject, problem="; ".join(wrong))
    text = check_text(obj["text"].replace("\r\n", "\n"), subject=subject)
    return Article(
        id=obj["id"],
        text=text,
        url=obj.get("url") or None,
        source=obj.get("source") or None,
        title=obj.get("title") or None,
        published=parse_published(obj.get("published"), subject=f'{subject} "published"'),
        language=obj.get("language") or "en",
    )


def _json_type(value: Any) -> str:
    """The JSON name of a decoded value's type (number, not int; array, not list)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    names: dict[type, str] = {dict: "object", list: "array", str: "string"}
    return names.get(type(value), type(value).__name__)


def article_from_line(raw: bytes, *, subject: str) -> Article:
    """One JSONL line -> an Article (``newsevents batch`` reads its parts with it too);
    BadArticleLine, or the coded error of a bad field, otherwise."""
    line = decode(raw, subject=subject)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise BadArticleLine(subject, problem=f"not JSON ({e.msg})") from e
    except (ValueError, RecursionError) as e:  # huge numbers, deep nesting
        raise BadArticleLine(subject, problem=f"not readable JSON ({e})") from e
    return article_from_dict(obj, subject=subject)


def read_jsonl(
    path: str | Path, *, published: str | None = None
) -> Iterator[Article | NewsEventsError]:
    """Articles from a JSONL file, one per line; a bad line yields its error, not an Article.

    ``published`` is the date of the lines that do not give one.
    """
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
                article = article_from_line(raw, subject=where)
                if article.published is None and published:
                    article = replace(article, published=published)
                yield article
            except NewsEventsError as error:
                yield error
