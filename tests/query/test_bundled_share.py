"""The share statistic on the bundled reports, against a count made by hand.

Reading the three Somalia reports: al-Shabaab carried out three attacks in
February-March 2026 (the Afgoye roadside bomb on soldiers, the Baidoa market
attack, the Jowhar police ambush); one of them hit a military target. So the
share is 1/3, and the 95% Wilson interval, worked out by hand from
(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n) with z = 1.96, is
0.0615 .. 0.7923.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventdesk import ingest
from eventdesk.cli.ingest import example_paths
from eventdesk.query import Desk, EventFilter

pytestmark = pytest.mark.model


def test_share_of_al_shabaab_attacks_on_military_targets(tmp_path: Path, pipeline: object) -> None:
    db = tmp_path / "demo.db"
    ingest(example_paths(), db, pipeline=pipeline)  # type: ignore[arg-type]
    desk = Desk.open(db)
    result = desk.share(
        actor="al-Shabaab", target_type="military", since=dt.date(2026, 2, 1), until=dt.date(2026, 3, 31)
    )
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.low == pytest.approx(0.0615, abs=5e-4)
    assert result.high == pytest.approx(0.7923, abs=5e-4)
    hit = desk.select(EventFilter(event_ids=result.numerator_ids))
    assert [e.sub_event_type for e in hit] == ["Remote explosive/landmine/IED"]
    behind = desk.select(EventFilter(event_ids=result.denominator_ids))
    assert sorted(e.sub_event_type for e in behind) == ["Armed clash", "Attack", "Remote explosive/landmine/IED"]


def test_share_of_al_shabaab_attacks_on_civilians(tmp_path: Path, pipeline: object) -> None:
    """Issue 13 item 4: the Baidoa market attack ("a crowded livestock market", a business
    target, six civilians killed) hit civilians; it was 0 of 3 when only a target role of
    kind "civilians" counted. 1 of 3 has the same interval as the military share above."""
    db = tmp_path / "demo.db"
    ingest(example_paths(), db, pipeline=pipeline)  # type: ignore[arg-type]
    desk = Desk.open(db)
    result = desk.share(
        actor="al-Shabaab", target_type="civilians", since=dt.date(2026, 2, 1), until=dt.date(2026, 3, 31)
    )
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.low == pytest.approx(0.0615, abs=5e-4)
    assert result.high == pytest.approx(0.7923, abs=5e-4)
    (market,) = desk.select(EventFilter(event_ids=result.numerator_ids))
    assert (market.location, market.target_kinds) == ("Baidoa", ("business",))
    assert result.reasons == ("target kind business",)
