"""Readers for the MUC-4 gold files and for the peers' released predictions.

Gold mentions carry character offsets (``[string, offset]``); the metrics
compare strings only, so the readers keep the strings. Every reader raises
ED030 with the path when a file is missing or not in the expected shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError
from eventdesk.eval.muc4_metrics import ROLES

__all__ = [
    "canonical_docid",
    "gtt_texts",
    "load_grit_gold",
    "load_grit_predictions",
    "load_gtt_gold",
    "load_gtt_predictions",
    "load_iterx_predictions",
    "read_json",
    "read_jsonl",
]

Entity = list[str]
Extracts = dict[str, list[Entity]]
Template = dict[str, Any]


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """JSON objects, one per non-empty line; ED030 when missing or malformed."""
    if not path.is_file():
        raise EventdeskError("ED030", f"gold data not found: {path}")
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise EventdeskError("ED030", f"malformed JSON at {path}:{lineno}: {exc}") from exc


def read_json(path: Path) -> Any:
    """One JSON document; ED030 when missing or malformed."""
    if not path.is_file():
        raise EventdeskError("ED030", f"gold data not found: {path}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EventdeskError("ED030", f"malformed JSON in {path}: {exc}") from exc


def canonical_docid(docid: str) -> str:
    """``"30002"`` (GRIT/GTT prediction keys) -> ``"TST3-MUC4-0002"``; other ids unchanged."""
    if docid.isdigit() and len(docid) == 5:
        return f"TST{docid[0]}-MUC4-{docid[1:]}"
    return docid


def _strings(entity: Any) -> Entity:
    """Mention strings of an entity, dropping the gold offsets when present."""
    return [m[0] if isinstance(m, list) else str(m) for m in entity]


def _extracts(raw: dict[str, Any], where: str) -> Extracts:
    try:
        return {role: [_strings(e) for e in raw.get(role, [])] for role in ROLES}
    except (TypeError, IndexError) as exc:
        raise EventdeskError("ED030", f"malformed role fillers in {where}: {exc}") from exc


def _template(raw: dict[str, Any], where: str) -> Template:
    out: Template = dict(_extracts(raw, where))
    out["incident_type"] = str(raw.get("incident_type", ""))
    return out


def load_grit_gold(path: Path) -> dict[str, Extracts]:
    """grit_processed/*.json -> {docid: extracts}."""
    return {d["docid"]: _extracts(d["extracts"], f"{path}:{d['docid']}") for d in read_jsonl(path)}


def load_gtt_gold(path: Path) -> dict[str, list[Template]]:
    """gtt_processed/*.json -> {docid: [template, ...]}."""
    return {d["docid"]: [_template(t, f"{path}:{d['docid']}") for t in d["templates"]] for d in read_jsonl(path)}


def gtt_texts(path: Path) -> dict[str, str]:
    """gtt_processed/*.json -> {docid: lower-cased text}."""
    return {d["docid"]: d["doctext"] for d in read_jsonl(path)}


def load_grit_predictions(path: Path) -> dict[str, Extracts]:
    """GRIT's released preds (``{"30002": {"pred_extracts": ...}}``) -> {docid: extracts}."""
    data = read_json(path)
    return {canonical_docid(k): _extracts(v["pred_extracts"], f"{path}:{k}") for k, v in data.items()}


def load_gtt_predictions(path: Path) -> dict[str, list[Template]]:
    """GTT's released preds (``{"30002": {"pred_templates": [...]}}``) -> {docid: templates}."""
    data = read_json(path)
    return {canonical_docid(k): [_template(t, f"{path}:{k}") for t in v["pred_templates"]] for k, v in data.items()}


def load_iterx_predictions(path: Path) -> dict[str, list[Template]]:
    """IterX jsonlines (one line per docid and incident type) merged into {docid: templates}."""
    merged: dict[str, list[Template]] = {}
    for line in read_jsonl(path):
        for docid, templates in line.items():
            bucket = merged.setdefault(canonical_docid(docid), [])
            bucket.extend(_template(t, f"{path}:{docid}") for t in templates)
    return merged
