"""The corpus source format: spans are found by their words, never typed as offsets."""

from __future__ import annotations

import pytest

from eventdesk.eval.corpus.build import CorpusSourceError, build_records, locate, parse_source
from eventdesk.extract.taxonomy import load_taxonomy
from eventdesk.records import STATUSES

SOURCE = """# a comment
=== t-1
published: 2025-01-06
outlet: Test Wire
title: Two events
patterns: multi-event
text: Police arrested two men in Kalo. Police said gunmen killed 3 people in Tobi in 2019.
event: arrests | arrested | a1=Police | a2=two men | place=Kalo | status=reported
event: attack | killed | a1=gunmen | a2=3 people | place=Tobi | fat=3 | date=2019-05-01
nonevent: historical | in 2019
"""


def _build(source: str = SOURCE) -> list[dict[str, object]]:
    return build_records(source, load_taxonomy().event_type_of, STATUSES)


def test_offsets_are_computed_from_the_words() -> None:
    [record] = _build()
    text = str(record["text"])
    events = record["events"]
    assert isinstance(events, list)
    arrest, attack = events
    assert arrest["event_type"] == "Strategic developments" and arrest["sub_event_type"] == "Arrests"
    assert arrest["actor1"] == {"text": "Police", "start": 0, "end": 6}
    # "Police" twice: a role takes the occurrence nearest its trigger
    assert attack["actor1"] is not None and text[attack["actor1"]["start"] :].startswith("gunmen")
    assert attack["fatalities"] == {"low": 3, "best": 3, "high": 3}
    assert attack["status"] == "asserted" and attack["time"] is None
    assert record["non_events"] == [{"reason": "historical", "span": locate(text, "in 2019")}]


def test_an_occurrence_index_picks_the_nth() -> None:
    text = "Police came. Police left."
    assert locate(text, "Police@2") == {"text": "Police", "start": 13, "end": 19}
    assert locate(text, "Police", near=20)["start"] == 13
    with pytest.raises(CorpusSourceError, match="occurrence 3 of 2"):
        locate(text, "Police@3")


def test_spans_are_whole_words() -> None:
    text = "The militants burned it."
    assert locate(text, "it") == {"text": "it", "start": 21, "end": 23}
    with pytest.raises(CorpusSourceError, match="not in the text"):
        locate(text, "militant")


def test_fatalities_as_low_best_high() -> None:
    [record] = _build(SOURCE.replace("fat=3 ", "fat=2,3,5 "))
    events = record["events"]
    assert isinstance(events, list)
    assert events[1]["fatalities"] == {"low": 2, "best": 3, "high": 5}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("a2=two men", "a2=three men"), "'three men' not in the text"),
        (("arrests |", "picnic |"), "unknown sub-event type 'picnic'"),
        (("status=reported", "status=rumoured"), "unknown status 'rumoured'"),
        (("place=Kalo", "venue=Kalo"), "unknown event fields"),
    ],
)
def test_a_broken_report_is_named(change: tuple[str, str], message: str) -> None:
    with pytest.raises(CorpusSourceError, match=f"report t-1: .*{message}"):
        _build(SOURCE.replace(*change))


def test_a_line_outside_a_report_is_refused() -> None:
    with pytest.raises(CorpusSourceError, match="line 1"):
        parse_source("text: orphan")
