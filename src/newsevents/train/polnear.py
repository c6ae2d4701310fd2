"""The polnear training set as the quote learners read it: ``NAME.txt`` + ``NAME.json``
(gold format) read in place, sorted by name; the fifth with index % 5 == ``HELD_OUT`` is
held out from every training and tuning step and only scored (``make eval-polnear``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsevents import nlp
from newsevents.errors import NoSpeakerTrainingData

HELD_OUT = 4  # index % 5 of the held-out fifth


def tuning_files(folder: Path) -> list[Path]:
    """The training articles' texts outside the held-out fifth, in sorted order; a folder
    without any is an [E600] error."""
    texts = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".json").is_file())
    files = [p for i, p in enumerate(texts) if i % 5 != HELD_OUT]
    if not files:
        raise NoSpeakerTrainingData(str(folder), problem="no NAME.txt with its NAME.json")
    return files


def annotated_docs(
    files: Sequence[Path], *, step: Callable[[], None] | None = None
) -> Iterator[tuple[int, Doc, list[dict[str, Any]]]]:
    """(article number, parsed text, annotated quotes) of each file, parsed in batches;
    ``step`` is called after each (a progress bar)."""
    texts = (p.read_text(encoding="utf-8") for p in files)
    for n, (doc, path) in enumerate(zip(nlp.parse_many(texts), files, strict=True)):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        yield n, doc, gold.get("quotes", [])
        if step is not None:
            step()


__all__ = ["HELD_OUT", "annotated_docs", "tuning_files"]
