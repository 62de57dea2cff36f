#!/usr/bin/env bash
# UPOS, XPOS, lemma accuracy, UAS and LAS on UD English EWT dev — from gold tokens and from
# dateline's own tokenisation of the raw sentence text — and tokens/s, for both parsers:
# the neural one (the default) and the perceptron (--parser perceptron); and UPOS and LAS on
# the same gold tokens in headline styles (title case, capitals).
# Usage: eval/syntax.sh [eval-syntax options]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p dateline-syntax --example eval-syntax
bin="${CARGO_TARGET_DIR:-target}/release/examples/eval-syntax"
echo "### neural tagger and parser (the default)"
"$bin" --parser neural "$@"
echo
echo "### perceptron tagger and parser"
"$bin" --parser perceptron "$@"
