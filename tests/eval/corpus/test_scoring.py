"""The corpus scorer on a hand-made fixture whose figures are worked out by hand."""

from __future__ import annotations

import pytest

from eventdesk.eval.corpus.build import build_records
from eventdesk.eval.corpus.data import report_from_dict
from eventdesk.eval.corpus.scoring import align, score_corpus, spans_match
from eventdesk.extract.taxonomy import load_taxonomy
from eventdesk.records import STATUSES

TEXT_A = "Rebels attacked the army base in Kalo on Monday, killing 3 soldiers. Police arrested 4 men in Tobi."
TEXT_B = "Gunmen killed 2 villagers in Sarai. In 2019 a bomb killed 40 people there."
SOURCE = f"""=== a
published: 2025-01-06
outlet: Test
title: A
patterns: multi-event
text: {TEXT_A}
event: clash | attacked | a1=Rebels | a2=the army base | place=Kalo | fat=3
event: arrests | arrested | a1=Police | a2=4 men | place=Tobi | status=reported
=== b
published: 2025-01-06
outlet: Test
title: B
text: {TEXT_B}
event: attack | killed | a1=Gunmen | a2=2 villagers | place=Sarai | fat=2
nonevent: historical | In 2019 a bomb killed 40 people there
"""


@pytest.fixture
def reports():  # type: ignore[no-untyped-def]
    records = build_records(SOURCE, load_taxonomy().event_type_of, STATUSES)
    return [report_from_dict(r) for r in records]


@pytest.fixture
def predictions(make_mention):  # type: ignore[no-untyped-def]
    m = make_mention
    return {
        "a": [
            m(TEXT_A, "attacked", "Battles", "Armed clash", casualties=(("killed", 3),),
              roles=(("actor", "Rebels", None, None), ("target", "army base", None, None), ("place", "Kalo", None, None))),
            m(TEXT_A, "arrested", "Strategic developments", "Arrests", roles=(("actor", "Police", None, None),)),
        ],
        "b": [
            m(TEXT_B, "killed", "Violence against civilians", "Attack",
              roles=(("actor", "Gunmen", None, None), ("target", "villagers", None, None))),
            m(TEXT_B, "bomb", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ],
    }  # fmt: skip


def test_known_figures(reports, predictions) -> None:  # type: ignore[no-untyped-def]
    result = score_corpus(reports, predictions, load_taxonomy().sub_event_types)
    events = result["events"]
    # 3 of 4 predictions align with the 3 gold events: P 3/4, R 3/3, F1 2*.75/1.75
    assert (events["tp"], events["n_pred"], events["n_gold"]) == (3, 4, 3)
    assert events["precision"] == pytest.approx(75.0)
    assert events["recall"] == pytest.approx(100.0)
    assert events["f1"] == pytest.approx(600 / 7)
    # four sub-types seen: three at F1 100, the spurious IED at 0
    assert result["sub_types_scored"] == 4
    assert result["macro_f1"] == pytest.approx(75.0)
    assert result["sub_types"]["Remote explosive/landmine/IED"]["f1"] == 0.0
    roles = result["roles"]
    assert (roles["actor1"]["tp"], roles["actor1"]["n_pred"], roles["actor1"]["n_gold"]) == (3, 3, 3)
    assert (roles["actor2"]["tp"], roles["actor2"]["n_pred"], roles["actor2"]["n_gold"]) == (2, 2, 3)
    assert (roles["place"]["tp"], roles["place"]["n_pred"], roles["place"]["n_gold"]) == (1, 1, 3)
    assert roles["all"]["recall"] == pytest.approx(600 / 9)
    # fatalities: 3 right, the Sarai attack predicted without a count (0) against 2
    assert result["fatalities"] == {"accuracy": 50.0, "correct": 1, "scored": 2, "invented": 0}
    # status: the arrest is "reported" in gold, "asserted" predicted
    assert (result["status"]["correct"], result["status"]["scored"]) == (2, 3)
    assert result["non_events"] == {"coded": 1, "total": 1}
    # event detection over the reports tagged with a pattern: report a, both events found
    multi = result["patterns"]["multi-event"]
    assert (multi["tp"], multi["n_pred"], multi["n_gold"]) == (2, 2, 2)
    assert set(result["patterns"]) == {"multi-event"}


def test_a_sentence_match_needs_the_same_family(reports, make_mention) -> None:  # type: ignore[no-untyped-def]
    report = reports[1]
    same_sentence = make_mention(TEXT_B, "villagers", "Violence against civilians", "Abduction/forced disappearance")
    other_family = make_mention(TEXT_B, "killed", "Battles", "Armed clash")
    later_sentence = make_mention(TEXT_B, "bomb", "Violence against civilians", "Attack")
    assert align(report.events, [same_sentence]) == [(0, 0)]
    assert align(report.events, [other_family, later_sentence]) == []


def test_role_spans_match_on_overlap_or_head_word(reports, make_mention) -> None:  # type: ignore[no-untyped-def]
    gold = reports[0].events[0].actor2
    assert gold is not None
    overlapping = make_mention(TEXT_A, "army base", "Battles", "Armed clash").trigger
    elsewhere = make_mention(TEXT_A, "Kalo", "Battles", "Armed clash").trigger
    assert spans_match(gold, overlapping)
    assert not spans_match(gold, elsewhere)
