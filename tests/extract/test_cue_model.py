"""The learned quote-cue table: constructions, its file format, its use by the quote
extractor, and training on a tiny invented polnear-style folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents import nlp
from newsevents.errors import BadKnowledgeBase, NoSpeakerTrainingData
from newsevents.extract import quotes as quotes_module
from newsevents.extract.cue_model import (
    CUES_FILE,
    CueTable,
    construction,
    load_table,
    save_table,
)
from newsevents.extract.quotes import extract_quotes
from newsevents.train.quote_cues import (
    HELD_OUT,
    Candidate,
    candidates_of,
    choose,
    choose_dropped,
    train,
    tuning_files,
)


def _verb(text: str, lemma: str) -> object:
    doc = nlp.parse(text)
    return next(t for t in doc if t.lemma_ == lemma)


def test_constructions_of_a_verb() -> None:
    assert construction(_verb("Ana Costa conceded that the harvest was late.", "concede")) == (
        "ccomp"
    )
    assert construction(_verb("Ana Costa pressed the council to resign.", "press")) == "xcomp"
    assert construction(_verb("Ana Costa endorsed the senator.", "endorse")) == "dobj"
    assert construction(_verb("Ana Costa grumbled about the deal.", "grumble")) == "prep_about"
    assert construction(_verb("Ana Costa slept.", "sleep")) is None
    assert construction(_verb("The bread was eaten.", "eat")) is None  # no one speaks


def test_a_table_file_round_trips_and_bad_files_are_coded_errors(tmp_path: Path) -> None:
    path = tmp_path / "cues.json"
    save_table(path, {"cues": {"interject/ccomp": {}}, "not_cues": {"believe/ccomp": {}}})
    table = load_table(path)
    assert table is not None
    assert table.cues == {"interject/ccomp"} and table.not_cues == {"believe/ccomp"}
    assert table.lemmas == {"interject"}
    save_table(path, {"cues": {"interject": {}}})
    with pytest.raises(BadKnowledgeBase):
        load_table(path)
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(BadKnowledgeBase):
        load_table(path)
    assert load_table(tmp_path / "absent.json") is None


def test_the_shipped_table_loads() -> None:
    table = load_table(CUES_FILE)
    assert table is not None
    assert "believe/ccomp" in table.not_cues  # PolNeAR leaves beliefs unannotated


def _quotes(text: str, monkeypatch: pytest.MonkeyPatch, table: CueTable) -> list[str]:
    monkeypatch.setattr(quotes_module, "shipped_table", lambda: table)
    return [q.text for q in extract_quotes(nlp.parse(text), actors=[])]


def test_a_learned_cue_reports_its_clause(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Omar Haddad interjected that the vote had been rigged."
    assert _quotes(text, monkeypatch, CueTable(frozenset())) == []
    found = _quotes(text, monkeypatch, CueTable(frozenset({"interject/ccomp"})))
    assert found == ["that the vote had been rigged"]


def test_a_learned_cue_reports_its_object(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Tom Hale grumbled about the new tariffs on steel."
    assert _quotes(text, monkeypatch, CueTable(frozenset({"grumble/dobj"}))) == []
    table = CueTable(frozenset({"grumble/prep_about"}))
    assert _quotes(text, monkeypatch, table) == ["the new tariffs on steel"]
    thanks = "Ruth Imani thanked the volunteers of the flood relief."
    found = _quotes(thanks, monkeypatch, CueTable(frozenset({"thank/dobj"})))
    assert found == ["the volunteers of the flood relief"]


def test_a_dropped_lexicon_cue_gives_no_indirect_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Lena Berg believes that the river will flood the town."
    assert _quotes(text, monkeypatch, CueTable(frozenset())) != []
    dropped = CueTable(frozenset(), frozenset({"believe/ccomp"}))
    assert _quotes(text, monkeypatch, dropped) == []
    said = "Lena Berg said that the river will flood the town."
    assert _quotes(said, monkeypatch, dropped) == ["that the river will flood the town"]


def test_candidates_are_labelled_by_the_annotated_cue() -> None:
    text = "Tom Hale conceded that the bridge was unsafe. Ruth Imani believed that it was fine."
    quote = {"start": 21, "end": 44, "cue_span": [9, 17], "text": text[21:44]}
    found = candidates_of(0, nlp.parse(text), [quote])
    assert Candidate(0, "concede/ccomp", True, True) in found
    assert Candidate(0, "believe/ccomp", False, False) in found
    optional = dict(quote, optional=True)
    assert Candidate(0, "concede/ccomp", None) in candidates_of(0, nlp.parse(text), [optional])
    elsewhere = dict(quote, start=0, end=8)  # the content is not the verb's complement
    assert Candidate(0, "concede/ccomp", True, False) in candidates_of(
        0, nlp.parse(text), [elsewhere]
    )


def test_cross_validation_keeps_reliable_cues_and_drops_unreliable_ones() -> None:
    items = [Candidate(n, "interject/ccomp", n % 4 != 0, n % 4 != 0) for n in range(40)]
    items += [Candidate(n, "believe/ccomp", False) for n in range(40)]
    items += [Candidate(n, "say/prep_on", True) for n in range(40)]  # "A, he said on Monday"
    assert choose(items)[2] > 0  # interject (new, right 3 times in 4) is taken
    min_seen, max_share, gain = choose_dropped(items)
    assert gain == 40  # believe dropped everywhere, say never


def _article(folder: Path, name: str, speaker: str) -> None:
    words = "that the river would flood"
    text = f"{speaker} interjected {words}."
    start = len(speaker) + 13
    quote = {
        "text": words,
        "start": start,
        "end": start + len(words),
        "kind": "indirect",
        "cue": "interjected",
        "cue_span": [len(speaker) + 1, len(speaker) + 12],
        "speaker_span": [0, len(speaker)],
    }
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    gold = {"article": {"id": name, "annotated": ["quotes"]}, "quotes": [quote]}
    (folder / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")


def test_training_never_reads_the_held_out_fifth(tmp_path: Path) -> None:
    people = ["Ana Costa", "Omar Haddad", "Lena Berg", "Tom Hale", "Ruth Imani"]
    for n in range(15):
        _article(tmp_path, f"a{n:02d}", people[n % 5])
    held_out = [p for i, p in enumerate(sorted(tmp_path.glob("*.json"))) if i % 5 == HELD_OUT]
    for p in held_out:
        p.write_text("{ not json: reading it would fail", encoding="utf-8")
    assert len(tuning_files(tmp_path)) == 12
    out = tmp_path / "cues.json"
    report = train(tmp_path, out=out)
    assert report.cues == ["interject/ccomp"]
    table = load_table(out)
    assert table is not None and table.cues == {"interject/ccomp"}
    assert "index % 5 != 4" in json.loads(out.read_text(encoding="utf-8"))["source"]


def test_training_without_articles_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(NoSpeakerTrainingData):
        train(tmp_path, out=tmp_path / "cues.json")
