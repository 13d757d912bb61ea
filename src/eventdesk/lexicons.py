"""Vocabulary is data: every word list lives in ``data/lexicons/NAME.json``.

Each file is ``{"about": ..., "source": ..., "entries": ...}``: what the list
is for, where its words come from, and the words themselves (a list, or a
mapping such as word -> number). A file is read once, on first use, and
shared read-only; nothing is read at import time.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = ["lexicon_names", "table", "word_set", "words"]

_REQUIRED = ("about", "source", "entries")


def lexicon_names() -> tuple[str, ...]:
    """The names of every bundled lexicon, sorted."""
    folder = resources.files("eventdesk.data").joinpath("lexicons")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@functools.cache
def _load(name: str) -> Any:
    path = resources.files("eventdesk.data").joinpath("lexicons", f"{name}.json")
    if not path.is_file():
        raise ValueError(f"no lexicon named {name!r} (data/lexicons/{name}.json)")
    data = json.loads(path.read_text(encoding="utf-8"))
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise ValueError(f"lexicon {name!r} lacks {', '.join(missing)}")
    return data["entries"]


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """A lexicon whose entries are a list of words or phrases."""
    entries = _load(name)
    if not isinstance(entries, list):
        raise ValueError(f"lexicon {name!r} is a table, not a word list")
    return tuple(entries)


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """A word list as a set, for membership tests (built once per list)."""
    return frozenset(words(name))


def table(name: str) -> Mapping[str, Any]:
    """A lexicon whose entries map a word or phrase to a value (read-only)."""
    entries = _load(name)
    if not isinstance(entries, dict):
        raise ValueError(f"lexicon {name!r} is a word list, not a table")
    return MappingProxyType(entries)
