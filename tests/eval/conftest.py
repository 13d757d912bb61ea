"""Shared fixtures: where the public gold data lives (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def shared_data_dir() -> Path:
    """../shared/data beside the checkout, or $EVENTDESK_SHARED; fails loudly when absent."""
    env = os.environ.get("EVENTDESK_SHARED")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    if not path.is_dir():
        pytest.fail(f"shared gold data not found at {path} (set EVENTDESK_SHARED)")
    return path.resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return shared_data_dir()


@pytest.fixture(scope="session")
def muc4_dir(shared_data: Path) -> Path:
    path = shared_data / "muc4"
    if not path.is_dir():
        pytest.fail(f"MUC-4 data not found at {path}")
    return path
