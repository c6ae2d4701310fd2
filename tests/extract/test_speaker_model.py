"""The speaker ranker: its file format, its choice by weights, and training on a tiny
invented polnear-style folder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsevents import nlp
from newsevents.errors import BadKnowledgeBase, NoSpeakerTrainingData
from newsevents.extract.speaker_model import (
    MODEL_FILE,
    candidate_features,
    load_model,
    save_model,
)
from newsevents.train.polnear import HELD_OUT, tuning_files
from newsevents.train.speakers import train


def never_quoted(_char: int) -> object:
    return None


def test_candidates_are_noun_phrase_heads_around_the_cue() -> None:
    doc = nlp.parse("The farm minister Ana Costa said the harvest was late.")
    cue = next(t for t in doc if t.lemma_ == "say")
    heads = [t.text for t, _ in candidate_features(cue, never_quoted)]
    assert "Costa" in heads and "harvest" in heads
    assert "Ana" not in heads and "farm" not in heads  # words inside a longer name


def test_a_saved_model_chooses_by_its_weights(tmp_path: Path) -> None:
    path = tmp_path / "speakers.npz"
    save_model(path, ["d=+2", "d=-1"], np.array([4.0, -4.0]), -1.0, 0.5)
    model = load_model(path)
    assert model is not None
    doc = nlp.parse("The bill will pass, said Omar Lindqvist on Monday.")
    cue = next(t for t in doc if t.lemma_ == "say")
    chosen = model.choose(cue, never_quoted)
    assert chosen is not None and chosen.i == cue.i + 2  # "Lindqvist", head of the name
    save_model(path, ["d=+2"], np.array([0.5]), -1.0, 0.9)
    weak = load_model(path)
    assert weak is not None and weak.choose(cue, never_quoted) is None


def test_a_file_that_is_not_a_model_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "speakers.npz"
    path.write_bytes(b"not numpy")
    with pytest.raises(BadKnowledgeBase):
        load_model(path)
    assert load_model(tmp_path / "absent.npz") is None


def test_the_shipped_model_loads() -> None:
    model = load_model(MODEL_FILE)
    assert model is not None and 0.0 < model.threshold < 1.0 and model.index


def _article(folder: Path, name: str, speaker: str, words: str) -> None:
    text = f"{speaker} said {words}."
    quote = {
        "text": words,
        "start": len(speaker) + 6,
        "end": len(speaker) + 6 + len(words),
        "kind": "indirect",
        "cue": "said",
        "cue_span": [len(speaker) + 1, len(speaker) + 5],
        "speaker_span": [0, len(speaker)],
    }
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    gold = {"article": {"id": name, "annotated": ["quotes"]}, "quotes": [quote]}
    (folder / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")


def test_training_reads_four_fifths_and_writes_a_model(tmp_path: Path) -> None:
    people = ["Ana Costa", "Omar Haddad", "Lena Berg", "Tom Hale", "Ruth Imani"]
    for n in range(10):
        _article(tmp_path, f"a{n:02d}", people[n % 5], f"the river {n} would flood")
    files = tuning_files(tmp_path)
    assert len(files) == 8
    assert all(int(p.stem[1:]) % 5 != HELD_OUT for p in files)
    out = tmp_path / "model.npz"
    report = train(tmp_path, out=out)
    assert report.cues == 8
    assert load_model(out) is not None


def test_training_without_articles_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(NoSpeakerTrainingData):
        train(tmp_path, out=tmp_path / "model.npz")
