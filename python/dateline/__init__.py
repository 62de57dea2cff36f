"""dateline: reads the news and writes down what happened.

Entities with their mentions and roles, TimeML time expressions normalised against the
publication date, quotes tied to their speakers, and PLOVER events, for each article: the
``dateline.document/1`` JSON document the ``dateline`` CLI writes, as a Python dict.

>>> import dateline
>>> doc = dateline.extract("Mr Starmer met Mr Trump on Friday.", published="2025-02-15")
>>> doc["schema"]
'dateline.document/1'
>>> [t["value"] for t in doc["times"]]  # doctest: +SKIP
['2025-02-14']

Many articles, in parallel and in input order, with the models loaded once:

>>> pipeline = dateline.Pipeline()
>>> records = [{"id": "a", "text": "The EU agreed sanctions on Monday."},
...            {"id": "b", "text": "Russia rejected the plan."}]
>>> [d["id"] for d in pipeline.extract_many(records, threads=2)]
['a', 'b']

Reading files as the CLI does (text, JSONL, HTML, RSS/Atom/JSON feeds, WARC/ARC, gzip):

>>> for article in dateline.read("crawl.warc.gz"):  # doctest: +SKIP
...     print(article["title"], article["published"])
"""

from __future__ import annotations

import json
import threading
import warnings
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _dateline
from ._errors import DatelineError, DatelineIOError

__all__ = [
    "SCHEMA",
    "DatelineError",
    "DatelineIOError",
    "Pipeline",
    "default_pipeline",
    "extract",
    "read",
    "read_bytes",
    "is_english",
    "merge_events",
    "merge_score",
    "entity_key",
    "dedup_keys",
]

__version__ = "0.1.0"

#: The schema identifier of every document.
SCHEMA: str = _dateline.SCHEMA

Article = Dict[str, Any]
Document = Dict[str, Any]
ArticleInput = Union[str, Dict[str, Any]]

_ERROR_MODES = ("raise", "warn", "skip")


class Pipeline:
    """Every model of the pipeline, loaded once; safe to share between threads.

    Loading takes a moment; make one ``Pipeline`` per process and reuse it.

    >>> pipeline = Pipeline()
    >>> doc = pipeline.extract("Talks resume in Geneva next week.", published="2025-02-15")
    >>> doc["published"]
    '2025-02-15'
    """

    def __init__(self) -> None:
        self._native = _dateline.NativePipeline()

    def extract(
        self,
        text: str,
        *,
        published: Optional[str] = None,
        title: Optional[str] = None,
        url: Optional[str] = None,
        path: Optional[str] = None,
        with_tokens: bool = False,
    ) -> Document:
        """Analyses one plain-text article; returns its ``dateline.document/1`` dict.

        The text is read as ``dateline extract FILE`` reads a text file: the first line is
        the title when a blank line follows it or it reads like a headline (unless ``title``
        is given). ``published`` (``YYYY-MM-DD`` or RFC 3339) anchors relative dates, like
        ``--published``. ``url`` is recorded in ``source.url`` and is part of the document
        id; ``path`` is only recorded in ``source.path``. ``with_tokens`` adds the tokens
        layer (``--with-tokens``).

        Raises :class:`DatelineError` for empty text or a malformed date.

        >>> Pipeline().extract("Mr Starmer spoke on Friday.")["source"]["format"]
        'text'
        """
        raw = self._native.extract_text(text, published, title, url, path, with_tokens)
        return json.loads(raw)

    def extract_many(
        self,
        articles: Iterable[ArticleInput],
        *,
        threads: Optional[int] = None,
        published: Optional[str] = None,
        with_tokens: bool = False,
        skip_non_english: bool = False,
        chunk_size: int = 256,
    ) -> Iterator[Optional[Document]]:
        """Analyses many articles in parallel, yielding their documents in input order.

        Each article is a dict like a JSONL line of the CLI, ``{"id", "text", "title"?,
        "published"?, "url"?}``, or an article from :func:`read` (with ``"body"``), or a
        plain ``str``. The input is consumed ``chunk_size`` articles at a time; each chunk
        is analysed on ``threads`` threads (default: all cores; more than 4 per core, or
        256, is capped with a ``RuntimeWarning``) with the GIL released, so other Python
        threads keep running. Articles longer than 5 MB of text are cut at a paragraph or
        sentence boundary, with a warning in the document's ``warnings``.

        ``skip_non_english=True`` yields ``None`` for an article the CLI would skip as not
        English (so positions still line up with the input).

        >>> docs = Pipeline().extract_many(["Rain fell.", {"id": "x", "text": "Snow fell."}])
        >>> [d["id"] for d in docs][1]
        'x'
        """
        if threads is not None and threads < 1:
            raise DatelineError("threads must be at least 1")
        if threads is not None:
            threads, capped = _dateline.thread_cap(threads)
            if capped is not None:
                warnings.warn(capped, RuntimeWarning, stacklevel=2)
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        chunk: List[str] = []
        for article in articles:
            chunk.append(json.dumps(article))
            if len(chunk) >= chunk_size:
                yield from self._run(chunk, threads, published, with_tokens, skip_non_english)
                chunk = []
        if chunk:
            yield from self._run(chunk, threads, published, with_tokens, skip_non_english)

    def _run(
        self,
        chunk: List[str],
        threads: Optional[int],
        published: Optional[str],
        with_tokens: bool,
        skip_non_english: bool,
    ) -> Iterator[Optional[Document]]:
        out = self._native.extract_json_batch(chunk, threads, published, with_tokens, skip_non_english)
        for raw in out:
            yield None if raw is None else json.loads(raw)


