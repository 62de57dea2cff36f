"""Writes small WARC files (gzip per record, as CC-NEWS does) from plain-text articles."""

import gzip
import html
import io
import uuid


def page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in body.split("\n") if p.strip())
    doc = (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
        f"<body><article><h1>{html.escape(title)}</h1>\n{paras}</article></body></html>"
    )
    return doc.encode("utf-8")


def record(url: str, date: str, payload: bytes) -> bytes:
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(payload)}\r\n\r\n".encode()
        + payload
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: {date}T06:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def write_warc_gz(path, articles) -> int:
    """`articles`: iterable of (url, date YYYY-MM-DD, title, body). Returns the record count."""
    n = 0
    with open(path, "wb") as out:
        for url, date, title, body in articles:
            buf = io.BytesIO()
            with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
                gz.write(record(url, date, page(title, body)))
            out.write(buf.getvalue())
            n += 1
    return n


def bbc_records(files):
    """(url, date, title, body) for BBC text files: first line title, dates spread over a month."""
    out = []
    for i, (path, text) in enumerate(files):
        lines = text.strip().split("\n", 1)
        title, body = lines[0].strip(), (lines[1] if len(lines) > 1 else "")
        url = f"https://news.example.org/{path.parent.name}/{path.stem}"
        out.append((url, f"2025-02-{1 + i % 28:02d}", title, body))
    return out
