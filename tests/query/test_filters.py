"""The event filter is declared once (data/filters.json); every face is generated from it."""

from __future__ import annotations

import dataclasses
from typing import get_args

import pytest
import typer
from typer.testing import CliRunner

from eventdesk.cli import register_desk
from eventdesk.query import EventFilter, filter_fields
from eventdesk.query.filters import ActorRole


def test_every_declared_field_fills_the_filter():
    attrs = {f.name for f in dataclasses.fields(EventFilter)}
    for f in filter_fields():
        assert f.attr is None or f.attr in attrs, f.name
    assert EventFilter.build() == EventFilter()
    assert next(f for f in filter_fields() if f.name == "actor_role").choices == get_args(ActorRole)


def test_an_unknown_parameter_is_refused():
    with pytest.raises(TypeError):
        EventFilter.build(colour="red")


def test_every_face_offers_every_field(client):
    names = [f.name for f in filter_fields()]
    assert [f["name"] for f in client.get("/api/filters").json()] == names
    params = {p["name"] for p in client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]}
    assert set(names) <= params
    app = typer.Typer()
    register_desk(app)
    command = typer.main.get_command(app)
    for name in ("query", "stats", "export"):
        options = {o for p in command.commands[name].params for o in p.opts}  # type: ignore[attr-defined]
        assert {f.option for f in filter_fields()} <= options, name
    assert CliRunner().invoke(app, ["query", "--help"]).exit_code == 0


@pytest.mark.parametrize("typed", ["Syria", "syria", "SY", "sy", "SYR"])
def test_country_takes_a_name_iso2_or_iso3(db, typed):
    from eventdesk.query import Desk

    with Desk.open(db.path) as desk:
        by_name = {e.id for e in desk.select(EventFilter.build(country=["Syria"]))}
        typed_ids = {e.id for e in desk.select(EventFilter.build(country=[typed]))}
    assert by_name and typed_ids == by_name


def test_country_matches_events_stored_with_an_iso2_code(db):
    from eventdesk.query import Desk
    from eventdesk.query.match import matches

    with Desk.open(db.path) as desk:
        event = desk.select()[0]
    coded_event = dataclasses.replace(event, country="SO")
    assert matches(coded_event, EventFilter.build(country=["Somalia"]), set())
    assert matches(coded_event, EventFilter.build(country=["som"]), set())
    assert not matches(coded_event, EventFilter.build(country=["Kenya"]), set())


def test_an_unknown_country_is_a_coded_error_not_zero_events(client):
    from eventdesk.errors import EventdeskError

    with pytest.raises(EventdeskError) as err:
        EventFilter.build(country=["Somalya"])
    assert err.value.code == "ED042" and "Somalya" in err.value.message
    answer = client.get("/api/events", params={"country": "Narnia"})
    assert answer.status_code == 400 and answer.json()["code"] == "ED042"


def test_unreviewed_selects_the_events_no_analyst_has_touched(db, client):
    from eventdesk.query import Desk

    with Desk.open(db.path) as desk:
        everyone = {e.id for e in desk.select()}
        assert {e.id for e in desk.select(EventFilter.build(unreviewed=True))} == everyone
        # Even a review that changes nothing shown (confirming a machine value) counts.
        desk.review(db.ids["e_market"], action="accept", field="fatalities_best", reviewer="ana")
        desk.review(db.ids["e_patrol"], action="accept", reviewer="ana")
        left = {e.id for e in desk.select(EventFilter.build(unreviewed=True))}
    assert left == everyone - {db.ids["e_market"], db.ids["e_patrol"]}
    page = client.get("/api/events", params={"unreviewed": "true", "limit": 100}).json()
    assert {e["id"] for e in page["events"]} == left