_default_pipeline: Optional[Pipeline] = None
_default_lock = threading.Lock()


def default_pipeline() -> Pipeline:
    """The process's shared :class:`Pipeline`, made on first use (thread-safe).

    :func:`extract` uses it; so should code that runs in many short tasks in one long-lived
    process, such as Spark's Python workers, so the models load once per process.

    >>> default_pipeline() is default_pipeline()
    True
    """
    global _default_pipeline
    if _default_pipeline is None:
        with _default_lock:
            if _default_pipeline is None:
                _default_pipeline = Pipeline()
    return _default_pipeline


def extract(
    text: str,
    *,
    published: Optional[str] = None,
    title: Optional[str] = None,
    url: Optional[str] = None,
    path: Optional[str] = None,
    with_tokens: bool = False,
) -> Document:
    """Analyses one plain-text article with a shared default :class:`Pipeline`.

    Returns the same document as ``dateline extract FILE --published DATE`` writes for a
    file holding ``text`` (pass ``path=FILE`` to get the same ``source.path`` too).

    >>> doc = extract("Mr Starmer will meet Mr Trump next week.", published="2025-02-15")
    >>> sorted(doc)[:3]
    ['entities', 'events', 'id']
    """
    return default_pipeline().extract(
        text, published=published, title=title, url=url, path=path, with_tokens=with_tokens
    )


def _iterate(reader: Any, errors: str) -> Iterator[Article]:
    if errors not in _ERROR_MODES:
        raise ValueError(f"errors must be one of {', '.join(_ERROR_MODES)}, not {errors!r}")
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            return
        except DatelineError as e:
            if errors == "raise":
                raise
            if errors == "warn":
                warnings.warn(str(e), stacklevel=3)
            continue
        yield json.loads(raw)


def read(path: str, *, errors: str = "raise") -> Iterator[Article]:
    """Yields the articles of one input, read as the CLI reads it.

    The format is told from the content: plain text, JSONL, an HTML page, an RSS/Atom/JSON
    feed, a WARC/ARC archive (Common Crawl News), any of them gzipped; ``-`` is stdin.
    Archives and JSONL are streamed. Each article is a dict with ``id``, ``title``,
    ``body``, ``published``, ``published_from``, ``author``, ``source`` and ``warnings``;
    give it to :meth:`Pipeline.extract_many` as it is.

    A bad record raises :class:`DatelineError` (:class:`DatelineIOError` when the file
    cannot be read) with the CLI's message; ``errors="warn"`` issues a warning and goes on
    with the next record, ``errors="skip"`` goes on silently.

    >>> for article in read("news/story.html"):  # doctest: +SKIP
    ...     print(article["title"])
    """
    if errors not in _ERROR_MODES:
        raise ValueError(f"errors must be one of {', '.join(_ERROR_MODES)}, not {errors!r}")
    return _iterate(_dateline.read_path(str(path)), errors)


