#!/usr/bin/env bash
# Events evaluation (PLOVER gold dev + BBC sport/entertainment false-event check), run from
# the repository root:  eval/events.sh [--write-bbc] [--verbose]
#   --write-bbc  regenerate eval/events-bbc-judged.md (keeps judgements of unchanged rows)
#   --verbose    list every PLOVER record scored wrong
# Data: $DATELINE_SHARED or ../shared (plover/plover_gold_dev.json, bbc-news/).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --release -p dateline-events --example eval_events
bin="$CARGO_TARGET_DIR/release/examples/eval_events"
shared=()
[[ -n "${DATELINE_SHARED:-}" ]] && shared=(--shared "$DATELINE_SHARED")
verbose=()
write=()
for a in "$@"; do
  case "$a" in
    --verbose) verbose=(--verbose) ;;
    --write-bbc) write=(--write) ;;
  esac
done
"$bin" plover "${shared[@]}" "${verbose[@]}"
echo
"$bin" bbc "${shared[@]}" --judged eval/events-bbc-judged.md "${write[@]}"
echo
echo "Held-out BBC check (files 31-60 of each section; judged in eval/events-bbc-judged.md):"
"$bin" bbc "${shared[@]}" --skip 30 --judged /dev/null | grep -v "^BBC"
echo
echo "Reference article (tests/fixtures/seed-article.txt, published 2025-02-15):"
"$bin" article tests/fixtures/seed-article.txt --published 2025-02-15
