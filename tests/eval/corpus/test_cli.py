"""``eventdesk eval corpus`` on a few reports, with the real pipeline."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventdesk.cli import app


@pytest.fixture
def runner(monkeypatch, pipeline) -> CliRunner:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("eventdesk.cli.evaluate._pipeline", lambda: pipeline)
    return CliRunner()


def test_json_on_a_few_dev_reports(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "corpus", "--split", "dev", "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["split"] == "dev" and scores["documents"] == 3
    assert {"events", "sub_types", "macro_f1", "roles", "fatalities", "status", "non_events"} <= scores.keys()
    assert 0 <= scores["events"]["f1"] <= 100 and len(scores["sub_types"]) == 25


def test_the_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "corpus", "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "event detection" in result.output and "macro F1 over sub-types" in result.output


def test_an_unknown_split_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "corpus", "--split", "holdout"])
    assert result.exit_code == 2
