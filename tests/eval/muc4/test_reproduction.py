"""Our MUC-4 scorers reproduce, to 2 decimals, the figures peers published from their released predictions."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.eval.muc4.data import (
    load_grit_gold,
    load_grit_predictions,
    load_gtt_gold,
    load_gtt_predictions,
    load_iterx_predictions,
)
from eventdesk.eval.muc4.metrics import ceaf_ree, gtt_template_f1


def _rounded(scores: dict[str, float]) -> tuple[float, float, float]:
    return round(scores["precision"], 2), round(scores["recall"], 2), round(scores["f1"], 2)


def test_grit_ceaf_ree(muc4_dir: Path) -> None:
    preds = load_grit_predictions(muc4_dir / "peer_predictions" / "grit_preds_test.json")
    gold = load_grit_gold(muc4_dir / "grit_processed" / "test.json")
    assert _rounded(ceaf_ree(preds, gold)["micro_avg"]) == (64.19, 47.36, 54.50)


def test_gtt_template_metric(muc4_dir: Path) -> None:
    preds = load_gtt_predictions(muc4_dir / "peer_predictions" / "gtt_preds_test.json")
    gold = load_gtt_gold(muc4_dir / "gtt_processed" / "test.json")
    assert _rounded(gtt_template_f1(preds, gold)) == (61.69, 42.36, 50.23)


@pytest.mark.parametrize(
    ("encoder", "expected"),
    [
        ("t5-large-enc", (60.92, 46.92, 53.01)),
        ("bert-base", (52.25, 51.11, 51.67)),
        ("bart-base", (49.75, 45.69, 47.64)),
        ("bart-large", (54.28, 50.37, 52.25)),
    ],
)
def test_iterx_template_metric(muc4_dir: Path, encoder: str, expected: tuple[float, float, float]) -> None:
    preds = load_iterx_predictions(muc4_dir / "peer_predictions" / f"iterx_{encoder}_preds_test.jsonlines")
    gold = load_gtt_gold(muc4_dir / "gtt_processed" / "test.json")
    assert _rounded(gtt_template_f1(preds, gold)) == expected
