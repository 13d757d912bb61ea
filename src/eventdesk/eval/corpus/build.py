"""Build the corpus JSONL from its hand-written source, computing every offset.

Reports and their annotations are written by hand in ``data/corpus/reports.txt``
(the format is in docs/corpus.md); offsets are never typed. A span is written as
its words; ``words@N`` picks their N-th occurrence in the report. Without ``@N``
the trigger is the first occurrence and every other span the occurrence nearest
to its event's trigger, which is what an annotator means in a two-event report.
``scripts/corpus_offsets.py`` writes ``data/corpus/corpus.jsonl``; a test checks
the two files agree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

__all__ = ["SUB_TYPE_CODES", "CorpusSourceError", "build_records", "locate", "parse_source", "split_of"]

#: Short codes the source uses for ACLED's 25 sub-event types (full names are accepted too).
SUB_TYPE_CODES: dict[str, str] = {
    "clash": "Armed clash",
    "regain": "Government regains territory",
    "overtake": "Non-state actor overtakes territory",
    "chemical": "Chemical weapon",
    "air": "Air/drone strike",
    "suicide": "Suicide bomb",
    "shelling": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "sexual": "Sexual violence",
    "attack": "Attack",
    "abduction": "Abduction/forced disappearance",
    "peaceful": "Peaceful protest",
    "intervention": "Protest with intervention",
    "excessive": "Excessive force against protesters",
    "violent-demo": "Violent demonstration",
    "mob": "Mob violence",
    "agreement": "Agreement",
    "arrests": "Arrests",
    "change": "Change to group/activity",
    "disrupted": "Disrupted weapons use",
    "hq": "Headquarters or base established",
    "looting": "Looting/property destruction",
    "transfer": "Non-violent transfer of territory",
    "other": "Other",
}

ROLE_KEYS = {"a1": "actor1", "a2": "actor2", "place": "place", "time": "time", "weapon": "weapon"}
_HEADER = re.compile(r"^=== (\S+)\s*$")


class CorpusSourceError(ValueError):
    """A report in the source cannot be built: the message names the report and the field."""


def split_of(report_id: str) -> str:
    """train / dev / test by the SHA-256 of the id (about 70/15/15): stable whatever else changes."""
    bucket = int(hashlib.sha256(report_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def parse_source(source: str) -> list[dict[str, Any]]:
    """The source's reports as raw dicts: header fields plus ``event`` and ``nonevent`` lines."""
    reports: list[dict[str, Any]] = []
    for lineno, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            reports.append({"id": header.group(1), "event": [], "nonevent": []})
            continue
        key, sep, value = line.partition(":")
        if not reports or not sep:
            raise CorpusSourceError(f"line {lineno}: expected '=== ID' or 'key: value', got {line!r}")
        key, value = key.strip(), value.strip()
        if key in ("event", "nonevent"):
            reports[-1][key].append(value)
        elif key in reports[-1]:
            raise CorpusSourceError(f"line {lineno}: {key!r} given twice in {reports[-1]['id']}")
        else:
            reports[-1][key] = value
    return reports


def locate(text: str, words: str, *, near: int | None = None) -> dict[str, Any]:
    """A span object for ``words`` (``words@N``: the N-th occurrence as a whole word) in ``text``."""
    wanted, _, index = words.rpartition("@") if re.search(r"@\d+$", words) else (words, "", "")
    # whole words only: "it" is never found inside "militants"
    starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(wanted)}(?!\w)", text)]
    if not starts:
        raise CorpusSourceError(f"span {wanted!r} not in the text")
    if index:
        if int(index) > len(starts):
            raise CorpusSourceError(f"span {wanted!r}: occurrence {index} of {len(starts)}")
        start = starts[int(index) - 1]
    elif near is None:
        start = starts[0]
    else:
        start = min(starts, key=lambda s: abs(s - near))
    return {"text": wanted, "start": start, "end": start + len(wanted)}


def _fatalities(value: str) -> dict[str, int] | None:
    """``5`` (all three), ``3,4,5`` (low, best, high) or empty/``-`` (no count)."""
    if value in ("", "-"):
        return None
    numbers = [int(v) for v in value.split(",")]
    low, best, high = numbers * 3 if len(numbers) == 1 else numbers
    return {"low": low, "best": best, "high": high}


def _event(text: str, line: str, event_type_of: dict[str, str], statuses: tuple[str, ...]) -> dict[str, Any]:
    fields = [f.strip() for f in line.split("|")]
    sub = SUB_TYPE_CODES.get(fields[0], fields[0])
    if sub not in event_type_of:
        raise CorpusSourceError(f"unknown sub-event type {fields[0]!r}")
    trigger = locate(text, fields[1])
    values = dict(f.split("=", 1) for f in fields[2:])
    unknown = set(values) - {*ROLE_KEYS, "status", "fat", "date"}
    if unknown:
        raise CorpusSourceError(f"unknown event fields {sorted(unknown)}")
    status = values.get("status", "asserted")
    if status not in statuses:
        raise CorpusSourceError(f"unknown status {status!r}")
    event: dict[str, Any] = {"event_type": event_type_of[sub], "sub_event_type": sub, "trigger": trigger}
    for key, role in ROLE_KEYS.items():
        words = values.get(key, "").strip()
        event[role] = locate(text, words, near=trigger["start"]) if words else None
    date = values.get("date", "").strip()
    event |= {"status": status, "fatalities": _fatalities(values.get("fat", "").strip()), "date": date or None}
    if date:
        dt.date.fromisoformat(date)
    return event


def build_records(source: str, event_type_of: dict[str, str], statuses: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every report of the source as a corpus record (the JSONL line), offsets computed."""
    records = []
    for raw in parse_source(source):
        try:
            records.append(_record(raw, event_type_of, statuses))
        except (CorpusSourceError, KeyError, ValueError) as exc:
            raise CorpusSourceError(f"report {raw['id']}: {exc}") from exc
    return records


def _record(raw: dict[str, Any], event_type_of: dict[str, str], statuses: tuple[str, ...]) -> dict[str, Any]:
    text = raw["text"]
    events = [_event(text, line, event_type_of, statuses) for line in raw["event"]]
    non_events = []
    for line in raw["nonevent"]:
        reason, _, words = (f.strip() for f in line.partition("|"))
        non_events.append({"reason": reason, "span": locate(text, words)})
    dt.date.fromisoformat(raw["published"])
    return {
        "id": raw["id"],
        "split": split_of(raw["id"]),
        "published": raw["published"],
        "outlet": raw["outlet"],
        "title": raw["title"],
        "text": text,
        "patterns": raw.get("patterns", "").split(),
        "events": events,
        "non_events": non_events,
    }
