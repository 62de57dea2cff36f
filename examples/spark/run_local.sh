#!/usr/bin/env bash
# The Spark job in local mode (local[2]) on a WARC made from the 2,225 BBC articles, next to
# the CLI with --threads 2 on the same WARC: counts and wall times, the Python workers'
# memory by partition, then the job's Parquet tables imported into a store
# (`dateline ingest --parquet`) next to the CLI's documents ingested into another.
#
#   bash examples/spark/run_local.sh [N_ARTICLES]
#
# Installs the package, pyspark and pyarrow in .venv-spark (once; pyspark is ~300 MB) and
# builds the CLI (cargo build --release -p dateline --features parquet; or set DATELINE_BIN).
# Needs Java 17.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
export DATELINE_SHARED="${DATELINE_SHARED:-$(cd .. && pwd)/shared}"
venv="${DATELINE_SPARK_VENV:-$repo/.venv-spark}"
limit="${1:-}"

if [ ! -x "$venv/bin/spark-submit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet pyspark pyarrow
fi
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target-python}" "$venv/bin/pip" install --quiet ./python

cli="${DATELINE_BIN:-}"
if [ -z "$cli" ]; then
  cargo build --release -p dateline --features parquet --quiet
  cli="${CARGO_TARGET_DIR:-$repo/target}/release/dateline"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" examples/spark/make_warc.py "$work/CC-NEWS-bbc.warc.gz" ${limit:+--limit "$limit"}

count() {  # documents/entities/quotes/events of a JSONL stream of documents
  "$venv/bin/python" -c '
import json, sys
c = {"documents": 0, "entities": 0, "quotes": 0, "events": 0}
for line in sys.stdin:
    d = json.loads(line)
    c["documents"] += 1
    for k in ("entities", "quotes", "events"):
        c[k] += len(d[k])
print(json.dumps(c))'
}

echo "== CLI: dateline extract --threads 2"
start=$(date +%s.%N)
"$cli" extract "$work/CC-NEWS-bbc.warc.gz" --threads 2 --format jsonl > "$work/cli.jsonl"
cli_secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "cli   $(count < "$work/cli.jsonl")  wall ${cli_secs}s"

echo "== Spark: local[2], one pipeline thread per task"
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
start=$(date +%s.%N)
"$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
  --conf spark.sql.shuffle.partitions=8 --driver-memory 2g \
  examples/spark/dateline_job.py --input "$work/CC-NEWS-bbc.warc.gz" --output "$work/out" \
  --threads 1 --partitions 8 --merge 2> "$work/spark.log" | tail -1 > "$work/spark.json" || {
  tail -50 "$work/spark.log"; exit 1; }
spark_secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "spark $(cat "$work/spark.json")  wall ${spark_secs}s (JVM start-up included)"
echo "== Python worker memory by partition (max RSS; flat = models loaded once per worker)"
grep -o 'worker [0-9]*: partition of [0-9]* documents done, max RSS [0-9]* MB' "$work/spark.log" || true

echo "== the job's Parquet tables into a store (dateline ingest --parquet) vs the CLI's documents (--documents)"
# The store merges entities and events incrementally, so the order documents arrive in can
# change the corpus-level counts: the CLI's documents are ingested in the order the import
# reads the job's tables (partition files sorted by path, rows in file order).
if "$cli" ingest --parquet "$work/out" --db "$work/spark.db" --quiet 2> "$work/import.log"; then
  "$venv/bin/python" - "$work/out/documents" "$work/cli.jsonl" > "$work/cli-import-order.jsonl" <<'PY'
import json, pathlib, sys
import pyarrow.parquet as pq
root, cli = pathlib.Path(sys.argv[1]), sys.argv[2]
files = sorted(p for p in root.rglob("*.parquet")
               if not any(part.startswith((".", "_")) for part in p.relative_to(root).parts))
order = [i for f in files for i in pq.read_table(f, columns=["doc_id"]).column("doc_id").to_pylist()]
docs = {json.loads(line)["id"]: line for line in open(cli) if line.strip()}
for doc_id in order:
    sys.stdout.write(docs.pop(doc_id))
sys.stdout.writelines(docs.values())  # documents the job did not write (none expected)
PY
  "$cli" ingest --documents "$work/cli-import-order.jsonl" --db "$work/cli.db" --quiet 2> "$work/cli-ingest.log"
  echo "from spark: $(tail -2 "$work/import.log" | tr '\n' ' ')"
  echo "from cli:   $(tail -2 "$work/cli-ingest.log" | tr '\n' ' ')"
  spark_store=$(tail -1 "$work/import.log" | sed 's/.*MB)://')
  cli_store=$(tail -1 "$work/cli-ingest.log" | sed 's/.*MB)://')
  if [ "$spark_store" = "$cli_store" ]; then echo "stores: same counts"; else echo "stores: DIFFERENT counts"; fi
elif grep -q "without Parquet support" "$work/import.log"; then
  echo "(skipped: $cli was built without --features parquet)"
else
  cat "$work/import.log"
  exit 1
fi
