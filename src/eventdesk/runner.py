"""The single-process ingest runner: sources -> clean -> pipeline -> store -> link.

Guarantees, each covered by a test:
- one bad document yields one coded error row and the batch goes on;
- a document is stored in one transaction with everything it produced, so an
  ingest killed at any point resumes without loss or duplicates;
- re-running the same ingest changes no data table (only the runs log grows).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventdesk.clean import clean
from eventdesk.config import Config, versions
from eventdesk.errors import DocumentError
from eventdesk.ingest.raw import RawDocument
from eventdesk.ingest.readers import Limits
from eventdesk.ingest.sources import read_sources
from eventdesk.link import link
from eventdesk.pipeline import DocumentResult, Pipeline
from eventdesk.store import SQLiteStore, open_store

__all__ = ["IngestSummary", "Progress", "ingest", "relink"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Progress:
    """Handed to the progress callback after every document."""

    documents: int
    errors: int
    elapsed: float
    source: str


@dataclass(frozen=True, kw_only=True, slots=True)
class IngestSummary:
    """What one ingest run did. ``errors`` lists this run's (source, code, message)."""

    run_id: str
    db: str
    documents: int
    stored: int
    unchanged: int
    duplicates: int
    not_extracted: int
    mentions: int
    stat_claims: int
    events: int
    seconds: float
    errors: tuple[tuple[str, str, str], ...] = ()
    warnings: tuple[tuple[str, str, str], ...] = ()

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


class _Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.errors: list[tuple[str, str, str]] = []
        self.warnings: list[tuple[str, str, str]] = []


def _with_defaults(doc: RawDocument, published: dt.date | None, outlet: str | None) -> RawDocument:
    """Command-line metadata fills what the document itself does not say."""
    return dataclasses.replace(doc, published=doc.published or published, outlet=doc.outlet or outlet)


def ingest(
    paths: Iterable[str],
    db: str | Path = "events.db",
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
    progress: Callable[[Progress], None] | None = None,
    stdin: BinaryIO | None = None,
) -> IngestSummary:
    """Ingest every document behind ``paths`` into the SQLite database ``db``.

    ``pipeline`` is loaded on the first new document, so a re-run over
    documents already stored costs no model load.
    """
    config = config or Config()
    started = time.perf_counter()
    tally = _Tally()
    with open_store(db) as store:
        run_id = store.begin_run(config_hash=config.hash(), versions=versions())
        limits = Limits(max_document_bytes=config.max_document_bytes)
        loaded: list[Pipeline] = [pipeline] if pipeline else []
        for item in read_sources(paths, limits=limits, encoding=config.encoding, stdin=stdin):
            source = _ingest_one(store, item, run_id, tally, loaded, config, published, outlet)
            tally.counts["documents"] += 1
            if progress:
                progress(Progress(
                    documents=tally.counts["documents"],
                    errors=len(tally.errors),
                    elapsed=time.perf_counter() - started,
                    source=source,
                ))
        tally.counts["events"] = relink(store)
        seconds = time.perf_counter() - started
        store.finish_run(run_id, counts=dict(tally.counts), timings={"total": seconds})
    c = tally.counts
    return IngestSummary(
        run_id=run_id,
        db=str(db),
        documents=c["documents"],
        stored=c["stored"],
        unchanged=c["unchanged"],
        duplicates=c["duplicates"],
        not_extracted=c["not_extracted"],
        mentions=c["mentions"],
        stat_claims=c["stat_claims"],
        events=c["events"],
        seconds=seconds,
        errors=tuple(tally.errors),
        warnings=tuple(tally.warnings),
    )


def _record(store: SQLiteStore, err: DocumentError, run_id: str, raw: str, into: list[tuple[str, str, str]]) -> None:
    store.put_error(source=err.source, code=err.code, message=err.message, run_id=run_id, raw_hash=raw)
    into.append((err.source, err.code, err.message))


def _ingest_one(
    store: SQLiteStore,
    item: RawDocument | DocumentError,
    run_id: str,
    tally: _Tally,
    loaded: list[Pipeline],
    config: Config,
    published: dt.date | None,
    outlet: str | None,
) -> str:
    """Handle one raw document or error; returns its source name for progress."""
    if isinstance(item, DocumentError):
        _record(store, item, run_id, "", tally.errors)
        return item.source
    if store.has_input(item.raw_hash):
        tally.counts["unchanged"] += 1
        return item.source
    try:
        article, warnings = clean(_with_defaults(item, published, outlet))
        for warning in warnings:
            _record(store, warning, run_id, item.raw_hash, tally.warnings)
        if not loaded:
            loaded.append(Pipeline.load(config))
        result = loaded[0].process(article)
    except DocumentError as err:
        _record(store, err, run_id, item.raw_hash, tally.errors)
        return item.source
    except Exception as exc:  # a bug on one document must not cost the batch
        failure = DocumentError("ED014", f"extraction failed: {type(exc).__name__}: {exc}", source=item.source)
        _record(store, failure, run_id, item.raw_hash, tally.errors)
        return item.source
    _store_result(store, result, tally)
    return item.source


def _store_result(store: SQLiteStore, result: DocumentResult, tally: _Tally) -> None:
    stored = store.put_document(
        result.article,
        extracted=result.extracted,
        mentions=result.mentions,
        stat_claims=result.stat_claims,
        actors=result.actors,
        places=result.places,
    )
    if not stored:
        tally.counts["duplicates"] += 1  # same text already stored from another input
        return
    tally.counts["stored"] += 1
    tally.counts["not_extracted"] += int(not result.extracted)
    tally.counts["mentions"] += len(result.mentions)
    tally.counts["stat_claims"] += len(result.stat_claims)


def relink(store: SQLiteStore) -> int:
    """Recompute events from every stored mention; returns the event count."""
    events = link(store.mentions())
    store.replace_events(events)
    return len(events)
