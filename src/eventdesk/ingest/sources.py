"""Turn the user's PATH arguments into raw documents, lazily and in a stable order."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from eventdesk.errors import DocumentError
from eventdesk.ingest.raw import ReadResult
from eventdesk.ingest.readers import READERS, Limits, Reader, read_warc, sniff, too_large

__all__ = ["expand", "read_sources"]

_GLOB_CHARS = frozenset("*?[")


def expand(paths: Iterable[str], *, exclude: frozenset[Path] = frozenset()) -> Iterator[str | DocumentError]:
    """Files named by ``paths`` (files, folders, globs, ``-`` for stdin), in order.

    A folder is walked recursively in sorted order, skipping hidden entries;
    a path that matches nothing becomes ED001 rather than stopping the batch.
    """
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            yield from (
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and not _hidden(p, path) and p.resolve() not in exclude
            )
        elif path.is_file():
            yield raw
        elif _GLOB_CHARS & set(raw):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                yield DocumentError("ED001", "pattern matches no file", source=raw)
            yield from matches
        else:
            yield DocumentError("ED001", "no such file or folder", source=raw)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def reader_for(name: str) -> Reader | None:
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return read_warc
    return READERS.get(Path(lower).suffix) if not lower.endswith(".gz") else None


def read_sources(
    paths: Iterable[str],
    *,
    limits: Limits | None = None,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    exclude: frozenset[Path] = frozenset(),
) -> Iterator[ReadResult]:
    """Every raw document (or per-document error) behind ``paths``.

    ``exclude`` names files a folder walk skips (the database being written,
    when it sits among the reports)."""
    limits = limits or Limits()
    for item in expand(paths, exclude=exclude):
        if isinstance(item, DocumentError):
            yield item
            continue
        yield from _read_one(item, limits, encoding, stdin)


def _read_one(name: str, limits: Limits, encoding: str | None, stdin: BinaryIO | None) -> Iterator[ReadResult]:
    if name == "-":
        data = (stdin or sys.stdin.buffer).read()
        yield from _dispatch(sniff(data), data, "<stdin>", limits, encoding)
        return
    reader = reader_for(name)
    if reader is None:
        yield DocumentError("ED012", f"unsupported file type {Path(name).suffix or '(none)'!r}", source=name)
        return
    single = reader not in (READERS[".jsonl"], READERS[".rss"], read_warc)
    size = Path(name).stat().st_size
    # Refuse before reading: a huge single document is never read into memory.
    if single and (err := too_large(size, limits, name)) is not None:
        yield err
        return
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        yield DocumentError("ED001", f"cannot read: {exc.strerror}", source=name)
        return
    yield from _dispatch(reader, data, name, limits, encoding)


def _dispatch(reader: Reader, data: bytes, source: str, limits: Limits, encoding: str | None) -> Iterator[ReadResult]:
    if not data.strip():
        yield DocumentError("ED002", "empty document", source=source)
        return
    yield from reader(data, source, limits, encoding)
