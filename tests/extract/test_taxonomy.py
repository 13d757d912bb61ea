"""The taxonomy file and its indexes (extract/taxonomy.py); no model."""

from __future__ import annotations

from eventdesk.extract import load_taxonomy


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
