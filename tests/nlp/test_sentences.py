"""The sentence splitter and the heading test (nlp/sentences.py); no model."""

from __future__ import annotations

from eventdesk.nlp import is_heading, split_sentences
from eventdesk.nlp.sentences import MAX_SENTENCE_CHARS


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


def test_glued_sentences_are_split() -> None:
    # scraped copy that lost the space after the full stop
    text = "Gunmen raided a checkpoint near Tikrit on Sunday.Police said two officers died.The road was closed."
    sents = split_sentences(text)
    assert [text[s.start : s.end] for s in sents] == [
        "Gunmen raided a checkpoint near Tikrit on Sunday.",
        "Police said two officers died.",
        "The road was closed.",
    ]


def test_glued_split_keeps_abbreviations_and_initials() -> None:
    text = "Gen.Musa said the U.S.Embassy was shut.Staff left."
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Gen.Musa said the U.S.Embassy was shut.",
        "Staff left.",
    ]


def test_lowercase_archive_with_glued_sentences_and_capitals() -> None:
    # an archive in small letters, with one name in capitals and a lost space
    text = (
        "rebels burned two buses in the capital. the drivers escaped. ISIS denied it.the police said."
        "the report is on www.wire.com today. a curfew was declared."
    )
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "rebels burned two buses in the capital.",
        "the drivers escaped.",
        "ISIS denied it.",
        "the police said.",
        "the report is on www.wire.com today.",
        "a curfew was declared.",
    ]


def test_very_long_sentence_is_cut_at_a_safe_break_not_dropped() -> None:
    clause = "militants fired on a convoy near the river crossing, wounding three drivers"
    text = "; ".join([clause] * 40) + "."
    sents = split_sentences(text)
    assert len(sents) > 1
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sents)
    # nothing is lost: the pieces cover the sentence, and each ends at a clause break
    assert sents[0].start == 0 and sents[-1].end == len(text)
    joined = "".join(text[a.end : b.start] for a, b in zip(sents, sents[1:], strict=False))
    assert joined.strip() == ""
    assert all(text[s.start : s.end].endswith((";", ".")) for s in sents)
