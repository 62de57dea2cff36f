#!/usr/bin/env bash
# Abuse load test of `dateline serve`, loopback only and bounded (about a minute): ingests
# a few BBC politics articles into a fresh store, serves it, and runs bench/serve_abuse.py:
# normal API traffic alone, then alongside repeated-word searches, 32-word searches,
# 3,000-word event filters, 1,100 slowloris connections, requests naming another Host and
# huge offsets. Prints the normal traffic's p50/p99/max latency and error count.
#
#   bash bench/serve_abuse.sh          (from the repository root; needs ../shared)
#
# Env: DATELINE_SHARED (default ../shared), ARTICLES (default 40), BASELINE and ABUSE
# (seconds, default 10 and 40), SLOWLORIS (default 1100), DATELINE_BIN (default: build the
# debug binary, which the workspace compiles optimised).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${DATELINE_SHARED:-../shared}
POLITICS=$SHARED/data/bbc-news/bbc/politics
if [[ ! -d "$POLITICS" ]]; then echo "skip: $POLITICS not found (set DATELINE_SHARED)"; exit 0; fi
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${DATELINE_BIN:-}
if [[ -z "$BIN" ]]; then
    cargo build -q -p dateline
    BIN=$TARGET/debug/dateline
fi
TMP=$(mktemp -d)
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

mapfile -t FILES < <(find "$POLITICS" -name '*.txt' | sort | head -n "${ARTICLES:-40}")
echo "== ingest ${#FILES[@]} BBC politics articles"
"$BIN" ingest "${FILES[@]}" --db "$TMP/news.db" --quiet 2>&1 | tail -1

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The slowloris client needs more descriptors than the usual 1,024.
ulimit -n 4096 2>/dev/null || true
"$BIN" serve --db "$TMP/news.db" --bind "127.0.0.1:$PORT" 2>"$TMP/serve.log" &
PID=$!
for _ in $(seq 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), timeout=1)" 2>/dev/null && break
    sleep 0.2
done
echo "== load (loopback, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
python3 bench/serve_abuse.py --port "$PORT" --baseline "${BASELINE:-10}" --abuse "${ABUSE:-40}" \
    --slowloris "${SLOWLORIS:-1100}"
echo "== server: $(ps -o rss= -p "$PID" | awk '{printf "%.0f MB resident", $1/1024}'), $(ls /proc/"$PID"/fd | wc -l) open descriptors"
grep -v '^dateline: serving' "$TMP/serve.log" | sort | uniq -c | head -5 || true
