"""Score a pipeline on the gold data sets.

The runners need only something with ``process(article)`` returning an
object with ``.mentions`` (eventdesk.pipeline.Pipeline's DocumentResult has
it), so they are tested with a fake and work with any pipeline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from eventdesk.eval.files import read_jsonl
from eventdesk.eval.ipe.data import IPE_SPLITS, ipe_documents, ipe_split
from eventdesk.eval.ipe.scoring import score_ipe
from eventdesk.eval.muc4.data import load_grit_gold, load_gtt_gold, muc4_articles
from eventdesk.eval.muc4.keys import load_original_keys, score_extra_fields
from eventdesk.eval.muc4.learned import learned_extracts
from eventdesk.eval.muc4.mapping import mentions_to_muc_templates
from eventdesk.eval.muc4.metrics import ROLES, ceaf_ree, gtt_template_f1
from eventdesk.eval.wikievents.data import gold_kairos_events, wikievents_articles
from eventdesk.eval.wikievents.mapping import mentions_to_kairos
from eventdesk.eval.wikievents.scoring import score_kairos
from eventdesk.records import Article, Mention, Place

__all__ = [
    "HasMentions",
    "MentionPipeline",
    "evaluate_ipe",
    "evaluate_muc4",
    "evaluate_wikievents",
    "run_pipeline",
    "templates_to_extracts",
]


class HasMentions(Protocol):
    """What a pipeline returns per article: at least the mentions."""

    @property
    def mentions(self) -> Sequence[Mention]: ...


class MentionPipeline(Protocol):
    """Anything that turns an Article into mentions."""

    def process(self, article: Article) -> HasMentions: ...


def run_pipeline(pipeline: MentionPipeline, articles: dict[str, Article]) -> dict[str, tuple[Mention, ...]]:
    """{docid: mentions} for each article (in docid order, so runs are reproducible)."""
    return {docid: tuple(m) for docid, (m, _) in _run_with_places(pipeline, articles).items()}


def _places_of(result: object) -> dict[str, Place]:
    """Resolved places a result may carry (``.places``: Place records or {id: Place}); else none."""
    places = getattr(result, "places", None) or ()
    if isinstance(places, Mapping):
        return {str(k): v for k, v in places.items() if isinstance(v, Place)}
    return {p.id: p for p in places if isinstance(p, Place)}


def _run_with_places(
    pipeline: MentionPipeline, articles: dict[str, Article]
) -> dict[str, tuple[tuple[Mention, ...], dict[str, Place]]]:
    out = {}
    for docid in sorted(articles):
        result = pipeline.process(articles[docid])
        out[docid] = (tuple(result.mentions), _places_of(result))
    return out


def templates_to_extracts(templates: Sequence[dict[str, Any]]) -> dict[str, list[list[str]]]:
    """All templates of a document merged into one REE extracts dict (entities deduplicated by text)."""
    out: dict[str, list[list[str]]] = {role: [] for role in ROLES}
    for t in templates:
        for role in ROLES:
            for entity in t[role]:
                if entity not in out[role]:
                    out[role].append(entity)
    return out


def evaluate_muc4(
    data_dir: Path,
    split: str,
    pipeline: MentionPipeline,
    *,
    limit: int | None = None,
    casing: str = "original",
    tagger: bool = False,
) -> dict[str, Any]:
    """CEAF-REE, the GTT template metric and the original-key fields on a MUC-4 split ("dev" or "test").

    ``limit`` scores only the first N documents (by docid), for quick checks;
    gold is restricted to the same documents. Country and city come from
    resolved Place records when the result carries them as ``.places``.
    ``tagger=True`` adds ``ceaf_ree_tagger``: the learned role tagger alone over
    every sentence (:mod:`eventdesk.eval.muc4.learned`), REE as the task defines it.
    """
    articles = muc4_articles(data_dir, split, casing=casing)
    if limit is not None:
        articles = {k: articles[k] for k in sorted(articles)[:limit]}
    results = _run_with_places(pipeline, articles)
    templates = {d: mentions_to_muc_templates(ms, articles[d].text, places=pl) for d, (ms, pl) in results.items()}
    grit_gold = {
        k: v for k, v in load_grit_gold(data_dir / "grit_processed" / f"{split}.json").items() if k in articles
    }
    gtt_gold = {k: v for k, v in load_gtt_gold(data_dir / "gtt_processed" / f"{split}.json").items() if k in articles}
    keys = {k: v for k, v in load_original_keys(data_dir / "raw_muc34", split).items() if k in articles}
    result = {
        "dataset": "muc4",
        "split": split,
        "documents": len(articles),
        "ceaf_ree": ceaf_ree({d: templates_to_extracts(t) for d, t in templates.items()}, grit_gold),
        "gtt_template": gtt_template_f1(templates, gtt_gold),
        "original_keys": score_extra_fields(templates, keys),
    }
    if tagger:
        result["ceaf_ree_tagger"] = ceaf_ree(learned_extracts(articles), grit_gold)
    return result


def evaluate_wikievents(data_dir: Path, split: str, pipeline: MentionPipeline) -> dict[str, Any]:
    """Event detection and argument head-F1 on WikiEvents (only the dev split ships here)."""
    path = data_dir / f"{split}.jsonl"
    articles = wikievents_articles(path)
    mentions = run_pipeline(pipeline, articles)
    golds = {doc["doc_id"]: gold_kairos_events(doc) for doc in read_jsonl(path)}
    preds = {d: mentions_to_kairos(ms, articles[d].text) for d, ms in mentions.items()}
    return {"dataset": "wikievents", "split": split, "documents": len(articles), **score_kairos(preds, golds)}


def evaluate_ipe(
    data_dir: Path, pipeline: MentionPipeline, *, limit: int | None = None, split: str | None = None
) -> dict[str, Any]:
    """Sentence- and document-level KILL / ARREST / FORCE on IndiaPoliceEvents: the whole corpus,
    or the articles of one ``split`` (train or dev, :func:`eventdesk.eval.ipe.data.ipe_split`)."""
    docs = ipe_documents(data_dir)
    if split is not None:
        if split not in IPE_SPLITS:
            raise ValueError(f"unknown split {split!r}: one of {', '.join(IPE_SPLITS)}")
        docs = {k: d for k, d in docs.items() if ipe_split(k) == split}
    if limit is not None:
        docs = {k: docs[k] for k in sorted(docs)[:limit]}
    mentions = run_pipeline(pipeline, {k: d.article for k, d in docs.items()})
    return {
        "dataset": "india_police_events",
        "split": split or "all",
        "documents": len(docs),
        **score_ipe(docs, mentions),
    }
