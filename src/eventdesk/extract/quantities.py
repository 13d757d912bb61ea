"""Read a count of people ("at least 12", "dozens", "a civilian") as low/best/high.

Each rule has a name that lands in ``CasualtyCount.rule``; docs/extraction.md
lists the rules and where each convention comes from. Conservative by design,
as ACLED is: when a report is vague, ``best`` is the lowest defensible figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SINGULAR_RULES", "Count", "parse_count"]

#: Rules that read one person from a singular noun phrase; a real number overrides them.
SINGULAR_RULES = ("singular=1", "named-person=1", "singular-person=1")

#: Number words and their values; the dates resolver reads the same words.
NUMBER_WORDS = _UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER = (
    r"\d{1,3}(?:,\d{3})+|\d+"
    r"|(?:(?:"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")(?:[\s-]+(?:"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r"))?)(?:\s+(?:hundred|thousand))?"
    r"|a\s+(?:hundred|thousand|dozen)|(?:\w+\s+)?dozen"
)
# (rule name, regex, how to read the groups). Order matters: the first match wins.
_RANGE = re.compile(rf"\b(?:between\s+)?({_NUMBER})\s*(?:to|-|–|and|or)\s*({_NUMBER})\b", re.I)
_AT_LEAST = re.compile(rf"\b(?:at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of)\s+({_NUMBER})\b", re.I)
_MORE_THAN = re.compile(rf"\b(?:more\s+than|over|upwards\s+of|in\s+excess\s+of)\s+({_NUMBER})\b", re.I)
_UP_TO = re.compile(rf"\b(?:up\s+to|as\s+many\s+as|nearly|almost|fewer\s+than|less\s+than)\s+({_NUMBER})\b", re.I)
_ABOUT = re.compile(rf"\b(?:about|around|some|approximately|roughly|an\s+estimated|estimated)\s+({_NUMBER})\b", re.I)
_EXACT = re.compile(rf"\b({_NUMBER})\b", re.I)
# Vague quantities: (regex, low, best, high, rule name).
_VAGUE = [
    (re.compile(r"\bdozens\b", re.I), 12, 12, None, "vague:dozens=12 (ACLED)"),
    (re.compile(r"\btens\b", re.I), 10, 10, None, "vague:tens=10 (ACLED)"),
    (re.compile(r"\bhundreds\b", re.I), 100, 100, None, "vague:hundreds=100 (ACLED)"),
    (re.compile(r"\bthousands\b", re.I), 1000, 1000, None, "vague:thousands=1000 (ACLED)"),
    (re.compile(r"\bscores\b", re.I), 20, 20, None, "vague:scores=20"),
    (re.compile(r"\b(?:several|multiple)\b", re.I), 2, 3, None, "vague:several=3"),
    (re.compile(r"\b(?:a\s+number\s+of|a\s+few|some|a\s+handful\s+of)\b", re.I), 2, 2, None, "vague:a-few=2"),
    (
        re.compile(r"\b(?:many|numerous|a\s+large\s+group\s+of|large\s+numbers?\s+of)\b", re.I),
        2,
        3,
        None,
        "vague:many=3",
    ),
    (re.compile(r"^\W*(?:an?|one|the\s+lone|a\s+single)(?=\s+\w)", re.I), 1, 1, 1, "singular=1"),
]


@dataclass(frozen=True, slots=True)
class Count:
    low: int | None
    best: int | None
    high: int | None
    rule: str
    start: int  # offsets of the matched quantity inside the parsed phrase
    end: int


def parse_count(phrase: str) -> Count | None:
    """Read the first count in ``phrase``; None when it states none."""
    m = _RANGE.search(phrase)
    if m and _word_number(m.group(1)) is not None and _word_number(m.group(2)) is not None:
        lo, hi = _word_number(m.group(1)), _word_number(m.group(2))
        if lo is not None and hi is not None and lo < hi:
            return Count(lo, lo, hi, "range:best=low", m.start(), m.end())
    for regex, rule in (
        (_AT_LEAST, "at-least:N"),
        (_MORE_THAN, "more-than:N"),
        (_UP_TO, "up-to:N"),
        (_ABOUT, "about:N"),
        (_EXACT, "exact"),
    ):
        m = regex.search(phrase)
        if m and (n := _word_number(m.group(1))) is not None:
            low, high = _bounds(rule, n)
            return Count(low, n, high, rule, m.start(), m.end())
    for regex, low, best, high, rule in _VAGUE:
        m = regex.search(phrase)
        if m:
            return Count(low, best, high, rule, m.start(), m.end())
    return None


def _bounds(rule: str, n: int) -> tuple[int | None, int | None]:
    if rule in ("at-least:N", "more-than:N"):
        return n, None
    if rule == "up-to:N":
        return None, n
    if rule == "about:N":
        return None, None
    return n, n


def _word_number(text: str) -> int | None:
    """ "12" -> 12, "1,200" -> 1200, "twenty-five" -> 25, "two hundred" -> 200, "a dozen" -> 12."""
    text = text.lower().strip()
    if re.fullmatch(r"[\d,]+", text):
        return int(text.replace(",", ""))
    words = re.split(r"[\s-]+", text)
    if words[-1] == "dozen":
        head = words[:-1]
        mult = 1 if not head or head == ["a"] else _UNITS.get(head[0])
        return None if mult is None else 12 * mult
    total, current = 0, 0
    for word in words:
        if word == "a" and current == 0:
            current = 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            total, current = total + current, 0
        else:
            return None
    return total + current
