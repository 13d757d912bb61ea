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
import operator
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventdesk.errors import EventdeskError
from eventdesk.export.acled import EXPORT_COLUMNS, AcledRow, acled_row
from eventdesk.query.desk import Desk
from eventdesk.query.filters import EventFilter
from eventdesk.query.views import EventView, jsonable

__all__ = [
    "EXPORT_BATCH",
    "FLAVORS",
    "FORMATS",
    "MEDIA_TYPES",
    "Export",
    "Written",
    "csv_cell",
    "export",
    "geojson_collection",
    "render",
    "write",
]

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


@dataclass(frozen=True, kw_only=True, slots=True)
class Written:
    """What a streamed export wrote: how many events went in and how many were left out."""

    format: str
    written: int
    left_out: int


#: Events read, turned into rows and written per step: an export of any size
#: holds one batch (and Parquet one row group) in memory.
EXPORT_BATCH = 5000

Batches = Iterable[Sequence[EventView]]


#: A row's cells in column order. Every cell is a plain value (text, number, date):
#: no need for dataclasses.astuple's deep copies, which cost most of an export's time.
_values = operator.attrgetter(*EXPORT_COLUMNS)


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


def _csv(desk: Desk, batches: Batches, timestamp: int | None, sink: BinaryIO) -> tuple[int, int]:
    text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    written = 0
    for events in batches:
        writer.writerows([csv_cell(v) for v in _values(row)] for row in _rows(desk, events, timestamp))
        written += len(events)
    text.detach()
    return written, 0


def _feature(row: AcledRow) -> dict[str, object] | None:
    """The GeoJSON Feature of one row; None without coordinates."""
    if row.latitude is None or row.longitude is None:
        return None
    props = {
        k: jsonable(v) for k, v in zip(EXPORT_COLUMNS, _values(row), strict=True) if k not in ("latitude", "longitude")
    }
    return {
        "type": "Feature",
        "id": row.event_id,
        "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
        "properties": props,
    }


def geojson_collection(
    desk: Desk, events: Sequence[EventView], *, timestamp: int | None = None
) -> tuple[dict[str, object], int]:
    """(FeatureCollection, number of events left out for lack of coordinates)."""
    features = [f for f in map(_feature, _rows(desk, events, timestamp)) if f is not None]
    collection: dict[str, object] = {"type": "FeatureCollection", "features": features}
    return collection, len(events) - len(features)


def _geojson(desk: Desk, batches: Batches, timestamp: int | None, sink: BinaryIO) -> tuple[int, int]:
    # The same bytes as json.dumps of the whole collection, written a feature at a time.
    sink.write(b'{"type": "FeatureCollection", "features": [')
    written = left_out = 0
    for events in batches:
        for feature in map(_feature, _rows(desk, events, timestamp)):
            if feature is None:
                left_out += 1
                continue
            sink.write((", " if written else "").encode() + json.dumps(feature, ensure_ascii=False).encode("utf-8"))
            written += 1
    sink.write(b"]}")
    return written, left_out


def _jsonl(desk: Desk, batches: Batches, timestamp: int | None, sink: BinaryIO) -> tuple[int, int]:
    written = 0
    for events in batches:
        evidence = desk.evidence_of(events)
        lines = []
        for e in events:
            record = jsonable(e)
            record["evidence"] = list(evidence[e.id])
            lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        sink.write("".join(lines).encode("utf-8"))
        written += len(events)
    return written, 0


def _parquet(desk: Desk, batches: Batches, timestamp: int | None, sink: BinaryIO) -> tuple[int, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # AcledRow's annotations are strings ("int | None"): the first name is the type.
    kinds = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "dt.date": pa.date32()}
    schema = pa.schema([pa.field(f.name, kinds[str(f.type).split(" | ")[0]]) for f in dataclasses.fields(AcledRow)])
    written = 0
    with pq.ParquetWriter(sink, schema) as writer:
        for events in batches:
            rows = _rows(desk, events, timestamp)
            columns = {name: [getattr(r, name) for r in rows] for name in EXPORT_COLUMNS}
            writer.write_batch(pa.record_batch(columns, schema=schema))
            written += len(events)
    return written, 0


_WRITERS = {"csv": _csv, "geojson": _geojson, "jsonl": _jsonl, "parquet": _parquet}


def write(
    desk: Desk,
    fmt: str,
    sink: BinaryIO,
    flt: EventFilter | None = None,
    *,
    sort: str = "date",
    flavor: str = "acled",
    timestamp: int | dt.datetime | None = None,
) -> Written:
    """Stream the events passing ``flt`` into ``sink`` in format ``fmt``, with
    ``flavor``'s columns, ``EXPORT_BATCH`` events at a time; ``timestamp`` (unix
    seconds or a datetime) fills the timestamp column, default now."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise EventdeskError("ED042", f"format: choose from {', '.join(FORMATS)}")
    if flavor not in FLAVORS:
        raise EventdeskError("ED042", f"flavor: choose from {', '.join(FLAVORS)}")
    if isinstance(timestamp, dt.datetime):
        timestamp = int(timestamp.timestamp())
    written, left_out = writer(desk, desk.batches(flt, sort=sort, batch=EXPORT_BATCH), timestamp, sink)
    return Written(format=fmt, written=written, left_out=left_out)


def render(
    desk: Desk,
    fmt: str,
    flt: EventFilter | None = None,
    *,
    sort: str = "date",
    flavor: str = "acled",
    timestamp: int | dt.datetime | None = None,
) -> Export:
    """The events passing ``flt`` rendered in format ``fmt`` as bytes in memory (``write``)."""
    sink = io.BytesIO()
    done = write(desk, fmt, sink, flt, sort=sort, flavor=flavor, timestamp=timestamp)
    return Export(format=fmt, content=sink.getvalue(), written=done.written, left_out=done.left_out)


def export(
    desk: Desk,
    fmt: str,
    out: str | Path,
    flt: EventFilter | None = None,
    *,
    flavor: str = "acled",
    timestamp: int | dt.datetime | None = None,
) -> Written:
    """Write the events passing ``flt`` to the file ``out`` in format ``fmt``, streamed:
    memory stays flat whatever the number of events."""
    with open(out, "wb") as sink:
        return write(desk, fmt, sink, flt, flavor=flavor, timestamp=timestamp)
