"""The project's own annotated corpus: loading, and checking that it holds.

The corpus ships in the package (``data/corpus/corpus.jsonl``, built from the
hand-written ``reports.txt`` by ``scripts/corpus_offsets.py``); the format is in
docs/corpus.md. Records here are frozen dataclasses; ``validate`` returns every
problem it finds (an empty list when the corpus holds).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventdesk.eval.corpus.build import build_records, split_of
from eventdesk.records import STATUSES, Article

__all__ = [
    "PATTERNS",
    "SPLITS",
    "CorpusEvent",
    "CorpusReport",
    "GoldSpan",
    "NonEvent",
    "corpus_dir",
    "load_corpus",
    "report_from_dict",
    "validate",
    "write_corpus",
]

SPLITS = ("train", "dev", "test")
#: The failure patterns of issue 10 a report can be tagged with.
PATTERNS = (
    "glued-sentences",
    "lower-case",
    "historical",
    "weapon-typing",
    "violent-demonstration",
    "seized-weapons",
    "strategic-development",
    "agentless-passive",
    "vague-number",
    "bare-month",
    "multi-event",
    "statistic",
    "intra-group",
)
ROLES = ("actor1", "actor2", "place", "time", "weapon")


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldSpan:
    """Words of the report: ``text[start:end] == self.text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True, slots=True)
class CorpusEvent:
    """One annotated event: ACLED type and sub-type, trigger, roles, status, fatalities, date."""

    event_type: str
    sub_event_type: str
    trigger: GoldSpan
    actor1: GoldSpan | None
    actor2: GoldSpan | None
    place: GoldSpan | None
    time: GoldSpan | None
    weapon: GoldSpan | None
    status: str
    fatalities: tuple[int, int, int] | None
    date: dt.date | None


@dataclass(frozen=True, kw_only=True, slots=True)
class NonEvent:
    """Words that must never be coded as an event, and why (historical, statistic, planned...)."""

    reason: str
    span: GoldSpan


@dataclass(frozen=True, kw_only=True, slots=True)
class CorpusReport:
    """One short report with its gold events and non-events."""

    id: str
    split: str
    published: dt.date
    outlet: str
    title: str
    text: str
    patterns: tuple[str, ...]
    events: tuple[CorpusEvent, ...]
    non_events: tuple[NonEvent, ...]

    def article(self) -> Article:
        """The report as the pipeline reads it (the text is already canonical)."""
        return Article(
            id=Article.make_id(self.text), outlet=self.outlet, published=self.published, language="en",
            title=self.title, text=self.text, source=f"corpus:{self.id}",
        )  # fmt: skip


def corpus_dir() -> Path:
    """The bundled corpus folder (reports.txt and corpus.jsonl)."""
    return Path(str(resources.files("eventdesk.data").joinpath("corpus")))


def _span(value: dict[str, Any] | None) -> GoldSpan | None:
    return None if value is None else GoldSpan(text=value["text"], start=value["start"], end=value["end"])


def _event(value: dict[str, Any]) -> CorpusEvent:
    fat = value["fatalities"]
    return CorpusEvent(
        event_type=value["event_type"], sub_event_type=value["sub_event_type"], trigger=GoldSpan(**value["trigger"]),
        **{role: _span(value[role]) for role in ROLES},
        status=value["status"],
        fatalities=None if fat is None else (fat["low"], fat["best"], fat["high"]),
        date=dt.date.fromisoformat(value["date"]) if value["date"] else None,
    )  # fmt: skip


def report_from_dict(value: dict[str, Any]) -> CorpusReport:
    """One JSONL line as a report."""
    return CorpusReport(
        id=value["id"], split=value["split"], published=dt.date.fromisoformat(value["published"]),
        outlet=value["outlet"], title=value["title"], text=value["text"], patterns=tuple(value["patterns"]),
        events=tuple(_event(e) for e in value["events"]),
        non_events=tuple(NonEvent(reason=n["reason"], span=GoldSpan(**n["span"])) for n in value["non_events"]),
    )  # fmt: skip


def load_corpus(path: Path | None = None, *, split: str | None = None) -> list[CorpusReport]:
    """The reports of ``path`` (default: the bundled corpus), optionally of one split, in file order."""
    path = path or corpus_dir() / "corpus.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    reports = [report_from_dict(json.loads(line)) for line in lines if line.strip()]
    return [r for r in reports if split is None or r.split == split]


def _taxonomy() -> dict[str, str]:
    from eventdesk.extract.taxonomy import load_taxonomy

    return load_taxonomy().event_type_of


def write_corpus(directory: Path | None = None) -> tuple[Path, int]:
    """Build ``corpus.jsonl`` from ``reports.txt`` in ``directory``; returns (path, report count)."""
    directory = directory or corpus_dir()
    records = build_records((directory / "reports.txt").read_text(encoding="utf-8"), _taxonomy(), STATUSES)
    path = directory / "corpus.jsonl"
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(records)


def validate(reports: list[CorpusReport]) -> list[str]:
    """Every problem found: offsets, sub-types, statuses, duplicate ids, splits, patterns, dates."""
    event_type_of = _taxonomy()
    problems = [f"duplicate id {i}" for i, n in Counter(r.id for r in reports).items() if n > 1]
    for report in reports:
        problems += [f"{report.id}: {p}" for p in _report_problems(report, event_type_of)]
    return problems


def _report_problems(report: CorpusReport, event_type_of: dict[str, str]) -> list[str]:
    problems = [] if report.split == split_of(report.id) else [f"split {report.split} is not {split_of(report.id)}"]
    problems += [f"unknown pattern {p}" for p in report.patterns if p not in PATTERNS]
    spans = [n.span for n in report.non_events]
    for event in report.events:
        spans += [event.trigger, *(s for s in (getattr(event, r) for r in ROLES) if s is not None)]
        if event_type_of.get(event.sub_event_type) != event.event_type:
            problems.append(f"{event.event_type} / {event.sub_event_type} is not in the taxonomy")
        if event.status not in STATUSES:
            problems.append(f"unknown status {event.status}")
        if event.fatalities is not None and not event.fatalities[0] <= event.fatalities[1] <= event.fatalities[2]:
            problems.append(f"fatalities {event.fatalities} are not low <= best <= high")
    problems += [f"span {s.text!r} at {s.start} does not hold" for s in spans if report.text[s.start : s.end] != s.text]
    return problems
