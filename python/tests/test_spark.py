"""The Spark job (examples/spark) in local mode on a small WARC and JSONL made from 20 BBC
articles. Skipped when pyspark (or Java) is not installed: see examples/spark/run_local.sh."""

import json
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

import dateline
from conftest import REPO
from warcgen import bbc_records, write_warc_gz

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark pyarrow)")
pytestmark = pytest.mark.spark

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

sys.path.insert(0, str(REPO / "examples" / "spark"))
import dateline_job  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dateline-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    # Workers import the job's functions by module name.
    session.sparkContext.addPyFile(str(REPO / "examples" / "spark" / "dateline_job.py"))
    yield session
    session.stop()


def expected_counts(articles):
    """What the CLI writes for these articles: duplicates and non-English dropped."""
    seen_url, seen_text, kept = set(), set(), []
    for a in articles:
        url, text = dateline.dedup_keys(a)
        if (url and url in seen_url) or (text and text in seen_text):
            continue
        seen_url.add(url)
        seen_text.add(text)
        kept.append(a)
    docs = [d for d in dateline.Pipeline().extract_many(kept, skip_non_english=True) if d]
    return {
        "documents": len(docs),
        "entities": sum(len(d["entities"]) for d in docs),
        "quotes": sum(len(d["quotes"]) for d in docs),
        "events": sum(len(d["events"]) for d in docs),
    }


def test_warc_job_matches_the_package_and_merges(spark, tmp_path, bbc_articles):
    records = bbc_records(bbc_articles)
    records.append(records[3])  # a duplicate capture, which the CLI writes once
    warc = tmp_path / "CC-NEWS-20250201.warc.gz"
    write_warc_gz(warc, records)
    out = tmp_path / "out"
    args = dateline_job.parse_args(["--input", str(warc), "--output", str(out), "--threads", "1",
                                    "--partitions", "3", "--merge"])
    counts = dateline_job.stage_extract(spark, args)
    counts.update(dateline_job.stage_merge(spark, args))
    want = expected_counts(list(dateline.read(str(warc))))
    assert want["documents"] == 20
    assert {k: counts[k] for k in want} == want
    docs = dateline_job.read_table(spark, str(out / "documents")).collect()
    dates = {r["published_date"] for r in docs}
    assert dates == {(r["published"] or "")[:10] or None for r in docs}
    assert {p.name for p in (out / "documents").glob("published_date=*")} == {f"published_date={d}" for d in dates}
    assert any(r["published_from"] == "inferred" for r in docs), "undated pages take the crawl date"
    assert counts["event_reports"] == counts["events"]
    assert 0 < counts["corpus_events"] <= counts["events"]


def test_jsonl_job(spark, tmp_path, bbc_articles):
    path = tmp_path / "bbc.jsonl"
    with open(path, "w") as f:
        for i, (p, text) in enumerate(bbc_articles[:8]):
            f.write(json.dumps({"id": p.stem + str(i), "text": text, "published": "2025-03-01"}) + "\n")
        f.write("{broken\n")
    out = tmp_path / "out"
    args = dateline_job.parse_args(["--input", str(path), "--format", "jsonl", "--output", str(out)])
    counts = dateline_job.stage_extract(spark, args)
    assert counts["documents"] == 8
    ids = {r["doc_id"] for r in spark.read.parquet(str(out / "documents")).collect()}
    assert ids == {p.stem + str(i) for i, (p, _) in enumerate(bbc_articles[:8])}


def test_one_pipeline_per_worker_process(spark):
    """Many partitions, few workers: each worker process loads the models once."""
    def probe(_):
        import resource

        p = dateline_job.pipeline()
        p.extract("The minister met the envoy in Kyiv on Monday.")
        yield os.getpid(), id(p), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    seen = spark.sparkContext.parallelize(range(16), 16).mapPartitions(probe).collect()
    per_process = Counter()
    pipelines = {}
    for pid, ident, _ in seen:
        per_process[pid] += 1
        pipelines.setdefault(pid, set()).add(ident)
    assert all(len(ids) == 1 for ids in pipelines.values()), pipelines
    assert max(per_process.values()) > 1, "workers were reused across partitions"


