#!/usr/bin/env python3
"""Run the probe sentences (probes.tsv) through `dateline extract` and say which pass.

    eval/events-corpus/probes.py [--bin target/release/dateline]
"""
import argparse
import json
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def actor_ok(want, names):
    if want == "-":
        return True
    w = want.lower().rstrip("s")
    return any(w in n.lower() or n.lower().rstrip("s") in w for n in names)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.environ.get("DATELINE_BIN", os.path.join(HERE, "../../target/release/dateline")))
    a = ap.parse_args()
    passed = total = 0
    for line in open(os.path.join(HERE, "probes.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        sentence, kind, src, tgt, status = line.rstrip("\n").split("\t")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write(sentence + "\n")
        out = subprocess.run([a.bin, "extract", f.name, "--published", "2025-02-15"],
                             capture_output=True, text=True, check=True).stdout
        os.unlink(f.name)
        d = json.loads(out)
        names = {e["id"]: e["name"] for e in d["entities"]}
        got = []
        ok = False
        for ev in d["events"]:
            srcs = [names.get(x["entity"], "?") for x in ev["actors"] if x["role"] == "source"]
            tgts = [names.get(x["entity"], "?") for x in ev["actors"] if x["role"] == "target"]
            got.append(f"{ev['type']} {'/'.join(srcs) or '-'} → {'/'.join(tgts) or '-'} {ev['status']}")
            if ev["type"] == kind and actor_ok(src, srcs) and actor_ok(tgt, tgts) and status in ("-", ev["status"]):
                ok = True
        if kind == "NONE":
            ok = not d["events"]
        total += 1
        passed += ok
        print(f"{'pass' if ok else 'FAIL'}  {sentence}\n      want {kind} {src} → {tgt} {status}; got {'; '.join(got) or 'nothing'}")
    print(f"probes passed: {passed}/{total}")


if __name__ == "__main__":
    main()
