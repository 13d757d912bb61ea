"""Turn the user's PATH arguments into raw documents, lazily and in a stable order.

Each file is read inside a boundary: whatever goes wrong while reading it
becomes a coded error for that file, and the files after it are still read.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from eventdesk.errors import DocumentError
from eventdesk.ingest.limits import Limits, read_capped, too_large
from eventdesk.ingest.raw import ReadResult
from eventdesk.ingest.readers import READERS, Reader, read_warc, sniff

__all__ = ["display_name", "expand", "read_sources"]

_GLOB_CHARS = frozenset("*?[")


def display_name(name: str) -> str:
    """A file name as it can be stored and printed: bytes that are not UTF-8
    (kept by Python as lone surrogates) are shown as ``\\xff`` escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def expand(
    paths: Iterable[str], *, exclude: frozenset[Path] = frozenset(), follow_symlinks: bool = False
) -> Iterator[str | DocumentError]:
    """Files named by ``paths`` (files, folders, globs, ``-`` for stdin), in order.

    A folder is walked recursively in sorted order, skipping hidden entries;
    a path that matches nothing becomes ED001 rather than stopping the batch.
    A link inside a folder that leads outside every named folder is ED017
    unless ``follow_symlinks``: a report folder must not be a way to read
    /etc/passwd into a database that is then served.
    """
    paths = list(paths)
    roots = tuple(Path(raw).resolve() for raw in paths if raw != "-" and Path(raw).is_dir())
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, roots, exclude, follow_symlinks)
        elif path.is_file():
            yield raw
        elif _GLOB_CHARS & set(raw):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                yield DocumentError("ED001", "pattern matches no file", source=display_name(raw))
            yield from matches
        else:
            yield DocumentError("ED001", "no such file or folder", source=display_name(raw))


def _walk(
    root: Path, roots: tuple[Path, ...], exclude: frozenset[Path], follow_symlinks: bool
) -> Iterator[str | DocumentError]:
    """Files under ``root`` in sorted order; links leaving ``roots`` become ED017."""
    found: list[Path | DocumentError] = []
    seen: set[Path] = set()  # real folders already walked: a link loop ends here
    for folder, dirs, files in os.walk(root, followlinks=follow_symlinks):
        real = Path(folder).resolve()
        if real in seen:
            dirs.clear()
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in [*dirs, *files]:
            entry = Path(folder, name)
            if name.startswith(".") or entry.resolve() in exclude:
                continue
            if not follow_symlinks and entry.is_symlink() and not _inside(entry.resolve(), roots):
                found.append(DocumentError("ED017", "link leads outside the folder", source=display_name(str(entry))))
            elif name in files and entry.is_file():
                found.append(entry)
    found.sort(key=lambda item: item if isinstance(item, Path) else Path(item.source))
    for item in found:
        yield item if isinstance(item, DocumentError) else str(item)


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


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
    follow_symlinks: bool = False,
) -> Iterator[ReadResult]:
    """Every raw document (or per-document error) behind ``paths``.

    ``exclude`` names files a folder walk skips (the database being written,
    when it sits among the reports); ``follow_symlinks`` lets a folder walk
    follow links that leave the named folders."""
    limits = limits or Limits()
    for item in expand(paths, exclude=exclude, follow_symlinks=follow_symlinks):
        if isinstance(item, DocumentError):
            yield item
            continue
        yield from _guarded(item, _read_one(item, limits, encoding, stdin))


def _guarded(name: str, results: Iterator[ReadResult]) -> Iterator[ReadResult]:
    """The reading boundary: a reader that raises costs the rest of its own
    file (one ED018), never the files after it."""
    try:
        yield from results
    except Exception as exc:  # any bug or resource error confined to this file
        source = "<stdin>" if name == "-" else display_name(name)
        yield DocumentError("ED018", f"reading failed: {type(exc).__name__}: {exc}", source=source)


def _read_one(name: str, limits: Limits, encoding: str | None, stdin: BinaryIO | None) -> Iterator[ReadResult]:
    if name == "-":
        data = read_capped(stdin or sys.stdin.buffer, limits.max_file_bytes, "<stdin>")
        if isinstance(data, DocumentError):
            yield data
            return
        yield from _dispatch(sniff(data), data, "<stdin>", limits, encoding)
        return
    source = display_name(name)
    reader = reader_for(name)
    if reader is None:
        yield DocumentError("ED012", f"unsupported file type {Path(source).suffix or '(none)'!r}", source=source)
        return
    single = reader not in (READERS[".jsonl"], READERS[".rss"], read_warc)
    # Refuse before reading: a huge single document is never read into memory.
    if single and (err := too_large(Path(name).stat().st_size, limits, source)) is not None:
        yield err
        return
    data = _read_file(name, limits.max_document_bytes if single else limits.max_file_bytes, source)
    if isinstance(data, DocumentError):
        yield data
        return
    yield from _dispatch(reader, data, source, limits, encoding)


def _read_file(name: str, cap: int, source: str) -> bytes | DocumentError:
    """The file's bytes, never more than ``cap`` (its size may change, or lie)."""
    try:
        with open(name, "rb") as fh:
            return read_capped(fh, cap, source)
    except OSError as exc:
        return DocumentError("ED001", f"cannot read: {exc.strerror}", source=source)


def _dispatch(reader: Reader, data: bytes, source: str, limits: Limits, encoding: str | None) -> Iterator[ReadResult]:
    if not data.strip():
        yield DocumentError("ED002", "empty document", source=source)
        return
    yield from reader(data, source, limits, encoding)
