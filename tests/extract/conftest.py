"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from eventdesk.extract import Extraction, extract
from eventdesk.records import Article


@pytest.fixture(scope="session")
def nlp() -> Any:
    from eventdesk.nlp import load_nlp

    return load_nlp()


def make_article(text: str) -> Article:
    return Article(id=Article.make_id(text), text=text)


@pytest.fixture(scope="session")
def run(nlp: Any) -> Callable[[str], Extraction]:
    """Extract from a hand-built text."""

    def _run(text: str) -> Extraction:
        return extract(make_article(text), nlp)

    return _run
