"""Issue 12: the same reports ingested in any order give the same event ids,
mentions and place precision, through the real pipeline (reports written for
this test: one place read "near" in one and "in" in another)."""

from __future__ import annotations

from pathlib import Path

from eventdesk import ingest
from eventdesk.query import Desk, EventFilter
from eventdesk.records import STATUSES

REPORTS = {
    "near.txt": (
        "title: Bomb near Kandahar\noutlet: Example Wire\npublished: 2026-03-10\nurl: https://example.org/near\n\n"
        "A roadside bomb struck a police convoy near Kandahar on Monday, killing three officers, officials said.\n"
    ),
    "in.txt": (
        "title: Kandahar bombing\noutlet: Another Wire\npublished: 2026-03-11\nurl: https://example.org/in\n\n"
        "Three police officers were killed when a bomb exploded beside their convoy in Kandahar on Monday.\n"
    ),
    "two.txt": (
        "title: Two blasts\noutlet: Example Post\npublished: 2026-03-10\nurl: https://example.org/two\n\n"
        "Two separate blasts hit Kandahar on Monday. A second blast, hours later at a police checkpoint, "
        "killed four officers.\n"
    ),
}


def _events(folder: Path, order: list[str], pipeline: object) -> list[tuple[object, ...]]:
    db = folder / "events.db"
    for name in order:  # one report at a time: a relink after each
        path = folder / name
        path.write_text(REPORTS[name], encoding="utf-8")
        ingest([str(path)], db, pipeline=pipeline)  # type: ignore[arg-type]
    with Desk.open(db) as desk:
        return sorted(
            (e.id, e.mention_ids, e.place_id, e.geo_precision, e.fatalities_best)
            for e in desk.select(EventFilter(statuses=STATUSES, include_rejected=True))
        )


def test_the_same_reports_in_any_order_give_the_same_events(tmp_path: Path, pipeline: object) -> None:
    orders = [["near.txt", "in.txt", "two.txt"], ["two.txt", "in.txt", "near.txt"], ["in.txt", "two.txt", "near.txt"]]
    results = []
    for i, order in enumerate(orders):
        folder = tmp_path / str(i)
        folder.mkdir()
        results.append(_events(folder, order, pipeline))
    assert results[0] == results[1] == results[2]
    assert any(row[3] == 1 for row in results[0])  # "in Kandahar" wins over "near Kandahar"
