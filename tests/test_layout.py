"""Data flows one way: no stage imports a later one.

    ingest -> clean -> nlp -> extract -> resolve -> link -> pipeline -> store
           -> query -> export -> api -> cli

Ground modules (records, errors, config, geo, dates, lexicons) import no
stage. eval/ scores the stages and may read any of them up to export, but no
face. The package's ``__init__`` (the Python API) sits after export, the last stage it
wires together, and before the REST API and the CLI, the shells over it.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "eventdesk"

STAGES = ("ingest", "clean", "nlp", "extract", "resolve", "link", "pipeline", "store", "query", "export", "api", "cli")
GROUND = ("records", "errors", "config", "geo", "dates", "lexicons", "data")
#: Where the rooms that are not stages sit in the order.
PLACED = {
    "eval": STAGES.index("export") + 0.5,
    # Training reads the eval loaders and scores on dev with the eval metrics.
    "train": STAGES.index("export") + 0.6,
    "web": len(STAGES),
    # The Python API (``eventdesk.ingest``, ``open_store``...) wires the stages together; the REST
    # API and the CLI are shells over it.
    "__init__": STAGES.index("api") - 0.25,
    "__main__": len(STAGES),
}


def _rank(room: str) -> float:
    if room in GROUND:
        return -1
    if room in STAGES:
        return STAGES.index(room)
    if room in PLACED:
        return PLACED[room]
    raise AssertionError(f"eventdesk.{room} is in no room of the layout: add it to tests/test_layout.py")


def _room(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


@functools.cache
def _facade() -> frozenset[str]:
    """The names the package's ``__init__`` (the Python API) exports."""
    for node in ast.parse((SRC / "__init__.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return frozenset(ast.literal_eval(node.value))
    return frozenset()


def _imported_rooms(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "eventdesk":
            # ``from eventdesk import ingest`` names the Python API's function, not the stage.
            names = [f"eventdesk.{'__init__' if a.name in _facade() else a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] != "eventdesk" or len(parts) < 2:
                continue
            if (SRC / parts[1]).with_suffix(".py").exists() or (SRC / parts[1]).is_dir():
                found.add(parts[1])
    return found


def _violations() -> list[str]:
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        room = _room(path)
        for other in sorted(_imported_rooms(path)):
            if other != room and _rank(other) > _rank(room):
                bad.append(f"{path.relative_to(SRC)} ({room}) imports eventdesk.{other}, a later room")
    return bad


def test_no_room_imports_a_later_one() -> None:
    assert _violations() == []


def test_the_check_sees_a_backward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from eventdesk.query import Desk\nimport eventdesk.store\n", encoding="utf-8")
    assert _imported_rooms(module) == {"query", "store"}
    assert _rank("query") > _rank("extract") > _rank("records")
