"""The share of events that hit civilians counts what was hit, whatever the wording (issue 13 item 4).

A report that says "a crowded livestock market" gives a business target, "a
primary school" an educational one, and "a roadside bomb hit a minibus ...,
killing five civilians" no civilian target at all: all three hit civilians,
as an analyst counts them. Before, only a target role of kind "civilians"
counted, and al-Shabaab's Baidoa market attack was 0 of 3.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from eventdesk import ingest
from eventdesk.extract.taxonomy import CIVILIAN_TARGET_TYPES, TARGET_TYPES
from eventdesk.query import Desk, EventFilter
from eventdesk.query.stats import hit_civilians
from eventdesk.query.views import RoleView


@pytest.fixture
def desk(db):
    with Desk.open(db.path) as d:
        yield d


def test_the_civilian_kinds_are_target_types():
    assert set(TARGET_TYPES) >= CIVILIAN_TARGET_TYPES
    assert {"civilians", "business", "educational", "religious"} <= CIVILIAN_TARGET_TYPES
    # Unarmed officials and diplomats are civilians, as ACLED codes them; the armed are not.
    assert {"government", "diplomatic"} <= CIVILIAN_TARGET_TYPES
    assert not {"military", "police", "non-state militia", "protesters"} & CIVILIAN_TARGET_TYPES


def test_each_rule_and_its_reason(desk, db):
    (patrol,) = desk.select(EventFilter(event_ids=(db.ids["e_patrol"],)))
    assert hit_civilians(patrol) is None  # an army patrol
    market = dataclasses.replace(
        patrol, roles=(RoleView(role="target", text="a crowded livestock market", kind="business"),)
    )
    assert hit_civilians(market) == "target kind business"
    assert hit_civilians(dataclasses.replace(patrol, event_type="Violence against civilians")) == (
        "event type Violence against civilians"
    )
    victims = dataclasses.replace(
        patrol, actor2="civilians-sy", actor2_name="Civilians (Syria)", actor2_type="civilians"
    )
    assert hit_civilians(victims) == "actor2 Civilians (Syria) is civilians"
    assert hit_civilians(patrol, ("five civilians",)) == "casualties: five civilians"


def test_share_of_civilians_on_the_sample_with_reasons(desk, db):
    s = desk.share(actor="ISIS", target_type="civilians", since=dt.date(2025, 1, 1), until=dt.date(2025, 12, 31))
    assert (s.numerator, s.denominator) == (1, 4)
    assert s.numerator_ids == (db.ids["e_market"],)
    assert s.reasons == ("target kind civilians",)
    # Any other kind still counts target roles of that kind, and says so.
    military = desk.share(actor="ISIS", target_type="military")
    assert military.reasons == ("target kind military",) * 2


REPORTS = {
    "kismayo-school.txt": (
        "title: Gunmen storm school in Kismayo\npublished: 2026-04-10\n\n"
        "Al-Shabaab militants stormed a primary school in Kismayo on Thursday, killing four pupils, "
        "a local official said.\n"
    ),
    "merca-minibus.txt": (
        "title: Roadside bomb hits minibus near Merca\npublished: 2026-04-20\n\n"
        "A roadside bomb planted by al-Shabaab hit a minibus near Merca on Sunday, killing five civilians, "
        "police said.\n"
    ),
    "bardere-base.txt": (
        "title: Army base attacked near Bardere\npublished: 2026-04-25\n\n"
        "Al-Shabaab fighters attacked an army base near Bardere on Friday, killing seven soldiers, "
        "the military said.\n"
    ),
}


@pytest.mark.model
def test_our_own_reports_school_and_minibus_hit_civilians(tmp_path: Path, pipeline: object) -> None:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "own.db"
    ingest([str(tmp_path / n) for n in sorted(REPORTS)], db, pipeline=pipeline)  # type: ignore[arg-type]
    with Desk.open(db) as desk:
        s = desk.share(actor="al-Shabaab", target_type="civilians")
        assert (s.numerator, s.denominator) == (2, 3)
        shown = {e.id: e for e in desk.select(EventFilter(event_ids=s.numerator_ids))}
        hit = {shown[i].sub_event_type: why for i, why in zip(s.numerator_ids, s.reasons, strict=True)}
        assert hit == {
            "Attack": "target kind educational",
            "Remote explosive/landmine/IED": "casualties: five civilians",
        }
        (base,) = desk.select(EventFilter(event_ids=tuple(set(s.denominator_ids) - set(s.numerator_ids))))
        assert base.target_kinds == ("military",)
