#!/usr/bin/env bash
# UPOS, XPOS, lemma accuracy, UAS and LAS on UD English EWT dev — from gold tokens and from
# dateline's own tokenisation of the raw sentence text — and tokens/s, for both parsers:
# the perceptron (default) and the neural one (--parser neural).
# Usage: eval/syntax.sh [eval-syntax options]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p dateline-syntax --bin eval-syntax
bin="${CARGO_TARGET_DIR:-target}/release/eval-syntax"
echo "### perceptron tagger and parser"
"$bin" "$@"
echo
echo "### neural tagger and parser"
"$bin" --parser neural "$@"
