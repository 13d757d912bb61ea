"""Gold toponyms of LGL and GeoWebNews.

Two XML layouts are read (detected from the file, not its name):

- LGL: ``<article><text>`` plus ``<toponym><start/><end/><phrase/><gaztag
  geonameid=..><lat/><lon/><country geonameid=../>``;
- GeoWebNews: ``<article><text>`` plus ``<toponym><start/><end/>
  <extractedName/><geonamesID/><latitude/><longitude/>``; only toponyms
  with a GeoNames id are scored.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import EventdeskError

__all__ = ["GoldArticle", "GoldToponym", "read_gold"]


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
