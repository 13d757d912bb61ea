"""Failure patterns seen on real news (issue 10), each in a short report of our own words.

Model-backed: the spaCy pipeline parses each report once through the ``run`` fixture.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.extract.helpers import cas, find, role_texts

from eventdesk.extract import Extraction

Run = Callable[[str], Extraction]


# 1. Glued sentences and very long sentences


def test_glued_sentences_keep_their_own_evidence(run: Run) -> None:
    text = "Gunmen raided a checkpoint near Tikrit on Sunday.Police said two officers died.Traffic was stopped."
    (m,) = run(text).mentions
    assert m.sentence.text == "Gunmen raided a checkpoint near Tikrit on Sunday."
    assert role_texts(m, "actor") == ["Gunmen"]


def test_event_late_in_a_run_on_sentence_is_still_found(run: Run) -> None:
    filler = "; ".join(["residents of the valley queued for bread and fuel at the market"] * 30)
    text = f"{filler}; later that day militants kidnapped four aid workers near Kidal."
    ex = run(text)
    m = find(ex.mentions, "Abduction/forced disappearance")
    assert cas(m, "abducted").best == 4
    assert m.sentence.end - m.sentence.start < len(text)
