"""Format readers: bytes of one input in, raw documents (or coded errors) out.

Each reader yields one item per document, never raises for bad content, and
names each document precisely (``file.jsonl:12``, ``feed.xml#3``) so that an
error points at the exact record and a resumed ingest can skip finished ones.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from eventdesk.dates import parse_published
from eventdesk.errors import DocumentError
from eventdesk.ingest.decode import decode_text, looks_binary
from eventdesk.ingest.meta import split_header
from eventdesk.ingest.raw import RawDocument, ReadResult, raw_hash

__all__ = ["Limits", "READERS", "too_large", "read_feed", "read_html", "read_jsonl", "read_txt", "read_warc", "sniff"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Limits:
    """Size limits; a document over ``max_document_bytes`` gets ED005.

    5 MB of text is about 800,000 words: far beyond any news report, so a
    file that large is a dump or a mistake and would stall the batch.
    """

    max_document_bytes: int = 5_000_000


def too_large(size: int, limits: Limits, source: str) -> DocumentError | None:
    if size > limits.max_document_bytes:
        return DocumentError(
            "ED005",
            f"{size:,} bytes is over the {limits.max_document_bytes:,}-byte document limit (raise it with --max-bytes)",
            source=source,
        )
    return None


def _with_date(value: object, source: str) -> tuple[Any, tuple[DocumentError, ...]]:
    """Parse a date; a bad one becomes a warning, not a lost document."""
    try:
        return parse_published(value, source=source), ()
    except DocumentError as err:
        return None, (err,)


def _decoded(data: bytes, source: str, limits: Limits, encoding: str | None) -> str | DocumentError:
    """The text of a one-document file, or why it cannot be read (too large, not decodable)."""
    refused = too_large(len(data), limits, source)
    if refused is not None:
        return refused
    try:
        return decode_text(data, source=source, encoding=encoding)
    except DocumentError as err:
        return err


def read_txt(data: bytes, source: str, limits: Limits, encoding: str | None = None) -> Iterator[ReadResult]:
    """Plain text with an optional ``key: value`` metadata header."""
    text = _decoded(data, source, limits, encoding)
    if isinstance(text, DocumentError):
        yield text
        return
    header, body = split_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    published, warnings = _with_date(header.get("published") or header.get("date"), source)
    yield RawDocument(
        source=source,
        raw_hash=raw_hash(data),
        text=body,
        title=header.get("title"),
        url=header.get("url"),
        outlet=header.get("outlet"),
        published=published,
        language=header.get("language"),
        warnings=warnings,
    )


def read_html(data: bytes, source: str, limits: Limits, encoding: str | None = None) -> Iterator[ReadResult]:
    """One HTML page; main text and metadata come later, from trafilatura."""
    html = _decoded(data, source, limits, encoding)
    if isinstance(html, DocumentError):
        yield html
        return
    yield RawDocument(source=source, raw_hash=raw_hash(data), html=html)


def read_jsonl(data: bytes, source: str, limits: Limits, encoding: str | None = None) -> Iterator[ReadResult]:
    """One article per line: ``text`` or ``html``, plus url, outlet, published, title."""
    if looks_binary(data):
        yield DocumentError("ED003", "binary content, not JSON lines", source=source)
        return
    for number, line in enumerate(io.BytesIO(data), start=1):
        if not line.strip():
            continue
        yield _jsonl_record(line, f"{source}:{number}", limits, encoding)


def _jsonl_record(line: bytes, source: str, limits: Limits, encoding: str | None) -> ReadResult:
    if (refused := too_large(len(line), limits, source)) is not None:
        return refused
    try:
        record = json.loads(decode_text(line, source=source, encoding=encoding))
    except DocumentError as err:
        return err
    except json.JSONDecodeError as exc:
        return DocumentError("ED007", f"malformed JSON: {exc.msg} at column {exc.colno}", source=source)
    if not isinstance(record, dict):
        return DocumentError("ED007", "a JSON line must hold an object", source=source)
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return DocumentError("ED008", 'line has neither a "text" nor an "html" string', source=source)
    published, warnings = _with_date(record.get("published") or record.get("date"), source)
    return RawDocument(
        source=source,
        raw_hash=raw_hash(line.strip()),
        text=text if isinstance(text, str) else None,
        html=None if isinstance(text, str) else html,
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        outlet=_str_or_none(record.get("outlet")),
        published=published,
        language=_str_or_none(record.get("language")),
        warnings=warnings,
    )


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def read_feed(data: bytes, source: str, limits: Limits, encoding: str | None = None) -> Iterator[ReadResult]:
    """RSS or Atom: one document per item, its content (or summary) as HTML."""
    import feedparser  # imported here: a feed is rare, and the import is slow

    if looks_binary(data):
        yield DocumentError("ED003", "binary content, not a feed", source=source)
        return
    parsed = feedparser.parse(data)
    # feedparser salvages what it can from broken XML; items it salvaged
    # without any content mean the feed was broken, not empty.
    salvaged = [e for e in parsed.entries if e.get("content") or e.get("summary")]
    if not salvaged:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield DocumentError("ED010", f"malformed feed: {reason}", source=source)
        else:
            yield DocumentError("ED009", "feed has no items", source=source)
        return
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, start=1):
        yield _feed_item(entry, f"{source}#{index}", outlet, limits)


def _feed_item(entry: Any, source: str, outlet: str | None, limits: Limits) -> ReadResult:
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    if not body:
        return DocumentError("ED002", "feed item has no content or summary", source=source)
    if (refused := too_large(len(body.encode("utf-8")), limits, source)) is not None:
        return refused
    published, warnings = _with_date(
        entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("published"), source
    )
    identity = entry.get("id") or entry.get("link") or ""
    return RawDocument(
        source=source,
        raw_hash=raw_hash(identity + "\n" + body),
        html=f"<html><body><article>{body}</article></body></html>",
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        outlet=outlet,
        published=published,
        warnings=warnings,
    )


def read_warc(data: bytes, source: str, limits: Limits, encoding: str | None = None) -> Iterator[ReadResult]:
    """WARC (optionally gzipped): every HTML response record is a document."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = records = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            records += 1
            if record.rec_type is None:
                raise ValueError(f"record {records} has no WARC-Type")
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in ctype.lower():
                continue
            count += 1
            item_source = f"{source}#{count}"
            body = record.content_stream().read()
            if (refused := too_large(len(body), limits, item_source)) is not None:
                yield refused
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                html = decode_text(body, source=item_source, encoding=encoding or _charset(ctype))
            except DocumentError as err:
                yield err
                continue
            yield RawDocument(source=item_source, raw_hash=raw_hash(body), html=html, url=url)
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        yield DocumentError("ED011", f"malformed WARC after {count} records: {exc}", source=source)
        return
    if records == 0:
        yield DocumentError("ED011", "no WARC record could be read", source=source)
    elif count == 0:
        yield DocumentError("ED009", "WARC holds no HTML responses", source=source)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None


Reader = Callable[[bytes, str, Limits, "str | None"], Iterator[ReadResult]]

#: Reader by file suffix. ``.xml`` is sniffed (feed or not) by ``sniff``.
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".warc": read_warc,
    ".gz": read_warc,
}


def sniff(data: bytes) -> Reader:
    """Pick a reader from content alone (stdin, files without a suffix)."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/") or data[:2] == b"\x1f\x8b":
        return read_warc
    if head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head:
        return read_feed
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return read_html
    if head.startswith(b"{"):
        return read_jsonl
    return read_txt
