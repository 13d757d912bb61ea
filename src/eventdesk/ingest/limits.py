"""The limits no input may exceed, and the cheap checks that enforce them.

Every limit is checked while reading, before the costly step it protects
(decompression, JSON parsing, the pipeline), so a hostile file costs at most
its cap in memory and time, and a refused document is one coded error.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from eventdesk.errors import DocumentError

__all__ = ["Limits", "check_json_depth", "check_stream", "gunzip_chunks", "read_capped", "too_large"]

_CHUNK = 1 << 16


@dataclass(frozen=True, kw_only=True, slots=True)
class Limits:
    """What one input may hold; each limit has the coded error it gives.

    - ``max_document_bytes`` (ED005): one document (a file, a JSONL line, a
      feed item, a WARC record body). 5 MB of text is about 800,000 words: far
      beyond any news report, so a larger one is a dump or a mistake.
    - ``max_file_bytes`` (ED005): a container file (JSONL, feed, WARC) as read
      from disk, before decompression. Never more is read.
    - ``max_decompressed_bytes`` and ``max_expansion`` (ED005): a gzipped WARC
      after decompression, counted while streaming; the ratio catches a gzip
      bomb after a few MB instead of after the absolute cap.
    - ``max_feed_bytes`` (ED005): a feed file; feedparser holds the whole
      parse in memory, and a real feed is a few hundred kB.
    - ``max_line_bytes`` (ED016): one line of a WARC stream (header lines are
      read whole by warcio, so an endless line would be held in memory).
    - ``max_json_depth`` (ED016): nesting of a JSON line (a deep one blows the
      parser's stack; an article record is two levels deep).
    - ``max_number_digits`` (ED016): an integer in a JSON line.
    - ``max_records`` (ED016): records per container; the rest are refused.
    - ``min_year``/``max_year`` (ED013): a publication date outside them is
      a warning and the document is stored without a date.
    """

    max_document_bytes: int = 5_000_000
    max_file_bytes: int = 512_000_000
    max_decompressed_bytes: int = 2_000_000_000
    max_expansion: int = 100
    max_feed_bytes: int = 50_000_000
    max_line_bytes: int = 5_000_000
    max_json_depth: int = 32
    max_number_digits: int = 20
    max_records: int = 100_000
    min_year: int = 1
    max_year: int = 9999


def too_large(size: int, limits: Limits, source: str) -> DocumentError | None:
    if size > limits.max_document_bytes:
        return DocumentError(
            "ED005",
            f"{size:,} bytes is over the {limits.max_document_bytes:,}-byte document limit (raise it with --max-bytes)",
            source=source,
        )
    return None


def read_capped(stream: BinaryIO, cap: int, source: str) -> bytes | DocumentError:
    """Read at most ``cap`` bytes; more means ED005 (never read whole: it may be /dev/zero)."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        return DocumentError("ED005", f"over the {cap:,}-byte file limit", source=source)
    return data


_JSON_TOKENS = re.compile(rb'[\[\]{}"]')


def check_json_depth(line: bytes, limits: Limits, source: str) -> DocumentError | None:
    """ED016 when brackets nest deeper than the limit (checked before ``json.loads``,
    whose C parser recurses once per level and dies of a RecursionError)."""
    depth = 0
    in_string = False
    for match in _JSON_TOKENS.finditer(line):
        token = match.group()
        if token == b'"':
            in_string = in_string == _is_escaped(line, match.start())
        elif in_string:
            continue
        elif token in (b"[", b"{"):
            depth += 1
            if depth > limits.max_json_depth:
                return DocumentError("ED016", f"JSON nested deeper than {limits.max_json_depth} levels", source=source)
        else:
            depth -= 1
    return None


def _is_escaped(line: bytes, quote: int) -> bool:
    """A quote is escaped when an odd number of backslashes precede it."""
    run = 0
    while quote - run - 1 >= 0 and line[quote - run - 1] == 0x5C:
        run += 1
    return run % 2 == 1


def check_stream(chunks: Iterable[bytes], limits: Limits, source: str, *, compressed: int) -> DocumentError | None:
    """Walk decompressed chunks in constant memory: total size, expansion, line length."""
    total = line = 0
    cap = min(limits.max_decompressed_bytes, max(compressed, 1) * limits.max_expansion + limits.max_document_bytes)
    for chunk in chunks:
        total += len(chunk)
        if total > cap:
            return DocumentError(
                "ED005", f"expands past {cap:,} bytes from {compressed:,} (a compression bomb?)", source=source
            )
        longest, line = _lines(chunk, line)
        if longest > limits.max_line_bytes:
            return DocumentError("ED016", f"a line is longer than {limits.max_line_bytes:,} bytes", source=source)
    return None


def _lines(chunk: bytes, open_line: int) -> tuple[int, int]:
    """(longest line so far in this chunk, length of the line left open at its end)."""
    parts = chunk.split(b"\n")
    if len(parts) == 1:
        return open_line + len(chunk), open_line + len(chunk)
    inner = max((len(p) for p in parts[1:-1]), default=0)
    return max(open_line + len(parts[0]), inner, len(parts[-1])), len(parts[-1])


def gunzip_chunks(data: bytes) -> Iterator[bytes]:
    """Decompress (multi-member) gzip in bounded chunks; ValueError when truncated or corrupt."""
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        pending = rest
        while True:
            try:
                out = inflater.decompress(pending, _CHUNK)
            except zlib.error as exc:
                raise ValueError(f"corrupt gzip data: {exc}") from exc
            pending = inflater.unconsumed_tail
            if out:
                yield out
            if inflater.eof or not (pending or out):
                break
        if not inflater.eof:
            raise ValueError("gzip stream is truncated")
        rest = inflater.unused_data.lstrip(b"\x00")
