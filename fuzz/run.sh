#!/usr/bin/env bash
# Fuzz the ingest readers (HTML, feed, WARC/ARC) with cargo-fuzz / libFuzzer, one target
# after another, each for the given number of seconds (default 600), and print each
# campaign's executions, time, corpus size and crashes.
#
#   fuzz/run.sh            # 10 minutes per target
#   fuzz/run.sh 60         # a quick pass
#   TARGETS=ingest_warc fuzz/run.sh 600
#
# Works on a stable toolchain (RUSTC_BOOTSTRAP=1 unlocks the -Z flags cargo-fuzz needs).
# SANITIZER=address to build with ASan when its runtime is installed; the default `none`
# still catches every panic, overflow check, timeout and memory blow-up (safe Rust code).
# Seeds are copied at run time from ../shared/data (article-extraction pages, feed-rs,
# trafilatura and warcio fixtures) into fuzz/seeds/, which git ignores, as it does the
# working corpora (fuzz/corpus/), crash artifacts (fuzz/artifacts/) and logs (fuzz/logs/).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:-600}"
TARGETS="${TARGETS:-ingest_html ingest_feed ingest_warc}"
SANITIZER="${SANITIZER:-none}"
SHARED="${DATELINE_SHARED:-$(cd ../.. && pwd)/shared}"
FW="$SHARED/data/feeds-warc"
PAGES="$SHARED/data/article-extraction/html"
export PATH="$HOME/.cargo/bin:$PATH" RUSTC_BOOTSTRAP=1

seed() { # target: fill seeds/<target> from the shared fixtures (idempotent)
    local dir="seeds/$1"
    mkdir -p "$dir"
    case "$1" in
    ingest_html)
        [ -d "$PAGES" ] || { echo "fuzz/run.sh: $PAGES absent, no HTML seeds"; return; }
        for f in "$PAGES"/*.html.gz; do
            local out="$dir/$(basename "$f" .gz)"
            # head stops reading early; gzip then dies of SIGPIPE, which is expected.
            [ -e "$out" ] || { (gzip -dc "$f" 2>/dev/null || true) | head -c 65536 > "$out"; }
        done ;;
    ingest_feed)
        [ -d "$FW" ] || { echo "fuzz/run.sh: $FW absent, no feed seeds"; return; }
        find "$FW/feed-rs" "$FW/trafilatura" -type f \
            \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' -o -name '*.json' \) \
            ! -name '*.serde.json' -exec cp -n {} "$dir/" \; ;;
    ingest_warc)
        [ -d "$FW" ] || { echo "fuzz/run.sh: $FW absent, no WARC seeds"; return; }
        find "$FW/warcio" -type f \( -name '*.warc*' -o -name '*.arc*' \) -exec cp -n {} "$dir/" \; ;;
    esac
}

mkdir -p logs corpus artifacts
cargo fuzz build -s "$SANITIZER" -O
printf '%-12s %8s %10s %9s %8s %7s  %s\n' target seconds executions "exec/s" corpus "peak MB" result
for t in $TARGETS; do
    seed "$t"
    mkdir -p "corpus/$t" "artifacts/$t"
    log="logs/$t.log"
    status=0
    cargo fuzz run -s "$SANITIZER" -O "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=2048 \
        -timeout=30 -print_final_stats=1 > "$log" 2>&1 || status=$?
    execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
    rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log" | tail -1)
    peak=$(awk '/stat::peak_rss_mb/ {print $2}' "$log" | tail -1)
    secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | awk '{print $5}' | tail -1)
    size=$(ls "corpus/$t" | wc -l)
    if [ "$status" -eq 0 ]; then result="no crash"; else
        result="FAILED (exit $status): $(grep -m1 -E 'panicked|ERROR: libFuzzer|SUMMARY' "$log" || echo see "$log")"
    fi
    printf '%-12s %8s %10s %9s %8s %7s  %s\n' "$t" "${secs:-?}" "${execs:-?}" "${rate:-?}" "$size" "${peak:-?}" "$result"
done
