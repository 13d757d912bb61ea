"""Cheap, parse-free readers of the text around a sentence.

Only candidate sentences are parsed, so links that reach into earlier text
(a pronoun's antecedent, the place named one sentence before, the two sides
of a quarrel) are found here with regular expressions over the raw article
text. Every hit is an (start, end) range of the article text, so spans stay
exact.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from eventdesk import lexicons

__all__ = [
    "TextMention",
    "group_mentions",
    "human_plural_mentions",
    "person_mentions",
    "place_mentions",
    "faction_sides",
    "anaphors",
]

_NAME_WORD = r"(?:[A-Z][\w’'-]*|(?:al|ash|as|ad|an|at|ar|el|ul|bin|ibn|de|del|la|of|the)(?=[ \t-]))"
_NAME = rf"[A-Z][\w’'-]*(?:[ \t-]+{_NAME_WORD})*"
_GROUP = re.compile(rf"\b(?:(?:[A-Z]{{3,7}})\b(?!\s+[A-Z][a-z])|{_NAME}\b)")


@functools.cache
def _group_hint() -> re.Pattern[str]:
    """A group word anywhere in a name, or an Arabic group-name opening ("Jabhat", "Ahrar")."""
    group_words = "|".join(re.escape(word) for word in lexicons.words("group-name-words"))
    return re.compile(rf"\b(?:{group_words})\b|^(?:al|ash|as|Ahrar|Jabhat|Jaish|Harakat|Hay'at|Katibat)[\s-]")


_ACRONYM = re.compile(r"^[A-Z]{3,7}$")


@functools.cache
def _person_title() -> re.Pattern[str]:
    """A title and the name after it: "Gen. Carlos Ochoa" (alternatives in the lexicon's order)."""
    titles = "|".join(re.escape(title) for title in lexicons.words("person-titles"))
    return re.compile(r"\b(?:" + titles + r")\.?\s+(" + _NAME + r")")


@functools.cache
def _human_plural() -> re.Pattern[str]:
    """A plural noun for people with its determiner and up to two modifiers: "dozens of local villagers"."""
    nouns = "|".join(re.escape(noun) for noun in lexicons.words("human-plural-nouns"))
    return re.compile(
        r"\b(?:(?:an?|the|some|many|several|dozens\s+of|\d+|its|their)\s+(?:[a-z-]+\s+){0,2}?)?(?:group\s+of\s+)?"
        r"(?:" + nouns + r")\b"
    )


_PLACE_NOUN = (
    r"(?:town|city|village|region|province|district|area|state|county|stronghold|capital|suburbs?|outskirts|"
    r"governorate|municipality|neighbourhood|neighborhood|department|camp)"
)
_PLACE = re.compile(
    rf"\b(?:in|at|near|outside|around|inside|across|into|of)\s+(?:the\s+)?(?:(?:[a-z]+\s+)?{_PLACE_NOUN}\s+of\s+)?({_NAME})"
    rf"|\b{_PLACE_NOUN}\s+of\s+({_NAME})"
)
_DEMONYM = re.compile(r"(?:ic|ian|ish|ese|an|im|i)$")
_NOT_PLACE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|These|Those|It|He|She|They|We|I|A|An|In|On|At|But|However)\b"
)
_SIDES = [
    re.compile(
        r"\bwith\s+(?P<a>[^,;.–—]+?)\s+on\s+one\s+side\s+and\s+(?P<b>[^,;.(–—]+?)\s*(?:\([^)]*\)\s*)?on\s+the\s+other\b",
        re.I,
    ),
    re.compile(
        r"\bbetween\s+(?P<a>(?:the\s+)?[^,;.–—]+?)\s+and\s+(?P<b>(?:the\s+)?[^,;.(–—]+?)(?=\s*(?:[,;.(–—]|$|\s+(?:in|on|at|over|after|near)\b))",
        re.I,
    ),
]


