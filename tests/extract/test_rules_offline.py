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
        "Subscribe to our newsletter and stay updated on the latest news and updates from around the Muslim world!",
        "Comments are closed.",
        "@BilalKareem",
        "Bilal Abdul Kareem is an American journalist and filmmaker who spent two years in Syria documenting rebels.",
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
        "Shortly thereafter the sprawling base at Wadi Daif was overrun by Ahrar ash-Sham and Jabhat al-Nusra.",
        "Police said the journalist was shot by gunmen.",
        "",
    ],
)
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_headings() -> None:
    assert is_heading("Internal dispute and failed ambush")
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
        "According to a report on NBC News, IHS Jane’s Terrorism and Insurgency Center’s (JTIC) database showed "
        "just 13 percent of ISIS attacks during the past year up to November 21 targetted Syrian security forces."
    )
    m = find_stat(s)
    assert m is not None
    assert (m.value, m.unit, m.population, m.subset, m.perpetrator) == (
        13.0,
        "percent",
        "ISIS attacks",
        "Syrian security forces",
        "ISIS",
    )
    assert m.period is not None and s[m.period[0] : m.period[1]] == "during the past year up to November 21"
    assert [x[2] for x in m.sources] == ["NBC News", "IHS Jane’s Terrorism and Insurgency Center (JTIC)"]


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
