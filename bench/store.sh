#!/usr/bin/env bash
# Store benchmark: ingest the 2,225 BBC articles into a fresh store (articles/s, size),
# ingest them again (must change nothing), query latency p50/p99 per query kind, and the
# HTTP API under load on loopback (wrk: 64 connections, 10 s per endpoint).
#
#   bash bench/store.sh            (from the repository root; needs ../shared and wrk)
#
# Env: DATELINE_SHARED (default ../shared), THREADS (default: all cores), KEEP_DB=path to
# keep the store (eval/store.sh reads it), SKIP_BUILD=1 to use the binaries already built.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${DATELINE_SHARED:-../shared}
BBC=$SHARED/data/bbc-news/bbc
if [[ ! -d "$BBC" ]]; then echo "skip: $BBC not found (set DATELINE_SHARED)"; exit 0; fi
TARGET=${CARGO_TARGET_DIR:-target}
if [[ -z "${SKIP_BUILD:-}" ]]; then
    cargo build --release -q -p dateline
    cargo build --release -q -p dateline-store --example bench_queries
fi
BIN=$TARGET/release/dateline
TMP=$(mktemp -d)
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
DB=$TMP/bbc.db
mapfile -t FILES < <(find "$BBC" -name '*.txt' | sort)
echo "== ingest: ${#FILES[@]} BBC articles into a new store"
THREAD_ARGS=()
[[ -n "${THREADS:-}" ]] && THREAD_ARGS=(--threads "$THREADS")
t0=$(date +%s.%N)
"$BIN" ingest "${FILES[@]}" --db "$DB" --quiet "${THREAD_ARGS[@]}" 2>"$TMP/ingest1.log" || true
t1=$(date +%s.%N)
cat "$TMP/ingest1.log"
size=$(stat -c %s "$DB")
awk -v n="${#FILES[@]}" -v a="$t0" -v b="$t1" -v s="$size" 'BEGIN {
  printf "first ingest: %.1f s wall, %.1f articles/s, store %.1f MB (%.1f KB/article)\n", b-a, n/(b-a), s/1e6, s/1e3/n }'

echo "== second ingest of the same files (idempotent)"
t0=$(date +%s.%N)
"$BIN" ingest "${FILES[@]}" --db "$DB" --quiet 2>"$TMP/ingest2.log" || true
t1=$(date +%s.%N)
cat "$TMP/ingest2.log"
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "second ingest: %.1f s wall\n", b-a }'
echo "documents after the second ingest: $(grep -Eo '[0-9]+ documents' "$TMP/ingest2.log" | head -1)"

echo "== query latency (in-process, release build; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
"$TARGET/release/examples/bench_queries" "$DB" 20

echo "== HTTP API under load (wrk, loopback, 2 threads, 64 connections, 10 s per endpoint; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "(one request warms each endpoint first; the server caches answers until the store changes,"
echo " so the 'varied searches' row, two random words per request, measures uncached searches)"
cat >"$TMP/varied.lua" <<'LUA'
local words = {"government","minister","election","market","film","match","police","talks","deal",
  "court","labour","tory","party","vote","tax","budget","bank","oil","price","shares","profit",
  "sales","company","music","award","show","star","game","player","team","club","cup","season",
  "coach","win","record","phone","mobile","internet","software","online","users","security",
  "virus","computer","europe","china","india","russia","iraq","war","peace","trade","jobs",
  "growth","economy","rate","report","plans","law","bill","lords","blair","brown","howard",
  "kennedy","chancellor","health","school","children","family","crime","prison","judge","trial",
  "case","album","band","chart","office","actor","director","oscar","festival","bbc","radio"}
math.randomseed(os.time())
request = function()
  local a, b = words[math.random(#words)], words[math.random(#words)]
  return wrk.format("GET", "/api/search?q=" .. a .. "+" .. b)
end
LUA
if ! command -v wrk >/dev/null; then
    echo "skip: wrk is not installed (apt-get install -y wrk)"
else
    "$BIN" serve --db "$DB" --bind 127.0.0.1:0 2>"$TMP/serve.log" &
    PID=$!
    BASE=""
    for _ in $(seq 1 100); do
        BASE=$(grep -Eo 'http://127\.0\.0\.1:[0-9]+' "$TMP/serve.log" 2>/dev/null | head -1 || true)
        [[ -n "$BASE" ]] && curl -sf "$BASE/api/stats" >/dev/null && break
        sleep 0.1
    done
    ENTITY=$(curl -sf "$BASE/api/entities?limit=1" | grep -Eo '"id":[0-9]+' | head -1 | cut -d: -f2)
    printf "%-44s %10s %10s %10s %8s\n" endpoint "req/s" "p50" "p99" errors
    for path in "/api/events?limit=50" "/api/entities/$ENTITY" "/api/search?q=government" "/api/quotes?speaker=Blair&limit=20" "/" "varied searches"; do
        if [[ "$path" == "varied searches" ]]; then
            wrk -t2 -c64 -d10s --timeout 5s --latency -s "$TMP/varied.lua" "$BASE" >"$TMP/wrk.txt" 2>&1 || true
        else
            curl -s -o /dev/null "$BASE$path" || true
            wrk -t2 -c64 -d10s --timeout 5s --latency "$BASE$path" >"$TMP/wrk.txt" 2>&1 || true
        fi
        rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.txt")
        p50=$(awk '$1=="50%" {print $2}' "$TMP/wrk.txt")
        p99=$(awk '$1=="99%" {print $2}' "$TMP/wrk.txt")
        non2xx=$(awk '/Non-2xx/ {print $NF}' "$TMP/wrk.txt")
        sock=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' "$TMP/wrk.txt")
        printf "%-44s %10s %10s %10s %8s\n" "$path" "${rps:-?}" "${p50:-?}" "${p99:-?}" "$(( ${non2xx:-0} + ${sock:-0} ))"
    done
fi
if [[ -n "${KEEP_DB:-}" ]]; then cp "$DB" "$KEEP_DB"; echo "store kept at $KEEP_DB"; fi
