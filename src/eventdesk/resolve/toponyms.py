"""The place finder: toponyms in raw text by gazetteer match.

The small spaCy model tags "Ar Raqqa" and "Idlib" as ORG, so its entities
alone miss places; this scanner looks every capitalised run of words up in
the gazetteer instead. Because GeoNames names hundreds of villages after
common English words ("Of", "Man", "Bar", "Said", "Police"), a match must
pass the false-toponym filters below before it is returned.

:func:`find_toponyms` scans one text; :class:`ArticleToponyms` scans an
article once and gives the toponyms of its headline and text together and of
its text alone (the resolver needs both).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from eventdesk import lexicons
from eventdesk.lexicons import words
from eventdesk.resolve.demonyms import demonym_countries
from eventdesk.resolve.gazetteer import Gazetteer
from eventdesk.resolve.normalize import fold

__all__ = ["ArticleToponyms", "Toponym", "admin_words", "find_toponyms", "function_words"]

#: A toponym found in a text: (start, end, surface).
Toponym = tuple[int, int, str]

_TOKEN = re.compile(r"[^\W\d_](?:[\w'\u2019\u2018.]*[\w])?", re.UNICODE)


#: Capitalised words that open sentences or titles and are never a place by
#: themselves, although GeoNames has a village of that name somewhere.
@functools.cache
def function_words() -> frozenset[str]:
    """Words never taken as a place by themselves (data/lexicons/function-words.json)."""
    return frozenset(words("function-words"))


#: Words after a name that say it is an administrative area, not a town.
@functools.cache
def admin_words() -> frozenset[str]:
    """Words after a name that make it an administrative area (data/lexicons/admin-words.json)."""
    return frozenset(words("admin-words"))


_COMMON_SHORT_POP = 100_000
_ALT_ONLY_POP = 50_000


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _joinable(text: str, end: int, start: int) -> bool:
    """Tokens belong to one name only across a single space or hyphen."""
    gap = text[end:start]
    return gap in (" ", "-", "\u2010", "\u2011")


def _longest_match(text: str, toks: list[tuple[int, int]], i: int, gaz: Gazetteer) -> int:
    """Index one past the last token of the longest gazetteer name from token i."""
    best = -1
    j = i
    while j < len(toks) and j - i < 6:
        word = text[toks[j][0] : toks[j][1]]
        if j > i and not _joinable(text, toks[j - 1][1], toks[j][0]):
            break
        if not _is_cap(word) and word.lower() not in lexicons.word_set("name-connectors"):
            break
        if _is_cap(word) and gaz.has_key(fold(text[toks[i][0] : toks[j][1]])):
            best = j + 1
        j += 1
    return best


def _inside_longer_name(text: str, toks: list[tuple[int, int]], i: int, j: int) -> bool:
    """A match glued to another capitalised word is part of a person's or an
    organisation's name ("Bilal Abdul Kareem", "Orchard St."), unless that
    word is a function word ("In Mosul") or an admin word ("District")."""
    k = i - 1
    # Walk back over lower-case connectors: "Ahrar ash-Sham", "Abu Bakr al-Baghdadi".
    while k >= 0 and _joinable(text, toks[k][1], toks[k + 1][0]):
        prev = text[toks[k][0] : toks[k][1]]
        if _is_cap(prev):
            # An admin word ends the name before: "Sukma District of Chhattisgarh",
            # "Kokrajhar District and Sonitpur District".
            if prev.lower() not in function_words() and prev.lower() not in admin_words():
                return True
            break
        if prev.lower() not in lexicons.word_set("name-connectors"):
            break
        k -= 1
    if j < len(toks) and _joinable(text, toks[j - 1][1], toks[j][0]):
        nxt = text[toks[j][0] : toks[j][1]]
        if _is_cap(nxt) and nxt.lower() not in admin_words() and nxt.lower() not in function_words():
            return True
    return False


def _plausible(surface: str, text: str, gaz: Gazetteer, countries: set[str]) -> bool:
    """Reject common English words and obscure spellings posing as places.

    Short or common names (four letters or fewer, words that also appear in
    lower case in the same text) need a big place or one in a country the
    article names. A name that is only an *alternate* spelling of small
    places ("Kavkaz", "Shari") needs one in such a country too.
    """
    key = fold(surface)
    if key in function_words():
        return False
    matches = gaz.matches(surface)
    if not matches:
        return False
    top = matches[0][0]
    if top.feature != "PPL":
        return True  # countries, states, continents
    in_context = any(e.country in countries for e, _p in matches)
    if not any(p for _e, p in matches) and top.population < _ALT_ONLY_POP and not in_context:
        return False
    common = len(surface) <= 4 or re.search(rf"\b{re.escape(surface.lower())}\b", text) is not None
    return not common or top.population >= _COMMON_SHORT_POP or in_context


def _matches(text: str, gaz: Gazetteer) -> list[Toponym]:
    """Longest-match dictionary scan: every gazetteer name outside a longer name.

    No match crosses a line break (tokens are joined only across a space or a
    hyphen), so the matches of "headline\ntext" are the headline's and the
    text's, which :class:`ArticleToponyms` relies on.
    """
    toks = _tokens(text)
    raw: list[Toponym] = []
    i = 0
    while i < len(toks):
        word = text[toks[i][0] : toks[i][1]]
        j = _longest_match(text, toks, i, gaz) if _is_cap(word) else -1
        if j > i and not _inside_longer_name(text, toks, i, j):
            start, end = toks[i][0], toks[j - 1][1]
            raw.append((start, end, text[start:end]))
            i = j
        else:
            i += 1
    return raw


def _plausible_toponyms(raw: list[Toponym], text: str, gaz: Gazetteer) -> list[Toponym]:
    """The matches of ``text`` that pass the false-toponym filters, judged
    against the countries ``text`` names."""
    countries = {
        c.country for _s, _e, surface in raw for c in gaz.candidates(surface)[:1] if c.feature == "PCLI" and c.country
    } | set(demonym_countries(text))
    return [t for t in raw if _plausible(t[2], text, gaz, countries)]


def find_toponyms(text: str, gaz: Gazetteer) -> list[Toponym]:
    """Toponyms of ``text`` by gazetteer match: (start, end, surface) of each."""
    return _plausible_toponyms(_matches(text, gaz), text, gaz)


@dataclass(frozen=True, slots=True)
class ArticleToponyms:
    """One gazetteer scan of an article, read two ways.

    ``text`` is the headline and the text (wire copy often names the country
    only in the headline), ``toponyms`` its toponyms; ``body_toponyms`` are
    those of the article text alone, in its own offsets, judged against that
    text only, exactly as :func:`find_toponyms` would find them there.
    """

    text: str
    toponyms: tuple[Toponym, ...]
    body_toponyms: tuple[Toponym, ...]

    @classmethod
    def scan(cls, title: str | None, body: str, gaz: Gazetteer) -> ArticleToponyms:
        if not title:
            found = tuple(find_toponyms(body, gaz))
            return cls(body, found, found)
        text = f"{title}\n{body}"
        raw = _matches(text, gaz)
        offset = len(title) + 1
        in_body = [(s - offset, e - offset, surface) for s, e, surface in raw if s >= offset]
        return cls(
            text,
            tuple(_plausible_toponyms(raw, text, gaz)),
            tuple(_plausible_toponyms(in_body, body, gaz)),
        )
