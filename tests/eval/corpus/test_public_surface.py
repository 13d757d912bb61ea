"""The corpus modules' public surface is what __all__ lists; importing them loads no spaCy."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest

MODULES = {
    "build": ["build_records", "locate", "split_of"],
    "data": ["load_corpus", "validate", "write_corpus", "CorpusReport"],
    "scoring": ["score_corpus", "align", "spans_match"],
    "runner": ["evaluate_corpus"],
    "report": ["corpus_table"],
}


@pytest.mark.parametrize(("name", "required"), sorted(MODULES.items()))
def test_all_lists_existing_public_names(name: str, required: list[str]) -> None:
    module = importlib.import_module(f"eventdesk.eval.corpus.{name}")
    assert set(required) <= set(module.__all__)
    assert all(hasattr(module, n) for n in module.__all__)


def test_import_does_not_load_spacy() -> None:
    names = ", ".join(f"eventdesk.eval.corpus.{n}" for n in MODULES)
    code = f"import sys, {names}; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ})
    assert out.stdout.strip() == "False"
