"""What the readers hand on: one raw document with its metadata, or an error."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from eventdesk.errors import DocumentError

__all__ = ["RawDocument", "ReadResult", "raw_hash"]


def raw_hash(data: bytes | str) -> str:
    """Hash of a document's raw content (plus nothing else): the resume key."""
    blob = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.sha256(blob).hexdigest()[:32]


@dataclass(frozen=True, kw_only=True, slots=True)
class RawDocument:
    """A document before cleaning.

    Exactly one of ``text`` and ``html`` is set; ``source`` names where it came
    from precisely enough to find it again (``file.jsonl:12``, ``feed.xml#3``).
    ``warnings`` are per-document problems that did not stop it (a bad date).
    """

    source: str
    raw_hash: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    warnings: tuple[DocumentError, ...] = ()


ReadResult = RawDocument | DocumentError
