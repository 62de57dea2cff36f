"""Writes the BBC News articles (../shared/data/bbc-news/bbc/*/*.txt) as one gzipped WARC
(one gzip member per record, as CC-NEWS files are), each article an HTML page captured on a
day of February 2025.

    python examples/spark/make_warc.py OUT.warc.gz [--limit N]
"""

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python" / "tests"))
from warcgen import bbc_records, write_warc_gz  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--limit", type=int, default=None)
    args = p.parse_args()
    shared = Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))
    root = shared / "data" / "bbc-news" / "bbc"
    files = sorted(root.glob("*/*.txt"))[: args.limit]
    if not files:
        print(f"no BBC articles under {root}", file=sys.stderr)
        return 1
    pairs = [(f, f.read_bytes().decode("utf-8", "replace")) for f in files]
    n = write_warc_gz(args.out, bbc_records(pairs))
    print(f"{args.out}: {n} records", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
