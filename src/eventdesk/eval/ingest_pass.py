"""The benchmark's "whole pipeline" pass: a real ingest into a fresh SQLite file.

Module-level functions only, so the benchmark can hand them to worker
processes (they are pickled by reference).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

from eventdesk.eval.bench import Runner

__all__ = ["corpus_texts", "ingest_runner"]


def corpus_texts(paths: Sequence[str], *, limit: int | None = None) -> list[str]:
    """Canonical texts of the readable documents behind ``paths`` (errors skipped).

    Both benchmark passes run over exactly these texts, so the ratio compares
    like with like.
    """
    from eventdesk.clean import clean
    from eventdesk.errors import DocumentError
    from eventdesk.ingest.sources import read_sources

    texts: list[str] = []
    for item in read_sources(paths):
        if isinstance(item, DocumentError):
            continue
        try:
            article, _ = clean(item)
        except DocumentError:
            continue
        texts.append(article.text)
        if limit is not None and len(texts) >= limit:
            break
    return texts


def ingest_runner() -> Runner:
    """Load the pipeline once, then ingest each batch of texts into a new database."""
    from eventdesk import ingest
    from eventdesk.pipeline import Pipeline

    pipeline = Pipeline.load()

    def run(texts: Sequence[str]) -> int:
        with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as folder:
            corpus = Path(folder) / "corpus.jsonl"
            with corpus.open("w", encoding="utf-8") as fh:
                for text in texts:
                    fh.write(json.dumps({"text": text, "language": "en"}) + "\n")
            ingest([str(corpus)], Path(folder) / "bench.db", pipeline=pipeline)
        return 0  # the benchmark counts tokens with the baseline's tokenizer

    return run
