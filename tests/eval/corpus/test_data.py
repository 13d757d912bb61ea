"""The bundled corpus holds: offsets, taxonomy, statuses, splits, coverage, and its build is current."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from eventdesk.eval.corpus.build import split_of
from eventdesk.eval.corpus.data import PATTERNS, SPLITS, corpus_dir, load_corpus, validate, write_corpus
from eventdesk.extract.taxonomy import load_taxonomy

#: Floors that can fail: raise them as the corpus grows (issue 10 wanted 400 reports, 12 per sub-type; now 1,171 and 41).
MIN_REPORTS = 1000
MIN_PER_SUB_TYPE = 40


@pytest.fixture(scope="module")
def reports():  # type: ignore[no-untyped-def]
    return load_corpus()


def test_the_corpus_validates(reports) -> None:  # type: ignore[no-untyped-def]
    assert validate(reports) == []


def test_every_offset_holds(reports) -> None:  # type: ignore[no-untyped-def]
    spans = [n.span for r in reports for n in r.non_events]
    spans += [e.trigger for r in reports for e in r.events]
    for report in reports:
        for event in report.events:
            for role in ("actor1", "actor2", "place", "time", "weapon"):
                span = getattr(event, role)
                if span is not None:
                    assert report.text[span.start : span.end] == span.text, (report.id, role)
        for n in report.non_events:
            assert report.text[n.span.start : n.span.end] == n.span.text, report.id


def test_the_corpus_is_big_enough(reports) -> None:  # type: ignore[no-untyped-def]
    assert len(reports) >= MIN_REPORTS


def test_every_sub_type_is_covered(reports) -> None:  # type: ignore[no-untyped-def]
    counts = Counter(e.sub_event_type for r in reports for e in r.events)
    thin = {s: counts[s] for s in load_taxonomy().sub_event_types if counts[s] < MIN_PER_SUB_TYPE}
    assert thin == {}


def test_every_failure_pattern_and_status_is_exercised(reports) -> None:  # type: ignore[no-untyped-def]
    used = {p for r in reports for p in r.patterns}
    assert set(PATTERNS) <= used
    statuses = {e.status for r in reports for e in r.events}
    assert {"asserted", "reported", "claimed", "alleged", "denied", "planned", "negated"} <= statuses
    reasons = {n.reason for r in reports for n in r.non_events}
    assert {"historical", "statistic"} <= reasons


def test_splits_are_deterministic_and_near_70_15_15(reports) -> None:  # type: ignore[no-untyped-def]
    assert [split_of("ng-001"), split_of("ng-001")] == [split_of("ng-001")] * 2
    assert all(r.split == split_of(r.id) for r in reports)
    shares = Counter(r.split for r in reports)
    assert set(shares) == set(SPLITS)
    assert 0.6 <= shares["train"] / len(reports) <= 0.8
    assert all(0.08 <= shares[s] / len(reports) <= 0.22 for s in ("dev", "test"))
    assert load_corpus(split="dev") == [r for r in reports if r.split == "dev"]


def test_corpus_jsonl_is_built_from_reports_txt(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The shipped JSONL is exactly what scripts/corpus_offsets.py makes from the source."""
    (tmp_path / "reports.txt").write_text((corpus_dir() / "reports.txt").read_text("utf-8"), "utf-8")
    path, _ = write_corpus(tmp_path)
    assert path.read_text("utf-8") == (corpus_dir() / "corpus.jsonl").read_text("utf-8")


def test_every_line_has_the_documented_keys() -> None:
    keys = {"id", "split", "published", "outlet", "title", "text", "patterns", "events", "non_events"}
    event_keys = {"event_type", "sub_event_type", "trigger", "actor1", "actor2", "place", "time", "weapon"}
    event_keys |= {"status", "fatalities", "date"}
    for line in (corpus_dir() / "corpus.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        assert set(record) == keys
        assert all(set(e) == event_keys for e in record["events"])


def test_validate_names_what_is_broken(reports) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    report = reports[0]
    event = dataclasses.replace(report.events[0], sub_event_type="Picnic", status="rumoured")
    broken = dataclasses.replace(report, split="nowhere", text="x" + report.text, events=(event,))
    problems = validate([broken, broken])
    assert f"duplicate id {report.id}" in problems
    assert any("is not in the taxonomy" in p for p in problems)
    assert any("unknown status rumoured" in p for p in problems)
    assert any("split nowhere" in p for p in problems)
    assert any("does not hold" in p for p in problems)
