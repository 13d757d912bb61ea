"""Statistical claims: "13 percent of ISIS attacks during the past year ... targeted X".

A quoted statistic is never an event. It is read with regular expressions over
the sentence text (no parse needed), and the extractor drops every trigger
inside its span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["StatMatch", "STAT_CUE", "find_stat"]

STAT_CUE = re.compile(r"\d(?:[\d.,]*)\s*(?:%|percent\b|per\s+cent\b)", re.I)
_SHARE = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)\s+of\s+(?:all\s+|the\s+)?(?P<pop>.+?)"
    r"(?P<period>\s+(?:during|over|in|since|between|from|for|throughout)\s+(?:the\s+)?"
    r"(?:past|last|previous|preceding|first|second|third|fourth|\d{4})\b.*?"
    r"(?=\s+(?:were|was|had|have|targett?ed|targeting|hit|struck|killed|involved|took|occurred|came|used|aimed)\b))?"
    r"\s+(?P<verb>were\s+(?:aimed\s+at|directed\s+at|against)|targett?ed|hit|struck|killed|involved|took\s+place\s+in|"
    r"occurred\s+in|came\s+from|were\s+carried\s+out\s+by|were\s+claimed\s+by|aimed\s+at)\s+(?P<subset>[^.;,]+?)\s*(?:[.;,]|$)",
    re.I,
)
_COUNT = re.compile(
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<pop>(?:[A-Z][\w’'-]*\s+)?(?:attacks|incidents|events|bombings|killings|strikes))"
    r"(?P<period>\s+(?:during|over|in|since|between|from)\s+(?:the\s+)?(?:past|last|previous|first|\d{4})\b[^.;,]*?)?"
    r"\s+(?:were\s+recorded|were\s+registered|were\s+logged|were\s+documented)\b",
    re.I,
)
_PERIOD_STRIP = re.compile(r"^\s+")
_SOURCE_DB = re.compile(
    r"(?P<name>[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&-]*|and|of|for|on|the))*?)(?:’s|'s)?"
    r"(?:\s*(?P<abbr>\([A-Z]{2,}\)))?(?:’s|'s)?\s+(?:database|data|figures|statistics|records|tally|dataset|count|monitoring)\b"
)
_ACCORDING = re.compile(
    r"\b(?i:according)\s+to\s+(?:a\s+(?:report|study|analysis|survey)\s+(?:on|by|in|from)\s+)?"
    r"(?P<name>[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&-]*|of|for|on))*)",
)


@dataclass(frozen=True, slots=True)
class StatMatch:
    """Offsets are relative to the sentence text."""

    start: int
    end: int
    value: float
    unit: str
    population: str
    subset: str | None
    perpetrator: str | None
    period: tuple[int, int] | None
    sources: tuple[tuple[int, int, str], ...]


def find_stat(sentence: str) -> StatMatch | None:
    m = _SHARE.search(sentence)
    unit = "percent"
    if m is None:
        m = _COUNT.search(sentence)
        unit = "count"
    if m is None:
        return None
    pop = m.group("pop").strip()
    subset = m.groupdict().get("subset")
    period = None
    if m.group("period"):
        p_start = m.start("period") + len(m.group("period")) - len(m.group("period").lstrip())
        period = (p_start, m.end("period"))
    perp = re.match(r"((?:[A-Z][\w’'-]*\s+)+)(?:[a-z])", pop + " x")
    return StatMatch(
        start=m.start("value"),
        end=m.end("subset") if subset else m.end(),
        value=float(m.group("value").replace(",", "")),
        unit=unit,
        population=pop,
        subset=subset.strip() if subset else None,
        perpetrator=perp.group(1).strip() if perp else None,
        period=period,
        sources=_sources(sentence),
    )


def _sources(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Who reports the figure, outermost first: ("NBC News", "IHS Jane's ... (JTIC)")."""
    out: list[tuple[int, int, str]] = []
    for m in _ACCORDING.finditer(sentence):
        out.append((m.start("name"), m.end("name"), m.group("name")))
    for m in _SOURCE_DB.finditer(sentence):
        name = re.sub(r"(?:’s|'s)$", "", m.group("name"))
        if name.lower().startswith("according") or any(name == o[2] for o in out):
            continue
        label = name + (f" {m.group('abbr')}" if m.group("abbr") else "")
        out.append((m.start("name"), m.start("name") + len(name), label))
    return tuple(out)
