"""Generic descriptions -> ACLED actor types and GTD-like target types.

Reports often name no group: "gunmen", "rebels", "protesters". Counting by
actor type still works if those resolve to an ACLED actor type (the "inter"
codes), and counting targets ("what share hit state forces?") needs the
target type of phrases like "Syrian security forces" or "a peasant".

Both vocabularies belong to :mod:`eventdesk.extract.taxonomy`; the words
that imply each type are ordered tables in ``data/lexicons``
(``actor-type-words``, ``target-type-words``): the first type with a word in
the phrase wins, so more specific types come first (a "police station" is
police, not business; "journalists" before "civilians").
"""

from __future__ import annotations

import functools
import re

from eventdesk.extract.taxonomy import ACTOR_TYPES, TARGET_TYPES
from eventdesk.lexicons import table
from eventdesk.resolve.normalize import fold_keep_articles

__all__ = ["ACTOR_TYPES", "TARGET_TYPES", "actor_type_of", "target_type"]

_Rules = tuple[tuple[str, re.Pattern[str]], ...]


@functools.cache
def _rules(lexicon: str) -> _Rules:
    """(type, whole-word regex) in the lexicon's order, compiled once."""
    return tuple((kind, re.compile(rf"\b(?:{words})\b")) for kind, words in table(lexicon).items())


def _first(lexicon: str, phrase: str) -> str | None:
    text = fold_keep_articles(phrase)
    return next((kind for kind, rx in _rules(lexicon) if rx.search(text)), None)


def actor_type_of(phrase: str) -> str | None:
    """The ACLED actor type a generic description implies, or None.

    >>> actor_type_of("unidentified gunmen")
    'political militia'
    """
    return _first("actor-type-words", phrase)


def target_type(phrase: str) -> str | None:
    """The GTD-like target type of a noun phrase, or None.

    >>> target_type("Syrian security forces")
    'military'
    >>> target_type("a peasant")
    'civilians'
    """
    return _first("target-type-words", phrase)
