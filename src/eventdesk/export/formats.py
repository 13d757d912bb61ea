"""Write displayed events as CSV, GeoJSON, JSON lines or Parquet.

- CSV: ACLED's 31 public columns, then eventdesk's (see ``acled.py``), UTF-8,
  one header row; a text cell starting with = + - @ gets a leading ' so
  spreadsheets never run it.
- GeoJSON: an RFC 7946 FeatureCollection of Points, coordinates [lon, lat],
  the same columns as JSON-typed properties (numbers as numbers, dates as ISO
  strings); events without coordinates are left out and counted (``left_out``).
- JSON lines: one full displayed event per line (every field, roles, outlets,
  review state, evidence sentences).
- Parquet: the same columns with real types: dates as date32, counts and codes
  as (nullable) int64, coordinates as double, text as string (pyarrow).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import EventdeskError
from eventdesk.export.acled import EXPORT_COLUMNS, AcledRow, acled_row
from eventdesk.query.desk import Desk
from eventdesk.query.filters import EventFilter
from eventdesk.query.views import EventView, jsonable

__all__ = ["FLAVORS", "FORMATS", "MEDIA_TYPES", "Export", "csv_cell", "export", "geojson_collection", "render"]

FORMATS: tuple[str, ...] = ("csv", "geojson", "jsonl", "parquet")

#: Column layouts of the flat formats (CSV, GeoJSON properties, Parquet). "acled":
#: ACLED's 31 public columns, then eventdesk's own, which hold everything the
#: earlier eventdesk layout had; the option exists so a layout can be added
#: without breaking the commands that name one.
FLAVORS: tuple[str, ...] = ("acled",)

MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Export:
    """A rendered export: its bytes, how many events went in and how many were left out."""

    format: str
    content: bytes
    written: int
    left_out: int


def _rows(desk: Desk, events: Sequence[EventView], timestamp: int | None = None) -> list[AcledRow]:
    evidence = desk.evidence_of(events)
    civilians = desk.civilian_targeting(events)
    stamp = int(time.time()) if timestamp is None else timestamp
    return [acled_row(e, evidence[e.id], timestamp=stamp, civilians=civilians.get(e.id)) for e in events]


def csv_cell(value: object) -> object:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading quote
    (article text is untrusted: OWASP's CSV-injection advice). Every surface that
    prints CSV writes its cells through this one function (``cli/output.py`` too)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(desk: Desk, events: Sequence[EventView], timestamp: int | None) -> Export:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in _rows(desk, events, timestamp):
        writer.writerow([csv_cell(v) for v in dataclasses.astuple(row)])
    return Export(format="csv", content=buf.getvalue().encode("utf-8"), written=len(events), left_out=0)


def geojson_collection(
    desk: Desk, events: Sequence[EventView], *, timestamp: int | None = None
) -> tuple[dict[str, object], int]:
    """(FeatureCollection, number of events left out for lack of coordinates)."""
    features = []
    for row in _rows(desk, events, timestamp):
        if row.latitude is None or row.longitude is None:
            continue
        props = {k: jsonable(v) for k, v in dataclasses.asdict(row).items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "id": row.event_id,
                "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
                "properties": props,
            }
        )
    collection: dict[str, object] = {"type": "FeatureCollection", "features": features}
    return collection, len(events) - len(features)


def _geojson(desk: Desk, events: Sequence[EventView], timestamp: int | None) -> Export:
    collection, left_out = geojson_collection(desk, events, timestamp=timestamp)
    content = json.dumps(collection, ensure_ascii=False).encode("utf-8")
    return Export(format="geojson", content=content, written=len(events) - left_out, left_out=left_out)


def _jsonl(desk: Desk, events: Sequence[EventView], timestamp: int | None) -> Export:
    lines = []
    evidence = desk.evidence_of(events)
    for e in events:
        record = jsonable(e)
        record["evidence"] = list(evidence[e.id])
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    content = "".join(line + "\n" for line in lines).encode("utf-8")
    return Export(format="jsonl", content=content, written=len(events), left_out=0)


def _parquet(desk: Desk, events: Sequence[EventView], timestamp: int | None) -> Export:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # AcledRow's annotations are strings ("int | None"): the first name is the type.
    kinds = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "dt.date": pa.date32()}
    schema = pa.schema([pa.field(f.name, kinds[str(f.type).split(" | ")[0]]) for f in dataclasses.fields(AcledRow)])
    rows = _rows(desk, events, timestamp)
    table = pa.table({name: [getattr(r, name) for r in rows] for name in EXPORT_COLUMNS}, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return Export(format="parquet", content=sink.getvalue(), written=len(events), left_out=0)


_WRITERS = {"csv": _csv, "geojson": _geojson, "jsonl": _jsonl, "parquet": _parquet}


def render(
    desk: Desk,
    fmt: str,
    flt: EventFilter | None = None,
    *,
    sort: str = "date",
    flavor: str = "acled",
    timestamp: int | dt.datetime | None = None,
) -> Export:
    """The events passing ``flt`` rendered in format ``fmt``, with ``flavor``'s columns;
    ``timestamp`` (unix seconds or a datetime) fills the timestamp column, default now."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise EventdeskError("ED042", f"format: choose from {', '.join(FORMATS)}")
    if flavor not in FLAVORS:
        raise EventdeskError("ED042", f"flavor: choose from {', '.join(FLAVORS)}")
    if isinstance(timestamp, dt.datetime):
        timestamp = int(timestamp.timestamp())
    return writer(desk, desk.select(flt, sort=sort), timestamp)


def export(
    desk: Desk,
    fmt: str,
    out: str | Path,
    flt: EventFilter | None = None,
    *,
    flavor: str = "acled",
    timestamp: int | dt.datetime | None = None,
) -> Export:
    """Write the events passing ``flt`` to ``out`` in format ``fmt``."""
    result = render(desk, fmt, flt, flavor=flavor, timestamp=timestamp)
    Path(out).write_bytes(result.content)
    return result
