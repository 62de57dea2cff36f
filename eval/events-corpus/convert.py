#!/usr/bin/env python3
"""Turn an annotator's working file (text anchors) into standoff records (offsets only), checking it.

    eval/events-corpus/convert.py WORK.jsonl [--out eval/data/events/by-annotator/X.jsonl]

The working file has one JSON object per line (format in README.md): event lines that name their
spans by the words of one sentence, and `{"doc": ..., "done": true}` lines. Every error is printed
with its line number; with errors nothing is written. The output holds no text of the articles.
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from show import read, sentences  # noqa: E402

TYPES = {
    "AGREE": [], "CONSULT": ["meet", "visit", "call", "third-party"], "SUPPORT": [], "CONCEDE": [],
    "COOPERATE": ["intelligence", "legal"],
    "AID": ["economic", "humanitarian", "military", "peacekeeping", "asylum"],
    "RETREAT": ["release", "withdraw", "ceasefire", "disarm", "return", "access"],
    "REQUEST": [], "ACCUSE": ["allege", "disapprove"], "REJECT": [],
    "THREATEN": ["violence", "restrict"],
    "PROTEST": ["demo", "strike", "boycott", "hunger", "riot", "obstruct"],
    "SANCTION": ["restrict", "expel", "withdraw", "discontinue"], "MOBILIZE": ["troops", "police"],
    "COERCE": ["arrest", "detain", "charge", "ban", "curfew", "deport", "seize", "destroy", "restrict", "censor"],
    "ASSAULT": ["firearms", "explosives", "heavy-weapons", "suicide-attack", "assassinate", "abduct",
                "torture", "beat", "massacre"],
}
STATUS = {"occurred", "planned", "expected", "hypothetical", "denied", "failed"}
SECTORS = {"GOV", "LEG", "MIL", "POL", "JUD", "PTY", "REB", "OPP", "CVL", "LAB", "BUS", "MED", "EDU",
           "IGO", "NGO", "REL"}
ANCHOR = re.compile(r"^(?:@(\d+):)?(.*?)(?:#(\d+))?$", re.S)


class Bad(Exception):
    pass


def find(text, lo, hi, words, nth, what):
    """Offsets of the nth occurrence of `words` in text[lo:hi], whole words preferred."""
    seg = text[lo:hi]
    hits = [m.start() for m in re.finditer(re.escape(words), seg)]
    whole = [h for h in hits if (h == 0 or not seg[h - 1].isalnum() or not words[0].isalnum())
             and (h + len(words) == len(seg) or not seg[h + len(words)].isalnum() or not words[-1].isalnum())]
    pool = whole or hits
    if not pool:
        raise Bad(f"{what} {words!r} is not in the sentence")
    if nth > len(pool):
        raise Bad(f"{what} {words!r}#{nth}: only {len(pool)} occurrence(s)")
    s = lo + pool[nth - 1]
    return [s, s + len(words)]


def span(anchor, text, sents, s, what):
    if not isinstance(anchor, str):
        raise Bad(f"{what}: an anchor is a string of the sentence's words, not {type(anchor).__name__}")
    m = ANCHOR.match(anchor.strip())
    sent = int(m.group(1)) if m.group(1) else s
    if not 0 <= sent < len(sents):
        raise Bad(f"{what}: sentence {sent} does not exist")
    words, nth = m.group(2), int(m.group(3) or 1)
    if not words:
        raise Bad(f"{what}: empty anchor")
    return find(text, sents[sent][0], sents[sent][1], words, nth, what)


def actor(a, text, sents, s, what):
    if isinstance(a, str):
        a = {"text": a}
    if not isinstance(a, dict) or "text" not in a:
        raise Bad(f"{what}: an actor is a string or an object with \"text\"")
    unknown = set(a) - {"text", "name", "sector", "country"}
    if unknown:
        raise Bad(f"{what}: unknown keys {sorted(unknown)}")
    out = {"span": span(a["text"], text, sents, s, what), "sector": a.get("sector"), "country": a.get("country")}
    if out["sector"] is not None and out["sector"] not in SECTORS:
        raise Bad(f"{what}: sector {out['sector']!r} not in {sorted(SECTORS)}")
    c = out["country"]
    if c is not None and not re.fullmatch(r"[A-Z]{3}", c):
        raise Bad(f"{what}: country {c!r} is not an ISO alpha-3 code")
    name = a.get("name")
    out["name"] = None
    if name:
        hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
        if not hits:
            raise Bad(f"{what}: name {name!r} is nowhere in the article")
        out["name"] = [hits[0], hits[0] + len(name)]
    return out


def convert(path, annotator):
    records, errors, seen = [], [], {}
    docs_done = set()
    for n, line in enumerate(open(path), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{path}:{n}: not JSON: {e}")
            continue
        try:
            doc = r.get("doc")
            if not doc:
                raise Bad("no \"doc\"")
            text, sents = read(doc), sentences(doc)
            if r.get("done"):
                docs_done.add(doc)
                records.append({"doc": doc, "ann": annotator, "done": True})
                continue
            unknown = set(r) - {"doc", "id", "s", "trigger", "type", "mode", "source", "target",
                                "participants", "place", "time", "status", "same", "note"}
            if unknown:
                raise Bad(f"unknown keys {sorted(unknown)}")
            eid, s = r.get("id"), r.get("s")
            if not eid or not isinstance(s, int):
                raise Bad("each event needs \"id\" and sentence number \"s\"")
            if (doc, eid) in seen:
                raise Bad(f"id {eid} used twice in {doc}")
            t = r.get("type")
            if t not in TYPES:
                raise Bad(f"type {t!r} not one of {sorted(TYPES)}")
            mode = r.get("mode")
            if mode is not None and mode not in TYPES[t]:
                raise Bad(f"mode {mode!r} not a mode of {t}: {TYPES[t] or 'none'}")
            if r.get("status") not in STATUS:
                raise Bad(f"status {r.get('status')!r} not one of {sorted(STATUS)}")
            same = r.get("same")
            if same is not None and (doc, same) not in seen:
                raise Bad(f"same: {same!r} is not an earlier id of {doc}")
            rec = {
                "doc": doc, "ann": annotator, "id": eid,
                "trigger": span(r.get("trigger") or "", text, sents, s, "trigger"),
                "type": t, "mode": mode, "status": r["status"],
                "source": [actor(a, text, sents, s, "source") for a in r.get("source") or []],
                "target": [actor(a, text, sents, s, "target") for a in r.get("target") or []],
                "participants": [actor(a, text, sents, s, "participant") for a in r.get("participants") or []],
                "place": span(r["place"], text, sents, s, "place") if r.get("place") else None,
                "time": span(r["time"], text, sents, s, "time") if r.get("time") else None,
                "same": same,
            }
            seen[(doc, eid)] = True
            records.append(rec)
        except Bad as e:
            errors.append(f"{path}:{n}: {e}")
        except OSError as e:
            errors.append(f"{path}:{n}: {e}")
    return records, errors, docs_done


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work")
    ap.add_argument("--annotator", help="annotator letter (default: the file name's stem)")
    ap.add_argument("--out", help="write standoff JSONL here (default: only check)")
    a = ap.parse_args()
    ann = a.annotator or os.path.splitext(os.path.basename(a.work))[0]
    records, errors, done = convert(a.work, ann)
    for e in errors:
        print(e, file=sys.stderr)
    events = [r for r in records if not r.get("done")]
    print(f"{a.work}: {len(events)} events, {len(done)} articles done, {len(errors)} errors", file=sys.stderr)
    if errors:
        sys.exit(1)
    if a.out:
        with open(a.out, "w") as f:
            for r in records:
                f.write(json.dumps(r, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
