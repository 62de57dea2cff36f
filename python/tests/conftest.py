import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "tests" / "fixtures" / "seed-article.txt"


def shared_dir() -> Path:
    return Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def pipeline():
    import dateline

    return dateline.Pipeline()


@pytest.fixture(scope="session")
def bbc_articles():
    """The first 20 BBC articles (shared data), as (path, text) pairs; skipped when absent."""
    root = shared_dir() / "data" / "bbc-news" / "bbc"
    if not root.is_dir():
        pytest.skip(f"BBC data not found at {root} (set DATELINE_SHARED)")
    files = sorted(root.glob("*/*.txt"))[:20]
    return [(f, f.read_bytes().decode("utf-8", "replace")) for f in files]
