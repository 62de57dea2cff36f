#!/usr/bin/env bash
# Scores `dateline extract` on one split of the event corpus, BBC articles and ECB+ stories
# apart:  eval/events-corpus/run.sh [dev|test|train] [--verbose]
# Needs target/release/dateline (or $DATELINE_BIN). DATELINE_EVENTS_RULES_ONLY=1 scores the
# lexicon rules without the learned heads.
set -euo pipefail
cd "$(dirname "$0")/../.."
split="${1:-dev}"
shift || true
shared="${DATELINE_SHARED:-../shared}"
bin="${DATELINE_BIN:-${CARGO_TARGET_DIR:-target}/release/dateline}"
gold="eval/data/events/$split.jsonl"
[[ -f "$gold" ]] || { echo "no $gold: run eval/events-corpus/build.py" >&2; exit 2; }
[[ -x "$bin" ]] || { echo "no $bin: cargo build --release -p dateline" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# BBC files are read as they are; ECB+ stories as their canonical text (ecb_text.py), written
# to files named after the document (slashes as "__") so the scorer can tell them apart.
DATELINE_SHARED="$shared" python3 - "$gold" "$shared" "$work" > "$work/inputs" <<'PY'
import json, os, sys
sys.path.insert(0, "eval/events-corpus")
from ecb_text import ecb_text
gold, shared, work = sys.argv[1:4]
seen = []
for line in open(gold):
    r = json.loads(line)
    if r.get("done") and r["doc"] not in seen:
        seen.append(r["doc"])
for doc in seen:
    if doc.startswith("ecbplus/"):
        path = os.path.join(work, doc.replace("/", "__") + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(ecb_text(open(os.path.join(shared, "data", doc), encoding="utf-8").read()))
        print(path)
    else:
        print(os.path.join(shared, "data/bbc-news", doc))
PY
tr '\n' '\0' < "$work/inputs" | xargs -0 "$bin" extract --format jsonl > "$work/out.jsonl" 2> "$work/err" \
  || { cat "$work/err" >&2; exit 1; }
for part in bbc/ ecbplus/; do
  if grep -q "\"doc\":\"$part" "$gold"; then
    echo "[$part]"
    python3 eval/events-corpus/score.py --gold "$gold" --system "$work/out.jsonl" --prefix "$part" "$@"
  fi
done
