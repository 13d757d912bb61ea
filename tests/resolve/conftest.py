"""Shared fixtures: one gazetteer and one actor dictionary per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventdesk.resolve import ActorDictionary, Gazetteer


def shared_dir() -> Path:
    """The shared data folder beside the repository (or $EVENTDESK_SHARED)."""
    default = Path(__file__).resolve().parents[2] / ".." / "shared"
    return Path(os.environ.get("EVENTDESK_SHARED", default)).resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    # Fail loudly: a skipped gold test rots unseen.
    assert path.is_dir(), f"shared data not found at {path}; set EVENTDESK_SHARED"
    return path


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer.load(tmp_path_factory.mktemp("gazetteer-cache"))


@pytest.fixture(scope="session")
def actors() -> ActorDictionary:
    return ActorDictionary.load()