#: Common-noun descriptions that refer back to a named group or person.
@functools.cache
def anaphors() -> Mapping[str, frozenset[str]]:
    """Kind ("group", "person") -> the words that refer back to one (data/lexicons/anaphors.json)."""
    return {kind: frozenset(forms) for kind, forms in lexicons.table("anaphors").items()}


@dataclass(frozen=True, slots=True)
class TextMention:
    start: int
    end: int
    text: str
    category: str  # "group", "person", "people", "place"


def group_mentions(text: str, start: int, end: int) -> list[TextMention]:
    """Named groups in text[start:end]: acronyms and names with a group word."""
    out = []
    for m in _GROUP.finditer(text, start, end):
        name = _trim_name(m.group(0))
        offset = m.start()
        if name.startswith("The "):  # "The Houthis said they ..."
            name, offset = name[4:], offset + 4
        if not name or _NOT_PLACE.match(name):
            continue
        if name in lexicons.word_set("shouted-words"):
            continue
        if _ACRONYM.match(name) or _group_hint().search(name):
            out.append(TextMention(offset, offset + len(name), name, "group"))
    return out


def person_mentions(text: str, start: int, end: int) -> list[TextMention]:
    out = []
    for m in _person_title().finditer(text, start, end):
        name = _trim_name(m.group(1))
        if name and not _group_hint().search(name):
            s = m.start(1)
            if m.group(0).startswith("Abu"):
                s, name = m.start(), _trim_name(m.group(0))
            out.append(TextMention(s, s + len(name), name, "person"))
    return out


def human_plural_mentions(text: str, start: int, end: int) -> list[TextMention]:
    return [TextMention(m.start(), m.end(), m.group(0), "people") for m in _human_plural().finditer(text, start, end)]


def place_mentions(text: str, start: int, end: int) -> list[TextMention]:
    """Proper names after a locative preposition or a place noun ("stronghold of Ar Raqqa")."""
    out = []
    for m in _PLACE.finditer(text, start, end):
        group = 1 if m.group(1) else 2
        name = _trim_name(m.group(group))
        if text.rfind("(", start, m.start()) > text.rfind(")", start, m.start()):
            continue  # a parenthetical gloss: "fighters from Kavkaz (region of Chechnya)"
        if (
            not name
            or _NOT_PLACE.match(name)
            or _ACRONYM.match(name.split()[0].rstrip("’'"))
            or _group_hint().search(name)
        ):
            continue
        if (
            " " not in name
            and _DEMONYM.search(name)
            and re.match(r"[ \t]+[a-z]", text[m.end(group) : m.end(group) + 2])
        ):
            continue  # "the Islamic world", "Syrian rebels": an adjective, not a place
        out.append(TextMention(m.start(group), m.start(group) + len(name), name, "place"))
    return out


def faction_sides(text: str, start: int, end: int) -> tuple[TextMention, TextMention] | None:
    """The two sides of a quarrel: "with X on one side and Y on the other", "between X and Y"."""
    for regex in _SIDES:
        m = regex.search(text, start, end)
        if m:
            a, b = (_strip_det_span(text, m.start(k), m.end(k)) for k in ("a", "b"))
            if a and b:
                return a, b
    return None


def _strip_det_span(text: str, start: int, end: int) -> TextMention | None:
    chunk = text[start:end]
    stripped = chunk.rstrip(" ,")
    if not stripped.strip():
        return None
    lead = len(stripped) - len(stripped.lstrip())
    return TextMention(start + lead, start + len(stripped), stripped.strip(), "side")


def _trim_name(name: str) -> str:
    """Drop trailing particles, possessive marks and punctuation from a matched name."""
    name = re.sub(r"(?:[’']s?|[ \t-]+(?:al|ash|as|ad|an|at|ar|el|ul|bin|ibn|de|del|la|of|the))+$", "", name)
    return name.rstrip(".,-’' ")
