"""The learned event pass: hand-written sentences through the whole pipeline with the shipped
model (sense traps, every PLOVER type, every modality), the model's decisions on a tiny
hand-built model, its file format, and training end to end on a tiny corpus."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsevents import nlp
from newsevents.errors import BadKnowledgeBase, BadTrainingData
from newsevents.extract.events.model import NONE, EventModel, load_model, save_model
from newsevents.pipeline import build_document, default_resources
from newsevents.records import MODALITIES, PLOVER_TYPES, Article, Event
from newsevents.train.corpus import load_corpus, text_sha1


def events_of(text: str) -> list[Event]:
    article = Article(id="t", text=text, published="2025-10-17")
    return build_document(article, nlp.parse(text), default_resources()).events


def test_the_package_ships_a_model() -> None:
    model = load_model()
    assert model is not None and model.labels[0] == NONE
    assert set(model.labels[1:]) == set(PLOVER_TYPES)


# (sentence, a type that must be found, a type that must not be) — verbal and material
# senses of conflict words, and words that are no event at all.
SENSE_TRAPS = [
    ("Senator Maria Lopez attacked Governor Tom Reyes over the budget in a speech.",
     "ACCUSE", "ASSAULT"),
    ("Rebels attacked an army base near Goma on Sunday, killing four soldiers.",
     "ASSAULT", "ACCUSE"),
    ("Israeli jets targeted a weapons depot in southern Lebanon overnight.", "ASSAULT", None),
    ("Firefighters spent the night fighting two apartment fires in the capital.",
     None, "ASSAULT"),
    ("Government troops fought rebels for control of the northern town.", "ASSAULT", None),
    ("The governor vowed to fight the new federal rules in court.", None, "ASSAULT"),
    ("Kurdish forces captured the town of Manbij from Islamic State fighters.",
     "ASSAULT", None),
    ("He hopes to capture the presidency in November.", None, "ASSAULT"),
    ("Police captured the suspect after a two-day manhunt.", "COERCE", None),
    ("The two governments struck a deal on fishing rights.", "AGREE", "ASSAULT"),
    ("Teachers went on strike across the country to demand higher pay.", "PROTEST", "ASSAULT"),
    ("The prime minister hit back at critics of the plan on Monday.", "ACCUSE", "ASSAULT"),
    ("The minister slammed the court ruling as an attack on democracy.", "ACCUSE", None),
    ("The European Union halted aid deliveries to the junta after the coup.",
     "SANCTION", "AID"),
]  # fmt: skip
# Traps the coder still falls into, kept here so that a fix shows (strict xfail).
KNOWN_MISSES = [
    ("The campaign released new ads targeting Hillary Clinton on immigration.",
     "ACCUSE", "ASSAULT"),
    ("Russian missiles struck a power plant in Kharkiv on Tuesday.", "ASSAULT", None),
    ("A roadside bomb hit a military convoy near Kandahar.", "ASSAULT", None),
    ("The opposition leader blasted the government's handling of the crisis.",
     "ACCUSE", "ASSAULT"),
    ("Rallies continued for a third night in the capital.", "PROTEST", None),
    ("The two men spoke by phone on Thursday about the ceasefire.", "CONSULT", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "wanted", "unwanted"), SENSE_TRAPS, ids=lambda v: str(v)[:40])
def test_sense_traps(text: str, wanted: str | None, unwanted: str | None) -> None:
    types = [e.type for e in events_of(text)]
    if wanted is not None:
        assert wanted in types, types
    if unwanted is not None:
        assert unwanted not in types, types


@pytest.mark.xfail(strict=True, reason="no actor parsed, or a sense the model has not learned")
@pytest.mark.parametrize(("text", "wanted", "unwanted"), KNOWN_MISSES, ids=lambda v: str(v)[:40])
def test_known_misses(text: str, wanted: str | None, unwanted: str | None) -> None:
    types = [e.type for e in events_of(text)]
    assert wanted in types and unwanted not in types, types


# One sentence per PLOVER type; an announced cooperative act may be coded as AGREE and a
# hostile one as THREATEN (the contract's intent rule), so those are accepted too.
EVERY_TYPE = {
    "AGREE": "Chile and Peru signed a trade agreement in Lima on Friday.",
    "CONSULT": "Ghana's president met the Togolese president in Accra on Tuesday.",
    "SUPPORT": "The prime minister praised the mediators from Qatar for their work.",
    "CONCEDE": "The junta released forty political prisoners on Monday.",
    "COOPERATE": "Colombia extradited the cartel leader to the United States.",
    "AID": "Japan sent emergency food aid to flood victims in Pakistan.",
    "RETREAT": "The army withdrew its troops from the disputed border region.",
    "REQUEST": "The president urged Congress to pass the spending bill.",
    "ACCUSE": "The foreign ministry accused Moscow of meddling in the election.",
    "REJECT": "The parliament rejected the government's budget proposal.",
    "THREATEN": "Ankara threatened to impose sanctions on Sweden.",
    "PROTEST": "Thousands of students marched in Dhaka against the new law.",
    "SANCTION": "Canada expelled two Russian diplomats on Monday.",
    "MOBILIZE": "Turkey put its forces on high alert along the Syrian border.",
    "COERCE": "Police arrested three journalists in Minsk on Saturday.",
    "ASSAULT": "Gunmen killed twelve villagers in an attack in Zamfara state.",
}


@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_every_type(event_type: str) -> None:
    types = {e.type for e in events_of(EVERY_TYPE[event_type])}
    assert event_type in types, types


EVERY_MODALITY = {
    "occurred": "Serbia and Kosovo held talks in Brussels on Thursday.",
    "planned": "Serbia and Kosovo will hold talks in Brussels next week.",
    "hypothetical": "Serbia and Kosovo could hold talks in Brussels if the dispute eases.",
    "negated": "Serbia and Kosovo did not hold talks in Brussels this week.",
}


@pytest.mark.parametrize("modality", MODALITIES)
def test_every_modality(modality: str) -> None:
    events = [e for e in events_of(EVERY_MODALITY[modality]) if e.type == "CONSULT"]
    assert events and events[0].modality == modality, [(e.type, e.modality) for e in events]


def tiny_model(**thresholds: float) -> EventModel:
    """Two features: 'good' votes ACCUSE, 'bad' votes NONE."""
    labels = (NONE, "ACCUSE", "ASSAULT")
    weights = np.array([[0.0, 4.0, 0.0], [4.0, 0.0, 0.0]], dtype=np.float32)
    return EventModel(
        labels=labels,
        index={"good": 0, "bad": 1},
        weights=weights,
        bias=np.zeros(3, dtype=np.float32),
        vocabulary=frozenset({"slam"}),
        keep=thresholds.get("keep", 0.8),
        add=thresholds.get("add", 0.5),
        retype=thresholds.get("retype", 0.6),
    )


def test_decisions() -> None:
    model = tiny_model()
    assert model.decide(["good"], None)[0] == "ACCUSE"  # an open candidate, confident
    assert model.decide([], None)[0] is None  # unsure: no event
    assert model.decide(["bad"], "ASSAULT")[0] is None  # P(NONE) 0.96 > keep 0.8: dropped
    assert model.decide(["good"], "ASSAULT")[0] == "ACCUSE"  # retyped
    assert model.decide([], "ASSAULT")[0] == "ASSAULT"  # the rule stands
    assert tiny_model(retype=0.99).decide(["good"], "ASSAULT")[0] == "ASSAULT"


def test_model_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    save_model(tiny_model(), path)
    back = load_model(path)
    assert back is not None and back.labels == tiny_model().labels
    assert back.decide(["good"], None)[0] == "ACCUSE"
    assert load_model(tmp_path / "absent.npz") is None
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(BadKnowledgeBase, match=r"\[E050\]"):
        load_model(tmp_path / "bad.npz")


TEXT = (
    "The minister accused the opposition of lying.\n"
    "Rebels attacked a police station in the north.\n"
    "The weather was mild on Sunday.\n"
)


def corpus_line(text: str, **changes: object) -> dict[str, object]:
    first = text.index("\n")
    second = text.index("\n", first + 1)
    line: dict[str, object] = {
        "doc": "texts/a.txt",
        "sha1": text_sha1(text),
        "published": "2025-01-01",
        "split": "train",
        "sentences": [[0, first], [first + 1, second], [second + 1, len(text) - 1]],
        "events": [
            {"sentence": 0, "trigger": [13, 20], "type": "ACCUSE", "modality": "occurred",
             "source": [[0, 12]], "target": [[21, 35]]},
            {"sentence": 1, "trigger": [first + 8, first + 16], "type": "ASSAULT",
             "modality": "occurred"},
        ],
    }  # fmt: skip
    line.update(changes)
    return line


def write_corpus(tmp_path: Path, *lines: dict[str, object]) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    (shared / "texts").mkdir(parents=True)
    (shared / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    return corpus, shared


def test_corpus_reads_stand_off_annotations(tmp_path: Path) -> None:
    corpus, shared = write_corpus(tmp_path, corpus_line(TEXT))
    (article,) = load_corpus(corpus, shared)
    accuse, assault = article.events
    assert article.text[slice(*accuse.trigger)] == "accused"
    assert article.text[slice(*assault.trigger)] == "attacked"
    assert article.text[slice(*accuse.source[0])] == "The minister"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sha1": "0" * 40}, "not the text that was annotated"),
        ({"split": "dev"}, "split must be one of"),
        ({"events": [{"sentence": 0, "trigger": [60, 70], "type": "ACCUSE",
                      "modality": "occurred"}]}, "outside its sentence"),
        ({"events": [{"sentence": 0, "trigger": [13, 20], "type": "CRITICIZE",
                      "modality": "occurred"}]}, "not a PLOVER type"),
        ({"doc": "texts/missing.txt"}, "is missing"),
    ],
)  # fmt: skip
def test_corpus_rejects_bad_lines(tmp_path: Path, change: dict[str, object], message: str) -> None:
    corpus, shared = write_corpus(tmp_path, corpus_line(TEXT, **change))
    with pytest.raises(BadTrainingData, match=r"\[E070\] a\.jsonl:1: .*" + message):
        load_corpus(corpus, shared)


def test_training_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from newsevents.train.events import train

    corpus, shared = write_corpus(
        tmp_path,
        *[corpus_line(TEXT, split="train") for _ in range(5)],
        corpus_line(TEXT, split="held"),
    )
    out = tmp_path / "events.npz"
    report = train(load_corpus(corpus, shared), out=out, k=5)
    model = load_model(out)
    assert model is not None and model.labels[0] == NONE
    assert report.examples > 0 and "events typed" in report.model_held
