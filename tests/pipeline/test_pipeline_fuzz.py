"""Hypothesis fuzzing of the whole pipeline (issue 12): whatever a report says,
its ingest ends with the report stored or one coded error, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventdesk import ingest
from eventdesk.errors import CODES

pytestmark = pytest.mark.model

#: Sentence pieces that reach extraction, casualty counts, dates and places.
PIECES = [
    "Gunmen attacked a police post near Gao on Monday",
    "killing",
    "wounding",
    "at least",
    "soldiers",
    "civilians",
    "people were killed",
    "in clashes with the army",
    "the ministry said",
    "on 3 January",
    "last week",
    "in March",
    "near Kidal",
    "Boko Haram",
    "Al-Shabaab fighters",
    ". ",
    ", ",
    "99999999999999999999999",
    str(2**63),
    "-1",
    "1e400",
    "NaN",
    "99999999999",
    "0001",
    "\u200f",
    "\ufeff",
    "\x00",
]

reports = st.lists(
    st.one_of(st.sampled_from(PIECES), st.integers(min_value=-(2**70), max_value=2**70).map(str), st.text(max_size=8)),
    min_size=1,
    max_size=25,
).map(" ".join)
published = st.sampled_from(["2026-03-10", "0001-01-01", "9999-12-31", "Tue, 10 Mar 99999999999 08:15:00 +0000", ""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=reports, date=published)
def test_any_report_is_stored_or_one_coded_error(pipeline: object, text: str, date: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.txt"
        path.write_text(f"published: {date}\n\n{text}", encoding="utf-8", errors="surrogatepass")
        summary = ingest([str(path)], Path(tmp) / "e.db", pipeline=pipeline)  # type: ignore[arg-type]
        assert summary.documents == 1
        assert summary.stored + len(summary.errors) == 1, summary
        assert {code for _, code, _ in summary.errors} <= set(CODES)
