#!/usr/bin/env bash
# Trains the neural tagger + parser (model/neural.bin) on UD English EWT train and prints
# dev scores after every epoch. CPU only; about an hour on two cores.
# Usage: crates/dateline-syntax/neural/train.sh [extra train.py options]
# Needs Python 3.11 and PyPI (jax, optax, numpy, pinned below); data from $DATELINE_SHARED
# or ../shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
shared="${DATELINE_SHARED:-$repo/../shared}"
venv="${NEURAL_VENV:-$repo/target/neural-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q jax==0.10.2 jaxlib==0.10.2 optax==0.2.8 numpy==2.4.6
exec "$venv/bin/python" "$here/train.py" --shared "$shared" \
  --epochs 50 --hidden 128 --layers 2 --seed 1 \
  --out "$repo/crates/dateline-syntax/model/neural.bin" "$@"
