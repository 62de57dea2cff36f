#!/usr/bin/env bash
# Quote attribution on PolNeAR dev (../shared/data/polnear/dev, or $DATELINE_SHARED):
# precision of dateline's quotes, recall of quoted gold contents, speaker accuracy, recall
# over all attributions, and the quote stage's time against the stages before it.
# Usage: eval/quotes.sh [--split dev|train] [--limit N] [--errors]
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run -q --release -p dateline-quotes --example polnear_eval -- "$@"
