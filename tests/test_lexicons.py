"""Every bundled word list is well formed, says where its words come from, and is read by some module."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import eventdesk
from eventdesk import lexicons

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _raw(name: str) -> tuple[dict[str, Any], list[str]]:
    """The file's JSON, and every key that occurs twice in one of its objects."""
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in items]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(items)

    folder = resources.files("eventdesk.data").joinpath("lexicons")
    text = folder.joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=pairs), repeated


def _lists(entries: Any) -> list[list[Any]]:
    """Every list in the entries, nested ones too (a table's values may be word lists)."""
    if isinstance(entries, list):
        return [entries, *(inner for item in entries for inner in _lists(item))]
    if isinstance(entries, dict):
        return [inner for value in entries.values() for inner in _lists(value)]
    return []


def _source_text() -> str:
    package = Path(eventdesk.__file__).parent
    return "\n".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py"))


def test_there_are_lexicons() -> None:
    assert len(lexicons.lexicon_names()) >= 30


@pytest.mark.parametrize("name", lexicons.lexicon_names())
def test_every_lexicon_has_about_source_and_entries(name: str) -> None:
    data, _repeated = _raw(name)
    assert set(data) == {"about", "source", "entries"}, name
    assert data["about"].strip() and data["source"].strip(), name
    assert isinstance(data["entries"], list | dict) and data["entries"], name


@pytest.mark.parametrize("name", lexicons.lexicon_names())
def test_lexicon_names_are_kebab_case(name: str) -> None:
    assert _KEBAB.match(name), name


@pytest.mark.parametrize("name", lexicons.lexicon_names())
def test_no_lexicon_repeats_an_entry(name: str) -> None:
    data, repeated = _raw(name)
    assert not repeated, (name, repeated)
    for entries in _lists(data["entries"]):
        hashable = [json.dumps(entry, sort_keys=True) for entry in entries]
        assert len(hashable) == len(set(hashable)), (name, sorted({e for e in hashable if hashable.count(e) > 1}))


def test_every_lexicon_is_read_by_some_module() -> None:
    """A lexicon no module names is dead data: delete it or read it."""
    source = _source_text()
    unused = [name for name in lexicons.lexicon_names() if f'"{name}"' not in source]
    assert not unused


def test_unknown_lexicon_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no lexicon named 'no-such-list'"):
        lexicons.words("no-such-list")
