import json
import os
import shutil
import subprocess
import threading

import pytest

import dateline
from conftest import REPO, SEED


def cli_binary():
    """The `dateline` CLI built by cargo in the main workspace, if any."""
    explicit = os.environ.get("DATELINE_BIN")
    if explicit:
        return explicit
    for profile in ("release", "debug"):
        candidate = REPO / "target" / profile / "dateline"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("dateline")


def test_document_contract_on_the_seed_article():
    text = SEED.read_text(encoding="utf-8")
    doc = dateline.extract(text, published="2025-02-15")
    assert doc["schema"] == dateline.SCHEMA == "dateline.document/1"
    assert doc["published"] == "2025-02-15"
    assert doc["published_from"] == "given"
    assert doc["source"]["format"] == "text"
    assert doc["sentences"], "the seed article has sentences"
    assert "tokens" not in doc
    for entity in doc["entities"]:
        for m in entity["mentions"]:
            assert doc["text"][m["start"]:m["end"]] == m["text"]
    for t in doc["times"]:
        assert doc["text"][t["start"]:t["end"]] == t["text"]
    # The bar: the first event prints.
    assert isinstance(doc["events"], list)


def test_equals_the_cli_json():
    binary = cli_binary()
    if binary is None:
        pytest.skip("the dateline CLI is not built (cargo build --release -p dateline, or set DATELINE_BIN)")
    rel = "tests/fixtures/seed-article.txt"
    out = subprocess.run(
        [binary, "extract", rel, "--published", "2025-02-15"],
        cwd=REPO, capture_output=True, check=True, timeout=300,
    )
    cli = json.loads(out.stdout)
    ours = dateline.extract(SEED.read_text(encoding="utf-8"), published="2025-02-15", path=rel)
    assert ours == cli
    # Without `path`, only source.path differs.
    bare = dateline.extract(SEED.read_text(encoding="utf-8"), published="2025-02-15")
    assert bare["source"]["path"] is None
    bare["source"]["path"] = rel
    assert bare == cli


def test_title_and_url_are_recorded(pipeline):
    doc = pipeline.extract("The talks went on all night in Geneva.", title="Talks in Geneva",
                           url="https://example.com/geneva")
    assert doc["title"] == "Talks in Geneva"
    assert doc["text"].startswith("Talks in Geneva\n\n")
    assert doc["source"]["url"] == "https://example.com/geneva"
    other = pipeline.extract("The talks went on all night in Geneva.", title="Talks in Geneva")
    assert other["id"] != doc["id"], "the url is part of the id"


def test_with_tokens(pipeline):
    doc = pipeline.extract("Rain fell in Paris.", with_tokens=True)
    assert [t["text"] for t in doc["tokens"]][:2] == ["Rain", "fell"]


def test_extract_many_keeps_input_order(pipeline):
    records = [{"id": f"r{i}", "text": f"Story {i}. The minister said on Monday that {i} people were hurt."}
               for i in range(40)]
    docs = list(pipeline.extract_many(records, threads=2, chunk_size=7))
    assert [d["id"] for d in docs] == [r["id"] for r in records]
    assert all(d["source"]["format"] == "jsonl" for d in docs)
    # Same documents, one by one and many at once, on any number of threads.
    single = list(pipeline.extract_many(records[:5], threads=1))
    assert single == docs[:5]


def test_extract_many_accepts_strings_and_reader_articles(pipeline, tmp_path):
    page = tmp_path / "story.txt"
    page.write_text("Storm hits coast\n\nA storm hit the coast on Tuesday, officials said.\n")
    article = next(dateline.read(str(page)))
    docs = list(pipeline.extract_many(["Plain text story about rain in Leeds.", article]))
    assert docs[0]["source"]["format"] == "text"
    assert docs[1]["title"] == "Storm hits coast"
    assert docs[1]["source"]["path"] == str(page)
    assert docs[1] == pipeline.extract(page.read_text(), path=str(page))


def test_extract_many_releases_the_gil(pipeline):
    records = [{"id": str(i), "text": "The army said it had repelled an attack near the border. " * 30}
               for i in range(30)]
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        out = list(pipeline.extract_many(records, threads=2))
    finally:
        done.set()
        t.join()
    assert len(out) == 30
    assert len(ticks) > 1, "another Python thread ran while the batch was analysed"


def test_skip_non_english(pipeline):
    german = "Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf Kraftstoffe zu erhöhen, was bei der Opposition auf Kritik stieß."
    out = list(pipeline.extract_many([german, "The government raised fuel taxes on Tuesday, drawing criticism."],
                                     skip_non_english=True))
    assert out[0] is None and out[1] is not None
    assert not dateline.is_english(german)


def test_errors_carry_the_cli_messages(pipeline):
    with pytest.raises(dateline.DatelineError, match="is empty: there is no article text to read"):
        dateline.extract("   \n")
    with pytest.raises(ValueError, match=r"`15/02/2025` is not a date: use YYYY-MM-DD"):
        dateline.extract("Some text.", published="15/02/2025")
    with pytest.raises(dateline.DatelineError, match="item 1: not an article record"):
        list(pipeline.extract_many([{"text": "ok"}, {"body_missing": True, "title": "x"}]))
    with pytest.raises(dateline.DatelineError, match="threads must be at least 1"):
        list(pipeline.extract_many(["x"], threads=0))


def test_impossible_dates_are_refused_with_the_reason(pipeline):
    with pytest.raises(ValueError, match=r"`2025-02-15T25:61:00\+99:00` is not a date \(hour 25"):
        dateline.extract("Some text.", published="2025-02-15T25:61:00+99:00")
    with pytest.raises(ValueError, match=r"offsets lie within ±14:00"):
        dateline.extract("Some text.", published="2025-02-15T09:30:00+15:00")
    with pytest.raises(ValueError, match=r"February 2025 has 28 days"):
        list(pipeline.extract_many(["x"], published="2025-02-29"))
    doc = dateline.extract("Some text.", published="2025-02-15T09:30:00+05:30")
    assert doc["published"] == "2025-02-15T09:30:00+05:30"


def test_threads_are_capped_with_a_warning(pipeline):
    with pytest.warns(RuntimeWarning, match="10000 threads asked for"):
        docs = list(pipeline.extract_many(["Rain fell.", "Snow fell."], threads=10000))
    assert len(docs) == 2
    cap, _ = dateline._dateline.thread_cap(10000)
    assert 1 <= cap <= 256


def test_odd_input_does_not_crash(pipeline):
    for text in ["\u0000\u0001 binary-ish", "🙂" * 500, "a", "x\n" * 2000, "\u202e reversed \u200b"]:
        try:
            doc = pipeline.extract(text)
        except dateline.DatelineError:
            continue
        assert doc["schema"] == dateline.SCHEMA
