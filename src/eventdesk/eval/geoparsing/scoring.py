"""Score place resolution on gold toponyms (LGL and GeoWebNews).

Each gold toponym span is resolved with its article text (all the gold spans
of an article are resolved together, as the pipeline does), then compared
with the gold GeoNames id and coordinates. The metrics are those of Gritta
et al. (2019): exact id, right country, Acc@161km, mean and median error.
The way in is ``eventdesk eval geoparsing``.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from eventdesk.errors import EventdeskError
from eventdesk.eval.geoparsing.data import GoldToponym, read_gold
from eventdesk.geo import haversine_km
from eventdesk.resolve.gazetteer import Gazetteer
from eventdesk.resolve.places import resolve_places

__all__ = ["ACC_KM", "evaluate_geoparsing"]

ACC_KM = 161.0  # 100 miles, the field's customary threshold


class _CountryOf:
    """Gold country of a toponym: its gold country id, the gazetteer's country
    for the gold id, or else the country of the nearest gazetteer town
    (GeoWebNews gives coordinates but no country)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gaz = gazetteer
        self._by_country_id: dict[int, str] = {}
        self._grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for e in gazetteer.entries():
            if e.feature == "PCLI" and e.country:
                self._by_country_id[e.geonameid] = e.country
            elif e.feature == "PPL" and e.country:
                self._grid.setdefault((int(e.latitude // 1), int(e.longitude // 1)), []).append(
                    (e.latitude, e.longitude, e.country)
                )

    def __call__(self, gold: GoldToponym) -> str | None:
        if gold.country_geonameid is not None and gold.country_geonameid in self._by_country_id:
            return self._by_country_id[gold.country_geonameid]
        entry = self._gaz.get(gold.geonameid)
        if entry is not None and entry.feature == "CONT":
            return None  # a continent has no country; only a continent matches it
        if entry is not None and entry.country:
            return entry.country
        return self._nearest(gold.latitude, gold.longitude)

    def _nearest(self, lat: float, lon: float) -> str | None:
        cell = (int(lat // 1), int(lon // 1))
        best: tuple[float, str | None] = (float("inf"), None)
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for plat, plon, cc in self._grid.get((cell[0] + dlat, cell[1] + dlon), ()):
                    d = haversine_km(lat, lon, plat, plon)
                    if d < best[0]:
                        best = (d, cc)
        return best[1]


def evaluate_geoparsing(
    path: Path, *, limit: int | None = None, gazetteer: Gazetteer | None = None
) -> dict[str, object]:
    """Resolve every gold toponym of ``path`` and score it (see module doc).

    Unresolved toponyms count as misses in every accuracy; error distances
    are over resolved ones. ``in_gazetteer_share`` is the share of gold ids
    the gazetteer holds at all. ``exact_in_gazetteer`` restricts the exact-id
    score to gold places that the gazetteer holds at all (cities500,
    countries, US states, continents), which bounds what ranking can reach.
    """
    gaz = gazetteer or Gazetteer.load()
    country_of = _CountryOf(gaz)
    n = exact = country = near = resolved = in_gaz = exact_in_gaz = 0
    errors: list[float] = []
    articles = 0
    for article in read_gold(path, limit=limit):
        articles += 1
        spans = [(t.start, t.end, t.phrase) for t in article.toponyms]
        places = resolve_places(spans, text=article.text, gazetteer=gaz)
        for gold, place in zip(article.toponyms, places, strict=True):
            n += 1
            held = gaz.get(gold.geonameid) is not None
            in_gaz += held
            if place is None or place.latitude is None or place.longitude is None:
                continue
            resolved += 1
            hit = place.id == str(gold.geonameid)
            exact += hit
            exact_in_gaz += hit and held
            country += place.country == country_of(gold)
            km = haversine_km(gold.latitude, gold.longitude, place.latitude, place.longitude)
            errors.append(km)
            near += km <= ACC_KM
    if n == 0:
        raise EventdeskError("ED030", f"no scorable gold toponyms in {path}")
    return {
        "dataset": path.name,
        "articles": articles,
        "toponyms": n,
        "resolved": resolved,
        "exact": exact / n,
        "country": country / n,
        "acc161": near / n,
        "mean_km": statistics.fmean(errors) if errors else None,
        "median_km": statistics.median(errors) if errors else None,
        "in_gazetteer": in_gaz,
        "in_gazetteer_share": in_gaz / n,
        "exact_in_gazetteer": exact_in_gaz / in_gaz if in_gaz else None,
    }
