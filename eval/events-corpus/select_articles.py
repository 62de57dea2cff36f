#!/usr/bin/env python3
"""Choose the BBC articles of the event corpus and split them by article, once.

Writes eval/data/events/articles.tsv: doc, section, split, annotators. Deterministic (seeded);
rerunning it with the same data rewrites the same file. Run before any annotation or model work:
the split must not depend on what the extractor does.

Choice: 150 politics; 60 business stories that involve states or public bodies (a keyword test on
the text, so "world-style" business); 20 sport, 20 entertainment and 10 tech as negatives.
The first 30 sport and entertainment files were read while the rule extractor was tuned
(eval/events-bbc-judged.md): they may go to train, never to dev or test.
Split: 25 % test, 15 % dev, 60 % train within each section. 10 % of the articles (spread over all
splits) are given to two annotators for agreement.
"""
import os
import random
import re
import sys

SHARED = os.environ.get("DATELINE_SHARED") or os.path.join(os.path.dirname(__file__), "../../../shared")
BBC = os.path.join(SHARED, "data/bbc-news")
OUT = os.path.join(os.path.dirname(__file__), "../data/events/articles.tsv")
ANNOTATORS = list("ABCDEFG")
PUBLIC = re.compile(
    r"\b(government|minister|ministry|EU|European Commission|regulator|tariff|sanction|court|"
    r"WTO|IMF|World Bank|parliament|president|state-owned|nationalis|ban|protest|strike|union)\b"
)


def read(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def files(section):
    d = os.path.join(BBC, "bbc", section)
    return sorted(f for f in os.listdir(d) if f.endswith(".txt"))


def main():
    rng = random.Random(20261206)
    chosen = []  # (doc, section, tuned)
    pol = files("politics")
    chosen += [(f"bbc/politics/{f}", "politics", False) for f in rng.sample(pol, 150)]
    bus = [f for f in files("business") if len(PUBLIC.findall(read(os.path.join(BBC, "bbc/business", f)))) >= 3]
    chosen += [(f"bbc/business/{f}", "business", False) for f in rng.sample(bus, 60)]
    for sec, n in (("sport", 20), ("entertainment", 20), ("tech", 10)):
        fs = files(sec)
        tuned = set(fs[:30]) if sec in ("sport", "entertainment") else set()
        pick = rng.sample(fs, n)
        chosen += [(f"bbc/{sec}/{f}", sec, f in tuned) for f in pick]
    rows = []
    for sec in ("politics", "business", "sport", "entertainment", "tech"):
        docs = [c for c in chosen if c[1] == sec]
        rng.shuffle(docs)
        n = len(docs)
        n_test, n_dev = round(n * 0.25), round(n * 0.15)
        free = [d for d in docs if not d[2]]
        tuned = [d for d in docs if d[2]]
        test, dev = free[:n_test], free[n_test:n_test + n_dev]
        train = free[n_test + n_dev:] + tuned
        rows += [(d[0], sec, "test") for d in test]
        rows += [(d[0], sec, "dev") for d in dev]
        rows += [(d[0], sec, "train") for d in train]
    rows.sort()
    order = list(range(len(rows)))
    rng.shuffle(order)
    out = []
    for k, i in enumerate(order):
        a = ANNOTATORS[k % len(ANNOTATORS)]
        ann = a
        if k % 10 == 0:  # double annotation: 10 %
            ann = a + "," + ANNOTATORS[(k // 10 + 1 + ANNOTATORS.index(a)) % len(ANNOTATORS)]
            if ann[0] == ann[-1]:
                ann = a + "," + ANNOTATORS[(ANNOTATORS.index(a) + 1) % len(ANNOTATORS)]
        out.append((*rows[i], ann))
    # Batch 2 (added after batch 1 was annotated, to pass 2,500 mentions): 30 more politics
    # articles, all train, one annotator each. Drawn after batch 1 so batch 1 is unchanged.
    taken = {r[0] for r in out}
    rest = [f"bbc/politics/{f}" for f in pol if f"bbc/politics/{f}" not in taken]
    for k, doc in enumerate(rng.sample(rest, 30)):
        out.append((doc, "politics", "train", "HIJ"[k % 3]))
    # Batch 3 (ECB+, Google News stories, CC BY): the corpus's BBC articles have few conflict
    # events, so 8 documents from each ECB+ topic about arrests, charges, riots, attacks and
    # killings, and three topics with no PLOVER event (boxing, cable cuts, an earthquake).
    # Split by topic, so dev and test stories are never retellings of train ones.
    rng3 = random.Random(20261207)
    ecb = os.path.join(SHARED, "data/ecbplus/ECB+_LREC2014/ECB+")
    splits = {"test": [18, 19, 41, 45], "dev": [12, 35, 37],
              "train": [3, 7, 8, 16, 21, 22, 26, 30, 32, 36]}
    k = 0
    for split, topics in splits.items():
        for topic in topics:
            fs = sorted(f for f in os.listdir(os.path.join(ecb, str(topic))) if f.endswith(".xml"))
            for f in rng3.sample(fs, 8):
                letters = "KLMNOP"
                ann = letters[k % 6]
                if k % 10 == 0:
                    ann += "," + letters[(k + 1) % 6]
                k += 1
                out.append((f"ecbplus/ECB+_LREC2014/ECB+/{topic}/{f}", f"ecb-{topic}", split, ann))
    out.sort()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("doc\tsection\tsplit\tannotators\n")
        for r in out:
            f.write("\t".join(r) + "\n")
    print(f"{len(out)} articles -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
