"""Exports: the events a filter selects as CSV (ACLED-compatible), GeoJSON, JSON lines or Parquet."""

from __future__ import annotations

from eventdesk.export.acled import (
    ACLED_COLUMNS,
    EXPORT_COLUMNS,
    AcledRow,
    acled_row,
    disorder_type,
    inter_code,
    interaction_code,
    interaction_label,
    target_inter_code,
    time_precision,
)
from eventdesk.export.formats import (
    FLAVORS,
    FORMATS,
    MEDIA_TYPES,
    Export,
    Written,
    export,
    geojson_collection,
    render,
    write,
)

__all__ = [
    "ACLED_COLUMNS",
    "EXPORT_COLUMNS",
    "FLAVORS",
    "FORMATS",
    "MEDIA_TYPES",
    "AcledRow",
    "Export",
    "Written",
    "acled_row",
    "disorder_type",
    "export",
    "geojson_collection",
    "inter_code",
    "interaction_code",
    "interaction_label",
    "render",
    "target_inter_code",
    "time_precision",
    "write",
]
