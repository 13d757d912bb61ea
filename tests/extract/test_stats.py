"""Quoted statistics (extract/stats.py); no model."""

from __future__ import annotations

from eventdesk.extract.stats import find_stat


def test_stat_claim_reader() -> None:
    s = (
        "According to a report on Reuters, the Armed Conflict Location and Event Data Project’s (ACLED) database "
        "showed just 22 percent of ISWAP attacks during the past year up to March 3 targeted Nigerian soldiers."
    )
    m = find_stat(s)
    assert m is not None
    assert (m.value, m.unit, m.population, m.subset, m.perpetrator) == (
        22.0,
        "percent",
        "ISWAP attacks",
        "Nigerian soldiers",
        "ISWAP",
    )
    assert m.period is not None and s[m.period[0] : m.period[1]] == "during the past year up to March 3"
    assert [x[2] for x in m.sources] == ["Reuters", "Armed Conflict Location and Event Data Project (ACLED)"]
