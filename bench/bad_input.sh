#!/usr/bin/env bash
# Bad inputs against `dateline extract`: each case is generated here, run once under
# /usr/bin/time -v with an address-space cap (BAD_INPUT_LIMIT_GB, default 4) and a time
# cap (BAD_INPUT_TIMEOUT seconds, default 120), and reported with its wall time, peak RSS,
# exit status, how many of the good documents around the bad one came out, and the first
# line dateline wrote on stderr.
#
#   bomb      a 200 MB text gzip-compressed (a few hundred KB), beside a good article
#   jsonl     a 50 MB JSONL line between two good lines
#   nested    200,000 nested <div>s around a real paragraph
#   huge      a 50 MB plain-text article (cut to --max-article-bytes, default 5 MB)
#   threads   a good article with --threads 5000
#
# Usage: bench/bad_input.sh [CASE ...]   (default: all; DATELINE=path/to/dateline to skip
# the build, e.g. an older binary for a before/after comparison)
set -euo pipefail
cd "$(dirname "$0")/.."
limit_gb="${BAD_INPUT_LIMIT_GB:-4}"
timeout_s="${BAD_INPUT_TIMEOUT:-120}"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(bomb jsonl nested huge threads)
if [ -z "${DATELINE:-}" ]; then
  cargo build --release -q -p dateline
  DATELINE="${CARGO_TARGET_DIR:-target}/release/dateline"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'EOF'
import gzip, json, sys
work = sys.argv[1]
good = ("The minister said on Monday that talks with the unions would resume next week in "
        "London, and that the government had not changed its position on the pay offer. "
        "Officials from both sides were expected to meet on Tuesday, a spokesman said.")
with open(f"{work}/good.txt", "w") as f:
    f.write("Talks to resume\n\n" + good + "\n")
# bomb: 200 MB of one repeated paragraph, gzip-compressed.
para = (good + "\n").encode()
with gzip.open(f"{work}/bomb.txt.gz", "wb", compresslevel=9) as f:
    chunk = para * (1 << 20 // len(para) + 1)
    written = 0
    while written < 200 << 20:
        f.write(chunk)
        written += len(chunk)
# jsonl: good, 50 MB, good.
with open(f"{work}/lines.jsonl", "w") as f:
    f.write(json.dumps({"id": "first", "text": good}) + "\n")
    f.write(json.dumps({"id": "huge", "text": "word " * (10 << 20)}) + "\n")
    f.write(json.dumps({"id": "last", "text": good.replace("Monday", "Friday")}) + "\n")
# nested: 200,000 divs.
n = 200_000
with open(f"{work}/nested.html", "w") as f:
    f.write("<!DOCTYPE html><html><head><title>Talks to resume</title></head><body>")
    f.write("<div>" * n + f"<p>{good}</p>" + "</div>" * n + "</body></html>")
# huge: 50 MB of numbered paragraphs.
with open(f"{work}/huge.txt", "w") as f:
    f.write("A very long story\n\n")
    i = 0
    while f.tell() < 50 << 20:
        f.write(f"Paragraph {i}. " + good + "\n")
        i += 1
EOF

run_case() {
  local name="$1" expect="$2"; shift 2
  local status=0
  ( ulimit -v $((limit_gb * 1024 * 1024))
    exec /usr/bin/time -v -o "$work/time.txt" timeout "$timeout_s" "$DATELINE" extract "$@" \
      --format jsonl ) > "$work/out.jsonl" 2> "$work/stderr.txt" || status=$?
  local wall rss docs note
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" 2>/dev/null |
    awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s}')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt" 2>/dev/null)
  docs=$(grep -c '"schema"' "$work/out.jsonl" || true)
  note=$(grep -v '^\s*Command\|^dateline: [0-9]* article' "$work/stderr.txt" | head -n 1 |
    cut -c1-150 || true)
  [ "$status" -eq 124 ] && note="killed after ${timeout_s} s"
  [ "$status" -ge 128 ] && note="killed by signal $((status - 128)) (over ${limit_gb} GB?) $note"
  printf '%-8s %8s %8s %5s %9s  %s\n' "$name" "${wall:-?}" "${rss:-?}" "$status" "$docs/$expect" "$note"
}

printf '%-8s %8s %8s %5s %9s  %s\n' case "wall s" "RSS MB" exit "good docs" "first stderr line"
for c in "${cases[@]}"; do
  case "$c" in
    bomb) run_case bomb 1 "$work/good.txt" "$work/bomb.txt.gz" ;;
    jsonl) run_case jsonl 2 "$work/lines.jsonl" ;;
    nested) run_case nested 1 "$work/nested.html" ;;
    huge) run_case huge 1 "$work/huge.txt" ;;
    threads) run_case threads 1 "$work/good.txt" --threads 5000 ;;
    *) echo "unknown case $c (bomb jsonl nested huge threads)" >&2; exit 2 ;;
  esac
done
