"""What linking left out (issue 13: "a way to see the articles and mentions that
were not linked to any event"): ``Desk.unlinked``, GET /api/unlinked and
``eventdesk unlinked`` list them with why."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import desk_sample
from eventdesk.cli import app
from eventdesk.errors import EventdeskError
from eventdesk.query import Desk


@pytest.fixture
def left_out(db):
    return desk_sample.add_unlinked(db)


def test_the_sample_links_everything(db):
    with Desk.open(db.path) as desk:
        u = desk.unlinked()
    assert (u.articles_total, u.mentions_total, u.articles, u.mentions) == (0, 0, (), ())


def test_unlinked_articles_and_mentions_with_why(db, left_out):
    with Desk.open(db.path) as desk:
        u = desk.unlinked()
    why = {a.id: a.reason for a in u.articles}
    assert set(why) == {left_out["planned"], left_out["budget"], left_out["french"]}
    assert why[left_out["budget"]] == "no event mention found in its text"
    assert why[left_out["french"]].startswith("not coded: language 'fr'")
    assert why[left_out["planned"]] == "none of its 1 mention(s) belongs to an event"
    (planned,) = u.mentions
    assert planned.id == left_out["planned_mention"] and planned.status == "planned"
    assert planned.reason.startswith("status planned: never an event")
    assert planned.title == "Attack on Manbij called off" and "called off" in planned.sentence


def test_unlinked_pages(db, left_out):
    with Desk.open(db.path) as desk:
        first, second = desk.unlinked(limit=2), desk.unlinked(limit=2, offset=2)
        assert first.articles_total == second.articles_total == 3
        assert len(first.articles) == 2 and len(second.articles) == 1
        assert {a.id for a in first.articles}.isdisjoint(a.id for a in second.articles)
        for bad in (-1, 2**64):
            with pytest.raises(EventdeskError):
                desk.unlinked(offset=bad)


def test_unlinked_in_the_api(client, left_out):
    body = client.get("/api/unlinked").json()
    assert (body["articles_total"], body["mentions_total"]) == (3, 1)
    assert body["mentions"][0]["id"] == left_out["planned_mention"]
    assert client.get("/api/unlinked?limit=-1").status_code == 422
    page = client.get("/unlinked")
    assert page.status_code == 200 and "/static/js/unlinked.js" in page.text


def test_unlinked_on_the_command_line(db, left_out):
    out = CliRunner().invoke(app, ["unlinked", "--db", str(db.path), "--json"])
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout)
    assert body["articles_total"] == 3 and body["mentions"][0]["status"] == "planned"
    table = CliRunner().invoke(app, ["unlinked", "--db", str(db.path)])
    assert "3 article(s), 1 mention(s)" in table.output
