"""The query benchmark's database and reads, checked against plain Python over the same reports."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.eval.query_bench import build_database, synthetic_reports, time_queries
from eventdesk.link import link
from eventdesk.store import open_store


def test_the_same_seed_gives_the_same_reports() -> None:
    first = [m.id for _, m, _, _ in synthetic_reports(50, seed=3)]
    assert first == [m.id for _, m, _, _ in synthetic_reports(50, seed=3)]
    assert first != [m.id for _, m, _, _ in synthetic_reports(50, seed=4)]


def test_every_span_holds_in_its_report() -> None:
    for article, mention, _, _ in synthetic_reports(30):
        assert all(role.span.holds_in(article.text) for role in mention.roles)
        assert mention.trigger.holds_in(article.text) and mention.sentence.holds_in(article.text)


def test_the_reads_agree_with_a_plain_python_reference(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    build_database(db, 400, seed=1)
    reports = list(synthetic_reports(400, seed=1))
    events = link([mention for _, mention, _, _ in reports])
    with open_store(db) as store:
        assert len(store.events()) == len(events)
        assert len(store.reviews()) == int(len(events) * 0.02)

    timings = {t.name: t for t in time_queries(db)}
    somali = [e for e in events if (e.place_id or "").startswith("bench:SO:")]
    assert timings["page"].rows == min(50, len(somali))
    assert timings["counts"].rows == len({e.sub_event_type for e in events})
    assert timings["share"].rows == sum(1 for e in events if e.actor1 == "bench:SO:0")
    assert timings["export"].rows == len(events)
    assert all(t.wall_s >= 0 and t.cpu_s >= 0 for t in timings.values())


def test_bench_query_prints_one_json_line_per_size() -> None:
    result = CliRunner().invoke(app, ["bench", "--query", "120", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["events"] == 120 and figures["peak_rss_mib"] > 0
    assert [t["name"] for t in figures["timings"]] == ["page", "counts", "share", "export"]
