#!/usr/bin/env python3
"""Inter-annotator agreement on the double-annotated articles of articles.tsv.

Mentions are matched one-to-one by overlapping triggers. Printed: trigger span F1 (one annotator as
gold, the other as system; F1 is symmetric), exact-span share of matches, Cohen's kappa for the
type on matched mentions, status agreement, and source/target span F1 on matched mentions.
"""
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import articles, load_annotators  # noqa: E402


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def kappa(pairs):
    n = len(pairs)
    if not n:
        return 0.0
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def spans(actors):
    return [tuple(a["span"]) for a in actors]


def main():
    recs = load_annotators()
    n_docs = tp = n1 = n2 = exact = 0
    typ, status = [], []
    roles = {"source": [0, 0, 0], "target": [0, 0, 0]}
    for a in articles():
        if len(a["annotators"]) < 2:
            continue
        x, y = (recs.get((k, a["doc"]), []) for k in a["annotators"][:2])
        if not any(r.get("done") for r in x) or not any(r.get("done") for r in y):
            continue
        n_docs += 1
        ex = [r for r in x if not r.get("done")]
        ey = [r for r in y if not r.get("done")]
        n1 += len(ex)
        n2 += len(ey)
        used = set()
        for r in ex:
            cand = [j for j, s in enumerate(ey) if j not in used and overlaps(r["trigger"], s["trigger"])]
            if not cand:
                continue
            j = min(cand, key=lambda j: (ey[j]["trigger"] != r["trigger"], ey[j]["type"] != r["type"]))
            used.add(j)
            s = ey[j]
            tp += 1
            exact += r["trigger"] == s["trigger"]
            typ.append((r["type"], s["type"]))
            status.append((r["status"], s["status"]))
            for role in roles:
                gx, gy = spans(r[role]), spans(s[role])
                hit = sum(any(overlaps(p, q) for q in gy) for p in gx)
                roles[role][0] += hit
                roles[role][1] += len(gx) - hit
                roles[role][2] += len(gy) - sum(any(overlaps(q, p) for p in gx) for q in gy)
    if not n_docs:
        sys.exit("no article has been closed by both of its annotators yet")
    f1 = 2 * tp / (n1 + n2) if n1 + n2 else 0.0
    print(f"double-annotated articles: {n_docs}; mentions {n1} and {n2}; matched {tp}")
    print(f"trigger span F1 (overlap)   {f1:.3f}   exact span among matched {exact / tp if tp else 0:.3f}")
    print(f"type kappa (matched)        {kappa(typ):.3f}   raw agreement {sum(a == b for a, b in typ) / len(typ) if typ else 0:.3f}")
    print(f"status agreement (matched)  {sum(a == b for a, b in status) / len(status) if status else 0:.3f}   kappa {kappa(status):.3f}")
    for role, (h, only_x, only_y) in roles.items():
        d = 2 * h + only_x + only_y
        print(f"{role:<7} span F1 (matched)   {2 * h / d if d else 0:.3f}")


if __name__ == "__main__":
    main()
