"""dateline on Apache Spark: news archives in, Parquet tables out.

Stage 1 reads WARC files (gzip, CC-NEWS layout) or JSONL from any path Spark can read,
drops duplicates and non-English articles as the CLI does, runs the dateline pipeline in
each executor's Python worker (one Pipeline per worker process, loaded once) and writes

    OUT/documents  OUT/entities  OUT/quotes  OUT/events      (Parquet, by published_date)

Stage 2 (``--merge``) merges the event reports of the whole corpus into real-world events
with the store's rule, exposed from Rust by the package (``dateline.merge_events``):

    OUT/event_clusters (report → corpus event)  OUT/corpus_events

    spark-submit --master local[2] dateline_job.py --input 'data/*.warc.gz' --output out --merge

See README.md beside this file for shipping the wheel to a cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Dict, Iterable, Iterator, List, Optional

# ---------------------------------------------------------------------------------------
# Executor side. Everything here runs in Python workers; the pipeline is made once per
# worker process (Spark reuses workers across tasks: spark.python.worker.reuse=true, the
# default), never per record or per partition.

def pipeline():
    """The worker process's Pipeline, loaded on first use.

    It lives in the installed ``dateline`` module, not in this script: Spark pickles this
    script's functions by value for every task, so a global here would be new (and the
    models reloaded) in every task. A module imported by reference keeps it for the life of
    the worker process.
    """
    import dateline

    return dateline.default_pipeline()


def _log(message: str) -> None:
    print(f"dateline: {message}", file=sys.stderr, flush=True)


def read_archives(files: Iterable) -> Iterator[Dict[str, Any]]:
    """(path, bytes) pairs from binaryFiles → article rows, with their order and dedup keys."""
    import dateline

    for path, data in files:
        try:
            for i, article in enumerate(dateline.read_bytes(data, path, errors="warn")):
                yield _article_row(article, path, i)
        finally:
            del data


def read_jsonl_lines(rows: Iterable) -> Iterator[Dict[str, Any]]:
    """(line, path, position in the input) → article rows; a malformed line is logged and skipped."""
    for line, path, position in rows:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('expected {"id", "text", "title"?, "published"?, "url"?}')
        except ValueError as e:
            _log(f"{path} (input line {position} of the job): not a JSON article record ({e})")
            continue
        record.setdefault("path", path)
        yield _article_row(record, path, position)


def _article_row(article: Dict[str, Any], path: str, index: int) -> Dict[str, Any]:
    import dateline

    url_key, text_key = dateline.dedup_keys(article)
    return {
        "input": path,
        "position": index,
        "url_key": url_key,
        "text_key": text_key,
        "article": json.dumps(article),
    }


def extract_partition(rows: Iterable, threads: Optional[int]) -> Iterator[Dict[str, Any]]:
    """Article rows → document rows, analysed in parallel inside the worker (GIL released)."""
    articles = (json.loads(r["article"]) for r in rows)
    written = 0
    for doc in pipeline().extract_many(articles, threads=threads, skip_non_english=True):
        if doc is None:
            continue
        written += 1
        yield {
            "doc_id": doc["id"],
            "url": doc["source"].get("url"),
            "path": doc["source"].get("path"),
            "format": doc["source"]["format"],
            "title": doc.get("title"),
            "published": doc.get("published"),
            "published_from": doc["published_from"],
            "published_date": (doc.get("published") or "")[:10] or None,
            "n_entities": len(doc["entities"]),
            "n_quotes": len(doc["quotes"]),
            "n_events": len(doc["events"]),
            "document": json.dumps(doc, ensure_ascii=False),
        }
    # One line per partition, so a run shows whether a worker's memory stays flat.
    _log(f"worker {os.getpid()}: partition of {written} documents done, max RSS {_max_rss_mb()} MB")


def _max_rss_mb() -> int:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    except ImportError:  # not on POSIX
        return -1


def layer_rows(docs: Iterable) -> Iterator[tuple]:
    """A document row → ("entity"|"quote"|"event", row) pairs for the layer tables."""
    for d in docs:
        doc = json.loads(d["document"])
        base = {"doc_id": doc["id"], "published_date": d["published_date"]}
        names = {e["id"]: e["name"] for e in doc["entities"]}
        times = {t["id"]: t for t in doc["times"]}
        for e in doc["entities"]:
            yield "entity", {
                **base,
                "entity_id": e["id"],
                "name": e["name"],
                "type": e["type"],
                "mentions": len(e["mentions"]),
                "roles": [r["title"] for r in e["roles"]],
                "iso3": e.get("codes", {}).get("iso3"),
            }
        for q in doc["quotes"]:
            yield "quote", {
                **base,
                "quote_id": q["id"],
                "text": q["text"],
                "kind": q["kind"],
                "speaker_id": q.get("speaker"),
                "speaker": names.get(q.get("speaker")) if q.get("speaker") else None,
                "speaker_text": q.get("speaker_text"),
                "cue": q.get("cue"),
            }
        for v in doc["events"]:
            t = times.get(v.get("time")) if v.get("time") else None
            yield "event", {
                **base,
                "event_id": v["id"],
                "type": v["type"],
                "mode": v.get("mode"),
                "status": v["status"],
                "trigger": v["trigger"]["text"],
                "actors": json.dumps(v["actors"]),
                "time_value": t["value"] if t else None,
                "time_mod": t.get("mod") if t else None,
                "place": names.get(v["place"]) if v.get("place") else None,
                "sentence": v["sentence"],
                "published": doc.get("published"),
            }


def merge_type(group: tuple) -> Iterator[Dict[str, Any]]:
    """All reports of one PLOVER type → their corpus events, by the Rust rule."""
    import dateline

    kind, reports = group
    reports = sorted(reports, key=lambda r: (r["published"] or "~", r["doc_id"], r["event_id"]))
    clusters = dateline.merge_events(
        {
            "type": kind,
            "status": r["status"],
            "actors": r["actors"],
            "time": r["time_value"],
            "mod": r["time_mod"],
            "published": (r["published"] or "")[:10] or None,
            "trigger": r.get("trigger"),
            "context": r.get("context") or [],
        }
        for r in reports
    )
    for r, c in zip(reports, clusters):
        yield {
            "doc_id": r["doc_id"],
            "event_id": r["event_id"],
            "type": kind,
            "corpus_event": f"{kind}-{c}",
            "published_date": (r["published"] or "")[:10] or None,
        }


# ---------------------------------------------------------------------------------------
# Driver side.


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", nargs="+", required=True, help="WARC or JSONL paths/globs (any Hadoop FS)")
    p.add_argument("--format", choices=["warc", "jsonl"], default="warc")
    p.add_argument("--output", required=True, help="directory for the Parquet tables")
    p.add_argument("--threads", type=int, default=None,
                   help="pipeline threads per Python worker (default: all cores; set to "
                        "executor cores / concurrent tasks, usually 1 with several task slots)")
    p.add_argument("--partitions", type=int, default=None, help="extraction partitions")
    p.add_argument("--no-dedupe", action="store_true", help="keep duplicate articles")
    p.add_argument("--merge", action="store_true", help="stage 2: merge events across the corpus")
    p.add_argument("--merge-only", action="store_true", help="run stage 2 on an existing OUTPUT")
    return p.parse_args(argv)


def read_articles(spark, args):
    from pyspark.sql import Row, functions as F

    sc = spark.sparkContext
    if args.format == "warc":
        files = sc.binaryFiles(",".join(args.input))
        rows = files.mapPartitions(read_archives)
    else:
        lines = (
            spark.read.text(args.input)
            .withColumn("path", F.input_file_name())
            .rdd.zipWithIndex()
            .map(lambda x: (x[0]["value"], x[0]["path"], x[1] + 1))
        )
        rows = lines.mapPartitions(read_jsonl_lines)
    schema = "input string, position long, url_key string, text_key string, article string"
    return spark.createDataFrame(rows.map(lambda r: Row(**r)), schema)


def dedupe(df):
    """Keeps, for each URL key and then each text key, the first article in input order."""
    from pyspark.sql import Window, functions as F

    order = F.struct("input", "position")
    for key in ("url_key", "text_key"):
        first = F.min(order).over(Window.partitionBy(key))
        df = df.withColumn("_first", first).filter(F.col(key).isNull() | (order == F.col("_first"))).drop("_first")
    return df


def read_table(spark, path):
    """A table as written: the partition column stays a string, not an inferred date."""
    from pyspark.sql import functions as F

    df = spark.read.parquet(path)
    if "published_date" in df.columns:
        df = df.withColumn("published_date", F.col("published_date").cast("string"))
    return df


def stage_extract(spark, args) -> Dict[str, int]:
    from pyspark.sql import Row

    articles = read_articles(spark, args)
    if not args.no_dedupe:
        articles = dedupe(articles)
    articles = articles.repartition(args.partitions or spark.sparkContext.defaultParallelism)
    threads = args.threads
    docs = articles.rdd.mapPartitions(lambda rows: extract_partition(rows, threads)).map(lambda r: Row(**r))
    doc_schema = (
        "doc_id string, url string, path string, format string, title string, published string, "
        "published_from string, published_date string, n_entities int, n_quotes int, n_events int, "
        "document string"
    )
    out = args.output.rstrip("/")
    spark.createDataFrame(docs, doc_schema).write.mode("overwrite").partitionBy("published_date").parquet(
        f"{out}/documents"
    )
    # The layer tables come from the stored documents: the pipeline runs once per article.
    stored = read_table(spark, f"{out}/documents")
    layers = stored.select("published_date", "document").rdd.mapPartitions(layer_rows)
    layers.persist()
    schemas = {
        "entity": ("entities", "doc_id string, published_date string, entity_id string, name string, "
                               "type string, mentions int, roles array<string>, iso3 string"),
        "quote": ("quotes", "doc_id string, published_date string, quote_id string, text string, kind string, "
                            "speaker_id string, speaker string, speaker_text string, cue string"),
        "event": ("events", "doc_id string, published_date string, event_id string, type string, mode string, "
                            "status string, trigger string, actors string, time_value string, time_mod string, "
                            "place string, sentence int, published string"),
    }
    for kind, (table, schema) in schemas.items():
        rows = layers.filter(lambda kv, k=kind: kv[0] == k).map(lambda kv: Row(**kv[1]))
        spark.createDataFrame(rows, schema).write.mode("overwrite").partitionBy("published_date").parquet(
            f"{out}/{table}"
        )
    layers.unpersist()
    counts = {"documents": stored.count()}
    for table in ("entities", "quotes", "events"):
        counts[table] = read_table(spark, f"{out}/{table}").count()
    return counts


def stage_merge(spark, args) -> Dict[str, int]:
    """Corpus entities by the store's name key (ISO code for places), then events merged by type."""
    import dateline
    from pyspark.sql import Row, functions as F, types as T

    out = args.output.rstrip("/")
    entities = read_table(spark, f"{out}/entities")

    @F.udf(T.StringType(), useArrow=False)
    def corpus_key(name, kind, iso3):
        family, norm = dateline.entity_key(name, kind)
        return f"{family}:iso3:{iso3}" if iso3 and family == "PLACE" else f"{family}:{norm}"

    keyed = entities.select(
        "doc_id", "entity_id", F.xxhash64(corpus_key("name", "type", "iso3")).alias("corpus_entity")
    )
    events = read_table(spark, f"{out}/events")
    actor_schema = T.ArrayType(T.StructType([T.StructField("entity", T.StringType()), T.StructField("role", T.StringType())]))
    actors = (
        events.select("doc_id", "event_id", F.explode(F.from_json("actors", actor_schema)).alias("a"))
        .select("doc_id", "event_id", F.col("a.entity").alias("entity_id"), F.col("a.role").alias("role"))
        .join(keyed, ["doc_id", "entity_id"])
        .groupBy("doc_id", "event_id")
        .agg(F.collect_list(F.struct(F.col("corpus_entity").alias("entity"), "role")).alias("corpus_actors"))
    )
    # Each article's context: every corpus entity it names. With the trigger, it is what lets
    # two undated reports of one story merge (and keeps apart reports that only share actors).
    contexts = keyed.groupBy("doc_id").agg(F.collect_set("corpus_entity").alias("context"))
    reports = events.join(actors, ["doc_id", "event_id"], "left").join(contexts, ["doc_id"], "left")

    def to_report(r):
        return r["type"], {
            "doc_id": r["doc_id"],
            "event_id": r["event_id"],
            "status": r["status"],
            "actors": [{"entity": a["entity"], "role": a["role"]} for a in (r["corpus_actors"] or [])],
            "time_value": r["time_value"],
            "time_mod": r["time_mod"],
            "published": r["published"],
            "trigger": r["trigger"],
            "context": sorted(r["context"] or []),
        }

    # Reports of different types never merge: one group per PLOVER type.
    clusters = reports.rdd.map(to_report).groupByKey().flatMap(merge_type).map(lambda r: Row(**r))
    schema = "doc_id string, event_id string, type string, corpus_event string, published_date string"
    clustered = spark.createDataFrame(clusters, schema)
    clustered.write.mode("overwrite").parquet(f"{out}/event_clusters")
    clustered = spark.read.parquet(f"{out}/event_clusters")
    corpus = clustered.groupBy("corpus_event", "type").agg(
        F.count("*").alias("reports"),
        F.countDistinct("doc_id").alias("documents"),
        F.min("published_date").alias("first_reported"),
        F.max("published_date").alias("last_reported"),
    )
    corpus.write.mode("overwrite").parquet(f"{out}/corpus_events")
    return {"event_reports": clustered.count(), "corpus_events": spark.read.parquet(f"{out}/corpus_events").count()}


def main(argv: Optional[List[str]] = None) -> int:
    from pyspark.sql import SparkSession

    args = parse_args(argv)
    spark = SparkSession.builder.appName("dateline").getOrCreate()
    started = time.time()
    counts: Dict[str, int] = {}
    if not args.merge_only:
        counts.update(stage_extract(spark, args))
    if args.merge or args.merge_only:
        counts.update(stage_merge(spark, args))
    counts["seconds"] = round(time.time() - started, 1)
    print(json.dumps(counts), flush=True)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
