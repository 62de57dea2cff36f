#!/usr/bin/env bash
# Events evaluation, run from the repository root:  eval/events.sh [--test] [--write-bbc] [--verbose]
#   1. dateline's own event corpus (eval/data/events, docs/annotation/events.md): the dev split,
#      learned heads against the lexicon rules alone; --test scores the test split instead
#      (report it once, at the end of a piece of work: it is not for tuning);
#   2. the probe sentences of issue #17 (eval/events-corpus/probes.tsv);
#   3. PLOVER gold dev records; 4. BBC sport/entertainment false-event check; 5. the reference
#      article.
#   --write-bbc  regenerate eval/events-bbc-judged.md (keeps judgements of unchanged rows)
#   --verbose    list every PLOVER record scored wrong
# Data: $DATELINE_SHARED or ../shared (plover/plover_gold_dev.json, bbc-news/).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --release -p dateline-events --example eval_events
cargo build --quiet --release -p dateline
bin="$CARGO_TARGET_DIR/release/examples/eval_events"
shared=()
[[ -n "${DATELINE_SHARED:-}" ]] && shared=(--shared "$DATELINE_SHARED")
verbose=()
write=()
split=dev
for a in "$@"; do
  case "$a" in
    --verbose) verbose=(--verbose) ;;
    --write-bbc) write=(--write) ;;
    --test) split=test ;;
  esac
done
export DATELINE_BIN="$CARGO_TARGET_DIR/release/dateline"
echo "Own event corpus, $split split (learned heads):"
eval/events-corpus/run.sh "$split"
echo
echo "Own event corpus, $split split (lexicon rules alone, DATELINE_EVENTS_RULES_ONLY=1):"
DATELINE_EVENTS_RULES_ONLY=1 eval/events-corpus/run.sh "$split"
echo
echo "Probe sentences (issue #17; read while building, a development check):"
python3 eval/events-corpus/probes.py --bin "$DATELINE_BIN"
echo
"$bin" plover "${shared[@]}" "${verbose[@]}"
echo
"$bin" bbc "${shared[@]}" --judged eval/events-bbc-judged.md "${write[@]}"
echo
echo "Held-out BBC check (files 31-60 of each section; judged in eval/events-bbc-judged.md):"
"$bin" bbc "${shared[@]}" --skip 30 --judged /dev/null | grep -v "^BBC"
echo
echo "Reference article (tests/fixtures/seed-article.txt, published 2025-02-15):"
"$bin" article tests/fixtures/seed-article.txt --published 2025-02-15
