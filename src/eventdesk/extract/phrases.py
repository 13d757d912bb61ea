"""Reading noun phrases the way the role rules need them: head noun, filler extent, names behind titles.

A role's span is a noun phrase as the parser cut it ("the offices of the
mayor", "antioquia police commander colonel waldemar franklin quintero",
"fmln guerrillas"). These readers say what the phrase is about: its head
noun, the filler without determiners and vague quantifiers, the person's
name after a title or description, the organisation named by a modifier, and
whether it names an entity at all. They were tuned on the MUC-4 archives
(also lower-cased text), and their word lists are data:
data/lexicons/muc4-*.json.
"""

from __future__ import annotations

import functools
import re
import string

from eventdesk import lexicons
from eventdesk.records import Role

__all__ = [
    "apposed_names",
    "clean_filler",
    "drop_leading_count",
    "full_name",
    "head_noun",
    "is_acronym",
    "is_entity",
    "is_number",
    "org_modifier",
    "person_name",
    "phrase_words",
]

_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def _plain(text: str) -> str:
    """Lower case, no punctuation, no articles, single spaces: the form heads are compared in.

    The MUC-4 scorer normalises fillers the same way (eval/muc4/metrics.normalize_mention), but that
    is the metric's definition and this is the reader's; they stay apart so tuning one never moves the other.
    """
    text = text.lower().translate(_PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


#: Where a noun phrase's modifiers start: the head noun is the last word before the first of these.
_POSTMODIFIER = re.compile(
    r",|\(| (?:that|which|who|whom|where|of|belonging|located|in|on|at|from|with|near|carrying|dressed|wearing) "
)


def head_noun(phrase: str) -> str:
    """The head noun: the last word before any post-modifier ("offices of the mayor" -> "offices")."""
    words = _plain(_POSTMODIFIER.split(phrase.lower(), maxsplit=1)[0]).split()
    return words[-1] if words else ""


def is_acronym(phrase: str) -> bool:
    """An organisation's acronym, also in lower-cased archives: one short word with at most one vowel
    ("FMLN", "fmln", "urng", "eln"), not a common word."""
    word = _plain(phrase)
    if " " in word or not word.isalpha() or not 2 <= len(word) <= 5:
        return False
    if phrase.strip().isupper():
        return True
    vowels = sum(ch in "aeiou" for ch in word)
    return (
        len(word) >= 3
        and vowels <= 1
        and word not in lexicons.word_set("muc4-function-words")
        and word not in lexicons.word_set("muc4-person-words")
    )


def org_modifier(phrase: str) -> str | None:
    """The organisation in "guatemalan army troops" ("guatemalan army"), "national police members",
    "fmln guerrillas" ("fmln"): the words up to the last organisation word or acronym before the head."""
    words = phrase.split()
    if len(words) < 2 or " of " in phrase or head_noun(phrase) not in lexicons.word_set("muc4-member-heads"):
        return None
    low = [_plain(w) for w in words[:-1]]
    cut = max(
        (i for i, w in enumerate(low) if w in lexicons.word_set("muc4-organisation-heads") or is_acronym(w)), default=-1
    )
    return " ".join(words[: cut + 1]) if cut >= 0 else None


_NUMBER_WORD = re.compile(r"^\d[\d,.:]*$")
#: A leading count: MUC-4 target fillers never keep it ("seven private bank branches" -> "private bank branches").
_LEADING_COUNT = re.compile(
    r"^(?:(?:at\s+)?least\s+|more\s+than\s+|over\s+|about\s+|nearly\s+|some\s+)?"
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of)\s+",
    re.IGNORECASE,
)


def is_number(word: str) -> bool:
    """A number as written in the archives ("12", "1,500", "10:30")."""
    return bool(_NUMBER_WORD.match(word))


def drop_leading_count(phrase: str) -> str:
    """The phrase without a leading count ("seven private bank branches" -> "private bank branches")."""
    return _LEADING_COUNT.sub("", phrase) or phrase


def phrase_words(phrase: str) -> list[str]:
    """The phrase's words without surrounding punctuation and without a final possessive "'s" (case kept)."""
    out = [w for w in (w.strip('.,;:!?"()[]{}`') for w in phrase.split()) if w]
    if out and out[-1].lower().endswith(("'s", "\u2019s")):
        out[-1] = out[-1][:-2]
    if out and out[-1].endswith(("'", "\u2019")):
        out[-1] = out[-1][:-1]
    return [w for w in out if w]