def _run_cli(binary, *args, cwd):
    """Runs the CLI and returns (stdout, stderr); fails the test with its stderr when it fails."""
    import subprocess

    run = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, f"{binary} {' '.join(args)}: {run.stderr[-2000:]}"
    return run.stdout, run.stderr


def _store_counts(stderr):
    """The store summary `dateline ingest` prints last, as numbers."""
    import re

    m = re.search(
        r"(\d+) documents, (\d+) entities \((\d+) across documents\), (\d+) quotes, "
        r"(\d+) events reported as (\d+) corpus events",
        stderr,
    )
    assert m, stderr
    keys = ("documents", "entities", "corpus_entities", "quotes", "events", "corpus_events")
    return dict(zip(keys, map(int, m.groups())))


def test_spark_job_counts_equal_the_cli_and_import_into_the_store(spark, tmp_path):
    """The issue's bar on a small WARC made by make_warc.py: the Spark job writes as many
    documents, entities, quotes and events as `dateline extract` on the same WARC, and
    `dateline ingest --parquet` stores the job's tables as ingesting the CLI's documents does."""
    import subprocess

    from test_extract import cli_binary

    binary = cli_binary()
    if binary is None:
        pytest.skip("the dateline CLI is not built (cargo build -p dateline, or set DATELINE_BIN)")
    binary = str(REPO / binary)  # DATELINE_BIN may be relative to the repository
    warc = tmp_path / "CC-NEWS-bbc.warc.gz"
    made = subprocess.run(
        [sys.executable, str(REPO / "examples" / "spark" / "make_warc.py"), str(warc), "--limit", "12"],
        capture_output=True, text=True, timeout=120,
    )
    if made.returncode != 0 and "no BBC articles" in made.stderr:
        pytest.skip(made.stderr.strip())
    assert made.returncode == 0, made.stderr

    stdout, _ = _run_cli(binary, "extract", str(warc), "--format", "jsonl", cwd=tmp_path)
    cli_docs = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    cli = {
        "documents": len(cli_docs),
        "entities": sum(len(d["entities"]) for d in cli_docs),
        "quotes": sum(len(d["quotes"]) for d in cli_docs),
        "events": sum(len(d["events"]) for d in cli_docs),
    }
    assert cli["documents"] == 12 and cli["entities"] > 0

    out = tmp_path / "out"
    args = dateline_job.parse_args(["--input", str(warc), "--output", str(out), "--threads", "1",
                                    "--partitions", "2"])
    counts = dateline_job.stage_extract(spark, args)
    assert {k: counts[k] for k in cli} == cli

    # The job's Parquet tables into a store: the same store as the CLI's documents give.
    probe = subprocess.run([binary, "ingest", "--parquet", str(out), "--db", str(tmp_path / "probe.db")],
                           capture_output=True, text=True, timeout=60)
    if probe.returncode == 2 and "without Parquet support" in probe.stderr:
        pytest.skip(f"{binary} was built without --features parquet: the import is not checked")
    # The store merges incrementally, so the CLI's documents go in the order the import reads
    # the job's tables: partition files sorted by path, rows in file order.
    import pyarrow.parquet as pq

    table = out / "documents"
    files = sorted(p for p in table.rglob("*.parquet")
                   if not any(part.startswith((".", "_")) for part in p.relative_to(table).parts))
    order = [i for f in files for i in pq.read_table(f, columns=["doc_id"]).column("doc_id").to_pylist()]
    by_id = {d["id"]: line for d, line in zip(cli_docs, (l for l in stdout.splitlines() if l.strip()))}
    assert sorted(order) == sorted(by_id)
    (tmp_path / "cli.jsonl").write_text("".join(by_id[i] + "\n" for i in order))
    _, cli_ingest = _run_cli(binary, "ingest", "--documents", "cli.jsonl", "--db", "cli.db", cwd=tmp_path)
    _, spark_ingest = _run_cli(binary, "ingest", "--parquet", "out", "--db", "spark.db", cwd=tmp_path)
    want = _store_counts(cli_ingest)
    assert {k: want[k] for k in cli} == cli
    assert _store_counts(spark_ingest) == want
    # A second import is idempotent.
    _, again = _run_cli(binary, "ingest", "--parquet", "out", "--db", "spark.db", cwd=tmp_path)
    assert "12 unchanged" in again, again
    assert _store_counts(again) == want
