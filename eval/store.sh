#!/usr/bin/env bash
# Store evaluation: the store's tests (idempotence, replace-newer, cross-document entities,
# the merge rule on hand-made cases, kill -9 durability), then cross-article merging on the
# BBC corpus: how many events merged, and ten merges printed for a person to judge
# (judged by hand in eval/store-bbc-merges-judged.md).
#
#   bash eval/store.sh [STORE.db]     (from the repository root)
#
# Without a store, one is built from ../shared/data/bbc-news (as bench/store.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
echo "== store tests"
cargo test -q -p dateline-store 2>&1 | grep -E "test result|FAILED|panicked" || true
# Two commands: with --example, cargo builds only the example, not the binary.
cargo build --release -q -p dateline
cargo build --release -q -p dateline-store --example merge_report
DB=${1:-}
if [[ -z "$DB" ]]; then
    SHARED=${DATELINE_SHARED:-../shared}
    BBC=$SHARED/data/bbc-news/bbc
    if [[ ! -d "$BBC" ]]; then echo "skip: $BBC not found"; exit 0; fi
    TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
    DB=$TMP/bbc.db
    echo "== ingest the BBC corpus"
    find "$BBC" -name '*.txt' -print0 | sort -z | xargs -0 "$TARGET/release/dateline" ingest --db "$DB" --quiet
fi
echo "== cross-article merging on $DB"
"$TARGET/release/examples/merge_report" "$DB" 10
