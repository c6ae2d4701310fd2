"""Random inputs: mixed scripts, quote marks, control characters, JSONL with any types."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

WORDS = (
    "the minister said on Tuesday that Russia and Ukraine will meet in Geneva next week "
    "President Putin told reporters Kyiv attacked Moscow police arrested protesters "
    "Hungarian Prime Minister Viktor Orbán López Obrador NATO UN Security Council warned "
    "agreed to talks Friday yesterday March 3 2024 last month in a headline Thursday "
    "Beijing Xi Jinping 习近平 北京 東京 서울 Москва القاهرة Zürich São Paulo"
).split()
QUOTES = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", "``", "''"]
CONTROL = [chr(c) for c in (*range(0, 32), 127, 0x85, 0x200B, 0x200E, 0x2028, 0x2029, 0xFEFF)]

# Any Unicode text but surrogates (they cannot be written as UTF-8).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)

# News-like text: words, quote marks (balanced, unbalanced, nested), punctuation,
# control characters and runs of other scripts, in any order.
_piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTES),
    st.sampled_from([".", ",", ":", ";", "?", "!", " - ", "\u2014", "(", ")", "\n", "\n\n"]),
    st.sampled_from(CONTROL),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=6),
)
newsish_text = st.lists(_piece, min_size=1, max_size=80).map(lambda parts: " ".join(parts))


@st.composite
def quoted_text(draw: st.DrawFn) -> str:
    """A sentence with quotes nested and left open: 'He said "she said 'no' and'."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=20))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(words)))
        words.insert(at, draw(st.sampled_from(QUOTES)))
    return " ".join(words) + draw(st.sampled_from(["", ".", '."', ".\u201d"]))


text_inputs = st.one_of(any_text, newsish_text, quoted_text())

_json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text
)
json_value = st.recursive(
    _json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)
ARTICLE_FIELDS = ("id", "text", "url", "title", "source", "published", "language")


@st.composite
def jsonl_line(draw: st.DrawFn) -> str:
    """A JSONL line: a good article, one with fields of any type, or not JSON at all."""
    kind = draw(st.sampled_from(["good", "typed", "junk"]))
    if kind == "junk":
        return draw(any_text).replace("\n", " ")
    article: dict[str, Any] = {
        "id": draw(st.text(max_size=30)),
        "text": draw(st.sampled_from(WORDS)) + " " + " ".join(draw(st.lists(
            st.sampled_from(WORDS), min_size=8, max_size=40))),
    }  # fmt: skip
    if kind == "typed":
        for name in draw(st.lists(st.sampled_from(ARTICLE_FIELDS), max_size=4, unique=True)):
            article[name] = draw(json_value)
    else:
        article["published"] = draw(
            st.dates().map(lambda d: d.isoformat()) | st.sampled_from(["", "2024-01-01x"])
        )
    return json.dumps(article, ensure_ascii=draw(st.booleans()))
