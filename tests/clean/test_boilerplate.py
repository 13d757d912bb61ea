"""The line filter (clean/boilerplate.py), through the name nlp gives it; no model."""

from __future__ import annotations

import pytest

from eventdesk.nlp import is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter for the latest updates from the region!",
        "Comments are closed.",
        "@SahelWire",
        "Amina Bello is a Nigerian reporter who has covered the north-east insurgency since 2015.",
        "By Amina Bello; editing by Tom Hale",
        "Follow us on Twitter",
        "Share this article",
        "Sign up for our weekly newsletter.",
    ],
)
def test_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Soon afterwards the hilltop outpost at Tell Rifaat was overrun by rebel fighters.",
        "Police said the journalist was shot by gunmen.",
        "",
    ],
)
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)
