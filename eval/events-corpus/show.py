#!/usr/bin/env python3
"""Print a BBC article for annotation: numbered sentences with their character offsets.

    eval/events-corpus/show.py bbc/politics/001.txt

Sentences come from `dateline extract` (the binary in $DATELINE_BIN, else target/release/dateline);
offsets are Unicode scalar offsets into the article file, the ones the corpus stores.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("DATELINE_SHARED") or os.path.join(HERE, "../../../shared")
BBC = os.path.join(SHARED, "data/bbc-news")


def read(doc):
    raw = open(os.path.join(BBC, doc), "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def sentences(doc):
    """(start, end) of each sentence of the article, cached next to the working files."""
    cache = os.path.join(os.environ.get("ANNOT_CACHE", "/tmp/dateline-annot-cache"), doc.replace("/", "_") + ".json")
    if os.path.exists(cache):
        return json.load(open(cache))
    binary = os.environ.get("DATELINE_BIN") or os.path.join(HERE, "../../target/release/dateline")
    out = subprocess.run([binary, "extract", os.path.join(BBC, doc)], capture_output=True, text=True, check=True)
    d = json.loads(out.stdout)
    text = read(doc)
    if d["text"] != text:
        sys.exit(f"{doc}: dateline's text differs from the file; offsets would not match")
    spans = [(s["start"], s["end"]) for s in d["sentences"]]
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    json.dump(spans, open(cache, "w"))
    return spans


def main():
    for doc in sys.argv[1:]:
        text = read(doc)
        print(f"=== {doc}")
        for i, (s, e) in enumerate(sentences(doc)):
            print(f"[{i}] ({s}-{e}) {text[s:e]}")


if __name__ == "__main__":
    main()
