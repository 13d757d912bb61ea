"""The pipeline room: one article through the stages, and the batch runner.

- :mod:`eventdesk.pipeline.document`: ``Pipeline``, the per-article pipeline
  (nlp + extract -> resolve), holding the loaded model and gazetteers;
- :mod:`eventdesk.pipeline.workers`: a batch in this process or in forked
  workers, one bad document costing only itself;
- :mod:`eventdesk.pipeline.runner`: sources -> clean -> pipeline -> a store
  -> link, written through the ``RunStore`` protocol (the store is a later
  room; ``eventdesk.ingest`` opens one and hands it in).
"""

from __future__ import annotations

from eventdesk.pipeline.document import DocumentResult, Pipeline
from eventdesk.pipeline.runner import (
    BATCH_SIZE,
    IngestOptions,
    IngestSummary,
    Progress,
    RunStore,
    ingest_into,
    relink,
)

__all__ = [
    "BATCH_SIZE",
    "DocumentResult",
    "IngestOptions",
    "IngestSummary",
    "Pipeline",
    "Progress",
    "RunStore",
    "ingest_into",
    "relink",
]
