"""Option definitions shared by every command, so flags read the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["DbOption", "CsvOption", "JsonOption"]

DbOption = Annotated[
    Path, typer.Option("--db", help="SQLite database file (created on first use).", envvar="EVENTDESK_DB")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")]
