"""A rule-based sentence splitter with article offsets: no model, no parse.

The extractor splits every article with it and only sends the sentences that
can hold an event or a statistic to the parser, which is what keeps the whole
ingest cheaper than one bare spaCy pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventdesk import lexicons

__all__ = ["Sentence", "is_heading", "split_sentences"]


# A candidate boundary: end punctuation, optional closing quote/bracket, then space.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# Text with no capitals at all (wire archives such as MUC-4): any letter may start a sentence.
_BOUNDARY_UNCASED = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[a-z0-9])")
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: article offsets, and the index of the line (paragraph) it is in."""

    start: int
    end: int
    line: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; each line (paragraph) is split on its own."""
    out: list[Sentence] = []
    pos = 0
    boundary = _BOUNDARY if any(c.isupper() for c in text[:5000]) else _BOUNDARY_UNCASED
    for line_no, line in enumerate(text.split("\n")):
        out.extend(_split_line(line, pos, line_no, boundary))
        pos += len(line) + 1
    return out


def _split_line(line: str, offset: int, line_no: int, boundary: re.Pattern[str]) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for match in boundary.finditer(line):
        end = match.end()
        if _is_false_boundary(line, start, match.start()):
            continue
        out.extend(_trimmed(line, start, end, offset, line_no))
        start = end
    out.extend(_trimmed(line, start, len(line), offset, line_no))
    return out


def _is_false_boundary(line: str, start: int, dot: int) -> bool:
    word = line[start:dot].rsplit(None, 1)[-1] if line[start:dot].strip() else ""
    if word.lower().strip("(\"'") in lexicons.word_set("abbreviations"):
        return True
    if len(word) == 1 and word.isupper():  # an initial: "Abu A. Rahman"
        return True
    return bool(_LIST_MARKER.match(line[start : dot + 1]))  # "1. Many members..."


def _trimmed(line: str, start: int, end: int, offset: int, line_no: int) -> list[Sentence]:
    chunk = line[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    if trail <= lead:
        return []
    return [Sentence(offset + start + lead, offset + start + trail, line_no)]


_SENTENCE_END = re.compile(r"[.!?:;\"”’')]\s*$")


def is_heading(line: str) -> bool:
    """True for a headline or section title: short, and not ended like a sentence.

    Headings repeat the body or name a topic ("Internal dispute and failed
    ambush"); the extractor codes events from body sentences only.
    """
    stripped = line.strip()
    if not stripped:
        return False
    return len(stripped.split()) <= 14 and not _SENTENCE_END.search(stripped)
