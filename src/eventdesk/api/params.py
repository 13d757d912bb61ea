"""Query-string parameters shared by every list, stats and export endpoint.

They are not written here: ``filter_params`` is a FastAPI dependency whose
signature is generated from the filter's one declaration
(``eventdesk.query.filter_fields``), so the API, the CLI and the web form
cannot drift apart.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Query

from eventdesk.query import EventFilter, FilterField, filter_fields

__all__ = ["filter_params"]


def _annotation(f: FilterField) -> Any:
    return Annotated[f.parameter_type, Query(description=f.help, ge=f.ge, le=f.le, gt=f.gt)]


@functools.cache
def filter_params() -> Callable[..., EventFilter]:
    """The dependency that reads an EventFilter from the query string (built on first use)."""

    def read(**params: Any) -> EventFilter:
        return EventFilter.build(**params)

    read.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=_annotation(f))
            for f in filter_fields()
        ],
        return_annotation=EventFilter,
    )
    return read
