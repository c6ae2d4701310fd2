"""The lexicon layer: one loader, frozen objects, every data file documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import BadSpeechVerb
from newsevents.kb import KB_DIR
from newsevents.kb.lexicons import SPEECH_VERB_USES, load_lexicons, speech_verbs


def test_every_data_file_of_the_kb_is_documented() -> None:
    readme = (KB_DIR / "README.md").read_text(encoding="utf-8")
    files = [p for p in KB_DIR.iterdir() if p.suffix in (".yaml", ".tsv", ".json")]
    missing = [p.name for p in files if f"`{p.name}`" not in readme]
    assert not missing, f"data files missing from kb/README.md: {missing}"
    for use in SPEECH_VERB_USES:
        assert f"| `{use}` |" in readme


def test_the_lexicons_are_loaded_once_and_read_only() -> None:
    lexicons = load_lexicons()
    assert load_lexicons() is lexicons
    with pytest.raises(TypeError):
        lexicons.speech["verbs"]["cognition"] = ()
    assert isinstance(lexicons.times["ambiguous_abbreviations"], tuple)
    with pytest.raises(AttributeError):
        lexicons.speech = {}  # type: ignore[misc]


def test_one_speech_verb_list_with_a_subset_per_use() -> None:
    verbs = load_lexicons().speech_verbs
    assert set(verbs) == set(SPEECH_VERB_USES)
    assert all("say" in verbs[use] for use in SPEECH_VERB_USES)
    # the uses differ: "believe" reports an event's speaker, but does not quote
    assert "believe" in verbs["events"] and "believe" not in verbs["quotes"]
    assert verbs["actors"] <= verbs["audience"]
    # no pass keeps its own list in code or in another file
    assert "speech" not in load_lexicons().speech["verbs"]
    assert "reporting_verbs" not in load_lexicons().times


def test_an_unknown_use_names_the_known_ones() -> None:
    with pytest.raises(BadSpeechVerb, match=r"E640.*'quote'.*quotes events"):
        speech_verbs([["say", "quote"]])


def test_the_extractors_read_no_kb_file_themselves() -> None:
    extract = Path(__file__).resolve().parents[2] / "src" / "newsevents" / "extract"
    for module in extract.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        for name in (
            "speech.yaml",
            "times.yaml",
            "opinion.yaml",
            "place_words.tsv",
            "credits.yaml",
        ):
            assert f'"{name}"' not in text, (module.name, name)
