"""The CLI twins, through a throwaway typer app built with ``register``."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eventdesk.cli import DESK_COMMANDS as COMMANDS
from eventdesk.cli import register_desk as register

DOCS = Path(__file__).resolve().parents[2] / "docs" / "desk.md"


@pytest.fixture
def run(db):
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [*args, "--db", str(db.path)] if args[0] != "--help" else list(args))

    return invoke


def test_register_adds_the_desk_commands():
    app = typer.Typer()
    register(app)
    assert sorted(c.name for c in app.registered_commands) == [
        "export",
        "link",
        "merges",
        "query",
        "queue",
        "review",
        "serve",
        "split",
        "stats",
        "unlinked",
    ]


def test_query_json_csv_and_table(run, db):
    out = run("query", "--actor", "Daesh", "--actor-role", "perpetrator", "--json")
    assert out.exit_code == 0, out.output
    page = json.loads(out.stdout)
    assert page["total"] == 4
    rows = list(csv.DictReader(io.StringIO(run("query", "--country", "Iraq", "--status", "alleged", "--csv").stdout)))
    assert [r["id"] for r in rows] == [db.ids["e_shepherds"]]
    table = run("query", "--limit", "2")
    assert table.exit_code == 0 and "events 1-2 of 7" in table.stdout


def test_stats_counts_and_share(run):
    counts = json.loads(run("stats", "--by", "month", "--json").stdout)
    assert [r["key"] for r in counts["rows"]][:2] == ["2025-02", "2025-03"]
    share = json.loads(
        run(
            "stats",
            "--actor",
            "ISIS",
            "--share-target",
            "military",
            "--since",
            "2025-01-01",
            "--until",
            "2025-12-31",
            "--json",
        ).stdout
    )
    assert (share["numerator"], share["denominator"]) == (2, 4)
    missing = run("stats", "--share-target", "military")
    assert missing.exit_code == 2 and "ED042" in missing.output


def test_stats_share_list_is_the_drill_down(run, db):
    """``--list`` shows every event of the denominator, whether it counts and why (issue 13 item 4)."""
    args = ("stats", "--actor", "ISIS", "--share-target", "civilians", "--since", "2025-01-01", "--until", "2025-12-31")
    listed = run(*args, "--list", "--csv")
    assert listed.exit_code == 0, listed.output
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert [(r["id"], r["counted"], r["why"]) for r in rows][0] == (db.ids["e_market"], "yes", "target kind civilians")
    assert {r["id"] for r in rows} == {db.ids[k] for k in ("e_checkpoint", "e_market", "e_patrol", "e_police")}
    assert [r["counted"] for r in rows[1:]] == ["no"] * 3
    table = run(*args, "--list")
    assert "1/4 25.0%" in table.stdout and db.ids["e_market"][:8] in table.stdout
    assert json.loads(run(*args, "--list", "--json").stdout)["reasons"] == ["target kind civilians"]


def test_export_writes_a_file(run, tmp_path):
    out = tmp_path / "e.geojson"
    result = run("export", "--format", "geojson", "--out", str(out), "--country", "Syria")
    assert result.exit_code == 0, result.output
    assert "1 left out" in result.output
    assert json.loads(out.read_text())["type"] == "FeatureCollection"


def test_review_then_query_shows_it(run, db):
    target = db.ids["e_market"]
    out = run("review", target, "--action", "reject", "--reviewer", "alice", "--reason", "dup")
    assert out.exit_code == 0, out.output
    ids = {e["id"] for e in json.loads(run("query", "--json").stdout)["events"]}
    assert target not in ids
    again = json.loads(run("query", "--include-rejected", "--json").stdout)["events"]
    assert next(e for e in again if e["id"] == target)["review_state"] == "rejected"


def test_errors_are_one_coded_line(run):
    bad = run("query", "--since", "soon")
    assert bad.exit_code == 1 and bad.output.strip().startswith("[ED042]")
    unknown = run("review", "nope", "--action", "accept", "--reviewer", "x")
    assert unknown.exit_code == 1 and "[ED040]" in unknown.output


def test_every_command_and_option_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    app = typer.Typer()
    register(app)
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        assert f"eventdesk {name}" in text, f"command {name} is not documented"
        for param in sub.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert re.search(rf"`{re.escape(opt)}\b", text), f"{name} {opt} is not documented"
    assert set(COMMANDS) == set(command.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "args",
    [
        ("events",),
        ("show", "abcd1234"),
        ("query", "--country", "Somalia"),
        ("stats",),
        ("export", "--out", "x.csv"),
        ("review", "abcd1234", "--action", "accept", "--reviewer", "ana"),
        ("serve",),
    ],
)
def test_every_read_command_refuses_a_database_that_is_not_there(tmp_path, args):
    from eventdesk.cli import app

    typo = tmp_path / "evnets.db"
    out = CliRunner().invoke(app, [*args, "--db", str(typo)])
    assert out.exit_code == 2 and "[ED022]" in out.output and "eventdesk ingest" in out.output
    assert not typo.exists()


def test_the_api_refuses_a_database_that_is_not_there(tmp_path):
    from eventdesk.api import create_app
    from eventdesk.errors import EventdeskError

    with pytest.raises(EventdeskError) as err:
        create_app(tmp_path / "typo.db")
    assert err.value.code == "ED022" and not (tmp_path / "typo.db").exists()


def test_review_and_share_values_are_checked_on_the_command_line(run, db):
    target = db.ids["e_market"]
    for field, value in (("event_type", "Garbage"), ("fatalities_best", "1e308"), ("start", "2025-02-30")):
        out = run("review", target, "--action", "edit", "--field", field, "--value", value, "--reviewer", "ana")
        assert out.exit_code == 1 and out.output.startswith("[ED042]"), out.output
    share = run("stats", "--actor", "ISIS", "--share-target", "military", "--confidence", "0.9999999999999999")
    assert share.exit_code == 1 and share.output.startswith("[ED042]"), share.output


def test_a_review_on_a_read_only_database_is_one_coded_line(run, db, monkeypatch):
    from eventdesk.cli import review as review_command
    from eventdesk.query import Desk

    real_open = Desk.open

    def open_read_only(*args, **kwargs):
        desk = real_open(*args, **kwargs)
        desk.store._conn.execute("PRAGMA query_only=ON")
        return desk

    monkeypatch.setattr(review_command.Desk, "open", open_read_only)
    out = run("review", db.ids["e_market"], "--action", "accept", "--reviewer", "ana")
    assert out.exit_code == 1 and out.output.startswith("[ED020]"), out.output


def test_review_takes_the_short_id_that_events_prints(run, db):
    target = db.ids["e_market"]
    out = run("review", target[:8], "--action", "reject", "--reviewer", "ana", "--json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["target_id"] == target

    ids = sorted(db.ids.values())
    shared = next(i[:1] for i in ids if sum(j.startswith(i[:1]) for j in ids) > 1)
    both = [i for i in ids if i.startswith(shared)]
    ambiguous = run("review", shared, "--action", "accept", "--reviewer", "ana")
    assert ambiguous.exit_code == 1 and ambiguous.output.startswith("[ED043]")
    assert all(i in ambiguous.output for i in both)


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--csv"),
        ("query", "--csv"),
        ("stats", "--by", "actor", "--csv"),
        ("stats", "--by", "actor2", "--csv"),
    ],
)
def test_every_csv_the_cli_prints_neutralises_spreadsheet_formulas(db, args):
    from eventdesk.cli import app
    from eventdesk.query import Desk

    with Desk.open(db.path) as desk:
        # Names a hostile report could carry into the actor columns.
        desk.review(db.ids["e_market"], action="edit", field="actor1", value='=HYPERLINK("http://x")', reviewer="t")
        desk.review(db.ids["e_market"], action="edit", field="actor2", value="@SUM(A1:A9)", reviewer="t")
    out = CliRunner().invoke(app, [*args, "--db", str(db.path)])
    assert out.exit_code == 0, out.output
    cells = [c for row in csv.reader(io.StringIO(out.stdout)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    assert {'\'=HYPERLINK("http://x")', "'@SUM(A1:A9)"} & set(cells)
