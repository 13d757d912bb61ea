"""Run a pipeline over one split of the own corpus and score it (``eventdesk eval corpus``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventdesk.eval.corpus.data import SPLITS, load_corpus
from eventdesk.eval.corpus.scoring import score_corpus
from eventdesk.eval.runners import MentionPipeline, run_pipeline

__all__ = ["evaluate_corpus"]


def evaluate_corpus(
    pipeline: MentionPipeline, split: str = "dev", *, limit: int | None = None, path: Path | None = None
) -> dict[str, Any]:
    """Scores of ``pipeline`` on ``split`` (train, dev or test; the first ``limit`` reports).

    Tune on train and dev only: the test split is for reporting figures as they come out.
    """
    from eventdesk.extract.taxonomy import load_taxonomy

    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: one of {', '.join(SPLITS)}")
    reports = load_corpus(path, split=split)[:limit]
    by_article = {r.id: r.article() for r in reports}
    predictions = run_pipeline(pipeline, by_article)
    result = score_corpus(reports, predictions, load_taxonomy().sub_event_types)
    return {"split": split} | result
