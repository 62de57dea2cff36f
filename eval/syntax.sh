#!/usr/bin/env bash
# UPOS, XPOS, lemma accuracy, UAS and LAS on UD English EWT dev — from gold tokens and from
# dateline's own tokenisation of the raw sentence text — and tokens/s. Usage: eval/syntax.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -q -p dateline-syntax --bin eval-syntax -- "$@"
