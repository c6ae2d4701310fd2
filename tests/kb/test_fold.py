"""The one text normaliser and the keys built on it."""

from newsevents import resolve
from newsevents.kb import fold
from newsevents.kb.gazetteer import key


def test_fold_drops_accents_marks_spacing_and_the() -> None:
    assert fold("  the  Élysée’s  ") == "Elysee's"
    assert fold("Hawaiʻi – “Kona”") == 'Hawai\'i - "Kona"'
    assert fold("The") == "The"  # a lone "the" is a word, not an article


def test_options_name_the_other_foldings() -> None:
    assert fold("The Ivano‐Frankivsk", case=True, hyphens=True) == "ivano frankivsk"
    assert fold("The  Élysée", case=True, spaces=False, article=False) == "the  elysee"


def test_every_key_agrees_on_typographic_marks() -> None:
    # kb.fold, the gazetteer's key and the resolver's token key read the same marks alike
    for text in ("O’Brien", "Oʼbrien", "Oʻbrien", "O‘Brien"):
        assert fold(text, case=True) == key(text) == resolve.fold(text) == "o'brien"
    assert key("Guinea–Bissau") == key("Guinea‐Bissau") == key("guinea bissau")
