"""Shared fixtures: where the public gold data lives (never copied into the repository)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from eventdesk.records import Article, CasualtyCount, Mention, Role, Span, TimeRange


def shared_data_dir() -> Path:
    """../shared/data beside the checkout, or $EVENTDESK_SHARED; fails loudly when absent.

    $EVENTDESK_SHARED may name the shared folder itself (as the root conftest
    reads it) or its data/ folder.
    """
    env = os.environ.get("EVENTDESK_SHARED")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    if (path / "data" / "muc4").is_dir():
        path = path / "data"
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


# --- hand-built records (tiny texts written in the tests, never gold article text) ---


def span(text: str, phrase: str, article_id: str = "a1", nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(article_id=article_id, start=start, end=start + len(phrase), text=phrase)


def _sentence_of(text: str, trig: Span, article_id: str) -> Span:
    start = text.rfind(". ", 0, trig.start)
    start = 0 if start < 0 else start + 2
    end = text.find(".", trig.end)
    end = len(text) if end < 0 else end + 1
    return Span(article_id=article_id, start=start, end=end, text=text[start:end])


def mention(
    text: str,
    trigger: str,
    event_type: str,
    sub_event_type: str,
    *,
    roles: tuple[tuple[str, str, str | None, str | None], ...] = (),
    casualties: tuple[tuple[str, int], ...] = (),
    status: str = "asserted",
    date: dt.date | None = None,
    article_id: str = "a1",
) -> Mention:
    """A Mention over ``text``; roles are (role, phrase, kind, resolved_id)."""
    trig = span(text, trigger, article_id)
    return Mention(
        id=Mention.make_id(article_id, trig, sub_event_type),
        article_id=article_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        trigger=trig,
        sentence=_sentence_of(text, trig, article_id),
        roles=tuple(
            Role(role=r, span=span(text, p, article_id), kind=k, resolved_id=rid)  # type: ignore[arg-type]
            for r, p, k, rid in roles
        ),
        casualties=tuple(
            CasualtyCount(kind=k, low=n, best=n, high=n, span=span(text, str(n), article_id))  # type: ignore[arg-type]
            for k, n in casualties
        ),
        time=TimeRange(span=None, start=date, end=date, precision="day") if date else None,
        status=status,  # type: ignore[arg-type]
    )


def article(text: str) -> Article:
    return Article(id=Article.make_id(text), text=text)


@pytest.fixture()
def make_mention() -> object:
    return mention


@pytest.fixture()
def make_article() -> object:
    return article
