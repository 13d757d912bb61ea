"""The eval modules' public surface is what __all__ lists; importing them does no work."""

from __future__ import annotations

import importlib

import pytest

MODULES = {
    "matching": ["max_weight_matching"],
    "muc4.metrics": ["ceaf_ree", "gtt_template_f1", "normalize_mention", "phi_strict"],
    "muc4.data": ["load_grit_gold", "load_gtt_gold", "load_iterx_predictions", "muc4_articles"],
    "muc4.keys": ["parse_muc_keys", "load_original_keys", "score_extra_fields"],
    "muc4.mapping": ["mentions_to_muc_templates"],
    "wikievents.mapping": ["mentions_to_kairos"],
    "wikievents.scoring": ["score_kairos"],
    "wikievents.data": ["wikievents_articles"],
    "ipe.scoring": ["ipe_labels", "score_ipe"],
    "ipe.data": ["ipe_articles"],
    "runners": ["evaluate_muc4", "evaluate_wikievents", "evaluate_ipe"],
    "report": ["evaluate_all", "markdown_table", "PUBLISHED"],
    "gate": ["check_floors", "data_hash"],
    "bench": ["bench"],
}


@pytest.mark.parametrize(("name", "required"), sorted(MODULES.items()))
def test_all_lists_existing_public_names(name: str, required: list[str]) -> None:
    module = importlib.import_module(f"eventdesk.eval.{name}")
    assert set(required) <= set(module.__all__)
    assert all(hasattr(module, n) for n in module.__all__)


def test_import_does_not_load_spacy() -> None:
    """Nothing heavy at import time: a fresh interpreter imports every eval module without spaCy."""
    import os
    import subprocess
    import sys

    names = ", ".join(f"eventdesk.eval.{n}" for n in MODULES)
    code = f"import sys, {names}; assert 'spacy' not in sys.modules"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
