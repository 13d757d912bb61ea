"""The review queue (issue 13: "a review queue ordered by uncertainty"):
``Desk.queue``, GET /api/queue and ``eventdesk queue``."""

from __future__ import annotations

import dataclasses
import json

import pytest
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.query import Desk, EventFilter
from eventdesk.query.queue import LOW_CONFIDENCE, queue_item, queue_reasons

AUTH = {"Authorization": "Bearer tok-alice"}


@pytest.fixture
def desk(db):
    with Desk.open(db.path) as d:
        yield d


def names(db, items):
    keys = {v: k for k, v in db.ids.items()}
    return [keys[i.event.id] for i in items]


def test_uncertain_events_come_first_with_their_reasons(desk, db):
    q = desk.queue(limit=None)
    order = names(db, q.items)
    assert q.total == len(db.ids)  # nothing is reviewed yet; alleged and denied are in it too
    # Alleged and denied single-source reports lead; the police attack, whose two
    # reports disagree on the status, and the unresolved actor come next.
    assert set(order[:2]) == {"e_shepherds", "e_hospital"}
    assert set(order[2:4]) == {"e_police", "e_hostile"}
    why = {n: i.reasons for n, i in zip(order, q.items, strict=True)}
    assert why["e_shepherds"] == ("status alleged", "single source")
    assert why["e_police"] == ("sources disagree on the status",)
    assert why["e_hostile"] == ("actor not resolved", "single source")
    assert [i.priority for i in q.items] == sorted((i.priority for i in q.items), reverse=True)


def test_a_review_takes_an_event_out(desk, db):
    desk.review(db.ids["e_shepherds"], action="accept", reviewer="ana")
    assert db.ids["e_shepherds"] not in {i.event.id for i in desk.queue(limit=None).items}
    assert desk.queue(limit=None).total == len(db.ids) - 1


def test_the_queue_takes_the_event_filter_and_pages(desk, db):
    iraq = desk.queue(EventFilter.build(country="Iraq"))
    assert names(db, iraq.items) == ["e_shepherds"]
    only_asserted = desk.queue(EventFilter.build(status=["asserted"]), limit=None)
    assert {i.event.status for i in only_asserted.items} == {"asserted"}
    first, rest = desk.queue(limit=3), desk.queue(limit=3, offset=3)
    assert len(first.items) == 3 and {i.event.id for i in first.items}.isdisjoint(i.event.id for i in rest.items)


def test_low_confidence_and_fatality_ranges(desk, db):
    (patrol,) = desk.select(EventFilter(event_ids=(db.ids["e_patrol"],)))
    detail = desk.event(patrol.id)
    mentions = [dataclasses.replace(m.mention, score=LOW_CONFIDENCE / 2) for m in detail.mentions]
    ranged = dataclasses.replace(patrol, fatalities_low=3, fatalities_high=9)
    reasons = [text for _, text in queue_reasons(ranged, mentions)]
    assert "low confidence 0.25" in reasons and "fatality figures disagree: 3-9" in reasons
    (police,) = desk.select(EventFilter(event_ids=(db.ids["e_police"],)))
    two = detail_mentions(desk.event(police.id))
    renamed = [
        two[0],
        dataclasses.replace(
            two[1],
            roles=tuple(
                dataclasses.replace(r, resolved_id="jabhat-al-nusra") if r.role == "actor" else r for r in two[1].roles
            ),
        ),
    ]
    assert "sources name different actors" in [text for _, text in queue_reasons(police, renamed)]
    assert "sources name different actors" not in [text for _, text in queue_reasons(police, two)]
    assert queue_item(ranged, mentions).priority > queue_item(patrol, detail_mentions(detail)).priority


def detail_mentions(detail):
    return [m.mention for m in detail.mentions]


def test_the_queue_in_the_api_and_on_the_command_line(client, db):
    body = client.get("/api/queue?limit=2").json()
    assert body["total"] == len(db.ids) and len(body["items"]) == 2
    assert body["items"][0]["reasons"] and body["items"][0]["event"]["id"]
    client.post("/api/reviews", json={"event_id": body["items"][0]["event"]["id"], "action": "reject"}, headers=AUTH)
    assert client.get("/api/queue").json()["total"] == len(db.ids) - 1
    assert client.get("/api/queue?limit=5000").status_code == 422
    assert client.get("/queue").status_code == 200
    out = CliRunner().invoke(app, ["queue", "--db", str(db.path), "--json", "--country", "Iraq"])
    assert out.exit_code == 0, out.output
    assert [i["event"]["id"] for i in json.loads(out.stdout)["items"]] == [db.ids["e_shepherds"]]
