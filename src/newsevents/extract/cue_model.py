"""Learned quote cues: verbs outside the speech lexicon that report what their clause says.

The rules of ``quotes.py`` take their cues from ``kb/speech.yaml``; PolNeAR's annotators
mark a long tail of others ("conceded that ...", "pressed them to ..."). This table lists
the verb lemmas that, in a given construction, were a quote cue in the polnear training
set often enough: ``ccomp`` (a clausal complement after the verb, with a subject of its own)
and ``xcomp`` (an infinitive after the verb: a directive). It is learned by ``newsevents
train-quote-cues`` (``make train-quote-cues``) on four fifths of the polnear training set
and shipped as ``kb/models/quote_cues.json`` with its counts and provenance. It also lists
lexicon verbs that annotators almost never mark in a construction ("believed that ..."):
those give no indirect quote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from newsevents.errors import BadKnowledgeBase

CUES_FILE = Path(__file__).resolve().parent.parent / "kb" / "models" / "quote_cues.json"
CONSTRUCTIONS = ("ccomp", "xcomp", "dobj", "prep_P")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


def construction(tok: Token) -> str | None:
    """How ``tok`` may take a reported content: 'ccomp' (a clause after it: "conceded the
    plan failed"), 'xcomp' (an infinitive after it: "pressed them to resign"), 'dobj' (its
    object: "endorsed Sanders"), 'prep_P' (the object of a preposition after it: "railed
    against immigrants" is prep_against), or None. The verb must have a subject: a quote
    needs someone to say it."""
    if tok.pos_ != "VERB" or not any(c.dep_ in _SUBJECTS for c in tok.children):
        return None
    rights = list(tok.rights)
    for c in rights:
        if c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children):
            return "ccomp"
    for c in rights:
        if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return "xcomp"
    for c in rights:
        if c.dep_ == "dobj" and c.pos_ in _NOMINAL:
            return "dobj"
    for c in rights:
        if c.dep_ == "prep" and c.lower_.isalpha() and any(g.dep_ == "pobj" for g in c.children):
            return f"prep_{c.lower_}"
    return None


def complement(tok: Token, kind: str) -> Token | None:
    """The word heading the content of ``tok`` in construction ``kind``."""
    for c in tok.rights:
        if kind in ("ccomp", "xcomp", "dobj") and c.dep_ == kind:
            return c
        if kind == f"prep_{c.lower_}" and c.dep_ == "prep":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def key(lemma: str, kind: str) -> str:
    return f"{lemma}/{kind}"


@dataclass(frozen=True)
class CueTable:
    cues: frozenset[str]  # "lemma/construction" keys: verbs outside the lexicon
    not_cues: frozenset[str] = frozenset()  # lexicon verbs that are no cue in a construction

    def cue_kind(self, tok: Token) -> str | None:
        """The construction in which ``tok`` is a learned cue, or None."""
        kind = construction(tok)
        if kind is None or key(tok.lemma_.lower(), kind) not in self.cues:
            return None
        return kind

    def dropped(self, tok: Token) -> bool:
        """``tok`` is a lexicon verb in a construction where it is rarely a cue."""
        kind = construction(tok)
        return kind is not None and key(tok.lemma_.lower(), kind) in self.not_cues

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(k.split("/", 1)[0] for k in self.cues)


def _known(kind: str) -> bool:
    return kind in CONSTRUCTIONS or (kind.startswith("prep_") and kind[5:].isalpha())


def save_table(path: Path, table: dict[str, Any]) -> None:
    path.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_table(path: Path = CUES_FILE) -> CueTable | None:
    """The shipped table, or None when there is none (the lexicon then decides alone)."""
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        cues = frozenset(str(k) for k in raw["cues"])
        not_cues = frozenset(str(k) for k in raw.get("not_cues", {}))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise BadKnowledgeBase(str(path), problem=f"not a newsevents cue table ({e})") from e
    bad = [k for k in cues | not_cues if k.count("/") != 1 or not _known(k.split("/")[1])]
    if bad:
        raise BadKnowledgeBase(
            str(path), problem=f"cue {bad[0]!r} is not lemma/construction ({CONSTRUCTIONS})"
        )
    return CueTable(cues, not_cues)


@lru_cache(maxsize=1)
def shipped_table() -> CueTable | None:
    return load_table()
