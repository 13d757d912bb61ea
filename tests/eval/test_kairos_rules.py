"""WikiEvents gold alignment and the KAIROS mapping rules."""

from __future__ import annotations

from eventdesk.eval.kairos import gold_kairos_events


def _doc(text: str, sentences: list[list[str]]) -> dict:
    # Offsets as WikiEvents ships them: one separator counted between sentences.
    sents, pos = [], 0
    for words in sentences:
        toks = []
        for w in words:
            toks.append([w, pos, pos + len(w)])
            pos += len(w) + 1
        sents.append([toks, " ".join(words)])
    tokens = [w for s in sentences for w in s]
    return {"doc_id": "d", "text": text, "tokens": tokens, "sentences": sents}


def test_gold_triggers_are_aligned_to_the_text() -> None:
    # The title runs into the body without a space: shipped offsets drift by one.
    text = "Bomb kills two in SyriaThe blast wounded five people."
    doc = _doc(text, [["Bomb", "kills", "two", "in", "Syria"], ["The", "blast", "wounded", "five", "people", "."]])
    doc["entity_mentions"] = [{"id": "e1", "start": 9, "end": 10}]
    doc["event_mentions"] = [
        {"event_type": "Life.Injure.Unspecified", "trigger": {"start": 7, "end": 8, "text": "wounded"},
         "arguments": [{"entity_id": "e1", "role": "Victim", "text": "five people"}]},
        {"event_type": "Life.Die.Unspecified", "trigger": {"start": 1, "end": 2, "text": "kills"}, "arguments": []},
    ]  # fmt: skip
    injure, die = gold_kairos_events(doc)
    assert text[injure.start : injure.end] == "wounded"
    assert text[die.start : die.end] == "kills"
    assert injure.arguments[0].head == "people"
