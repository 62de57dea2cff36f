#!/usr/bin/env bash
# Scores `dateline extract` on one split of the BBC event corpus:
#   eval/events-corpus/run.sh [dev|test|train] [--verbose]
# Needs target/release/dateline (or $DATELINE_BIN). DATELINE_EVENTS_RULES_ONLY=1 scores the
# lexicon rules without the learned trigger head.
set -euo pipefail
cd "$(dirname "$0")/../.."
split="${1:-dev}"
shift || true
shared="${DATELINE_SHARED:-../shared}"
bin="${DATELINE_BIN:-${CARGO_TARGET_DIR:-target}/release/dateline}"
gold="eval/data/events/$split.jsonl"
[[ -f "$gold" ]] || { echo "no $gold: run eval/events-corpus/build.py" >&2; exit 2; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
python3 -c "
import json,sys
seen=[]
for l in open('$gold'):
    r=json.loads(l)
    if r.get('done') and r['doc'] not in seen: seen.append(r['doc'])
print('\n'.join(seen))" | sed "s#^#$shared/data/bbc-news/#" | xargs "$bin" extract --format jsonl > "$out" 2>/dev/null \
  || xargs_status=$?
python3 eval/events-corpus/score.py --gold "$gold" --system "$out" "$@"