def clean_filler(phrase: str) -> str:
    """The filler as MUC annotators write it: no possessive 's, no leading possessive or vague quantifier,
    "the number of guerrillas" -> "guerrillas"."""
    words = phrase_words(phrase)
    low = [w.lower() for w in words]
    if len(low) > 3 and low[0] in ("the", "a") and low[1] in ("number", "group") and low[2] == "of":
        words, low = (words[3:], low[3:]) if low[1] == "number" else (words[1:], low[1:])
    while len(low) > 1 and (low[0] in lexicons.word_set("muc4-leading-drop-words") or low[0] in ("the", "a", "an")):
        words, low = words[1:], low[1:]
    return " ".join(words)


def is_entity(words: list[str]) -> bool:
    """Not a pronoun, number, date, event, abstraction, measure or place."""
    words = [w.lower() for w in words]
    head = head_noun(" ".join(words))
    if (
        not words
        or words[0] in ("no", "none")
        or all(w in lexicons.word_set("muc4-function-words") or _NUMBER_WORD.match(w) for w in words)
    ):
        return False
    return (
        head not in lexicons.word_set("muc4-non-entity-heads")
        and head not in lexicons.word_set("muc4-place-heads")
        and not _NUMBER_WORD.match(head)
    )


@functools.cache
def _never_in_names() -> frozenset[str]:
    """Words that are never part of a person's name: function words (but name particles), common nouns
    for people, non-entities, places, things, organisations and weapons."""
    lists = ("muc4-person-words", "muc4-non-entity-heads", "muc4-place-heads", "muc4-thing-heads",
             "muc4-organisation-heads", "muc4-weapon-heads")  # fmt: skip
    return (lexicons.word_set("muc4-function-words") - lexicons.word_set("name-particles")).union(
        *(lexicons.word_set(name) for name in lists)
    )


def person_name(phrase: str) -> str | None:
    """The person's name in a victim phrase ("antioquia governor antonio roldan" -> "antonio roldan"),
    or None when the phrase describes rather than names (MUC-4's scored victims are names)."""
    original = phrase_words(phrase)
    words = [w.lower() for w in original]
    if any(ch.isdigit() for w in words for ch in w):
        return None
    cut = max((i for i, w in enumerate(words) if w in lexicons.word_set("muc4-name-descriptors")), default=-1)
    name = words[cut + 1 :]
    if not name or len(name) > 5 or any("," in w for w in name):
        return None
    for w in name:
        if w in _never_in_names() or w.endswith(("ing", "tion", "ment", "ness", "ity", "ism", "ians", "ans", "ists")):
            return None
    if name[0] in ("y", "de", "del", "la", "el", "los", "las") or name[-1] in ("y", "de", "del"):
        return None
    return " ".join(original[cut + 1 :])


_CLAUSE_WORDS = re.compile(r"[^\s,;:()\[\]\"]+")


_APPOSITION = re.compile(r"\s*,\s*([^,;:()\[\]\".]{3,80}?)\s*(?:,|\bwho\b|\bwere\b|\bwas\b)")


def apposed_names(role: Role, text: str) -> list[str]:
    """Names apposed to a description: "two of her bodyguards, dagoberto rodriguez and alfonso de lima, were
    killed" -> the two names (only when every part of the apposition passes the name test)."""
    s = role.span
    m = _APPOSITION.match(text, s.end) if s.end <= len(text) else None
    if m is None:
        return []
    parts = [p.strip() for p in re.split(r"\s+and\s+|\s*,\s*", m.group(1)) if p.strip()]
    names = [person_name(p) for p in parts]
    return [n for n in names if n] if parts and all(n == p for n, p in zip(names, parts, strict=True)) else []


def full_name(name: str, text: str) -> str:
    """The longest form of a victim's name the article gives after a title or description.

    "col quintero" is first named "colonel waldemar franklin quintero" elsewhere: the words
    between the last title/description word and the name are taken when they pass the name
    test. Only words of the same clause (no comma or parenthesis in between) count.
    """
    best = name
    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", re.IGNORECASE)
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        clause = re.split(r"[,;:()\[\]\"\n.]", before)[-1]
        words = _CLAUSE_WORDS.findall(clause)[-5:]
        low = [w.lower() for w in words]
        cut = max((i for i, w in enumerate(low) if w in lexicons.word_set("muc4-name-descriptors")), default=-1)
        if cut < 0 or cut == len(words) - 1:
            continue
        candidate = " ".join(words[cut + 1 :] + [m.group(0)])
        if person_name(candidate) == candidate and len(candidate) > len(best):
            best = candidate
    return best
