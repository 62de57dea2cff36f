#!/usr/bin/env bash
# Time expressions: the reference article's values, Duckling's English time corpus
# (value + grain against reference time 2013-02-12T04:30, each locale with its own holiday
# calendar; the scoring rules are documented on `duckling` in
# crates/dateline-time/examples/time_eval.rs), and TempEval-3 TBAQ-cleaned
# (relaxed / strict / value F1, type accuracy) on raw text with each document's DCT.
# Usage: eval/time.sh [reference|duckling|tempeval ...]   (default: all three)
# Failures are written to $TIME_EVAL_OUT (default /tmp)/time-eval-*-failures.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p dateline-time --example time-eval
"${CARGO_TARGET_DIR:-target}/release/examples/time-eval" "$@"
