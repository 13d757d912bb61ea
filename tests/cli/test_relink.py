"""`eventdesk relink`: a full rebuild of the events from the stored mentions."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import desk_sample as sample
from eventdesk.cli import app
from eventdesk.query import Desk, EventFilter
from eventdesk.records import STATUSES


def _events(path: Path) -> dict[str, tuple[str, ...]]:
    with Desk.open(path) as desk:
        return {e.id: e.mention_ids for e in desk.select(EventFilter(statuses=STATUSES, include_rejected=True))}


def test_relink_rebuilds_the_same_events_and_keeps_reviews(db: sample.Sample) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["relink", "--db", str(db.path)])
    assert first.exit_code == 0, first.output
    rebuilt = _events(db.path)
    with Desk.open(db.path) as desk:
        event_id = next(iter(rebuilt))
        desk.review(event_id, action="edit", reviewer="ana", field="fatalities_best", value=7)
    second = runner.invoke(app, ["relink", "--db", str(db.path)])
    assert second.exit_code == 0 and f"{len(rebuilt)} events in" in second.output
    assert _events(db.path) == rebuilt
    with Desk.open(db.path) as desk:
        assert desk.event(event_id).event.fatalities_best == 7


def test_relink_refuses_a_database_that_is_not_there(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["relink", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "[ED022]" in result.output
    assert not (tmp_path / "none.db").exists()
