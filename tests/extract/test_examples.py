"""End to end on the bundled example reports, against expected_mentions.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventdesk.extract import extract
from eventdesk.records import Mention

from .examples_reader import example_paths, read_example
from .helpers import HAPPENED

EXPECTED: dict[str, Any] = json.loads((Path(__file__).parent / "expected_mentions.json").read_text("utf-8"))
FILES = sorted(k for k in EXPECTED if not k.startswith("_"))


def test_every_bundled_report_has_expectations() -> None:
    assert sorted(p.name for p in example_paths()) == FILES
    assert 10 <= len(FILES) <= 15


def _roles_match(m: Mention, role: str, wanted: list[str]) -> bool:
    texts = [r.span.text for r in m.roles_of(role)]
    return all(any(w in t for t in texts) for w in wanted)


def _matches(m: Mention, want: dict[str, Any]) -> bool:
    if m.sub_event_type != want["sub_event_type"] or m.status != want["status"]:
        return False
    for role, key in (("actor", "actors"), ("target", "targets"), ("side", "sides"), ("weapon", "weapons")):
        if not _roles_match(m, role, want.get(key, [])):
            return False
    if "place" in want and not _roles_match(m, "place", [want["place"]]):
        return False
    for kind in ("killed", "injured", "abducted", "arrested"):
        count = m.casualty(kind)
        if kind in want and (count is None or count.best != want[kind]):
            return False
    source = m.attributed_to.text if m.attributed_to else ""
    if "attributed_to" in want and want["attributed_to"] not in source:
        return False
    return "intra_group" not in want or m.intra_group == want["intra_group"]


@pytest.mark.parametrize("name", FILES)
def test_report(nlp: Any, name: str) -> None:
    spec = EXPECTED[name]
    article = read_example(next(p for p in example_paths() if p.name == name))
    ex = extract(article, nlp)
    for want in spec["expected"]:
        assert any(_matches(m, want) for m in ex.mentions), (want, [_show(m) for m in ex.mentions])
    for rule in spec.get("forbidden", []):
        fragment, trigger = (rule, None) if isinstance(rule, str) else (rule["fragment"], rule["trigger"])
        bad = [
            m
            for m in ex.mentions
            if m.status in HAPPENED and fragment in m.sentence.text and trigger in (None, m.trigger.text)
        ]
        assert not bad, (fragment, [_show(m) for m in bad])
    if "max_mentions" in spec:
        assert len(ex.mentions) <= spec["max_mentions"], [_show(m) for m in ex.mentions]
    if "max_happened" in spec:
        assert len([m for m in ex.mentions if m.status in HAPPENED]) <= spec["max_happened"]
    for want in spec.get("stat_claims", []):
        claim = next(c for c in ex.stat_claims if c.value == want["value"])
        assert (claim.unit, claim.population, claim.subset) == (want["unit"], want["population"], want["subset"])
        assert claim.period is not None and claim.period.span is not None and claim.period.span.text == want["period"]
        assert list(claim.source_chain) == want["source_chain"]


def _show(m: Mention) -> str:
    roles = ", ".join(f"{r.role}={r.span.text!r}" for r in m.roles)
    cas = ", ".join(f"{c.kind}={c.best}" for c in m.casualties)
    return f"{m.sub_event_type}/{m.status} [{m.trigger.text}] {roles} {cas}"
