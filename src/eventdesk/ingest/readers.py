"""Format readers: bytes of one input in, raw documents (or coded errors) out.

Each reader yields one item per document, never raises for bad content, and
names each document precisely (``file.jsonl:12``, ``feed.xml#3``) so that an
error points at the exact record and a resumed ingest can skip finished ones.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from eventdesk.dates import parse_published
from eventdesk.errors import DocumentError
from eventdesk.ingest.decode import decode_text, looks_binary
from eventdesk.ingest.limits import Limits, check_json_depth, check_stream, gunzip_chunks, too_large
from eventdesk.ingest.meta import split_header
from eventdesk.ingest.raw import RawDocument, ReadResult, raw_hash

__all__ = ["Limits", "READERS", "too_large", "read_feed", "read_html", "read_jsonl", "read_txt", "read_warc", "sniff"]


def _with_date(value: object, source: str, limits: Limits) -> tuple[Any, tuple[DocumentError, ...]]:
    """Parse a date; a bad one becomes a warning, not a lost document."""
    try:
        published = parse_published(value, source=source)
    except DocumentError as err:
        return None, (err,)
    if published is not None and not limits.min_year <= published.year <= limits.max_year:
        years = f"{limits.min_year}..{limits.max_year}"
        return None, (DocumentError("ED013", f"publication year {published.year} is outside {years}", source=source),)
    return published, ()


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
    published, warnings = _with_date(header.get("published") or header.get("date"), source, limits)
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
    records = 0
    for number, line in enumerate(io.BytesIO(data), start=1):
        if not line.strip():
            continue
        records += 1
        if records > limits.max_records:
            yield _too_many(limits, f"{source}:{number}")
            return
        yield _jsonl_record(line, f"{source}:{number}", limits, encoding)


def _too_many(limits: Limits, source: str) -> DocumentError:
    return DocumentError(
        "ED016", f"over {limits.max_records:,} records in one file; the rest is not read", source=source
    )


def _jsonl_record(line: bytes, source: str, limits: Limits, encoding: str | None) -> ReadResult:
    if (refused := too_large(len(line), limits, source) or check_json_depth(line, limits, source)) is not None:
        return refused
    try:
        record = _loads(decode_text(line, source=source, encoding=encoding), limits)
    except DocumentError as err:
        return DocumentError(err.code, err.message, source=source)
    except json.JSONDecodeError as exc:
        return DocumentError("ED007", f"malformed JSON: {exc.msg} at column {exc.colno}", source=source)
    except (ValueError, RecursionError) as exc:  # int digits over Python's cap; nesting past the depth check
        return DocumentError("ED007", f"malformed JSON: {exc}", source=source)
    if not isinstance(record, dict):
        return DocumentError("ED007", "a JSON line must hold an object", source=source)
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return DocumentError("ED008", 'line has neither a "text" nor an "html" string', source=source)
    if (surrogate := _lone_surrogate(record)) is not None:
        return DocumentError("ED004", f"{surrogate} holds a lone surrogate (an escape like \\ud800)", source=source)
    published, warnings = _with_date(record.get("published") or record.get("date"), source, limits)
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


def _loads(text: str, limits: Limits) -> Any:
    """``json.loads`` refusing integers wider than the limit (a 10,000-digit one costs
    quadratic time to convert, and nothing in an article record needs 20 digits)."""

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > limits.max_number_digits:
            raise DocumentError("ED016", f"a number wider than {limits.max_number_digits} digits", source="")
        return int(digits)

    return json.loads(text, parse_int=bounded_int)


#: The record fields that become stored text.
_TEXT_FIELDS = ("text", "html", "title", "url", "outlet", "language", "published", "date")


def _lone_surrogate(record: dict[str, Any]) -> str | None:
    """The first field holding a lone surrogate: JSON can escape one, UTF-8 cannot store it."""
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return key
    return None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def read_feed(data: bytes, source: str, limits: Limits, encoding: str | None = None) -> Iterator[ReadResult]:
    """RSS or Atom: one document per item, its content (or summary) as HTML."""
    import feedparser  # imported here: a feed is rare, and the import is slow

    if looks_binary(data):
        yield DocumentError("ED003", "binary content, not a feed", source=source)
        return
    if len(data) > limits.max_feed_bytes:
        yield DocumentError("ED005", f"a feed over {limits.max_feed_bytes:,} bytes", source=source)
        return
    if _declares_entities(data):
        # Entities are how XML bombs expand and how external files get read;
        # news feeds have no need of them (feedparser knows the HTML ones).
        yield DocumentError(
            "ED010", "feed declares XML entities (refused: entity expansion and external entities)", source=source
        )
        return
    # A stream, never the bytes themselves: given bytes or a str, feedparser
    # opens them as a path or URL when they look like one ("/dev/zero").
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser salvages most things; what it cannot is a malformed feed
        yield DocumentError("ED010", f"malformed feed: {type(exc).__name__}: {exc}", source=source)
        return
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
        if index > limits.max_records:
            yield _too_many(limits, f"{source}#{index}")
            return
        yield _feed_item(entry, f"{source}#{index}", outlet, limits)


#: "<!ENTITY" as each encoding expat reads would spell it: entity declarations
#: are the XML bomb and the external-entity forms (XML is case-sensitive).
_ENTITY_MARKS = tuple(
    "<!ENTITY".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def _declares_entities(data: bytes) -> bool:
    return any(mark in data for mark in _ENTITY_MARKS)


def _feed_item(entry: Any, source: str, outlet: str | None, limits: Limits) -> ReadResult:
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    if not body:
        return DocumentError("ED002", "feed item has no content or summary", source=source)
    if (refused := too_large(len(body.encode("utf-8")), limits, source)) is not None:
        return refused
    published, warnings = _with_date(
        # dict.get: feedparser's own get() falls back to published_parsed for
        # updated_parsed with a DeprecationWarning
        dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed") or entry.get("published"),
        source,
        limits,
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

    if (refused := _check_warc_stream(data, limits, source)) is not None:
        yield refused
        return
    count = records = 0
    try:
        archive = ArchiveIterator(io.BytesIO(data))
        for record in archive:
            records += 1
            if records > limits.max_records:
                yield _too_many(limits, f"{source}#{count + 1}")
                return
            if record.rec_type is None or record.rec_headers.get_header("Content-Length") is None:
                # Both are mandatory; a record cut inside its headers lacks them.
                raise ValueError(f"record {records} has no WARC-Type or Content-Length")
            if not _is_html_response(record):
                _drain(record, records)
                continue
            count += 1
            document = _warc_document(record, f"{source}#{count}", limits, encoding)
            _drain(record, records)  # a cut-off page is not stored as if whole
            yield document
        if records:
            _check_end(archive, data)
    except Exception as exc:  # warcio raises anything on hostile bytes (an AttributeError on a cut header)
        yield DocumentError(
            "ED011", f"malformed WARC after {count} records: {type(exc).__name__}: {exc}", source=source
        )
        return
    if records == 0:
        yield DocumentError("ED011", "no WARC record could be read", source=source)
    elif count == 0:
        yield DocumentError("ED009", "WARC holds no HTML responses", source=source)


def _check_warc_stream(data: bytes, limits: Limits, source: str) -> DocumentError | None:
    """Walk the whole decompressed stream once, in constant memory, before warcio
    reads it: a gzip bomb or an endless header line is refused here, and a
    truncated gzip member is reported as malformed."""
    chunks = gunzip_chunks(data) if data[:2] == b"\x1f\x8b" else _slices(data)
    try:
        return check_stream(chunks, limits, source, compressed=len(data))
    except ValueError as exc:
        return DocumentError("ED011", f"malformed WARC: {exc}", source=source)


def _slices(data: bytes, size: int = 1 << 16) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(data), size):
        yield bytes(view[start : start + size])


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or not record.http_headers:
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


def _warc_document(record: Any, source: str, limits: Limits, encoding: str | None) -> ReadResult:
    # Read one byte past the limit: enough to know it is too large.
    body = record.content_stream().read(limits.max_document_bytes + 1)
    if (refused := too_large(len(body), limits, source)) is not None:
        return refused
    ctype = record.http_headers.get_header("Content-Type") or ""
    try:
        html = decode_text(body, source=source, encoding=encoding or _charset(ctype))
    except DocumentError as err:
        return err
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(source=source, raw_hash=raw_hash(body), html=html, url=url)


def _drain(record: Any, number: int) -> None:
    """Read what is left of a record; a record shorter than its Content-Length
    means the file was cut off (warcio itself says nothing)."""
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise ValueError(f"record {number} is truncated ({record.raw_stream.limit:,} bytes missing)")


def _check_end(archive: Any, data: bytes) -> None:
    """Bytes after the last whole record mean a record cut inside its headers
    (warcio ends the iteration there without a word)."""
    archive.read_to_end()
    end = archive.get_record_offset() + archive.get_record_length()
    if data[end:].strip():
        raise ValueError(f"the file ends inside a record ({len(data) - end:,} bytes after the last whole one)")


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
