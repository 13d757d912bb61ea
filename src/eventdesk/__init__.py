"""eventdesk: a sourced, geocoded, queryable database of political-violence events."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
