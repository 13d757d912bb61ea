"""Score place resolution on gold toponyms (LGL and GeoWebNews).

Each gold toponym span is resolved with its article text (all the gold spans
of an article are resolved together, as the pipeline does), then compared
with the gold GeoNames id and coordinates. The metrics are those of Gritta
et al. (2019): exact id, right country, Acc@161km, mean and median error.

Two XML layouts are read (detected from the file, not its name):

- LGL: ``<article><text>`` plus ``<toponym><start/><end/><phrase/><gaztag
  geonameid=..><lat/><lon/><country geonameid=../>``;
- GeoWebNews: ``<article><text>`` plus ``<toponym><start/><end/>
  <extractedName/><geonamesID/><latitude/><longitude/>``; only toponyms
  with a GeoNames id are scored.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import EventdeskError
from eventdesk.geo import haversine_km
from eventdesk.resolve.gazetteer import Gazetteer
from eventdesk.resolve.places import resolve_places

__all__ = ["GoldToponym", "GoldArticle", "read_gold", "evaluate_geoparsing"]

ACC_KM = 161.0  # 100 miles, the field's customary threshold


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonameid: int
    latitude: float
    longitude: float
    country_geonameid: int | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(node: ET.Element, tag: str) -> float | None:
    value = node.findtext(tag)
    return float(value) if value not in (None, "") else None


def _lgl_toponym(node: ET.Element) -> GoldToponym | None:
    gaz = node.find("gaztag")
    if gaz is None or not gaz.get("geonameid"):
        return None
    lat, lon = _float(gaz, "lat"), _float(gaz, "lon")
    if lat is None or lon is None:
        return None
    country = gaz.find("country")
    cid = country.get("geonameid") if country is not None else None
    return GoldToponym(
        start=int(node.findtext("start") or 0),
        end=int(node.findtext("end") or 0),
        phrase=node.findtext("phrase") or "",
        geonameid=int(gaz.get("geonameid") or 0),
        latitude=lat,
        longitude=lon,
        country_geonameid=int(cid) if cid else None,
    )


def _gwn_toponym(node: ET.Element) -> GoldToponym | None:
    gid = (node.findtext("geonamesID") or "").strip()
    lat, lon = _float(node, "latitude"), _float(node, "longitude")
    if not gid or lat is None or lon is None:
        return None
    return GoldToponym(
        start=int(node.findtext("start") or 0),
        end=int(node.findtext("end") or 0),
        phrase=node.findtext("extractedName") or "",
        geonameid=int(gid),
        latitude=lat,
        longitude=lon,
        country_geonameid=None,
    )


def read_gold(path: Path, *, limit: int | None = None) -> Iterator[GoldArticle]:
    """Articles of an LGL or GeoWebNews XML file with their scorable toponyms."""
    if not path.is_file():
        raise EventdeskError("ED030", f"gold geoparsing data not found: {path}")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EventdeskError("ED030", f"malformed gold XML {path}: {exc}") from exc
    for n, article in enumerate(root.iter("article")):
        if limit is not None and n >= limit:
            return
        text = article.findtext("text") or ""
        found = []
        for node in article.iter("toponym"):
            top = (
                _lgl_toponym(node)
                if node.find("gaztag") is not None or node.find("phrase") is not None
                else _gwn_toponym(node)
            )
            # A span that does not hold in the text cannot be scored fairly.
            if top is not None and text[top.start : top.end] == top.phrase:
                found.append(top)
        yield GoldArticle(text=text, toponyms=tuple(found))


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
    are over resolved ones. ``exact_in_gazetteer`` restricts the exact-id
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
        "exact_in_gazetteer": exact_in_gaz / in_gaz if in_gaz else None,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m eventdesk.eval.geoparsing FILE [--limit N]``: print scores as JSON."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m eventdesk.eval.geoparsing")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    gazetteer = Gazetteer.load()
    for path in args.paths:
        print(json.dumps(evaluate_geoparsing(path, limit=args.limit, gazetteer=gazetteer)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
