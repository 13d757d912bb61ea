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
