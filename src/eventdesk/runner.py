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
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from eventdesk.clean import clean
from eventdesk.config import Config, versions
from eventdesk.errors import DocumentError
from eventdesk.ingest.raw import RawDocument, ReadResult
from eventdesk.ingest.readers import Limits
from eventdesk.ingest.sources import read_sources
from eventdesk.link import link
from eventdesk.pipeline import DocumentResult, Pipeline
from eventdesk.records import Article
from eventdesk.store import SQLiteStore, open_store

__all__ = ["BATCH_SIZE", "IngestSummary", "Progress", "ingest", "relink"]

#: Documents per pipeline batch (per worker).
BATCH_SIZE = 16


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
    workers: int = 1,
    progress: Callable[[Progress], None] | None = None,
    stdin: BinaryIO | None = None,
) -> IngestSummary:
    """Ingest every document behind ``paths`` into the SQLite database ``db``.

    ``pipeline`` is loaded on the first new document, so a re-run over
    documents already stored costs no model load. With ``workers`` > 1 the
    pipeline runs in that many forked processes while this one reads,
    cleans and writes, in input order (so results do not depend on workers).
    """
    config = config or Config()
    started = time.perf_counter()
    with open_store(db) as store:
        run = _Run(store, config, pipeline, published=published, outlet=outlet)
        limits = Limits(max_document_bytes=config.max_document_bytes)
        own = frozenset(Path(f"{db}{suffix}").resolve() for suffix in ("", "-wal", "-shm", "-journal"))
        items = read_sources(paths, limits=limits, encoding=config.encoding, stdin=stdin, exclude=own)
        # Documents go through the pipeline in batches (shared spaCy calls) but
        # are written one transaction each, so a kill loses at most the batch
        # in flight, never stored data.
        batch = BATCH_SIZE * max(1, workers)
        with _Processor(run, workers) as processor:
            for chunk in _chunks(items, batch):
                for source in run.handle(chunk, processor):
                    if progress:
                        progress(
                            Progress(
                                documents=run.counts["documents"],
                                errors=len(run.errors),
                                elapsed=time.perf_counter() - started,
                                source=source,
                            )
                        )
        run.counts["events"] = relink(store)
        seconds = time.perf_counter() - started
        store.finish_run(run.run_id, counts=dict(run.counts), timings={"total": seconds})
    c = run.counts
    return IngestSummary(
        run_id=run.run_id,
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
        errors=tuple(run.errors),
        warnings=tuple(run.warnings),
    )


def _chunks(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    chunk: list[ReadResult] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Run:
    """State of one ingest run: the store, counts, errors, the lazy pipeline."""

    def __init__(
        self,
        store: SQLiteStore,
        config: Config,
        pipeline: Pipeline | None,
        *,
        published: dt.date | None,
        outlet: str | None,
    ) -> None:
        self.store = store
        self.config = config
        self._pipeline = pipeline
        self.published = published
        self.outlet = outlet
        self.run_id = store.begin_run(config_hash=config.hash(), versions=versions())
        self.counts: Counter[str] = Counter()
        self.errors: list[tuple[str, str, str]] = []
        self.warnings: list[tuple[str, str, str]] = []

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline.load(self.config)
        return self._pipeline

    def record(self, err: DocumentError, raw: str = "", *, warning: bool = False) -> None:
        self.store.put_error(source=err.source, code=err.code, message=err.message, run_id=self.run_id, raw_hash=raw)
        (self.warnings if warning else self.errors).append((err.source, err.code, err.message))

    def prepare(self, item: ReadResult) -> Article | None:
        """Errors, already-stored inputs and cleaning; the Article still to process."""
        self.counts["documents"] += 1
        if isinstance(item, DocumentError):
            self.record(item)
            return None
        if self.store.has_input(item.raw_hash):
            self.counts["unchanged"] += 1
            return None
        try:
            article, warnings = clean(_with_defaults(item, self.published, self.outlet))
        except DocumentError as err:
            self.record(err, item.raw_hash)
            return None
        for warning in warnings:
            self.record(warning, item.raw_hash, warning=True)
        return article

    def handle(self, chunk: list[ReadResult], processor: _Processor) -> Iterator[str]:
        """Prepare, process and store one chunk; yields each document's source."""
        todo: list[Article] = []
        for item in chunk:
            article = self.prepare(item)
            if article is not None:
                todo.append(article)
            else:
                yield item.source
        for result in processor.map(todo):
            if isinstance(result, DocumentError):
                self.record(result, _raw_of(todo, result.source))
            else:
                self.save(result)
            yield result.source if isinstance(result, DocumentError) else result.article.source or ""

    def save(self, result: DocumentResult) -> None:
        stored = self.store.put_document(
            result.article,
            extracted=result.extracted,
            mentions=result.mentions,
            stat_claims=result.stat_claims,
            actors=result.actors,
            places=result.places,
        )
        if not stored:
            self.counts["duplicates"] += 1  # same text already stored from another input
            return
        self.counts["stored"] += 1
        self.counts["not_extracted"] += int(not result.extracted)
        self.counts["mentions"] += len(result.mentions)
        self.counts["stat_claims"] += len(result.stat_claims)


def _raw_of(articles: list[Article], source: str) -> str:
    return next((a.raw_hash for a in articles if a.source == source), "")


def process_safely(pipeline: Pipeline, article: Article) -> DocumentResult | DocumentError:
    """Run the pipeline on one article; a failure becomes that document's ED014."""
    try:
        return pipeline.process(article)
    except DocumentError as err:
        return err
    except Exception as exc:  # a bug on one document must not cost the batch
        return DocumentError(
            "ED014", f"extraction failed: {type(exc).__name__}: {exc}", source=article.source or article.id
        )


def process_batch(pipeline: Pipeline, articles: list[Article]) -> list[DocumentResult | DocumentError]:
    """The whole batch in shared spaCy calls; if any article fails, each is
    redone alone, so only the culprit gets its ED014."""
    try:
        return list(pipeline.process_many(articles))
    except Exception:  # isolate the culprit below; the others are unaffected
        return [process_safely(pipeline, a) for a in articles]


# Set in the parent before forking, so workers share the loaded model and
# gazetteer pages copy-on-write instead of loading them once each.
_WORKER_PIPELINE: Pipeline | None = None


def _batch_in_worker(articles: list[Article]) -> list[DocumentResult | DocumentError]:
    if _WORKER_PIPELINE is None:
        raise RuntimeError("worker started without a pipeline")
    return process_batch(_WORKER_PIPELINE, articles)


class _Processor:
    """Runs the pipeline in this process or in a pool of forked workers."""

    def __init__(self, run: _Run, workers: int) -> None:
        self.run = run
        self.workers = workers
        self._pool: Any = None

    def __enter__(self) -> _Processor:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()

    def map(self, articles: list[Article]) -> list[DocumentResult | DocumentError]:
        if not articles:
            return []
        if self.workers <= 1:
            return process_batch(self.run.pipeline, articles)
        if self._pool is None:
            global _WORKER_PIPELINE
            _WORKER_PIPELINE = self.run.pipeline
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
        size = max(1, len(articles) // self.workers)
        parts = [articles[i : i + size] for i in range(0, len(articles), size)]
        return [r for part in self._pool.map(_batch_in_worker, parts) for r in part]


def relink(store: SQLiteStore) -> int:
    """Recompute events from every stored mention; returns the event count."""
    events = link(store.mentions())
    store.replace_events(events)
    return len(events)
