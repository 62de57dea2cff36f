#!/usr/bin/env python3
"""Print a BBC article for annotation: numbered sentences with their character offsets.

    eval/events-corpus/show.py bbc/politics/001.txt

Sentences come from `dateline extract` (the binary in $DATELINE_BIN, else target/release/dateline);
offsets are Unicode scalar offsets into the article file, the ones the corpus stores.
"""
import json
import os
import sys as _sys

_sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("DATELINE_SHARED") or os.path.join(HERE, "../../../shared")
BBC = os.path.join(SHARED, "data/bbc-news")


def read(doc):
    """The article's text: a BBC file as it is, an ECB+ document as `ecb_text` makes it."""
    if doc.startswith("ecbplus/"):
        from ecb_text import ecb_text
        return ecb_text(open(os.path.join(SHARED, "data", doc), encoding="utf-8").read())
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
    text = read(doc)
    path = os.path.join(BBC, doc)
    if doc.startswith("ecbplus/"):
        import tempfile
        tmp = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
        tmp.write(text)
        tmp.close()
        path = tmp.name
    out = subprocess.run([binary, "extract", path], capture_output=True, text=True, check=True)
    if path != os.path.join(BBC, doc):
        os.unlink(path)
    d = json.loads(out.stdout)
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
