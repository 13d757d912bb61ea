"""The sentence splitter and the heading test (nlp/sentences.py); no model."""

from __future__ import annotations

from eventdesk.nlp import is_heading, split_sentences


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
