"""Background dated long before the report is "historical", never an event (issue 10).

Model-backed: the real pipeline (extract, then resolve against the publication date).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventdesk.link import EVENT_STATUSES, link
from eventdesk.records import STATUSES, Article, Mention, Span, TimeRange
from eventdesk.resolve.dates import historical_status, is_historical

PUBLISHED = dt.date(2026, 5, 12)


def _mentions(pipeline: Any, text: str, published: dt.date | None = PUBLISHED) -> tuple[Mention, ...]:
    article = Article(id=Article.make_id(text), text=text, published=published, language="en")
    return pipeline.process(article).mentions


def test_historical_is_a_status_that_never_makes_an_event() -> None:
    assert "historical" in STATUSES
    assert "historical" not in EVENT_STATUSES


def test_a_bombing_in_an_earlier_year_is_historical(pipeline: Any) -> None:
    text = (
        "A bomb exploded at a bus station in Kano on Monday, killing nine people. "
        "In 2019, a similar bombing at the same station killed 30 people."
    )
    by_time = {m.time.span.text if m.time and m.time.span else None: m for m in _mentions(pipeline, text)}
    assert by_time["Monday"].status == "asserted"
    assert by_time["2019"].status == "historical"
    assert [e.fatalities_best for e in link(list(by_time.values()))] == [9]


def test_years_ago_is_historical(pipeline: Any) -> None:
    (m,) = _mentions(pipeline, "Three years ago, gunmen killed 15 herders in the same district of Plateau.")
    assert m.status == "historical"
    assert m.time is not None and m.time.precision == "year"


def test_last_week_is_not_historical(pipeline: Any) -> None:
    (m,) = _mentions(pipeline, "Gunmen killed 15 herders in Plateau last week.")
    assert m.status == "asserted"


def test_without_a_publication_date_nothing_is_historical(pipeline: Any) -> None:
    (m,) = _mentions(pipeline, "Three years ago, gunmen killed 15 herders in Plateau.", published=None)
    assert m.status == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "Militants have kidnapped more than 40,000 people since 1954, the report said.",
        "Attacks by the group over the past decade have killed 3,000 soldiers, officials said.",
        "Rebels have killed some 9,000 civilians since the start of the war.",
    ],
)
def test_multi_year_tolls_are_not_mentions(pipeline: Any, text: str) -> None:
    assert _mentions(pipeline, text) == ()


def test_a_period_on_another_word_keeps_the_event(pipeline: Any) -> None:
    text = "A car bomb killed 14 soldiers in Mogadishu on Sunday, the deadliest attack since 2019."
    (m,) = [m for m in _mentions(pipeline, text) if m.casualty("killed")]
    assert m.status == "asserted" and m.casualty("killed").best == 14  # type: ignore[union-attr]


def test_a_killing_years_ago_is_not_folded_into_this_weeks_attack(pipeline: Any) -> None:
    text = "Gunmen shot dead the headman of Kajuru village on Sunday. His brother was killed in 2018."
    ms = _mentions(pipeline, text)
    assert sorted(m.status for m in ms) == ["asserted", "historical"]


def test_historical_needs_a_dated_span() -> None:
    span = Span(article_id="a", start=0, end=4, text="2017")
    old = TimeRange(span=span, start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31), precision="year")
    assert is_historical(old, PUBLISHED)
    assert historical_status("reported", old, PUBLISHED) == "historical"
    assert historical_status("planned", old, PUBLISHED) == "planned"
    window = TimeRange(span=None, start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31), precision="week")
    assert not is_historical(window, PUBLISHED)  # not read from the text
    recent = TimeRange(span=span, start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), precision="month")
    assert not is_historical(recent, PUBLISHED)
