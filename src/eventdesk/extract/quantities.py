"""Read a count of people ("at least 12", "dozens", "a civilian") as low/best/high.

Each rule has a name that lands in ``CasualtyCount.rule``; docs/extraction.md
lists the rules and where each convention comes from. Conservative by design,
as ACLED is: when a report is vague, ``best`` is the lowest defensible figure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from eventdesk.lexicons import table

__all__ = ["SINGULAR_RULES", "Count", "number_words", "parse_count"]

#: Rules that read one person from a singular noun phrase; a real number overrides them.
SINGULAR_RULES = ("singular=1", "named-person=1", "singular-person=1")


@functools.cache
def number_words() -> Mapping[str, int]:
    """Number word -> value (data/lexicons/number-words.json); the dates resolver reads the same words."""
    return table("number-words")


_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


class _CountPatterns(NamedTuple):
    range: re.Pattern[str]
    bounded: tuple[tuple[re.Pattern[str], str], ...]  # (regex, rule name); the first match wins


@functools.cache
def _count_patterns() -> _CountPatterns:
    """The count regexes, built once from the number words on first use."""
    units = "|".join(sorted(number_words(), key=len, reverse=True))
    number = (  # dozens first: "two dozen" is 24, not 2
        r"(?:(?:" + units + r"|a|\d{1,3})\s+)?dozen\b"
        r"|\d{1,3}(?:,\d{3})+|\d+"
        r"|(?:(?:" + units + r")(?:[\s-]+(?:" + units + r"))?)(?:\s+(?:hundred|thousand))?"
        r"|a\s+(?:hundred|thousand)"
    )
    # (rule name, regex, how to read the groups). Order matters: the first match wins.
    cues = (  # the words before a number that bound it
        (r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of", "at-least:N"),
        (r"more\s+than|over|upwards\s+of|in\s+excess\s+of", "more-than:N"),
        (r"up\s+to|as\s+many\s+as|nearly|almost|fewer\s+than|less\s+than", "up-to:N"),
        (r"about|around|some|approximately|roughly|an\s+estimated|estimated", "about:N"),
    )
    bounded = tuple((re.compile(rf"\b(?:{cue})\s+({number})\b", re.I), rule) for cue, rule in cues)
    return _CountPatterns(
        re.compile(rf"\b(?:between\s+)?({number})\s*(?:to|-|–|and|or)\s*({number})\b", re.I),
        (*bounded, (re.compile(rf"\b({number})\b", re.I), "exact")),
    )


# Vague quantities: (regex, low, best, high, rule name).
_VAGUE = [
    (re.compile(r"\bdozens\b", re.I), 12, 12, None, "vague:dozens=12 (ACLED)"),
    (re.compile(r"\btens\b", re.I), 10, 10, None, "vague:tens=10 (ACLED)"),
    (re.compile(r"\bhundreds\b", re.I), 100, 100, None, "vague:hundreds=100 (ACLED)"),
    (re.compile(r"\bthousands\b", re.I), 1000, 1000, None, "vague:thousands=1000 (ACLED)"),
    (re.compile(r"\bscores\b", re.I), 40, 40, None, "vague:scores=40"),
    (re.compile(r"\b(?:several|multiple)\b", re.I), 2, 3, None, "vague:several=3"),
    (re.compile(r"\b(?:a\s+number(?:\s+of)?|a\s+few|some|a\s+handful\s+of)\b", re.I), 2, 2, None, "vague:a-few=2"),
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
    patterns = _count_patterns()
    m = patterns.range.search(phrase)
    if m and _word_number(m.group(1)) is not None and _word_number(m.group(2)) is not None:
        lo, hi = _word_number(m.group(1)), _word_number(m.group(2))
        if lo is not None and hi is not None and lo < hi:
            return Count(lo, lo, hi, "range:best=low", m.start(), m.end())
    for regex, rule in patterns.bounded:
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
        mult = 1 if not head or head == ["a"] else int(head[0]) if head[0].isdigit() else number_words().get(head[0])
        return None if mult is None else 12 * mult
    total, current = 0, 0
    for word in words:
        if word == "a" and current == 0:
            current = 1
        elif word in number_words():
            current += number_words()[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            total, current = total + current, 0
        else:
            return None
    return total + current
