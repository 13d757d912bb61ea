"""Exports: the events a filter selects as CSV (ACLED-like), GeoJSON, JSON lines or Parquet."""

from __future__ import annotations

from eventdesk.export.acled import ACLED_COLUMNS, AcledRow, acled_row, inter_code, interaction_code
from eventdesk.export.formats import (
    FORMATS,
    MEDIA_TYPES,
    Export,
    export,
    geojson_collection,
    render,
)

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "MEDIA_TYPES",
    "AcledRow",
    "Export",
    "acled_row",
    "export",
    "geojson_collection",
    "inter_code",
    "interaction_code",
    "render",
]
