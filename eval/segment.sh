#!/usr/bin/env bash
# Segmentation evaluation: sentence and token P/R/F1 on UD English EWT dev (tokens are
# EWT's syntactic words, matched by exact char span), the reference article's sentence
# count, debris removed from the BBC corpus (should be none: it is clean prose), speed on
# real news, and a 50 MB input. Extra arguments go to the binary (e.g. --errors 50).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${DATELINE_SHARED:-../shared}"
cargo run --release -q -p dateline-text --example eval_segment -- \
  --ewt "$SHARED/data/ud-english-ewt/en_ewt-ud-dev.conllu" \
  --seed tests/fixtures/seed-article.txt \
  --bbc "$SHARED/data/bbc-news/bbc" \
  --big "${BIG_MB:-50}" "$@"
