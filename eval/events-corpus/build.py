#!/usr/bin/env python3
"""Make eval/data/events/{train,dev,test}.jsonl from the per-annotator files.

Each article's records come from its first annotator in articles.tsv (the second one's are kept
only for agreement, `agree.py`). An article enters its split only when that annotator closed it
(`done`); the counts of articles not yet annotated are printed.
"""
import json
import os
from collections import Counter, defaultdict

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../data/events")


def load_annotators():
    recs = defaultdict(list)  # (ann, doc) -> records
    d = os.path.join(DATA, "by-annotator")
    for f in sorted(os.listdir(d)):
        if f.endswith(".jsonl"):
            for line in open(os.path.join(d, f)):
                r = json.loads(line)
                recs[(r["ann"], r["doc"])].append(r)
    return recs


def articles():
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(DATA, "articles.tsv"))][1:]
    return [{"doc": r[0], "section": r[1], "split": r[2], "annotators": r[3].split(",")} for r in rows]


def main():
    recs = load_annotators()
    out = defaultdict(list)
    counts = Counter()
    types = defaultdict(Counter)
    for a in articles():
        rs = recs.get((a["annotators"][0], a["doc"]), [])
        if not any(r.get("done") for r in rs):
            counts[(a["split"], "missing")] += 1
            continue
        counts[(a["split"], "articles")] += 1
        for r in rs:
            out[a["split"]].append(r)
            if not r.get("done"):
                counts[(a["split"], "mentions")] += 1
                types[a["split"]][r["type"]] += 1
    for split in ("train", "dev", "test"):
        with open(os.path.join(DATA, f"{split}.jsonl"), "w") as f:
            for r in out[split]:
                f.write(json.dumps(r, separators=(",", ":")) + "\n")
        print(f"{split}: {counts[(split, 'articles')]} articles ({counts[(split, 'missing')]} not annotated), "
              f"{counts[(split, 'mentions')]} event mentions; "
              + ", ".join(f"{t} {n}" for t, n in types[split].most_common()))


if __name__ == "__main__":
    main()
