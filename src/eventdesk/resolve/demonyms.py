"""Country demonyms ("Syrian", "Iraqi") from package data.

Shared by the actor dictionary (it generates "Syrian army" for every
country) and place resolution (a demonym votes for the article's country
focus).
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

__all__ = ["demonyms", "demonym_countries", "demonym_country"]


@functools.cache
def demonyms() -> dict[str, tuple[str, ...]]:
    """ISO2 code -> adjectival demonyms, read once from package data."""
    raw = resources.files("eventdesk.data").joinpath("actors/demonyms.json").read_text("utf-8")
    table: dict[str, list[str]] = json.loads(raw)["demonyms"]
    return {cc: tuple(names) for cc, names in table.items()}


@functools.cache
def _demonym_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    # "US"/"U.S." are too ambiguous in running text to vote; country names do that.
    lookup = {d: cc for cc, names in demonyms().items() for d in names if d not in ("US", "U.S.")}
    alternation = "|".join(re.escape(d) for d in sorted(lookup, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b"), lookup


def demonym_countries(text: str) -> list[str]:
    """ISO2 codes of every demonym in ``text``, in order, repeats kept."""
    pattern, lookup = _demonym_pattern()
    return [lookup[m.group(0)] for m in pattern.finditer(text)]


#: Continental adjectives, mapped to the continent's GeoNames name.
_CONTINENTS = {
    "european": "Europe",
    "african": "Africa",
    "asian": "Asia",
    "south american": "South America",
    "north american": "North America",
}


def demonym_country(word: str) -> str | None:
    """The country (or continent) name a demonym stands for, or None.

    "Russian" and "Russians" -> the ISO2 code "RU" which the gazetteer
    resolves as a country alias; continental adjectives give the continent.
    """
    plain = word.strip()
    lowered = plain.lower()
    if lowered in _CONTINENTS:
        return _CONTINENTS[lowered]
    if lowered.endswith("s") and lowered[:-1] in _CONTINENTS:
        return _CONTINENTS[lowered[:-1]]
    lookup = _by_demonym()
    for form in (plain, plain[:-1] if plain.endswith("s") else None):
        if form and form in lookup:
            return lookup[form]
    return None


@functools.cache
def _by_demonym() -> dict[str, str]:
    # Only capitalised, unambiguous demonyms: "US" is left to the gazetteer.
    return {d: cc for cc, names in demonyms().items() for d in names if d not in ("US", "U.S.")}
