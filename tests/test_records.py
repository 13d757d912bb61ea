from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventdesk.records import (
    Article,
    CasualtyCount,
    Mention,
    Review,
    Role,
    Span,
    TimeRange,
)

TEXT = "Gunmen killed four soldiers near Gao on Monday, the army said."


def span(text: str, sub: str) -> Span:
    start = text.index(sub)
    return Span(article_id="a1", start=start, end=start + len(sub), text=sub)


def test_span_rejects_mismatched_text() -> None:
    with pytest.raises(ValueError):
        Span(article_id="a", start=0, end=3, text="four")


def test_mention_round_trips_through_dict() -> None:
    trig = span(TEXT, "killed")
    m = Mention(
        id=Mention.make_id("a1", trig, "Attack"),
        article_id="a1",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=trig,
        sentence=span(TEXT, TEXT),
        roles=(Role(role="actor", span=span(TEXT, "Gunmen"), kind="rebel group"),),
        casualties=(CasualtyCount(kind="killed", low=4, best=4, high=4, span=span(TEXT, "four")),),
        time=TimeRange(
            span=span(TEXT, "on Monday"), start=dt.date(2026, 3, 9), end=dt.date(2026, 3, 9), precision="day"
        ),
        status="reported",
        attributed_to=span(TEXT, "the army"),
    )
    again = Mention.from_dict(m.to_dict())
    assert again == m
    assert again.casualty("killed") is not None and again.casualty("killed").best == 4  # type: ignore[union-attr]


def test_from_dict_refuses_unknown_keys() -> None:
    with pytest.raises(ValueError, match="unknown keys"):
        Article.from_dict({"id": "x", "colour": "red"})


def test_review_keeps_its_datetime() -> None:
    when = dt.datetime(2026, 3, 9, 12, 30, tzinfo=dt.UTC)
    r = Review(
        id="r",
        target_kind="event",
        target_id="e",
        action="edit",
        reviewer="ana",
        created_at=when,
        field="fatalities_best",
        value=5,
    )
    assert Review.from_dict(r.to_dict()) == r


@given(st.text(max_size=200))
def test_article_id_is_a_content_hash(text: str) -> None:
    assert Article.make_id(text) == Article.make_id(str(text))
    assert Article.make_id(text) != Article.make_id(text + "x")
