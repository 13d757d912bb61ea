"""The documentation keeps up with the code: error codes, CLI commands and
options, the public API, and the README's two commands."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

import eventdesk
from eventdesk.cli import app
from eventdesk.errors import CODES

ROOT = Path(__file__).resolve().parents[1]


def test_every_error_code_is_registered_and_documented() -> None:
    used = set()
    for path in (ROOT / "src" / "eventdesk").rglob("*.py"):
        used |= set(re.findall(r'"(ED\d{3})"', path.read_text(encoding="utf-8")))
    assert used <= set(CODES), f"codes raised but not registered: {sorted(used - set(CODES))}"
    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert all(f"| {code} |" in page for code in CODES)


def _commands(group: Any, prefix: str = "") -> dict[str, Any]:
    """Every command by its full name (typer vendors click: recognised by shape)."""
    found: dict[str, Any] = {}
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        found[full] = cmd
        if hasattr(cmd, "commands"):
            found |= _commands(cmd, full + " ")
    return found


def test_every_cli_command_and_option_is_documented() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, cmd in _commands(group).items():
        assert f"eventdesk {name}" in page, f"docs/cli.md lacks `eventdesk {name}`"
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in page, f"docs/cli.md lacks {opt} of `eventdesk {name}`"


def test_public_api_is_pinned() -> None:
    assert sorted(eventdesk.__all__) == sorted(
        [
            "Actor",
            "Article",
            "CasualtyCount",
            "Config",
            "DocumentError",
            "DocumentResult",
            "Event",
            "EventdeskError",
            "IngestSummary",
            "Mention",
            "Pipeline",
            "Place",
            "Review",
            "Role",
            "SQLiteStore",
            "Span",
            "StatClaim",
            "TimeRange",
            "__version__",
            "ingest",
            "open_store",
            "relink",
        ]
    )
    for name in eventdesk.__all__:
        assert hasattr(eventdesk, name)


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, flags=re.S)
    setup, test = blocks[0].strip(), blocks[1].strip()
    assert "eventdesk demo" in setup
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci


def test_the_architecture_map_names_only_paths_that_exist() -> None:
    """docs/architecture.md is a map: every module or folder it names must be there."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z0-9_]+(?:/[a-z0-9_.]*)*(?:/|\.py|\.sql|\.json))`", page))
    package = ROOT / "src" / "eventdesk"
    roots = (ROOT, ROOT / "src", package, package / "data")

    def exists(path: str) -> bool:
        # A bare name ("app.py", "muc4/") is written inside its room's row.
        bare = "/" not in path.rstrip("/")
        return any((root / path).exists() for root in roots) or (bare and any(package.rglob(path.rstrip("/"))))

    missing = sorted(p for p in named if not exists(p))
    assert len(named) > 30, sorted(named)
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"
