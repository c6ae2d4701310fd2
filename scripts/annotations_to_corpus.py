"""Turn an annotation batch (sentences shown to annotators + their JSONL answers) into the
stand-off event corpus (data/train/events/, format: src/newsevents/train/corpus.py).

usage: python scripts/annotations_to_corpus.py TASK.json ANSWERS.jsonl OUT.jsonl ANNOTATOR

TASK.json is the batch as made for the annotators: a list of {"doc", "split", "sentences":
[{"start", "end", "text"}]}, sentence ids "a.j" (document a, sentence j). ANSWERS.jsonl holds
{"id": "a.j", "events": [{"trigger", "type", "modality", "source", "target", "optional"}]}
lines and {"done": a} after each finished document; unfinished documents are left out. A
trigger or actor phrase is found in its sentence with any whitespace between its words; one
that is not found is reported and skipped.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from newsevents.train.corpus import REPO, SHARED_DIR, text_sha1  # noqa: E402


def find(phrase: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    words = phrase.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = re.search(pattern, text[start:end])
    if found is None:
        found = re.search(pattern, text[start:end], flags=re.IGNORECASE)
    if found is None:
        return None
    return start + found.start(), start + found.end()


def _source(doc: str) -> Path:
    """A text of the shared folder, or one written for the corpus (under data/)."""
    return (REPO if doc.startswith("data/") else SHARED_DIR) / doc


def published_of(doc: str) -> str | None:
    date = re.search(r"_(\d{4}-\d{2}-\d{2})_", doc)
    if date:
        return date.group(1)
    gold = SHARED_DIR / doc.replace(".txt", ".json")
    if gold.exists():
        return json.loads(gold.read_text(encoding="utf-8"))["article"].get("published")
    return None


def main(task_path: str, answers_path: str, out_path: str, annotator: str) -> int:
    task = json.loads(Path(task_path).read_text(encoding="utf-8"))
    answers: dict[str, list[dict]] = {}
    done: set[int] = set()
    for number, line in enumerate(Path(answers_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            print(f"{answers_path}:{number}: not JSON, skipped", file=sys.stderr)
            continue
        if "done" in item:
            done.add(int(item["done"]))
        else:
            answers.setdefault(item["id"], []).extend(item.get("events", []))
    missed = 0
    lines = []
    for a, doc in enumerate(task):
        if a not in done:
            continue
        text = _source(doc["doc"]).read_text(encoding="utf-8")
        sentences = [[s["start"], s["end"]] for s in doc["sentences"]]
        if doc.get("regions"):  # each sentence (a line of a TSV data set) is an article
            for j, s in enumerate(doc["sentences"]):
                events, missed_here = _events(answers.get(f"{a}.{j}", []), text, sentences, j)
                missed += missed_here
                region = text[s["start"] : s["end"]]
                lines.append(
                    {"doc": doc["doc"], "region": sentences[j], "sha1": text_sha1(region),
                     "published": None, "split": s["split"], "annotator": annotator,
                     "sentences": [sentences[j]],
                     "events": [dict(e, sentence=0) for e in events]}
                )  # fmt: skip
            continue
        events = []
        for j in range(len(sentences)):
            found, missed_here = _events(answers.get(f"{a}.{j}", []), text, sentences, j)
            events.extend(found)
            missed += missed_here
        lines.append(
            {
                "doc": doc["doc"],
                "sha1": text_sha1(text),
                "published": published_of(doc["doc"]),
                "split": doc["split"],
                "annotator": annotator,
                "sentences": sentences,
                "events": events,
            }
        )
    with open(out_path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(
        f"{len(lines)} articles, {sum(len(x['events']) for x in lines)} events, "
        f"{missed} triggers not found -> {out_path}",
        file=sys.stderr,
    )
    return 0


def _events(answers: list[dict], text: str, sentences: list[list[int]], j: int) -> tuple[list, int]:
    """The events annotated on sentence j, as offsets; and how many triggers were not found."""
    start, end = sentences[j]
    events, missed = [], 0
    for event in answers:
        trigger = find(event.get("trigger", ""), text, start, end)
        if trigger is None:
            missed += 1
            print(f"sentence {j}: trigger {event.get('trigger')!r} not found", file=sys.stderr)
            continue
        sides = {}
        for side in ("source", "target"):
            phrases = [p for p in str(event.get(side) or "").split("|") if p.strip()]
            sides[side] = [list(span) for p in phrases if (span := find(p, text, start, end))]
        events.append(
            {
                "sentence": j,
                "trigger": list(trigger),
                "type": event["type"],
                "modality": event["modality"],
                **sides,
                "optional": bool(event.get("optional", False)),
            }
        )
    return events, missed


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
