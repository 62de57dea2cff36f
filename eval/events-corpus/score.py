#!/usr/bin/env python3
"""Score `dateline extract` events against the corpus (one split).

    dateline extract --format jsonl FILES… > sys.jsonl
    eval/events-corpus/score.py --gold eval/data/events/dev.jsonl --system sys.jsonl [--verbose]

Gold events are counted per event: mentions joined by `same` are one event, found when any of its
mentions is. A system event matches a gold event when their triggers overlap (one-to-one, same
type first). Printed:
- trigger P/R/F1 (events), and the same for type-and-trigger;
- type accuracy, status accuracy on matched events;
- source and target P/R/F1 over matched events: a system actor is right when one of its entity's
  mentions overlaps the gold actor's span or its `name` span;
- "fully right": share of system events with the right type, sources, targets and status.
"""
import argparse
import json
import os
import sys
from collections import Counter, defaultdict


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def load_gold(path):
    docs = defaultdict(list)
    done = set()
    for line in open(path):
        r = json.loads(line)
        if r.get("done"):
            done.add(r["doc"])
            continue
        docs[r["doc"]].append(r)
    events = {}
    for doc, recs in docs.items():
        by_id = {r["id"]: r for r in recs}
        clusters = {}
        for r in recs:
            root = r
            while root.get("same") and root["same"] in by_id:
                root = by_id[root["same"]]
            clusters.setdefault(root["id"], []).append(r)
        events[doc] = list(clusters.values())
    return events, done


def doc_key(source):
    """'…/bbc/politics/001.txt' → 'bbc/politics/001.txt'; an ECB+ story's text file
    '…/ecbplus__…__12_1ecb.xml.txt' → 'ecbplus/…/12_1ecb.xml'."""
    name = os.path.basename(source)
    if name.startswith("ecbplus__"):
        return name[: -len(".txt")].replace("__", "/")
    parts = source.replace("\\", "/").split("/")
    return "/".join(parts[-3:])


def load_system(path):
    out = {}
    for line in open(path):
        d = json.loads(line)
        src = d.get("source") or ""
        if isinstance(src, dict):
            src = src.get("path") or src.get("url") or ""
        ents = {e["id"]: [(m["start"], m["end"]) for m in e.get("mentions", [])] for e in d.get("entities", [])}
        evs = []
        for e in d.get("events", []):
            evs.append({
                "type": e["type"], "status": e["status"],
                "trigger": (e["trigger"]["start"], e["trigger"]["end"]),
                "source": [ents.get(a["entity"], []) for a in e["actors"] if a["role"] == "source"],
                "target": [ents.get(a["entity"], []) for a in e["actors"] if a["role"] == "target"],
                "raw": e,
            })
        out[doc_key(src)] = evs
    return out


def actor_spans(a):
    spans = [tuple(a["span"])]
    if a.get("name"):
        spans.append(tuple(a["name"]))
    return spans


def actor_prf(sys_actors, gold_cluster, role):
    gold = []
    for m in gold_cluster:
        for a in m[role]:
            gold.append(actor_spans(a))
    # a gold actor given in several mentions counts once: merge by overlap
    merged = []
    for g in gold:
        if not any(any(overlaps(x, y) for x in g for y in h) for h in merged):
            merged.append(g)
    used = set()
    tp = 0
    for mentions in sys_actors:
        hit = None
        for i, g in enumerate(merged):
            if i not in used and any(overlaps(m, s) for m in mentions for s in g):
                hit = i
                break
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(sys_actors) - tp, len(merged) - tp


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--system", required=True)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--prefix", default="", help="score only documents whose path starts so (bbc/, ecbplus/)")
    a = ap.parse_args()
    gold, done = load_gold(a.gold)
    done = {d for d in done if d.startswith(a.prefix)}
    system = load_system(a.system)
    missing = [d for d in done if d not in system]
    if missing:
        sys.exit(f"the system output has no document for {len(missing)} gold articles, e.g. {missing[0]}")
    n_sys = n_gold = 0
    trig_tp = typed_tp = 0
    type_ok = status_ok = full = 0
    src = [0, 0, 0]
    tgt = [0, 0, 0]
    confusion = Counter()
    by_type_gold = Counter()
    by_type_found = Counter()
    for doc in sorted(done):
        clusters = gold.get(doc, [])
        evs = system.get(doc, [])
        n_sys += len(evs)
        n_gold += len(clusters)
        for c in clusters:
            by_type_gold[c[0]["type"]] += 1
        # one-to-one matching: same type first, then any type
        match = {}
        taken = set()
        for same_type in (True, False):
            for i, e in enumerate(evs):
                if i in match:
                    continue
                for j, c in enumerate(clusters):
                    if j in taken:
                        continue
                    if any(overlaps(e["trigger"], m["trigger"]) for m in c) and (
                            not same_type or e["type"] == c[0]["type"]):
                        match[i] = j
                        taken.add(j)
                        break
        for i, e in enumerate(evs):
            if i not in match:
                if a.verbose:
                    print(f"  FP {doc} {e['type']} {e['raw']['trigger']['text']!r}")
                continue
            c = clusters[match[i]]
            g = c[0]
            trig_tp += 1
            confusion[(g["type"], e["type"])] += 1
            ok_type = e["type"] == g["type"]
            type_ok += ok_type
            typed_tp += ok_type
            if ok_type:
                by_type_found[g["type"]] += 1
            statuses = {m["status"] for m in c}
            ok_status = e["status"] in statuses
            status_ok += ok_status
            s = actor_prf(e["source"], c, "source")
            t = actor_prf(e["target"], c, "target")
            for k in range(3):
                src[k] += s[k]
                tgt[k] += t[k]
            if ok_type and ok_status and s[1] == 0 and s[2] == 0 and t[1] == 0 and t[2] == 0:
                full += 1
        if a.verbose:
            for j, c in enumerate(clusters):
                if j not in taken:
                    print(f"  FN {doc} {c[0]['type']} trigger {c[0]['trigger']}")
    p, r, f = prf(trig_tp, n_sys - trig_tp, n_gold - trig_tp)
    tp_, tr_, tf_ = prf(typed_tp, n_sys - typed_tp, n_gold - typed_tp)
    sp, sr, sf = prf(*src)
    gp, gr, gf = prf(*tgt)
    print(f"articles {len(done)}, gold events {n_gold}, system events {n_sys}")
    print(f"trigger          P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"trigger+type     P {tp_:.3f}  R {tr_:.3f}  F1 {tf_:.3f}")
    if trig_tp:
        print(f"type accuracy (matched)    {type_ok / trig_tp:.3f}")
        print(f"status accuracy (matched)  {status_ok / trig_tp:.3f}")
    print(f"source           P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"target           P {gp:.3f}  R {gr:.3f}  F1 {gf:.3f}")
    print(f"fully right      {full}/{n_sys} = {full / n_sys if n_sys else 0:.3f} of system events")
    print("recall by type   " + "  ".join(f"{t} {by_type_found[t]}/{n}" for t, n in by_type_gold.most_common()))


if __name__ == "__main__":
    main()
