import gzip
import json

import pytest

import dateline
from warcgen import bbc_records, write_warc_gz


def test_reads_jsonl_in_order_and_reports_bad_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": 1, "text": "First story.", "published": "2025-02-01"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "b", "text": "Second story.", "url": "https://e.com/b"}) + "\n"
    )
    with pytest.raises(dateline.DatelineError, match=r"a\.jsonl:2: not a JSON article record"):
        list(dateline.read(str(path)))
    articles = list(dateline.read(str(path), errors="skip"))
    assert [a["id"] for a in articles] == ["1", "b"]
    assert articles[0]["published"] == "2025-02-01"
    assert articles[1]["source"] == {"path": str(path), "url": "https://e.com/b", "format": "jsonl"}
    with pytest.warns(UserWarning, match="a.jsonl:2"):
        assert len(list(dateline.read(str(path), errors="warn"))) == 2


def test_reads_html_pages(tmp_path):
    path = tmp_path / "page.html"
    paras = [
        "The prime minister met the president in Paris on Monday to discuss trade and security.",
        "Officials said the two leaders had agreed to set up a working group on tariffs, which "
        "will report back before the summer.",
        "Opposition parties criticised the visit, saying the government had given too much away "
        "in return for vague promises about future access to European markets.",
        "The president told reporters the talks had been constructive and that further meetings "
        "were planned for the spring.",
    ]
    path.write_text(
        "<html><head><title>Leaders meet</title>"
        '<meta property="article:published_time" content="2025-02-10T09:00:00Z"></head>'
        "<body><article><h1>Leaders meet</h1>" + "".join(f"<p>{p}</p>" for p in paras)
        + "</article></body></html>"
    )
    [article] = list(dateline.read(str(path)))
    assert article["source"]["format"] == "html"
    assert "prime minister" in article["body"]
    assert article["published"].startswith("2025-02-10")


def test_reads_gzipped_warc_and_bytes(tmp_path, bbc_articles):
    records = bbc_records(bbc_articles[:5])
    warc = tmp_path / "CC-NEWS-test.warc.gz"
    assert write_warc_gz(warc, records) == 5
    articles = list(dateline.read(str(warc)))
    assert len(articles) == 5
    assert [a["source"]["url"] for a in articles] == [r[0] for r in records]
    assert all(a["source"]["format"] == "warc" for a in articles)
    assert articles[0]["published"] == records[0][1]
    # The same archive held in memory, as Spark's binaryFiles gives it.
    name = "s3a://bucket/crawl-data/CC-NEWS-test.warc.gz"
    from_bytes = list(dateline.read_bytes(warc.read_bytes(), name))
    assert [a["body"] for a in from_bytes] == [a["body"] for a in articles]
    assert {a["source"]["path"] for a in from_bytes} == {name}


def test_read_errors(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(dateline.DatelineIOError) as err:
        list(dateline.read(str(missing)))
    assert str(err.value).startswith(f"{missing}: ")
    assert isinstance(err.value, OSError) and isinstance(err.value, ValueError)
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(dateline.DatelineError, match="looks like binary data"):
        list(dateline.read(str(binary)))
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort"))
    with pytest.raises(dateline.DatelineError, match=r"broken\.warc\.gz: record"):
        list(dateline.read(str(broken)))
    with pytest.raises(dateline.DatelineError, match="is empty"):
        list(dateline.read_bytes(b"  ", "empty.txt"))
    with pytest.raises(ValueError, match="errors must be one of"):
        dateline.read(str(missing), errors="ignore")
