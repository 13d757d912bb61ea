"""Running the pipeline over a batch: in this process or in forked workers.

A failure is contained to its document: one bad article becomes one ED014
error and the rest of its batch is still processed. A worker process that
dies (killed, out of memory, a crash in native code) breaks its pool; the
batch is then redone one article at a time in fresh workers, so only the
article a worker dies on gets ED019.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from eventdesk.errors import DocumentError
from eventdesk.pipeline.document import DocumentResult, Pipeline
from eventdesk.records import Article

__all__ = ["Processor", "process_batch", "process_safely"]


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


class Processor:
    """Runs the pipeline in this process or in a pool of forked workers.

    ``pipeline`` is called for the loaded Pipeline only when there is work,
    so a run over documents already stored loads no model.
    """

    def __init__(self, pipeline: Callable[[], Pipeline], workers: int) -> None:
        self.pipeline = pipeline
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Processor:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()

    def map(self, articles: list[Article]) -> list[DocumentResult | DocumentError]:
        if not articles:
            return []
        if self.workers <= 1:
            return process_batch(self.pipeline(), articles)
        size = max(1, len(articles) // self.workers)
        parts = [articles[i : i + size] for i in range(0, len(articles), size)]
        try:
            return [r for part in self._executor().map(_batch_in_worker, parts) for r in part]
        except BrokenProcessPool:
            self._close()
            return [self._alone(article) for article in articles]

    def _alone(self, article: Article) -> DocumentResult | DocumentError:
        """One article in a worker of its own: the one a worker dies on gets ED019."""
        try:
            [result] = self._executor().submit(_batch_in_worker, [article]).result()
        except BrokenProcessPool:
            self._close()
            return DocumentError(
                "ED019", "the worker process died on this document", source=article.source or article.id
            )
        return result

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            global _WORKER_PIPELINE
            _WORKER_PIPELINE = self.pipeline()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        return self._pool

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
