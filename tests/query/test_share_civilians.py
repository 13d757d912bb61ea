"""The share of events that hit civilians counts what was hit, whatever the wording (issue 13 item 4).

A report that says "a crowded livestock market" gives a business target, "a
primary school" an educational one, and "a roadside bomb hit a minibus ...,
killing five civilians" no civilian target at all: all three hit civilians,
as an analyst counts them. Before, only a target role of kind "civilians"
counted, and al-Shabaab's Baidoa market attack was 0 of 3.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest

from eventdesk import ingest
from eventdesk.export import render
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
    bombing = dataclasses.replace(patrol, event_type="Explosions/Remote violence", sub_event_type="Grenade")
    assert hit_civilians(bombing) is None  # an army patrol
    market = dataclasses.replace(
        bombing, roles=(RoleView(role="target", text="a crowded livestock market", kind="business"),)
    )
    assert hit_civilians(market) == "target kind business"
    assert hit_civilians(dataclasses.replace(patrol, event_type="Violence against civilians")) == (
        "event type Violence against civilians"
    )
    force = dataclasses.replace(patrol, event_type="Protests", sub_event_type="Excessive force against protesters")
    assert hit_civilians(force) == "sub-event type Excessive force against protesters"
    victims = dataclasses.replace(
        bombing, actor2="civilians-sy", actor2_name="Civilians (Syria)", actor2_type="civilians"
    )
    assert hit_civilians(victims) == "actor2 Civilians (Syria) is civilians"
    minibus = dataclasses.replace(bombing, roles=(RoleView(role="target", text="a minibus", kind="transportation"),))
    assert hit_civilians(minibus, ("five civilians",)) == "casualties: five civilians"
    # Civilians killed beside an armed main target were harmed incidentally.
    assert hit_civilians(bombing, ("five civilians",)) is None


@pytest.mark.parametrize(
    ("event_type", "sub_event_type"),
    [
        ("Battles", "Armed clash"),
        ("Strategic developments", "Looting/property destruction"),
        ("Protests", "Peaceful protest"),
    ],
)
def test_events_that_never_target_civilians(desk, db, event_type, sub_event_type):
    """ACLED's codebook never marks these: civilians harmed in a battle are incidental."""
    (patrol,) = desk.select(EventFilter(event_ids=(db.ids["e_patrol"],)))
    market = dataclasses.replace(
        patrol,
        event_type=event_type,
        sub_event_type=sub_event_type,
        roles=(RoleView(role="target", text="a crowded market", kind="business"),),
    )
    assert hit_civilians(market, ("six civilians",)) is None


def test_riots_and_mob_violence_can_target_civilians(desk, db):
    (patrol,) = desk.select(EventFilter(event_ids=(db.ids["e_patrol"],)))
    mob = dataclasses.replace(
        patrol,
        event_type="Riots",
        sub_event_type="Mob violence",
        roles=(RoleView(role="target", text="a villager", kind="civilians"),),
    )
    assert hit_civilians(mob) == "target kind civilians"


def test_the_share_and_the_acled_export_use_one_rule(desk, db):
    """Every event the share statistic counts as hitting civilians is marked
    "Civilian targeting" in the export, and no other."""
    flt = EventFilter.build(all_statuses=True)
    rows = list(csv.DictReader(io.StringIO(render(desk, "csv", flt).content.decode("utf-8"))))
    marked = {r["event_id"] for r in rows if r["civilian_targeting"] == "Civilian targeting"}
    counted = set(desk.civilian_targeting(desk.select(flt)))
    assert marked == counted
    assert {db.ids["e_market"], db.ids["e_shelling"], db.ids["e_shepherds"]} <= counted
    assert db.ids["e_checkpoint"] not in counted and db.ids["e_police"] not in counted


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
