#!/usr/bin/env bash
# Ingest evaluation: HTML body-text extraction on the Zyte article-extraction benchmark
# (181 pages, their evaluate.py and ground truth), for dateline's extractor and the two
# maintained Rust crates it was compared with, measured in the same run (one thread).
# Also runs the feed and WARC fixture tests. Prints F1 (with precision/recall) and pages/s.
#
#   eval/ingest.sh            # all three extractors
#   EXTRACTORS=dateline eval/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${DATELINE_SHARED:-$(cd .. && pwd)/shared}"
DATA="$SHARED/data/article-extraction"
[ -d "$DATA" ] || { echo "eval/ingest.sh: $DATA is absent (set DATELINE_SHARED)"; exit 1; }
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
EXTRACTORS="${EXTRACTORS:-dateline dom_smoothie rs_trafilatura}"

cargo build --release -q -p dateline-ingest --features rs-trafilatura --example zyte_eval
BIN="$CARGO_TARGET_DIR/release/examples/zyte_eval"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp "$DATA/evaluate.py" "$DATA/ground-truth.json" "$WORK/"
echo "== speed (one thread; the same pages, the same run)"
for e in $EXTRACTORS; do
    "$BIN" --data "$DATA" --out "$WORK" --extractor "$e"
done
echo "== body-text quality (the benchmark's evaluate.py: 4-word shingles)"
(cd "$WORK" && python3 evaluate.py --n-bootstrap 200)
echo "== feed and archive fixtures (../shared/data/feeds-warc)"
cargo test -q --release -p dateline-ingest --test fixtures 2>&1 | grep -E "test result|passed|failed|skipping" || true
