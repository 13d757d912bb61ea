"""Rules that need no model: quantities, boilerplate, sentences, taxonomy, stat claims."""

from __future__ import annotations

import pytest

import eventdesk.extract as extract_api
import eventdesk.nlp as nlp_api
from eventdesk.extract import load_taxonomy
from eventdesk.extract.quantities import parse_count
from eventdesk.extract.stats import find_stat
from eventdesk.nlp import is_boilerplate, is_heading, split_sentences


@pytest.mark.parametrize(
    ("phrase", "low", "best", "high", "rule"),
    [
        ("12 soldiers", 12, 12, 12, "exact"),
        ("twenty-five people", 25, 25, 25, "exact"),
        ("at least 12 people", 12, 12, None, "at-least:N"),
        ("more than 100 civilians", 100, 100, None, "more-than:N"),
        ("12 to 15 villagers", 12, 12, 15, "range:best=low"),
        ("between 3 and 5 guards", 3, 3, 5, "range:best=low"),
        ("dozens of fighters", 12, 12, None, "vague:dozens=12 (ACLED)"),
        ("hundreds of people", 100, 100, None, "vague:hundreds=100 (ACLED)"),
        ("several protesters", 2, 3, None, "vague:several=3"),
        ("a number of villagers", 2, 2, None, "vague:a-few=2"),
        ("a civilian", 1, 1, 1, "singular=1"),
        ("a dozen men", 12, 12, 12, "exact"),
    ],
)
def test_counts(phrase: str, low: int | None, best: int | None, high: int | None, rule: str) -> None:
    count = parse_count(phrase)
    assert count is not None
    assert (count.low, count.best, count.high, count.rule) == (low, best, high, rule)


def test_no_count_in_plain_noun_phrase() -> None:
    assert parse_count("members of the other side") is None


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter for the latest updates from the region!",
        "Comments are closed.",
        "@SahelWire",
        "Amina Bello is a Nigerian reporter who has covered the north-east insurgency since 2015.",
        "By Amina Bello; editing by Tom Hale",
        "Follow us on Twitter",
        "Share this article",
        "Sign up for our weekly newsletter.",
    ],
)
def test_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Soon afterwards the hilltop outpost at Tell Rifaat was overrun by rebel fighters.",
        "Police said the journalist was shot by gunmen.",
        "",
    ],
)
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_headings() -> None:
    assert is_heading("Rival factions and a failed raid")
    assert not is_heading("Gunmen killed five people in Kano on Monday.")


def test_sentence_offsets() -> None:
    text = "Gen. Ali said troops clashed with rebels. 1. Many fled.\nComments are closed."
    sents = split_sentences(text)
    assert [text[s.start : s.end] for s in sents] == [
        "Gen. Ali said troops clashed with rebels.",
        "1. Many fled.",
        "Comments are closed.",
    ]
    assert [s.line for s in sents] == [0, 0, 1]


def test_lowercase_archive_text_is_split() -> None:
    text = "guerrillas attacked the farm. the army denied it."
    assert len(split_sentences(text)) == 2


def test_taxonomy_shape() -> None:
    tax = load_taxonomy()
    assert len(set(tax.event_type_of.values())) == 6
    assert len(tax.sub_event_types) == 25
    assert set(tax.plover) == set(tax.sub_event_types)
    assert tax.plover["Air/drone strike"] == ("FIGHT", "aerial")
    assert tax.version
    assert "military" in tax.raw["target_families"] and "civilians" in tax.raw["target_families"]
    assert {t.sub for t in tax.triggers.values()} <= set(tax.sub_event_types)


def test_candidate_filter() -> None:
    regex = load_taxonomy().candidate_regex
    assert regex.search("the base was overrun by rebels")
    assert regex.search("Troops retook the town")
    assert not regex.search("The weather was fine and the market was busy.")


def test_stat_claim_reader() -> None:
    s = (
        "According to a report on Reuters, the Armed Conflict Location and Event Data Project’s (ACLED) database "
        "showed just 22 percent of ISWAP attacks during the past year up to March 3 targeted Nigerian soldiers."
    )
    m = find_stat(s)
    assert m is not None
    assert (m.value, m.unit, m.population, m.subset, m.perpetrator) == (
        22.0,
        "percent",
        "ISWAP attacks",
        "Nigerian soldiers",
        "ISWAP",
    )
    assert m.period is not None and s[m.period[0] : m.period[1]] == "during the past year up to March 3"
    assert [x[2] for x in m.sources] == ["Reuters", "Armed Conflict Location and Event Data Project (ACLED)"]


def test_public_api_is_pinned() -> None:
    assert set(extract_api.__all__) == {
        "EXTRACTOR",
        "Extraction",
        "Taxonomy",
        "extract",
        "extract_many",
        "load_taxonomy",
    }
    assert set(nlp_api.__all__) == {
        "MODEL_NAME",
        "Sentence",
        "is_boilerplate",
        "is_heading",
        "load_nlp",
        "split_sentences",
    }


def test_parser_sees_only_candidate_sentences() -> None:
    """The speed design: boilerplate, headings and trigger-free sentences never reach the parser."""
    from eventdesk.extract.core import _plan
    from eventdesk.records import Article

    text = (
        "Gunmen kill five in Kano\nThe weather in Kano was hot. Markets were busy.\n"
        "Gunmen killed five traders in Kano on Monday.\nSubscribe to our newsletter for attack alerts!\n"
        "In March the city held an election."
    )
    plan = _plan(Article(id="a", text=text), load_taxonomy())
    assert plan.chunks == ["Gunmen killed five traders in Kano on Monday."]
