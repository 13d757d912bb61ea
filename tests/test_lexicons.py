"""Every bundled word list is well formed and says where its words come from."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from eventdesk import lexicons


def test_every_lexicon_has_about_source_and_entries() -> None:
    folder = resources.files("eventdesk.data").joinpath("lexicons")
    for name in lexicons.lexicon_names():
        data = json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))
        assert set(data) == {"about", "source", "entries"}, name
        assert data["about"].strip() and data["source"].strip(), name
        assert isinstance(data["entries"], list | dict) and data["entries"], name


def test_unknown_lexicon_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no lexicon named 'no-such-list'"):
        lexicons.words("no-such-list")
