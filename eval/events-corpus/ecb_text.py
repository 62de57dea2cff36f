#!/usr/bin/env python3
"""The canonical plain text of an ECB+ document, which the corpus's offsets point into.

    eval/events-corpus/ecb_text.py ecbplus/ECB+_LREC2014/ECB+/12/12_1ecbplus.xml

ECB+ stores tokens, not text. The text is each sentence's tokens joined by one space, sentences
joined by a newline; a first sentence that is only the story's URL is left out. The same rule is
written in Rust in `crates/dateline-events/examples/train_events.rs` (`ecb_text`).
"""
import html
import os
import re
import sys

TOKEN = re.compile(r'<token\b[^>]*\bsentence="(\d+)"[^>]*>(.*?)</token>', re.S)


def ecb_text(xml: str) -> str:
    sents = {}
    order = []
    for s, w in TOKEN.findall(xml):
        if s not in sents:
            sents[s] = []
            order.append(s)
        sents[s].append(html.unescape(w))
    lines = [" ".join(sents[s]) for s in order]
    if lines and lines[0].startswith("http"):
        lines = lines[1:]
    return "\n".join(lines) + "\n"


def main():
    shared = os.environ.get("DATELINE_SHARED") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared")
    for doc in sys.argv[1:]:
        sys.stdout.write(ecb_text(open(os.path.join(shared, "data", doc), encoding="utf-8").read()))


if __name__ == "__main__":
    main()
