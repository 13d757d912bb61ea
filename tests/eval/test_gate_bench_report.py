"""The floor gate, the benchmark harness (with fakes) and the eval-all table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.errors import EventdeskError
from eventdesk.eval.bench import bench, whitespace_runner
from eventdesk.eval.gate import GATED, check_floors, data_hash, load_floors
from eventdesk.eval.report import PUBLISHED, evaluate_all, markdown_table


def test_floor_break_raises_ed031() -> None:
    floors = {"muc4": {"ceaf_ree_f1": 50.0, "data_sha256": "abc"}}
    report = check_floors({"muc4": {"ceaf_ree_f1": 55.0}}, floors, hashes={"muc4": "abc"})
    assert report["muc4"]["ceaf_ree_f1"]["ok"]
    with pytest.raises(EventdeskError) as err:
        check_floors({"muc4": {"ceaf_ree_f1": 49.9}}, floors)
    assert err.value.code == "ED031"
    assert not check_floors({"muc4": {"ceaf_ree_f1": 49.9}}, floors, allow_lower=True)["muc4"]["ceaf_ree_f1"]["ok"]
    with pytest.raises(EventdeskError, match="ED031"):
        check_floors({"muc4": {"ceaf_ree_f1": 99.0}}, floors, hashes={"muc4": "other"})
    with pytest.raises(EventdeskError, match="ED031"):
        check_floors({"muc4": {"ceaf_ree_f1": 99.0, "data_sha256": "other"}}, floors)
    with pytest.raises(EventdeskError, match="ED031"):
        check_floors({"muc4": {}}, floors)  # a floored metric that was not scored


def test_data_hash_tracks_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    first = data_hash(tmp_path)
    (tmp_path / "a.txt").write_text("y")
    assert data_hash(tmp_path) != first
    with pytest.raises(EventdeskError, match="ED030"):
        data_hash(tmp_path / "missing")


def test_packaged_floors_pin_the_shared_data(shared_data: Path) -> None:
    floors = load_floors(Path(__file__).resolve().parents[2] / "src" / "eventdesk" / "data" / "eval_floors.json")
    for name, (folder, _) in GATED.items():
        assert floors[name]["data_sha256"] == data_hash(shared_data / folder)


def _slow_pipeline() -> object:
    def run(texts: list[str]) -> int:
        return sum(len(t.split()) for t in texts for _ in range(3))

    return run


def test_bench_with_fakes() -> None:
    texts = ["one two three", "four five"] * 10
    result = bench(texts, _slow_pipeline, baseline_factory=whitespace_runner)  # type: ignore[arg-type]
    assert result["documents"] == 20 and result["baseline"]["tokens"] == 50
    assert result["ratio"] > 0 and result["pipeline"]["docs_per_s"] > 0
    assert result["baseline"]["peak_rss_mib"] > 0


def test_bench_in_process_with_memory_trace() -> None:
    result = bench(["x y"] * 4, whitespace_runner, baseline_factory=whitespace_runner, isolate=False, trace_memory=True)
    assert result["pipeline"]["tokens"] == 8 and "peak_python_mib" in result["pipeline"]


def test_bench_with_workers() -> None:
    texts = ["a b c"] * 8
    result = bench(texts, whitespace_runner, workers=2, baseline_factory=whitespace_runner)
    assert result["parallel"]["workers"] == 2
    assert result["parallel"]["pipeline"]["tokens"] == 24


def test_eval_all_table() -> None:
    fake_muc = {
        "ceaf_ree": {"micro_avg": {"f1": 40.0}},
        "gtt_template": {"f1": 41.0},
        "original_keys": {"fields": {"date": {"accuracy": 50.0}}},
    }
    out = evaluate_all(Path("/nonexistent"), pipeline=None, runners={"muc4": lambda: fake_muc})  # type: ignore[arg-type]
    assert out["scores"]["muc4"]["gtt_template_f1"] == 41.0
    assert out["hashes"] == {}  # no data folder at that path
    assert "| muc4 | ceaf_ree_f1 | 40.00 | 54.50 | GRIT" in out["markdown"]
    json.dumps(out)  # the JSON twin must serialise
    assert markdown_table({}).startswith("| dataset | metric | eventdesk | best published | system |")
    assert {p.dataset for p in PUBLISHED} >= {"muc4", "wikievents"}
