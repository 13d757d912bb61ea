"""The per-document boundary: whatever one document does, it costs only itself.

The runner calls each stage of a document (reading is guarded in
``ingest.sources``) through these helpers, so an unexpected exception becomes
a coded error row for that document and the batch goes on. Store-wide
failures (disk full, a locked or corrupt database) are not one document's
fault and still end the run, with the database's own error.
"""

from __future__ import annotations

import dataclasses
import math
import sqlite3
from typing import Any

from eventdesk.errors import DocumentError, EventdeskError

__all__ = ["INT64_MAX", "failure", "out_of_range", "storable", "store_wide"]

#: The widest integer SQLite stores; a wider one raises OverflowError on insert.
INT64_MAX = 2**63 - 1


def storable(text: str) -> str:
    """Text the store can hold: lone surrogates (from a file name that is not
    UTF-8, or an exception message quoting one) become ``\\udcff`` escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def failure(stage: str, exc: BaseException, source: str) -> DocumentError:
    """ED018 for an unexpected exception in ``stage`` of one document."""
    return DocumentError("ED018", storable(f"{stage} failed: {type(exc).__name__}: {exc}")[:500], source=source)


def store_wide(exc: BaseException) -> bool:
    """True for database failures that no single document caused (disk full,
    read-only, locked, corrupt): those end the run instead of blaming a document.
    The store raises them as ED020 (``store.sqlite.DatabaseFailure``)."""
    if isinstance(exc, EventdeskError) and exc.code == "ED020":
        return True
    return isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError


def out_of_range(value: Any, path: str = "") -> str | None:
    """Where ``value`` (a record, recursively) holds an integer wider than
    SQLite's 64 bits or a float that is not finite; None when it holds none.

    A report can write "99999999999999999999999 people were killed"; that is
    not a figure any table, query or export can carry."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    if isinstance(value, int):
        return path if abs(value) > INT64_MAX else None
    if isinstance(value, float):
        return None if math.isfinite(value) else path
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
        return next((hit for name, item in fields if (hit := out_of_range(item, f"{path}.{name}")) is not None), None)
    if isinstance(value, (tuple, list)):
        return next(
            (hit for i, item in enumerate(value) if (hit := out_of_range(item, f"{path}[{i}]")) is not None), None
        )
    return None
