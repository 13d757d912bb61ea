"""WikiEvents gold documents: as eventdesk Articles, and their events in KAIROS terms.

Ids come from ``Article.make_id(text)``; ``source`` keeps the corpus's own
document id so predictions can be joined back to the gold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError
from eventdesk.eval.files import read_jsonl
from eventdesk.records import Article

__all__ = ["KairosArgument", "KairosEvent", "gold_kairos_events", "head_word", "wikievents_articles"]


@dataclass(frozen=True, slots=True)
class KairosArgument:
    role: str
    head: str


@dataclass(frozen=True, slots=True)
class KairosEvent:
    """An event in KAIROS terms: type, trigger character span, arguments by head word."""

    event_type: str
    start: int
    end: int
    arguments: tuple[KairosArgument, ...] = ()


def head_word(phrase: str) -> str:
    """The last token, lower-cased, without surrounding punctuation ("the Syrian army's" -> "army's")."""
    tokens = [t.strip(".,;:!?\"'()[]") for t in phrase.split()]
    tokens = [t for t in tokens if t]
    return tokens[-1].lower() if tokens else ""


def wikievents_articles(path: Path) -> dict[str, Article]:
    """{doc_id: Article} from a WikiEvents jsonl file (text as given)."""
    out = {}
    for doc in read_jsonl(path):
        text = doc.get("text")
        if not isinstance(text, str):
            raise EventdeskError("ED030", f"WikiEvents document without text in {path}")
        out[doc["doc_id"]] = Article(
            id=Article.make_id(text), language="en", text=text, source=f"wikievents:{doc['doc_id']}"
        )
    return out


def _token_offsets(doc: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Character offsets of the document's tokens in ``doc["text"]``.

    The offsets shipped in ``sentences`` count one separator between
    sentences that ``text`` does not always have ("...in SyriaThe desert"),
    so they drift from the text the pipeline reads. Each token is therefore
    found in ``text`` in order (at most a few characters after the previous
    one); only a token that cannot be found keeps its shipped offsets,
    shifted by the drift measured so far.
    """
    text = doc.get("text")
    shipped = [(tok[0], tok[1], tok[2]) for sent in doc["sentences"] for tok in sent[0]]
    if not isinstance(text, str):
        return [(start, end) for _, start, end in shipped]
    out: list[tuple[int, int]] = []
    pos, drift = 0, 0
    for word, start, end in shipped:
        i = text.find(word, pos) if word else -1
        if 0 <= i <= pos + 10:
            out.append((i, i + len(word)))
            pos, drift = i + len(word), i - start
        else:
            out.append((start + drift, end + drift))
    return out


def gold_kairos_events(doc: Mapping[str, Any]) -> list[KairosEvent]:
    """Gold events of one WikiEvents document with character spans and argument head words.

    The argument head is the last token of the argument's entity mention.
    """
    offsets = _token_offsets(doc)
    tokens = doc["tokens"]
    entities = {e["id"]: e for e in doc.get("entity_mentions", [])}
    out = []
    for ev in doc.get("event_mentions", []):
        trig = ev["trigger"]
        start, end = offsets[trig["start"]][0], offsets[trig["end"] - 1][1]
        args = []
        for a in ev.get("arguments", []):
            ent = entities.get(a["entity_id"])
            head = tokens[ent["end"] - 1] if ent else head_word(a.get("text", ""))
            args.append(KairosArgument(a["role"], head_word(head)))
        out.append(KairosEvent(ev["event_type"], start, end, tuple(args)))
    return out
