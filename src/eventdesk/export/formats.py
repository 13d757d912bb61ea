"""Write displayed events as CSV, GeoJSON, JSON lines or Parquet.

- CSV: ACLED-like columns (see ``acled.py``), UTF-8, one header row; a text
  cell starting with = + - @ gets a leading ' so spreadsheets never run it.
- GeoJSON: an RFC 7946 FeatureCollection of Points, coordinates [lon, lat];
  events without coordinates are left out and counted (``left_out``).
- JSON lines: one full displayed event per line (every field, roles, outlets,
  review state, evidence sentences).
- Parquet: the ACLED-like columns with explicit types (pyarrow).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import EventdeskError
from eventdesk.export.acled import ACLED_COLUMNS, AcledRow, acled_row
from eventdesk.query.desk import Desk
from eventdesk.query.filters import EventFilter
from eventdesk.query.views import EventView, jsonable

__all__ = ["FORMATS", "MEDIA_TYPES", "Export", "csv_cell", "export", "geojson_collection", "render"]

FORMATS: tuple[str, ...] = ("csv", "geojson", "jsonl", "parquet")

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


def _rows(desk: Desk, events: Sequence[EventView]) -> list[AcledRow]:
    evidence = desk.evidence_of(events)
    return [acled_row(e, evidence[e.id]) for e in events]


def csv_cell(value: object) -> object:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading quote
    (article text is untrusted: OWASP's CSV-injection advice). Every surface that
    prints CSV writes its cells through this one function (``cli/output.py`` too)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(desk: Desk, events: Sequence[EventView]) -> Export:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    for row in _rows(desk, events):
        writer.writerow([csv_cell(v) for v in dataclasses.astuple(row)])
    return Export(format="csv", content=buf.getvalue().encode("utf-8"), written=len(events), left_out=0)


def geojson_collection(desk: Desk, events: Sequence[EventView]) -> tuple[dict[str, object], int]:
    """(FeatureCollection, number of events left out for lack of coordinates)."""
    features = []
    for row in _rows(desk, events):
        if row.latitude is None or row.longitude is None:
            continue
        props = {k: v for k, v in dataclasses.asdict(row).items() if k not in ("latitude", "longitude")}
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


def _geojson(desk: Desk, events: Sequence[EventView]) -> Export:
    collection, left_out = geojson_collection(desk, events)
    content = json.dumps(collection, ensure_ascii=False).encode("utf-8")
    return Export(format="geojson", content=content, written=len(events) - left_out, left_out=left_out)


def _jsonl(desk: Desk, events: Sequence[EventView]) -> Export:
    lines = []
    evidence = desk.evidence_of(events)
    for e in events:
        record = jsonable(e)
        record["evidence"] = list(evidence[e.id])
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    content = "".join(line + "\n" for line in lines).encode("utf-8")
    return Export(format="jsonl", content=content, written=len(events), left_out=0)


def _parquet(desk: Desk, events: Sequence[EventView]) -> Export:
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {int: pa.int64(), float: pa.float64(), str: pa.string()}
    fields = []
    for f in dataclasses.fields(AcledRow):
        base = str(f.type).split(" | ")[0]
        fields.append(pa.field(f.name, kinds[{"int": int, "float": float}.get(base, str)]))
    schema = pa.schema(fields)
    rows = _rows(desk, events)
    table = pa.table({name: [getattr(r, name) for r in rows] for name in ACLED_COLUMNS}, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return Export(format="parquet", content=sink.getvalue(), written=len(events), left_out=0)


_WRITERS = {"csv": _csv, "geojson": _geojson, "jsonl": _jsonl, "parquet": _parquet}


def render(desk: Desk, fmt: str, flt: EventFilter | None = None, *, sort: str = "date") -> Export:
    """The events passing ``flt`` rendered in format ``fmt``."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise EventdeskError("ED042", f"format: choose from {', '.join(FORMATS)}")
    return writer(desk, desk.select(flt, sort=sort))


def export(desk: Desk, fmt: str, out: str | Path, flt: EventFilter | None = None) -> Export:
    """Write the events passing ``flt`` to ``out`` in format ``fmt``."""
    result = render(desk, fmt, flt)
    Path(out).write_bytes(result.content)
    return result
