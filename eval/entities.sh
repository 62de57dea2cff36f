#!/usr/bin/env bash
# CoNLL-2003 dev (eng.testa) NER: P/R/F1 per type and overall, conlleval-style exact
# spans, in raw-text mode (dateline_text::segment tokenises the space-joined tokens)
# and gold-token mode, plus tagging speed.
# Usage: eval/entities.sh [CONLL_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p dateline-entities --example eval_ner
"$CARGO_TARGET_DIR/release/examples/eval_ner" "$@"
