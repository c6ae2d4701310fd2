"""Train the place-vs-not-place filter of ``extract/places.py`` and write its weights.

Reads the hand labels of ``scripts/place_labels.tsv`` (file, offsets, 1/0), parses the
labelled texts where they lie (under ``../shared/train`` by default: polnear articles and
CASE 2021 snippets; never copied), finds
the names the place rules take as places there, and fits a logistic regression on their
context features (``places.mention_features``): L2-regularised, full-batch gradient descent,
no dependency beyond numpy. Prints five-fold cross-validated accuracy and the kept share of
true places and non-places, then writes ``src/newsevents/kb/place_filter.json``.

    python scripts/train_place_filter.py [TRAIN_DIR]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np

from newsevents.extract.actors import extract_actors
from newsevents.extract.places import PLACE_FILTER, THRESHOLD, mention_features, place_mentions
from newsevents.nlp import load

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "scripts" / "place_labels.tsv"
TEXTS = ROOT.parent.parent / "shared" / "train"
L2 = 1.0
# Features left out of the fit: they describe how rare a name is, not how it is used, and
# the labelled texts (US politics) have few small towns, so they would teach "rare = no
# place" (set by comparing the cross-validated figures and the GWN tuning half).
LEFT_OUT = frozenset("label origin unknown one_word homonyms alternate_name".split())
STEPS = 3000
RATE = 0.5


def read_labels(path: Path) -> dict[str, dict[tuple[int, int], int]]:
    labels: dict[str, dict[tuple[int, int], int]] = {}
    with path.open(encoding="utf-8") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), 2):
            if row["place"] not in ("0", "1"):
                raise SystemExit(f"{path.name}: row {number}: place must be 0 or 1: {row}")
            spans = labels.setdefault(row["file"], {})
            spans[(int(row["start"]), int(row["end"]))] = int(row["place"])
    return labels


def read_text(texts: Path, name: str) -> str:
    """A labelled text: a file, or one row of a TSV file ("FILE#id", its EventSnippet)."""
    if "#" not in name:
        return (texts / name).read_text(encoding="utf-8")
    path, row_id = name.split("#", 1)
    with (texts / path).open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["id"] == row_id:
                return row["EventSnippet"]
    raise SystemExit(f"{path}: no row with id {row_id}")


def examples(texts: Path) -> tuple[list[dict[str, float]], list[int], int]:
    """Features and labels of every labelled name the rules still find; and how many
    labelled names they no longer find."""
    nlp = load()
    rows: list[dict[str, float]] = []
    ys: list[int] = []
    missing = 0
    for name, spans in sorted(read_labels(LABELS).items()):
        doc = nlp(read_text(texts, name))
        actors = extract_actors(doc, published=None)
        claimed = [
            (m.start, m.end)
            for a in actors
            if a.type in ("government", "country")
            for m in a.mentions
        ]
        found = {(m.start, m.end): m for m in place_mentions(doc, exclude=claimed)}
        for span, label in spans.items():
            mention = found.get(span)
            if mention is None:
                missing += 1
                continue
            rows.append(mention_features(doc, mention))
            ys.append(label)
    return rows, ys, missing


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (bias last) of an L2-regularised logistic regression."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-x1 @ w))
        grad = x1.T @ (p - y) / len(y) + L2 * np.r_[w[:-1], 0.0] / len(y)
        w -= RATE * grad
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w[:-1] + w[-1])))


def main() -> None:
    texts = Path(sys.argv[1]) if len(sys.argv) > 1 else TEXTS
    rows, ys, missing = examples(texts)
    names = sorted({k for r in rows for k in r if k.split("=")[0] not in LEFT_OUT})
    x = np.array([[r.get(n, 0.0) for n in names] for r in rows])
    y = np.array(ys, dtype=float)
    order = np.random.default_rng(0).permutation(len(y))
    folds = np.array_split(order, 5)
    p = np.zeros(len(y))
    for fold in folds:
        train = np.setdiff1d(order, fold)
        p[fold] = predict(fit(x[train], y[train]), x[fold])
    kept = p >= THRESHOLD
    print(
        f"{len(y)} labelled names ({int((1 - y).sum())} not places), {missing} no longer found;"
        f" cross-validated at threshold {THRESHOLD}: accuracy {np.mean(kept == (y == 1)):.3f},"
        f" places kept"
        f" {kept[y == 1].mean():.3f}, non-places kept {kept[y == 0].mean():.3f}",
        file=sys.stderr,
    )
    w = fit(x, y)
    weights = {n: round(float(v), 4) for n, v in zip(names, w[:-1], strict=True) if abs(v) > 1e-3}
    weights["bias"] = round(float(w[-1]), 4)
    data = {
        "about": "logistic place-vs-not-place filter; scripts/train_place_filter.py",
        "examples": len(y),
        "weights": dict(sorted(weights.items())),
    }
    PLACE_FILTER.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PLACE_FILTER}", file=sys.stderr)


if __name__ == "__main__":
    main()
