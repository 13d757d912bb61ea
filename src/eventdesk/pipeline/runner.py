"""The batch runner: sources -> clean -> pipeline -> store -> link.

The runner writes through :class:`RunStore`, the few store calls it needs,
so the pipeline room does not import the store (a later stage);
``eventdesk.ingest`` opens the SQLite store and hands it in.

Guarantees, each covered by a test:
- one bad document yields one coded error row and the batch goes on: every
  stage of a document runs inside a boundary (:mod:`eventdesk.pipeline.boundary`)
  that turns any exception into that document's coded error, and a worker
  process that dies costs only the document it died on;
- a document is stored in one transaction with everything it produced, so an
  ingest killed at any point resumes without loss or duplicates;
- re-running the same ingest changes no data table (only the runs log grows).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol, TypedDict, Unpack

from eventdesk.clean import clean
from eventdesk.config import Config, versions
from eventdesk.errors import DocumentError
from eventdesk.ingest.limits import Limits
from eventdesk.ingest.raw import RawDocument, ReadResult
from eventdesk.ingest.sources import read_sources
from eventdesk.link import LinkDecision, Merge, linking, mention_fixes
from eventdesk.pipeline.boundary import failure, out_of_range, storable, store_wide
from eventdesk.pipeline.document import DocumentResult, Pipeline
from eventdesk.pipeline.workers import Processor
from eventdesk.records import Actor, Article, Event, Mention, Place, Review, StatClaim

__all__ = ["BATCH_SIZE", "IngestOptions", "IngestSummary", "Progress", "RunStore", "ingest_into", "relink"]

#: Documents per pipeline batch (per worker).
BATCH_SIZE = 16


class RunStore(Protocol):
    """What the runner needs of a store (``eventdesk.store.SQLiteStore`` is one)."""

    def begin_run(self, *, config_hash: str, versions: dict[str, str]) -> str: ...

    def finish_run(self, run_id: str, *, counts: dict[str, int], timings: dict[str, float]) -> None: ...

    def has_input(self, raw_hash: str) -> bool: ...

    def put_document(
        self,
        article: Article,
        *,
        extracted: bool,
        mentions: Sequence[Mention] = (),
        stat_claims: Sequence[StatClaim] = (),
        actors: Sequence[Actor] = (),
        places: Sequence[Place] = (),
    ) -> bool: ...

    def put_error(self, *, source: str, code: str, message: str, run_id: str, raw_hash: str = "") -> bool: ...

    def mentions(self) -> list[Mention]: ...

    def article_sources(self) -> dict[str, str]: ...

    def article_published(self) -> dict[str, dt.date | None]: ...

    def link_decisions(self) -> list[LinkDecision]: ...

    def mention_reviews(self) -> list[Review]: ...

    def replace_events(self, events: Sequence[Event], merges: Sequence[Merge] = ()) -> None: ...


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

    @property
    def worker_crashes(self) -> int:
        """Documents a worker process died on (ED019); each is in ``errors`` too."""
        return sum(code == "ED019" for _, code, _ in self.errors)


def _with_defaults(doc: RawDocument, published: dt.date | None, outlet: str | None) -> RawDocument:
    """Command-line metadata fills what the document itself does not say."""
    return dataclasses.replace(doc, published=doc.published or published, outlet=doc.outlet or outlet)


class IngestOptions(TypedDict, total=False):
    """The options of an ingest, declared once for ``eventdesk.ingest`` and :func:`ingest_into`.

    ``published`` and ``outlet`` fill in documents that do not say them;
    ``config`` defaults to ``Config()``. ``pipeline`` is loaded on the first
    new document when not given, so a re-run over documents already stored
    costs no model load. With ``workers`` > 1 (default 1) the pipeline runs in
    that many forked processes while this one reads, cleans and writes, in
    input order (so results do not depend on workers). ``progress`` is called
    after every document; ``stdin`` is what the path "-" reads. A folder walk
    does not follow links that lead outside the named folders (ED017) unless
    ``follow_symlinks``; ``limits`` (default ``Limits()`` with the config's
    ``max_document_bytes``) caps what one input may hold.
    """

    published: dt.date | None
    outlet: str | None
    config: Config | None
    pipeline: Pipeline | None
    workers: int
    progress: Callable[[Progress], None] | None
    stdin: BinaryIO | None
    follow_symlinks: bool
    limits: Limits | None


def ingest_into(
    store: RunStore, paths: Iterable[str], *, db: str | Path, **options: Unpack[IngestOptions]
) -> IngestSummary:
    """Ingest every document behind ``paths`` into ``store``, the database at ``db``
    (whose own files are never read as input). See :class:`IngestOptions`."""
    unknown = set(options) - set(IngestOptions.__annotations__)
    if unknown:
        raise TypeError(f"ingest got unexpected options: {', '.join(sorted(unknown))}")
    config = options.get("config") or Config()
    workers = options.get("workers", 1)
    progress = options.get("progress")
    started = time.perf_counter()
    run = _Run(
        store=store,
        config=config,
        loaded=options.get("pipeline"),
        published=options.get("published"),
        outlet=options.get("outlet"),
    )
    limits = options.get("limits") or Limits(max_document_bytes=config.max_document_bytes)
    own = frozenset(Path(f"{db}{suffix}").resolve() for suffix in ("", "-wal", "-shm", "-journal"))
    items = read_sources(
        paths,
        limits=limits,
        encoding=config.encoding,
        stdin=options.get("stdin"),
        exclude=own,
        follow_symlinks=options.get("follow_symlinks", False),
    )
    # Documents go through the pipeline in batches (shared spaCy calls) but
    # are written one transaction each, so a kill loses at most the batch
    # in flight, never stored data.
    with Processor(run.pipeline, workers) as processor:
        for chunk in _chunks(items, BATCH_SIZE * max(1, workers)):
            for source in run.handle(chunk, processor):
                if progress:
                    elapsed = time.perf_counter() - started
                    progress(
                        Progress(
                            documents=run.counts["documents"], errors=len(run.errors), elapsed=elapsed, source=source
                        )
                    )
    run.counts["events"] = relink(store)
    seconds = time.perf_counter() - started
    store.finish_run(run.run_id, counts=dict(run.counts), timings={"total": seconds})
    return run.summary(db, seconds)


def _chunks(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    chunk: list[ReadResult] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(kw_only=True)
class _Run:
    """State of one ingest run: the store, counts, errors, the lazy pipeline."""

    store: RunStore
    config: Config
    loaded: Pipeline | None
    published: dt.date | None
    outlet: str | None
    run_id: str = ""
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.run_id = self.store.begin_run(config_hash=self.config.hash(), versions=versions())

    def pipeline(self) -> Pipeline:
        if self.loaded is None:
            self.loaded = Pipeline.load(self.config)
        return self.loaded

    def record(self, err: DocumentError, raw: str = "", *, warning: bool = False) -> None:
        source, message = storable(err.source), storable(err.message)
        self.store.put_error(source=source, code=err.code, message=message, run_id=self.run_id, raw_hash=raw)
        (self.warnings if warning else self.errors).append((source, err.code, message))

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
        except Exception as exc:  # the boundary: a bug in cleaning costs this document only
            self.record(failure("cleaning", exc, item.source), item.raw_hash)
            return None
        for warning in warnings:
            self.record(warning, item.raw_hash, warning=True)
        return article

    def handle(self, chunk: list[ReadResult], processor: Processor) -> Iterator[str]:
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
        source = result.article.source or result.article.id
        if (where := out_of_range(result)) is not None:
            message = f"a number in {where.lstrip('.')} is wider than 64 bits or not finite"
            self.record(DocumentError("ED016", message, source=source), result.article.raw_hash)
            return
        try:
            stored = self.store.put_document(
                result.article,
                extracted=result.extracted,
                mentions=result.mentions,
                stat_claims=result.stat_claims,
                actors=result.actors,
                places=result.places,
            )
        except Exception as exc:
            if store_wide(exc):
                raise
            self.record(failure("storing", exc, source), result.article.raw_hash)
            return
        if not stored:
            self.counts["duplicates"] += 1  # same text already stored from another input
            return
        self.counts["stored"] += 1
        self.counts["not_extracted"] += int(not result.extracted)
        self.counts["mentions"] += len(result.mentions)
        self.counts["stat_claims"] += len(result.stat_claims)

    def summary(self, db: str | Path, seconds: float) -> IngestSummary:
        c = self.counts
        return IngestSummary(
            run_id=self.run_id,
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
            errors=tuple(self.errors),
            warnings=tuple(self.warnings),
        )


def _raw_of(articles: list[Article], source: str) -> str:
    return next((a.raw_hash for a in articles if a.source == source), "")


def relink(store: RunStore) -> int:
    """Recompute events from every stored mention, under the analysts' link
    decisions and mention reviews, and log the merges; returns the event count.
    Versions of one page (an updated copy at the same URL) count as one source."""
    made = linking(
        store.mentions(),
        store.article_sources(),
        published=store.article_published(),
        decisions=store.link_decisions(),
        fixes=mention_fixes(store.mention_reviews()),
    )
    store.replace_events(made.events, made.merges)
    return len(made.events)
