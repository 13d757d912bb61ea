"""Shared fixtures: the spaCy pipeline, loaded once per test session."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def nlp() -> Any:
    from eventdesk.nlp import load_nlp

    return load_nlp()
