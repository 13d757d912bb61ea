"""The evaluation gate: score floors pinned to the hash of the gold data they were measured on.

A change that lowers a score below its floor fails with ED031 unless the
caller says so explicitly (``allow_lower=True``); a floor measured on other
data (the hash differs) also fails, because the comparison would mean nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError

__all__ = ["FloorReport", "check_floors", "data_hash", "load_floors"]

FloorReport = dict[str, dict[str, Any]]


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
        text = resources.files("eventdesk").joinpath("data/eval_floors.json").read_text(encoding="utf-8")
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
