"""Name normalisation shared by the actor dictionary and the gazetteer.

Reports spell the same Arabic, Pashto or Somali name many ways: "Ahrar ash-Sham",
"Ahrar al-Sham", "Ahrar al Sham", "Ar Raqqa", "Raqqah", "al-Raqqah". Both
dictionaries index a *folded* key, so lookups compare keys rather than raw
strings and every variant lands on the same entry.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "fold_keep_articles", "is_latin_key"]

# Apostrophe-like marks (including the ’ ‘ of typeset news and the ʿ ʾ of
# scholarly transliteration) carry no distinction between spellings: drop them.
_QUOTES = re.compile("['\u2019\u2018\u02bc\u02bb\u02bf\u02be`\u00b4]")
# Hyphens, dashes, dots, slashes and commas separate words.
_SEPARATORS = re.compile(r"[\-\u2010-\u2015_./,;:()\[\]\"\u201c\u201d]+")
_SPACES = re.compile(r"\s+")
# The Arabic article assimilates to the next consonant (ash-Sham, ar-Raqqa,
# ad-Dawla); "el" is the Egyptian/Maghrebi spelling. Only dropped when it is
# glued to the next word or stands before another word, so "Al" alone stays.
_ARTICLE = re.compile(r"(?:(?<=\s)|^)(?:al|el|ar|as|ash|ad|adh|an|at|az|ath|ul)\s+(?=\S)")
# A trailing "h" after a vowel (Raqqah/Raqqa, Hamah/Hama) is a romanisation
# choice for ta marbuta, not a different name.
_TA_MARBUTA = re.compile(r"(?<=[ae])h\b")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_keep_articles(text: str) -> str:
    """Lower-case, strip diacritics and quotes, turn separators into spaces."""
    text = _strip_marks(text).lower()
    text = _QUOTES.sub("", text)
    text = _SEPARATORS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """The lookup key of a name: ``fold("Ahrar ash-Sham") == fold("Ahrar al Sham")``.

    Besides :func:`fold_keep_articles` it drops the Arabic article and the
    ta marbuta "h". A name that is *only* an article ("As") keeps it, so
    the key is never empty for a non-empty name.
    """
    base = fold_keep_articles(text)
    without = _ARTICLE.sub("", base)
    without = _TA_MARBUTA.sub("", without) if without else without
    return without.strip() or base


def is_latin_key(key: str) -> bool:
    """True for keys written in Latin letters, digits and spaces only.

    GeoNames alternate names include every script; an English-news
    gazetteer only needs the Latin ones, which keeps the index small.
    """
    return bool(key) and all(("a" <= ch <= "z") or ch.isdigit() or ch == " " for ch in key)
