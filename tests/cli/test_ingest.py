"""The spine's commands, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli import app

pytestmark = pytest.mark.model

REPORT = (
    "title: Attack on Menaka checkpoint\noutlet: Sahel Wire\npublished: 2026-03-10\n\n"
    "Gunmen attacked an army checkpoint near Menaka on Monday, killing four soldiers, a military spokesman said.\n"
)


def test_ingest_events_show(tmp_path: Path) -> None:
    (tmp_path / "menaka.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "e.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    # The empty file was refused: the run says so in its exit status (issue 13), after the summary.
    assert result.exit_code == 1, result.output
    assert "2 documents" in result.output and "1 stored" in result.output and "1 errors" in result.output
    assert "[ED002]" in result.output

    listed = runner.invoke(app, ["events", "--db", db, "--json"])
    [event] = json.loads(listed.output)
    assert event["place"] == "Ménaka" or "Menaka" in event["place"]
    assert event["fatalities"] == 4 and event["date"] == "2026-03-09"

    shown = runner.invoke(app, ["show", event["id"][:8], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "«attacked»" in shown.output and "«four»" in shown.output and "according to" in shown.output

    missing = runner.invoke(app, ["show", "ffffffff", "--db", db])
    assert missing.exit_code == 1 and "[ED040]" in missing.output


def test_events_on_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "eventdesk ingest" in result.output


def test_ingest_exits_non_zero_when_a_document_was_refused_and_still_prints_the_summary(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("   \n", encoding="utf-8")
    db = tmp_path / "e.db"
    refused = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "blank.txt"), str(tmp_path / "gone.txt"), "--db", str(db)]
    )
    assert refused.exit_code == 1, refused.output
    assert "2 errors" in refused.output and "[ED002]" in refused.output and "[ED001]" in refused.output

    (tmp_path / "menaka.txt").write_text(REPORT, encoding="utf-8")
    clean = CliRunner().invoke(app, ["ingest", str(tmp_path / "menaka.txt"), "--db", str(db)])
    assert clean.exit_code == 0, clean.output
    assert "0 errors" in clean.output


def test_links_out_of_the_folder_are_followed_only_when_asked(tmp_path: Path) -> None:
    outside, folder = tmp_path / "outside", tmp_path / "reports"
    outside.mkdir()
    folder.mkdir()
    (outside / "menaka.txt").write_text(REPORT, encoding="utf-8")
    (folder / "menaka.txt").symlink_to(outside / "menaka.txt")
    runner = CliRunner()
    refused = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "a.db")])
    assert "[ED017]" in refused.output and "0 stored" in refused.output, refused.output
    followed = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "b.db"), "--follow-symlinks"])
    assert followed.exit_code == 0 and "1 stored" in followed.output and "[ED017]" not in followed.output
