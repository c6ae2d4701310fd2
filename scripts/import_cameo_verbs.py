"""Convert PETRARCH2's CAMEO verb dictionary into kb/cameo_verbs.tsv (verb lemma -> CAMEO).

usage: python scripts/import_cameo_verbs.py CAMEO.verbpatterns.150430.txt COMMIT > OUT.tsv

Source: github.com/openeventdata/petrarch2, petrarch2/data/dictionaries/
CAMEO.verbpatterns.150430.txt (MIT licence, Open Event Data Alliance; the TABARI CAMEO
verb dictionaries extended with WordNet synonym sets). Only the synonym lists of each verb
block are taken: a single-word verb, with its own [code] or the block's; the phrase patterns
("- * + DENOUNCE [022]") are the old coders' parsing aids and are left out. A verb listed in
several blocks keeps its first code. Fails, naming the line, on a block header it cannot read.
"""

from __future__ import annotations

import re
import sys

HEADER = re.compile(r"^---\s*(\S+)\s*(?:\[([^\]]*)\]\s*---)?")
CODE = re.compile(r"\[([0-9:]+|---)\]")


def verbs(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    block_code: str | None = None
    for number, line in enumerate(lines, start=1):
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("---"):
            header = HEADER.match(line)
            if header is None:
                raise SystemExit(f"line {number}: unreadable block header {line!r}")
            # A block without a code ("--- DEFEND ###") codes only the verbs that carry one.
            block_code = (header.group(2) or "---").split(":")[0].strip()
            continue
        if block_code is None or not line or line[0] in "-&+ \t{":
            continue
        word = line.split()[0]
        if not word.isalpha():
            continue
        own = CODE.search(line)
        code = own.group(1).split(":")[0] if own else block_code
        if code == "---" or not code.isdigit():
            continue
        found.setdefault(word.lower(), code)
    return found


def main(path: str, commit: str) -> int:
    with open(path, encoding="utf-8") as f:
        table = verbs(f.read().splitlines())
    print("# Verb lemma -> CAMEO code, from PETRARCH2's CAMEO verb dictionary")
    print(f"# (github.com/openeventdata/petrarch2 @ {commit},")
    print("# petrarch2/data/dictionaries/CAMEO.verbpatterns.150430.txt; MIT licence, Open Event")
    print("# Data Alliance). Made by scripts/import_cameo_verbs.py; do not edit by hand.")
    print("lemma\tcameo")
    for word in sorted(table):
        print(f"{word}\t{table[word]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
