#!/usr/bin/env python3
"""Builds crates/dateline-events/data/lexicon.tsv, the event trigger lexicon.

Sources (see the crate README):
  * CAMEO 2.0 verb dictionary (PETRARCH2, MIT): verb synonym blocks with CAMEO codes and
    verb + object/prepositional-phrase patterns.
  * CAMEO2PLOVER-2021.txt (PLOVER, CC BY-SA 4.0): CAMEO code -> PLOVER type, mode, context.
  * data/curated.tsv (ours): hand-written entries for news (nouns, multiword verbs, light
    verbs) which take precedence over CAMEO rows with the same key.

Usage (from the repository root):
  python3 crates/dateline-events/scripts/build_lexicon.py [--shared ../shared]
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.dirname(HERE)

# CAMEO codes whose 2021 PLOVER mapping we override, with the reason.
# 163 "impose embargo, boycott or sanctions": the PLOVER reference lists "stop or restrict
# commercial or other material exchange as a form of protest or punishment" under SANCTION.
CODE_OVERRIDES = {"163": ("SANCTION", "restrict", "economic")}
# 036 "express intent to meet or negotiate" is attached, in the meeting verbs' blocks
# (default code 04x), to patterns that say the meeting itself ("meet at", "meet for
# talks"); dateline codes the meeting and puts intent in the status, so those become
# CONSULT. Elsewhere ("expect talks") 036 stays AGREE.
MEETING_INTENT = "036"

# PLOVER modes we emit for CONSULT (the 2021 table writes "phone"; the dateline contract
# uses "call"), and AID, whose kind (economic, military, humanitarian...) the 2021 table
# keeps in the context column.
CONSULT_MODE = {"phone": "call", "visit": "visit", "third-party": "third-party"}
# Verbs of saying, expecting and seeming: their complement is the event, never their
# object, so none of their CAMEO patterns are kept.
NO_PATTERNS = {"expect", "say", "hope", "believe", "think", "want", "seem", "appear",
               "look", "tell", "report", "add", "note", "feel",
               # "face a threat", "face pressure" are suffered, not done.
               "face", "confront", "encounter", "brave"}
# (verb, first pattern word) pairs that are idioms rather than events: "take part" in a
# ballet, a race or a debate.
DROP_PATTERNS = {("take", "part")}
STOP = {"a", "an", "the", "$", "^", "%"}
# Verbs whose CAMEO default code is far too general for news text (they are kept only
# through patterns or curated rows).
DROP_DEFAULT = {
    "face", "brave", "encounter", "interact", "hear", "consider", "introduce", "notify",
    "go", "come", "arrive", "cable", "assemble", "link", "merge", "enact", "enlist",
    "boost", "allocate", "trade", "import", "purchase", "finance", "oversee", "manage",
    "disclose", "influence", "rejoice", "respect", "appreciate", "bless", "thank",
    "encourage", "favor", "reassert", "signal", "strive", "revive", "prepare", "intend",
    "hope", "suggest", "appeal", "grant", "facilitate", "stabilise", "intervene", "play",
    "run", "beat", "win", "lose", "score", "shoot", "hit", "strike", "take", "make", "get",
    "give", "put", "set", "hold", "keep", "leave", "meet", "call", "host", "visit", "sign",
    "agree", "support", "attack", "defend", "challenge", "fight", "claim", "draw", "tie",
    "race", "rush", "speed", "charge", "fire", "sack", "release", "drop", "ban", "block",
    "protest", "strike", "return", "travel", "head", "join", "leave", "quit", "resign",
    # Light, mental-state or sport-prone verbs whose CAMEO default misfires in news.
    "die", "expect", "want", "decide", "determine", "express", "fail", "engage", "aim",
    "allow", "help", "vote", "kick", "target", "comply", "contribute", "communicate",
    "greet", "submit", "object", "regret", "is determined", "shot and",
    "kidnapped and killed", "hurt", "injure", "search", "monitor", "inspect", "debate",
    "converse", "parade", "compensate", "mock", "snub", "disturb", "provoke", "abandon",
    "abort", "disrupt", "exclude", "bar", "punish", "wrestle", "pound", "rip", "savage",
    "whip", "slap", "scuffle", "rampage", "spy", "despair", "dismay", "lament", "offend",
    "curse", "jeer", "brand", "fault", "assist", "abide", "abide by", "absolve", "acquit",
    "affirm", "acclaim", "laud", "broker", "convene", "coordinate", "bargain", "overfly",
    "evacuate", "rescue", "shelter", "explode", "flatten", "encircle", "unblock", "loosen",
    "declassify", "exonerate", "defect", "secede", "undermine", "betray", "disband",
    "disassociate", "rescind", "relinquish", "renounce", "legalise", "legitimise",
    "formalize", "extract", "impel", "implicate", "grill", "interrogate", "investigate",
    "probe", "re-examine", "reexamine", "distrust", "disapprove", "deplore", "denigrate",
}


def plover_table(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(\d+):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#?(.*)$", line)
        if not m:
            continue
        code, kind, mode, context, _ = (x.strip() for x in m.groups())
        table.setdefault(code, (kind, mode, context.split(";")[0].strip()))
    table.update(CODE_OVERRIDES)
    return table


def to_plover(code, table, block_code=""):
    code = code.strip()
    if code.split(":")[0] == MEETING_INTENT and block_code.startswith("04"):
        return "CONSULT", "meet", MEETING_INTENT
    if ":" in code:
        active, passive = code.split(":", 1)
        code = active or passive
    if not code or code.startswith("-") or not code.isdigit():
        return None
    c = code
    while c:
        if c in table:
            kind, mode, context = table[c]
            break
        c = c[:-1]
    else:
        return None
    if kind == "CONSULT":
        mode = CONSULT_MODE.get(mode, "meet" if code.startswith("040") else mode)
    if kind == "AID" and not mode:
        mode = context
    return kind, (mode or "").strip(), code


def words_of(token):
    """CAMEO dictionary words: '+MEET_WITH' -> 'meet with', 'RE_ELECT' -> 're-elect'."""
    t = token.strip().lstrip("+").rstrip("_").lower()
    if t.startswith("re_"):
        t = "re-" + t[3:]
    return t.replace("_", " ").strip()


def read_cameo(path):
    synsets, blocks = {}, []
    cur_set, block = None, None
    in_patterns = False
    for raw in open(path, encoding="latin-1"):
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if "####### VERB PATTERNS" in raw:
            in_patterns, cur_set = True, None
            continue
        if not line.strip():
            continue
        if not in_patterns:
            if line.startswith("&"):
                cur_set = line.strip()
                synsets[cur_set] = []
            elif line.startswith("+") and cur_set:
                synsets[cur_set].append(words_of(line))
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            block = {"name": m.group(1), "code": m.group(2), "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", line)
            if m:
                origin = [words_of(w) for w in comment.replace(",", " ").split()]
                block["patterns"].append((m.group(1), m.group(2), origin))
            continue
        m = re.match(r"^(\+?[A-Z][A-Z_'\-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if m:
            forms = []
            if m.group(2):
                forms = [words_of(f) for f in m.group(2).strip("{}").split()]
            code = m.group(3).strip("[]") if m.group(3) else None
            block["verbs"].append((words_of(m.group(1)), forms, code))
    return synsets, blocks


def expand_pattern(text, synsets, limit=12):
    """'* (FOR {HUMANITARIAN AID})' -> [['for', 'humanitarian', 'aid']]; None when the
    pattern constrains the subject side (words before '*')."""
    if "*" not in text:
        return None
    before, after = text.split("*", 1)
    if before.strip():
        return None
    toks = re.sub(r"[(){}]", " ", after).split()
    seqs = [[]]
    for t in toks:
        if t.startswith("&"):
            members = synsets.get(t) or synsets.get(t.rstrip("_")) or []
            members = members[:limit]
            if not members:
                return None
            seqs = [s + m.split() for s in seqs for m in members][: limit * 2]
        else:
            w = words_of(t)
            if not w or w in STOP or not re.match(r"^[a-z][a-z'\-]*$", w.replace(" ", "")):
                continue
            seqs = [s + w.split() for s in seqs]
    seqs = [s for s in seqs if s]
    return seqs or None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("DATELINE_SHARED", "../shared"))
    args = ap.parse_args()
    cameo = os.path.join(args.shared, "data/cameo-dictionaries/CAMEO.2.0.txt")
    c2p = os.path.join(args.shared, "data/plover/CAMEO2PLOVER-2021.txt")
    table = plover_table(c2p)
    synsets, blocks = read_cameo(cameo)

    rows = {}  # (pos, trigger, pattern) -> row
    forms = {}

    def add(pos, trig, pattern, kind, mode, code, strength, origin):
        key = (pos, trig, pattern)
        if key in rows and rows[key][-1] == "curated":
            return
        if key in rows and origin != "curated":
            return
        rows[key] = [pos, trig, pattern, kind, mode, code, strength, origin]

    for b in blocks:
        verbs = b["verbs"]
        head = words_of(b["name"]).split()[0] if b["verbs"] else ""
        for verb, fs, vcode in verbs:
            for f in fs:
                forms.setdefault(f, verb)
            # A block's default code is reliable for its head verb; its WordNet synonyms
            # inherit it only when they carry their own code.
            if vcode is None and verb != head and verb != words_of(b["name"]):
                continue
            code = vcode or b["code"]
            mapped = to_plover(code, table)
            if mapped and verb not in DROP_DEFAULT and verb.split()[0] not in DROP_DEFAULT:
                kind, mode, c = mapped
                add("V", verb, "", kind, mode, c, "weak", "cameo")
        names = {v for v, _, _ in verbs}
        for pat, code, origin in b["patterns"]:
            mapped = to_plover(code, table, b["code"])
            if not mapped:
                continue
            seqs = expand_pattern(pat, synsets)
            if not seqs:
                continue
            kind, mode, c = mapped
            # A pattern belongs to the verb its comment names (PETRARCH applies it to the
            # whole synonym block, which over-generates badly on news text).
            owners = [v for v in origin if v in names and v not in NO_PATTERNS]
            first = re.sub(r"[(){}]", " ", pat.split("*")[-1]).split()
            first = first[0].lower() if first else ""
            owners = [v for v in owners if (v, first) not in DROP_PATTERNS]
            for verb in owners:
                for s in seqs:
                    add("V", verb, " ".join(s), kind, mode, c, "weak", "cameo")

    curated = os.path.join(CRATE, "data/curated.tsv")
    for line in open(curated, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        cols += [""] * (7 - len(cols))
        pos, trig, pattern, kind, mode, code, strength = cols[:7]
        rows[(pos, trig, pattern)] = [pos, trig, pattern, kind, mode, code, strength, "curated"]

    out = os.path.join(CRATE, "data/lexicon.tsv")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# dateline event trigger lexicon; generated by scripts/build_lexicon.py, do not edit.\n")
        fh.write("# pos\ttrigger\tpattern\ttype\tmode\tcameo\tstrength\torigin\n")
        for key in sorted(rows):
            fh.write("\t".join(rows[key]) + "\n")
        fh.write("# inflected forms (CAMEO irregulars): form -> lemma\n")
        for f in sorted(forms):
            if f != forms[f]:
                fh.write(f"F\t{f}\t{forms[f]}\t\t\t\t\t\n")
    print(f"wrote {len(rows)} trigger rows, {len(forms)} forms to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
