"""Readers for the gold files every data set ships as JSON or JSON lines.

Every reader raises ED030 with the path when a file is missing or malformed,
so a broken checkout of ../shared/data says where it is broken.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError

__all__ = ["read_json", "read_jsonl"]


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