def read_bytes(data: bytes, name: str, *, errors: str = "raise") -> Iterator[Article]:
    """Like :func:`read`, for an input held in memory (a file Spark read from HDFS or S3).

    ``name`` stands for the file: its extension breaks format ties, and messages and
    ``source.path`` use it. The bytes are spooled to a temporary file that is deleted when
    the iterator is finished or dropped.

    >>> [a["title"] for a in read_bytes(b"Headline\\n\\nBody text here.", "a.txt")]
    ['Headline']
    """
    if errors not in _ERROR_MODES:
        raise ValueError(f"errors must be one of {', '.join(_ERROR_MODES)}, not {errors!r}")
    return _iterate(_dateline.read_bytes(bytes(data), name), errors)


def is_english(article: ArticleInput) -> bool:
    """False when the article is reliably in another language (the CLI skips those).

    >>> is_english({"text": "Die Bundesregierung hat am Dienstag angekündigt, die Steuern zu erhöhen."})
    False
    """
    return _dateline.is_english_json(json.dumps(article))


def merge_events(reports: Iterable[Dict[str, Any]]) -> List[int]:
    """Groups event reports from many articles into real-world events, by the store's rule.

    Each report is ``{"type": PLOVER type, "status": "occurred"|"planned"|…, "actors":
    [{"entity": int, "role": "source"|"target"|"participant"|"host"}], "time": TIMEX3 value
    or None, "mod": TimeML mod or None, "published": "YYYY-MM-DD" or None, "trigger": the
    trigger words, "context": [int] the corpus entity ids the reporting article names}``, where
    actor ids are corpus-wide entity ids (see :func:`entity_key`). ``trigger`` and ``context``
    are optional, but without them undated reports never merge: they tell two reports of one
    story from two reports that only share actors, as in the store. Reports join, in publication
    order, the best-scoring event so far (``dateline-store``'s ``merge_score``) or start a
    new one. Returns each report's event number, in input order.

    >>> starmer, trump = 1, 2
    >>> merge_events([
    ...     {"type": "CONSULT", "status": "planned", "time": "2025-W09", "published": "2025-02-15",
    ...      "actors": [{"entity": starmer, "role": "source"}, {"entity": trump, "role": "target"}]},
    ...     {"type": "CONSULT", "status": "occurred", "time": "2025-02-27", "published": "2025-02-28",
    ...      "actors": [{"entity": trump, "role": "source"}, {"entity": starmer, "role": "target"}]},
    ... ])
    [0, 0]
    """
    return _dateline.merge_events_json([json.dumps(r) for r in reports])


def merge_score(a: Dict[str, Any], b: Dict[str, Any]) -> Optional[int]:
    """The store's score for two reports being one event; ``None`` when they are not.

    Reports are as for :func:`merge_events`.
    """
    return _dateline.merge_score_json(json.dumps(a), json.dumps(b))


def entity_key(name: str, type: str) -> Tuple[str, str]:
    """The store's key for matching entities across articles: ``(type family, normal name)``.

    >>> entity_key("Sir Keir Starmer", "PERSON")
    ('PERSON', 'keir starmer')
    """
    return _dateline.entity_key(name, type)


def dedup_keys(article: ArticleInput) -> Tuple[Optional[str], Optional[str]]:
    """The two keys the CLI's duplicate check compares: ``(url key, text key)``.

    The CLI writes an article seen twice (the same URL, or the same words ignoring case,
    punctuation and spacing) once. A job split over many machines gets the same result by
    keeping, for each key, the first article that has it. A key is ``None`` when there is
    no URL, or fewer than five words.

    >>> a = dedup_keys({"text": "The minister said on Monday that talks resume.", "url": "https://www.e.com/a/"})
    >>> b = dedup_keys({"text": "THE minister said, on Monday, that talks resume!", "url": "http://e.com/a"})
    >>> a == b
    True
    """
    return _dateline.dedup_keys_json(json.dumps(article))
