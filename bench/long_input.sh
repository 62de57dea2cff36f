#!/usr/bin/env bash
# Peak memory and wall time of `dateline extract` on one very long plain-text article: BBC
# article texts concatenated up to 1, 5 and 20 MB (the corpus is ~5 MB, so the 20 MB input
# repeats it). Each run is capped (address space, LONG_INPUT_LIMIT_GB, default 8) so that a
# run that would need more memory stops with "out of memory" instead of taking the machine
# down.
# Usage: bench/long_input.sh [SIZE_MB ...]   (default 1 5 20; DATELINE=path/to/dateline to
# skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DATELINE_SHARED:-../shared}"
corpus="$shared/data/bbc-news/bbc"
limit_gb="${LONG_INPUT_LIMIT_GB:-8}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 5 20)
if [ -z "${DATELINE:-}" ]; then
  cargo build --release -q -p dateline
  DATELINE="${CARGO_TARGET_DIR:-target}/release/dateline"
fi
[ -d "$corpus" ] || { echo "no BBC corpus at $corpus (set DATELINE_SHARED)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(find "$corpus" -mindepth 2 -name '*.txt' | sort)

# Whole articles, separated by a blank line, cycling through the corpus until the file
# reaches SIZE_MB megabytes.
make_input() {
  local bytes=$(($1 * 1000 * 1000)) out="$2" size=0
  : > "$out"
  while :; do
    for f in "${files[@]}"; do
      cat "$f" >> "$out"
      printf '\n\n' >> "$out"
      size=$(stat -c %s "$out")
      [ "$size" -ge "$bytes" ] && return
    done
  done
}

printf '%-8s %12s %10s %14s\n' input bytes "wall s" "peak RSS MB"
for mb in "${sizes[@]}"; do
  input="$work/long-${mb}mb.txt"
  make_input "$mb" "$input"
  bytes=$(stat -c %s "$input")
  status=0
  ( ulimit -v $((limit_gb * 1024 * 1024))
    exec /usr/bin/time -v -o "$work/time.txt" "$DATELINE" extract "$input" \
      --published 2025-01-01 ) > /dev/null 2> "$work/stderr.txt" || status=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" |
    awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s}')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
  if [ "$status" -eq 0 ]; then
    printf '%-8s %12d %10s %14s\n' "${mb} MB" "$bytes" "$wall" "$rss"
  elif grep -q 'memory allocation\|out of memory\|Cannot allocate' "$work/stderr.txt" ||
    [ "$status" -eq 134 ] || [ "$status" -eq 137 ]; then
    printf '%-8s %12d %10s %14s\n' "${mb} MB" "$bytes" "$wall" "out of memory (limit ${limit_gb} GB)"
  else
    printf '%-8s %12d failed with status %d: %s\n' "${mb} MB" "$bytes" "$status" \
      "$(tail -n 1 "$work/stderr.txt")"
  fi
done
