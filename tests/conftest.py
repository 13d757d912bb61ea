"""Shared fixtures: where the public gold data lives, and the loaded pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """../shared beside the checkout (CI lays it there), or $EVENTDESK_SHARED."""
    return Path(os.environ.get("EVENTDESK_SHARED", ROOT.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        # Never skip: CI always has ../shared, and a missing one is a broken setup.
        pytest.fail(f"public data folder {path} is missing (set EVENTDESK_SHARED)")
    return path


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The real pipeline, loaded once per test session."""
    from eventdesk.pipeline import Pipeline

    return Pipeline.load()
