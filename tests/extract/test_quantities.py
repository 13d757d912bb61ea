"""Counts in noun phrases (extract/quantities.py); no model."""

from __future__ import annotations

import pytest

from eventdesk.extract.quantities import parse_count


@pytest.mark.parametrize(
    ("phrase", "low", "best", "high", "rule"),
    [
        ("12 soldiers", 12, 12, 12, "exact"),
        ("twenty-five people", 25, 25, 25, "exact"),
        ("at least 12 people", 12, 12, None, "at-least:N"),
        ("more than 100 civilians", 100, 100, None, "more-than:N"),
        ("12 to 15 villagers", 12, 12, 15, "range:best=low"),
        ("between 3 and 5 guards", 3, 3, 5, "range:best=low"),
        ("dozens of fighters", 12, 12, None, "vague:dozens=12 (ACLED)"),
        ("hundreds of people", 100, 100, None, "vague:hundreds=100 (ACLED)"),
        ("several protesters", 2, 3, None, "vague:several=3"),
        ("a number of villagers", 2, 2, None, "vague:a-few=2"),
        ("a civilian", 1, 1, 1, "singular=1"),
        ("a dozen men", 12, 12, 12, "exact"),
        # issue 10: "two dozen" was read as 2 and "a number" without "of" as 1
        ("two dozen villagers", 24, 24, 24, "exact"),
        ("more than two dozen villagers", 24, 24, None, "more-than:N"),
        ("at least three dozen people", 36, 36, None, "at-least:N"),
        ("2 dozen guards", 24, 24, 24, "exact"),
        ("a number were hurt", 2, 2, None, "vague:a-few=2"),
        ("scores of students", 40, 40, None, "vague:scores=40"),
        ("thousands of residents", 1000, 1000, None, "vague:thousands=1000 (ACLED)"),
    ],
)
def test_counts(phrase: str, low: int | None, best: int | None, high: int | None, rule: str) -> None:
    count = parse_count(phrase)
    assert count is not None
    assert (count.low, count.best, count.high, count.rule) == (low, best, high, rule)


def test_no_count_in_plain_noun_phrase() -> None:
    assert parse_count("members of the other side") is None
