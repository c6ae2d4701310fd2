#!/usr/bin/env bash
# Score quotes on the polnear training compartment, split by the sorted article list:
# the held-out fifth (index % 5 == 4, never tuned on) and the tuning four fifths (the rest).
# Usage: scripts/eval_polnear_splits.sh [heldout|tuning|both] [OUT_DIR]
# The texts are read in place (symlinks in a temporary folder), never copied into the repository.
set -euo pipefail
export LC_ALL=C
which="${1:-heldout}"
out="${2:-$(mktemp -d /tmp/polnear-eval.XXXXXX)}"
here="$(cd "$(dirname "$0")/.." && pwd)"
train="${POLNEAR_TRAIN:-${GOLD:-$here/../shared/gold}/../train/polnear}"
bin="$here/.venv/bin"
scorer="${SCORER:-$train/../../tools/score.py}"
[ -d "$train" ] || { echo "$train is absent: no polnear training set to score"; exit 1; }
train="$(cd "$train" && pwd)"
mkdir -p "$out"
tmp="$(mktemp -d /tmp/polnear-split.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/heldout" "$tmp/tuning"
i=0
for txt in $(ls "$train"/*.txt | sort); do
    name="$(basename "$txt" .txt)"
    [ -f "$train/$name.json" ] || continue
    if [ $((i % 5)) -eq 4 ]; then part=heldout; else part=tuning; fi
    ln -s "$txt" "$tmp/$part/$name.txt"
    ln -s "$train/$name.json" "$tmp/$part/$name.json"
    i=$((i + 1))
done
parts="$which"
[ "$which" = both ] && parts="heldout tuning"
for part in $parts; do
    echo "== polnear train $part: $(ls "$tmp/$part"/*.json | wc -l) articles -> $out/$part"
    "$bin/newsevents" eval "$tmp/$part" --save "$out" > "$out.$part.log"
    "$bin/python" "$scorer" "$tmp/$part" "$out/$part"
done
