"""The evaluation gate: MUC-4 dev, WikiEvents dev and LGL must not fall below
the floors pinned (with the data's hash) in eventdesk/data/eval_floors.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.eval.gate import GATED, check_floors, gate_scores, load_floors, raised_floors

pytestmark = [pytest.mark.slow, pytest.mark.model]


def test_scores_hold_their_floors(shared_data: Path, pipeline: object) -> None:
    scores, hashes = gate_scores(shared_data, pipeline)  # type: ignore[arg-type]
    floors = load_floors()
    report = check_floors(scores, floors, hashes=hashes)  # raises ED031 on a broken floor
    for name, (_, metrics) in GATED.items():
        assert floors[name]["data_sha256"] == hashes[name], f"{name}: floors were pinned on other data"
        for metric in metrics:
            assert report[name][metric]["ok"]
            assert float(floors[name][metric]) > 0, f"{name}.{metric} has no floor yet"


def test_raising_floors_never_lowers_them_unless_asked() -> None:
    floors = {"muc4_dev": {"ceaf_ree_f1": 30.0, "gtt_template_f1": 20.0}}
    scores = {
        "muc4_dev": {"ceaf_ree_f1": 25.0, "gtt_template_f1": 22.456},
        "wikievents_dev": {m: 1.0 for m in GATED["wikievents_dev"][1]},
        "geoparsing_lgl": {m: 1.0 for m in GATED["geoparsing_lgl"][1]},
    }
    hashes = {name: "h" for name in GATED}
    up = raised_floors(floors, scores, hashes)
    assert up["muc4_dev"]["ceaf_ree_f1"] == 30.0 and up["muc4_dev"]["gtt_template_f1"] == 22.45
    assert raised_floors(floors, scores, hashes, allow_lower=True)["muc4_dev"]["ceaf_ree_f1"] == 25.0
