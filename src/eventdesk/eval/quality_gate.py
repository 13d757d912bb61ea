"""The quality gate the test suite runs: MUC-4 dev, WikiEvents dev and LGL.

Scores are compared with the floors pinned in eventdesk/data/eval_floors.json
together with the hash of the data they were measured on. Raising a floor
(``eventdesk eval gate --update``) is welcome; lowering one needs
``--allow-lower``, said explicitly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from eventdesk.eval.gate import data_hash
from eventdesk.eval.runners import MentionPipeline

__all__ = ["GATED", "FLOORS_FILE", "gate_scores", "raised_floors"]

#: dataset key in the floors file -> (data path under ../shared/data, metrics floored)
GATED: dict[str, tuple[str, tuple[str, ...]]] = {
    "muc4_dev": ("muc4", ("ceaf_ree_f1", "gtt_template_f1")),
    "wikievents_dev": ("wikievents", ("trigger_classification_f1", "arg_i_head_f1", "arg_c_head_f1")),
    "geoparsing_lgl": ("geoparsing/lgl.xml", ("exact_id_accuracy", "country_accuracy", "acc_161km")),
}

FLOORS_FILE = "data/eval_floors.json"


def gate_scores(data_root: Path, pipeline: MentionPipeline) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """Headline scores and data hashes of every gated data set."""
    from eventdesk.eval.geoparsing.scoring import evaluate_geoparsing
    from eventdesk.eval.report import headline_scores
    from eventdesk.eval.runners import evaluate_muc4, evaluate_wikievents

    results = {
        "muc4": evaluate_muc4(data_root / "muc4", "dev", pipeline),
        "wikievents": evaluate_wikievents(data_root / "wikievents", "dev", pipeline),
        "geoparsing_lgl": evaluate_geoparsing(data_root / "geoparsing" / "lgl.xml"),
    }
    headline = headline_scores(results)
    scores = {
        "muc4_dev": headline["muc4"],
        "wikievents_dev": headline["wikievents"],
        "geoparsing_lgl": headline["geoparsing_lgl"],
    }
    hashes = {name: data_hash(data_root / folder) for name, (folder, _) in GATED.items()}
    return scores, hashes


def raised_floors(
    floors: Mapping[str, Mapping[str, Any]],
    scores: Mapping[str, Mapping[str, float]],
    hashes: Mapping[str, str],
    *,
    allow_lower: bool = False,
) -> dict[str, Any]:
    """Floors moved up to today's scores (rounded down to 0.01); never down unless ``allow_lower``."""
    out: dict[str, Any] = {k: dict(v) if isinstance(v, Mapping) else v for k, v in floors.items()}
    for name, (_, metrics) in GATED.items():
        entry = out.setdefault(name, {})
        entry["data_sha256"] = hashes[name]
        for metric in metrics:
            score = int(scores[name][metric] * 100) / 100
            old = float(entry.get(metric, 0.0))
            entry[metric] = score if allow_lower else max(old, score)
    return out


def write_floors(floors: Mapping[str, Any]) -> Path:
    """Write the packaged floors file (in a source checkout: src/eventdesk/data/)."""
    path = Path(str(resources.files("eventdesk").joinpath(FLOORS_FILE)))
    path.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    return path
