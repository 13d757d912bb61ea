"""The quality gate: score floors pinned to the hash of the gold data they were measured on.

The test suite and ``eventdesk eval gate`` score MUC-4 dev, WikiEvents dev
and LGL (``GATED``) and compare them with the floors in
eventdesk/data/eval_floors.json. A change that lowers a score below its
floor fails with ED031 unless the caller says so explicitly
(``allow_lower=True``); a floor measured on other data (the hash differs)
also fails, because the comparison would mean nothing. Raising a floor
(``eventdesk eval gate --update``) is welcome; lowering one needs
``--allow-lower``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError
from eventdesk.eval.runners import MentionPipeline

__all__ = [
    "FLOORS_FILE",
    "GATED",
    "FloorReport",
    "check_floors",
    "data_hash",
    "gate_scores",
    "load_floors",
    "raised_floors",
    "write_floors",
]

FloorReport = dict[str, dict[str, Any]]

#: dataset key in the floors file -> (data path under ../shared/data, metrics floored)
GATED: dict[str, tuple[str, tuple[str, ...]]] = {
    "muc4_dev": ("muc4", ("ceaf_ree_f1", "gtt_template_f1")),
    "wikievents_dev": ("wikievents", ("trigger_classification_f1", "arg_i_head_f1", "arg_c_head_f1")),
    "geoparsing_lgl": ("geoparsing/lgl.xml", ("exact_id_accuracy", "country_accuracy", "acc_161km")),
}

FLOORS_FILE = "data/eval_floors.json"


def data_hash(path: Path) -> str:
    """SHA-256 over a file, or over a folder's files (relative path + content, sorted) so renames count."""
    if not path.exists():
        raise EventdeskError("ED030", f"gold data not found: {path}")
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for f in files:
        digest.update(str(f.relative_to(path) if path.is_dir() else f.name).encode())
        digest.update(b"\0")
        with f.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def load_floors(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The floors file (default: the packaged eventdesk/data/eval_floors.json)."""
    if path is None:
        text = resources.files("eventdesk").joinpath(FLOORS_FILE).read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    floors: dict[str, dict[str, Any]] = json.loads(text)
    return floors


def check_floors(
    scores: Mapping[str, Mapping[str, Any]],
    floors: Mapping[str, Mapping[str, Any]],
    *,
    hashes: Mapping[str, str] | None = None,
    allow_lower: bool = False,
) -> FloorReport:
    """Compare scores with floors; raise ED031 on any break unless ``allow_lower``.

    ``hashes`` maps a dataset to the hash of the data just scored (a
    ``"data_sha256"`` entry among a dataset's scores works too); a dataset
    whose floor file pins another hash breaks the gate. Metrics without a
    floor are ignored, and so are data sets not scored in this run; within a
    scored data set, a floor whose metric is missing breaks the gate (a
    silently skipped metric must not pass).
    """
    report: FloorReport = {}
    broken: list[str] = []
    for dataset, pinned in floors.items():
        if dataset.startswith("_"):
            continue  # comments
        expected_hash = pinned.get("data_sha256")
        seen_hash = (hashes or {}).get(dataset) or scores.get(dataset, {}).get("data_sha256")
        if expected_hash and seen_hash and seen_hash != expected_hash:
            broken.append(f"{dataset}: data hash {str(seen_hash)[:12]} != pinned {str(expected_hash)[:12]}")
        for metric, floor in pinned.items():
            if metric == "data_sha256" or dataset not in scores:
                continue
            value = scores[dataset].get(metric)
            ok = value is not None and value >= float(floor)
            report.setdefault(dataset, {})[metric] = {"score": value, "floor": floor, "ok": ok}
            if not ok:
                broken.append(f"{dataset}.{metric}: {value} < floor {floor}")
    if broken and not allow_lower:
        raise EventdeskError("ED031", "evaluation floor broken: " + "; ".join(broken))
    return report


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
