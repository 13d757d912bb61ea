from __future__ import annotations

import datetime as dt

import pytest

from eventdesk.records import Span
from eventdesk.resolve import find_time_expressions, resolve_time

PUBLISHED = dt.date(2014, 11, 26)  # a Wednesday
D = dt.date


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("yesterday", D(2014, 11, 25), D(2014, 11, 25), "day"),
        ("on Tuesday", D(2014, 11, 25), D(2014, 11, 25), "day"),
        ("on Monday", D(2014, 11, 24), D(2014, 11, 24), "day"),
        ("last week", D(2014, 11, 17), D(2014, 11, 23), "week"),
        ("the past two days", D(2014, 11, 24), D(2014, 11, 26), "day"),
        ("November 21", D(2014, 11, 21), D(2014, 11, 21), "day"),
        ("earlier this month", D(2014, 11, 1), D(2014, 11, 26), "month"),
        ("during the past year up to November 21", D(2013, 11, 22), D(2014, 11, 21), "year"),
        ("2 days ago", D(2014, 11, 24), D(2014, 11, 24), "day"),
        ("3 february", D(2014, 2, 3), D(2014, 2, 3), "day"),
        ("3 February", D(2014, 2, 3), D(2014, 2, 3), "day"),
        ("last month", D(2014, 10, 1), D(2014, 10, 31), "month"),
        ("in March", D(2014, 3, 1), D(2014, 3, 31), "month"),
        ("December 30", D(2013, 12, 30), D(2013, 12, 30), "day"),
    ],
)
def test_relative_expressions_resolve_against_publication(
    expression: str, start: dt.date, end: dt.date, precision: str
) -> None:
    r = resolve_time(expression, PUBLISHED)
    assert (r.start, r.end, r.precision) == (start, end, precision)


@pytest.mark.parametrize(
    "expression", ["yesterday", "on Tuesday", "last week", "November 21", "3 february", "2 days ago"]
)
def test_without_publication_date_nothing_is_invented(expression: str) -> None:
    r = resolve_time(expression, None)
    assert (r.start, r.end, r.precision) == (None, None, "unknown")


def test_absolute_date_with_year_needs_no_publication_date() -> None:
    r = resolve_time("March 3, 2014", None)
    assert (r.start, r.precision) == (D(2014, 3, 3), "day")


def test_span_is_passed_through() -> None:
    span = Span(article_id="a", start=5, end=14, text="yesterday")
    assert resolve_time("yesterday", PUBLISHED, span=span).span == span


def test_unknown_expression_stays_unresolved() -> None:
    assert resolve_time("once upon a time", PUBLISHED).precision == "unknown"


def test_scanner_prefers_the_compound_expression() -> None:
    text = "13 percent of attacks during the past year up to November 21 hit troops; on Tuesday 3 february."
    found = find_time_expressions(text)
    assert [f[2] for f in found] == ["during the past year up to November 21", "on Tuesday", "3 february"]
    assert all(text[s:e] == t for s, e, t in found)


@pytest.mark.parametrize(
    ("expression", "published", "start", "end", "precision"),
    [
        # issue 10: the parser's date entity of "in April" is "April" alone, and it did not resolve
        ("April", D(2026, 3, 10), D(2025, 4, 1), D(2025, 4, 30), "month"),
        ("April", D(2026, 5, 2), D(2026, 4, 1), D(2026, 4, 30), "month"),
        ("April", D(2026, 4, 20), D(2026, 4, 1), D(2026, 4, 30), "month"),
        ("in April", D(2026, 3, 10), D(2025, 4, 1), D(2025, 4, 30), "month"),
        ("early April", D(2026, 5, 2), D(2026, 4, 1), D(2026, 4, 30), "month"),
        ("2017", D(2026, 3, 10), D(2017, 1, 1), D(2017, 12, 31), "year"),
    ],
)
def test_a_bare_month_or_year_resolves(
    expression: str, published: dt.date, start: dt.date, end: dt.date, precision: str
) -> None:
    r = resolve_time(expression, published)
    assert (r.start, r.end, r.precision) == (start, end, precision)


def test_a_bare_month_without_publication_date_stays_open() -> None:
    r = resolve_time("April", None)
    assert (r.start, r.end, r.precision) == (None, None, "unknown")
