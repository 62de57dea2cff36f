#!/usr/bin/env bash
# CI for the Python package: build and install the wheel from python/ in a fresh venv (as a
# user would: `pip install ./python`), then run its tests, the Spark job's included: it runs
# in local mode on small WARC/JSONL files and its counts are checked against the CLI's.
# pyspark (~300 MB) comes from PyPI through the package's `spark` extra; pip's own cache
# keeps later runs quick. Without Java, or with DATELINE_CI_SPARK=0, the Spark tests are
# skipped. examples/spark/run_local.sh runs Spark on the whole BBC corpus.
#
#   bash python/ci.sh                 # from the repository root
#   DATELINE_BIN=target/release/dateline bash python/ci.sh   # also compare with this CLI
set -euo pipefail
cd "$(dirname "$0")/.."
export DATELINE_SHARED="${DATELINE_SHARED:-$(cd .. && pwd)/shared}"
venv="${DATELINE_PY_VENV:-.venv-python-ci}"
python="${PYTHON:-python3}"

started=$(date +%s)
"$python" -m venv --clear "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
# The wheel build compiles the pipeline in release mode; CARGO_TARGET_DIR keeps the
# compiled crates between runs (maturin honours it).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target-python}"
package=./python
if [ "${DATELINE_CI_SPARK:-1}" != 0 ] && command -v java >/dev/null 2>&1; then
    package="./python[spark]"
fi
"$venv/bin/pip" install --quiet "$package" pytest
built=$(date +%s)
echo "python/ci.sh: wheel built and installed in $((built - started)) s"

# Run from outside python/ so the installed package is imported, not the source tree.
cd python/tests
"../../$venv/bin/python" -m pytest -q -p no:cacheprovider .
echo "python/ci.sh: tests passed in $(($(date +%s) - built)) s"
