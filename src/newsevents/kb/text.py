"""The one text normaliser: how names are folded before any lookup.

Every lookup key of the knowledge base, the gazetteer, the actor lexicon and the field
dictionaries comes from ``fold``; a use that needs another folding names an option of it,
so that two lookups never disagree on what "the same spelling" means.
"""

from __future__ import annotations

import unicodedata

# Typographic marks written for the plain ones: curly and modifier apostrophes, curly
# double quotes, the Unicode hyphen and the en dash.
_MARKS = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bb": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2013": "-",
    }
)


def fold(
    text: str,
    *,
    case: bool = False,
    spaces: bool = True,
    article: bool = True,
    hyphens: bool = False,
) -> str:
    """``text`` without accents and with plain quotes and dashes ("Élysée’s" -> "Elysee's").

    Options: ``case`` case-folds; ``spaces`` makes every run of white space one space;
    ``article`` drops a leading "the " ("the Kremlin" = "Kremlin"); ``hyphens`` reads a
    hyphen as a space ("Ivano-Frankivsk" = "Ivano Frankivsk", implies ``spaces``).
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_MARKS)
    if case:
        text = text.casefold()
    if hyphens:
        text = text.replace("-", " ")
    if spaces or hyphens:
        text = " ".join(text.split())
    if article and len(text) > 4 and text[:4].lower() == "the ":
        text = text[4:]
    return text
