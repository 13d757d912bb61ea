"""A rule-based sentence splitter with article offsets: no model, no parse.

The extractor splits every article with it and only sends the sentences that
can hold an event or a statistic to the parser, which is what keeps the whole
ingest cheaper than one bare spaCy pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventdesk import lexicons

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "is_heading", "split_sentences"]


# A candidate boundary: end punctuation, optional closing quote/bracket, then space;
# or, glued ("said.The", "Sunday.Police": scraped copy that lost the space), a
# full stop between a word of two or more small letters and a capitalised word.
_BOUNDARY = re.compile(
    r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])"
    r"|(?<=[a-z]{2})[.!?]+[\"'”’)\]]*(?=[\"'“‘]?[A-Z][a-z])"
)
# Text written all in small letters (wire archives such as MUC-4): any letter may
# start a sentence, and a name in capitals ("ISIS") too. Glued, a full stop between two words of small letters, but not
# a web address ("isis.com").
_BOUNDARY_UNCASED = re.compile(
    r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[a-zA-Z0-9])"
    r"|(?<=[a-z]{2})(?<!www)[.!?]+(?=[a-z]{2,}\b)(?!(?:com|org|net|gov|edu|int|mil|info|co|uk|fr|de)\b)"
)
#: A longer sentence (a run-on scrape, a table flattened into one line) is cut at
#: the last safe break before this many characters, so all of it is still parsed.
MAX_SENTENCE_CHARS = 1000
# Safe places to cut an over-long sentence, best first: a semicolon or colon, a
# comma, then any space.
_SAFE_BREAKS = (re.compile(r"[;:]\s"), re.compile(r",\s"), re.compile(r"\s"))
_SMALL_START = re.compile(r"[.!?]\s+[\"'“‘(\[]?[a-z]")
_CAPITAL_START = re.compile(r"[.!?]\s+[\"'“‘(\[]?[A-Z]")
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
    boundary = _BOUNDARY_UNCASED if _is_uncased(text[:5000]) else _BOUNDARY
    for line_no, line in enumerate(text.split("\n")):
        out.extend(_split_line(line, pos, line_no, boundary))
        pos += len(line) + 1
    return out


def _is_uncased(sample: str) -> bool:
    """Text whose sentences start with small letters: an archive in lower case, even
    with a few capitals in it ("ISIS", a dateline), is split as uncased text."""
    if not any(c.isupper() for c in sample):
        return True
    return len(_SMALL_START.findall(sample)) > len(_CAPITAL_START.findall(sample))


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
    return [
        Sentence(offset + start + lead + s, offset + start + lead + e, line_no) for s, e in _bounded(chunk[lead:trail])
    ]


def _bounded(sentence: str) -> list[tuple[int, int]]:
    """Pieces of at most ``MAX_SENTENCE_CHARS``, cut after the last safe break."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(sentence) - start > MAX_SENTENCE_CHARS:
        window = sentence[start : start + MAX_SENTENCE_CHARS]
        cut = next((m[-1].end() for rx in _SAFE_BREAKS if (m := list(rx.finditer(window, MAX_SENTENCE_CHARS // 3)))), 0)
        cut = cut or MAX_SENTENCE_CHARS
        piece = sentence[start : start + cut]
        stripped = piece.rstrip()
        pieces.append((start, start + len(stripped)))
        start += cut
        start += len(sentence[start:]) - len(sentence[start:].lstrip())
    if start < len(sentence):
        pieces.append((start, len(sentence)))
    return pieces


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
