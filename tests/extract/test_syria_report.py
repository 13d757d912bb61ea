"""The real report in ../shared/examples, read by path (never copied into the repository).

Read as an analyst would: four things happened, one was only planned, one
figure is a statistic, and the rest is opinion or page furniture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventdesk.extract import Extraction, extract
from eventdesk.records import Article

from .helpers import HAPPENED, cas, role_texts

REPORT = Path(__file__).resolve().parents[3] / "shared" / "examples" / "syria-isis-infighting-report.txt"
if not REPORT.exists():  # the worktree may sit elsewhere; the shared folder is beside the checkout in CI
    REPORT = Path("/work/shared/examples/syria-isis-infighting-report.txt")


@pytest.fixture(scope="module")
def report(nlp: Any) -> tuple[Article, Extraction]:
    if not REPORT.exists():
        pytest.fail(f"shared example report not found at {REPORT}")
    text = REPORT.read_text("utf-8")
    article = Article(id=Article.make_id(text), text=text)
    return article, extract(article, nlp)


def test_isis_killing_its_own_fighters(report: tuple[Article, Extraction]) -> None:
    _, ex = report
    m = next(m for m in ex.mentions if m.casualty("killed") and cas(m, "killed").best == 100)
    assert m.intra_group and m.status in HAPPENED
    assert m.sub_event_type == "Attack"  # detained members executed: violence against civilians
    assert role_texts(m, "actor") == ["ISIS"]
    assert role_texts(m, "place") == ["Ar Raqqa"]
    # the execution sentence ("they were imprisoned and later executed") is the same event, not a second one
    assert not any(m.trigger.text == "executed" for m in ex.mentions)


def test_turkmen_kavkaz_faction_fight(report: tuple[Article, Extraction]) -> None:
    _, ex = report
    m = next(m for m in ex.mentions if m.roles_of("side"))
    assert m.intra_group and m.sub_event_type == "Armed clash" and m.status in HAPPENED
    sides = role_texts(m, "side")
    assert any("Turkmen" in s for s in sides) and any("Kavkaz" in s for s in sides)
    assert role_texts(m, "actor") == ["ISIS"]


def test_wadi_daif_overrun(report: tuple[Article, Extraction]) -> None:
    _, ex = report
    m = next(m for m in ex.mentions if m.trigger.text == "overrun")
    assert m.sub_event_type == "Non-state actor overtakes territory" and m.status == "asserted"
    assert role_texts(m, "actor") == ["Ahrar ash-Sham", "Jabhat al-Nusra"]
    assert role_texts(m, "place") == ["Wadi Daif"]


def test_assassination_in_al_bab(report: tuple[Article, Extraction]) -> None:
    _, ex = report
    m = next(m for m in ex.mentions if m.trigger.text == "assassinated")
    assert m.status in HAPPENED and m.sub_event_type == "Attack"
    assert role_texts(m, "target") == ["Abu Abdur Rahman Al Misree"]
    assert role_texts(m, "place") == ["Al Bab"]
    assert cas(m, "killed").best == 1
    # "he was subsequently killed" refers back to it
    assert len([m for m in ex.mentions if "Misree" in " ".join(role_texts(m, "target"))]) == 1


def test_planned_attack_is_never_asserted(report: tuple[Article, Extraction]) -> None:
    _, ex = report
    idlib = [m for m in ex.mentions if "Idlib" in " ".join(role_texts(m, "place")) and not m.roles_of("side")]
    assert idlib and all(m.status == "planned" for m in idlib)
    planned = idlib[0]
    assert role_texts(planned, "actor") == ["ISIS"]
    assert role_texts(planned, "target") == ["Ahrar ash-Sham", "Jabhat al-Nusra"]
    for fragment in ("just before the attack", "scuttled the sneak attack", "the attack was called off"):
        assert not any(fragment in m.sentence.text for m in ex.mentions if m.status in HAPPENED)


def test_statistic_is_a_stat_claim_not_an_event(report: tuple[Article, Extraction]) -> None:
    article, ex = report
    (claim,) = ex.stat_claims
    assert (claim.value, claim.unit, claim.population, claim.perpetrator) == (13, "percent", "ISIS attacks", "ISIS")
    assert claim.subset == claim.target == "Syrian security forces"
    assert claim.period is not None and claim.period.span is not None
    assert claim.period.span.text == "during the past year up to November 21" and claim.period.start is None
    assert claim.source_chain == ("NBC News", "IHS Jane’s Terrorism and Insurgency Center (JTIC)")
    assert claim.span.holds_in(article.text)
    assert not any(m.sentence.start <= claim.span.start < m.sentence.end for m in ex.mentions)


def test_no_event_from_opinion_or_furniture(report: tuple[Article, Extraction]) -> None:
    _, ex = report
    for fragment in (
        "turn on one another",
        "it turns bloody",
        "all the fighting",
        "Subscribe",
        "journalist and filmmaker",
        "Comments are closed",
        "@BilalKareem",
        "Internal dispute and failed ambush",
    ):
        assert not any(fragment in m.sentence.text for m in ex.mentions), fragment
    assert len([m for m in ex.mentions if m.status in HAPPENED]) == 4
