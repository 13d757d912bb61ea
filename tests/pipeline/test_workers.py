"""Forked workers: a worker process that dies costs only its document (issue 12)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pytest

from eventdesk.errors import DocumentError
from eventdesk.pipeline.document import DocumentResult
from eventdesk.pipeline.workers import Processor
from eventdesk.records import Article


class FakePipeline:
    """Stores every article unextracted; dies or raises on the marked ones."""

    def process(self, article: Article) -> DocumentResult:
        return self.process_many([article])[0]

    def process_many(self, articles: Sequence[Article]) -> list[DocumentResult]:
        for article in articles:
            if "DIE" in article.text:
                os._exit(3)  # what a segfault or the OOM killer looks like from outside
            if "RAISE" in article.text:
                raise RuntimeError("extraction bug")
        return [DocumentResult(article=a, extracted=False) for a in articles]


def _articles(texts: list[str]) -> list[Article]:
    return [Article(id=Article.make_id(t), text=t, source=f"doc-{i}") for i, t in enumerate(texts)]


def _outcome(results: Sequence[DocumentResult | DocumentError]) -> list[str]:
    return [r.code if isinstance(r, DocumentError) else "ok" for r in results]


def _processor(workers: int) -> Processor:
    fake: Any = FakePipeline()
    return Processor(lambda: fake, workers)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exception_costs_only_its_document(workers: int) -> None:
    texts = ["Troops clashed near Gao.", "RAISE", "Police arrested five in Kano."]
    with _processor(workers) as processor:
        assert _outcome(processor.map(_articles(texts))) == ["ok", "ED014", "ok"]


def test_a_dead_worker_costs_only_its_document_and_the_run_goes_on() -> None:
    texts = [f"Report {i} of clashes near Gao." for i in range(6)]
    texts[3] = "DIE"
    with _processor(2) as processor:
        first = processor.map(_articles(texts))
        assert _outcome(first) == ["ok", "ok", "ok", "ED019", "ok", "ok"]
        assert [r.source for r in first if isinstance(r, DocumentError)] == ["doc-3"]
        # The pool was rebuilt: later batches are processed normally.
        assert _outcome(processor.map(_articles(["Shelling in Marib.", "DIE", "DIE"]))) == ["ok", "ED019", "ED019"]
        assert _outcome(processor.map(_articles(["Protest in Bamako."]))) == ["ok"]
