"""The role tagger's numpy inference: the LSTM matches torch's, decoding keeps BIO well formed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventdesk.errors import EventdeskError
from eventdesk.extract.role_tagger import RoleTagger, _allowed, _viterbi, bio_spans, load_head

LABELS = ("perp_individual", "perp_organisation", "target", "victim", "weapon")


def test_the_numpy_lstm_matches_torch() -> None:
    import torch  # the train extra: scripts/setup.sh installs it for the tests

    from eventdesk.train.roles import TaggerSettings, _model, export_lstm

    torch.manual_seed(0)
    model = _model(torch, 6, 11, TaggerSettings(hidden=4, dropout=0.0)).eval()
    x = np.random.default_rng(0).normal(size=(7, 6)).astype(np.float32)
    with torch.no_grad():
        logits = model(torch.from_numpy(x)[None], torch.tensor([7]))[0].numpy()
    tagger = RoleTagger.from_arrays(export_lstm(model), LABELS)
    w = tagger._weights
    from eventdesk.extract.role_tagger import lstm_forward

    fwd = lstm_forward(x, w["fwd_w_ih"], w["fwd_w_hh"], w["fwd_b"])
    bwd = lstm_forward(x[::-1], w["bwd_w_ih"], w["bwd_w_hh"], w["bwd_b"])[::-1]
    ours = np.concatenate([fwd, bwd], axis=1) @ w["out_w"].T + w["out_b"]
    np.testing.assert_allclose(ours, logits, atol=1e-5)


def test_decoding_never_starts_a_span_with_an_inside_tag() -> None:
    # The best tag alone would be I-victim at token 0 and I-weapon after O at token 2.
    probs = np.full((4, 11), 0.01)
    probs[0, 8] = 0.9  # I-victim
    probs[0, 7] = 0.5  # B-victim
    probs[1, 8] = 0.9
    probs[2, 0] = 0.9  # O
    probs[3, 10] = 0.9  # I-weapon
    probs[3, 9] = 0.6  # B-weapon
    tags = _viterbi(np.log(probs), _allowed(5))
    assert tags == [7, 8, 0, 9]
    spans = bio_spans(tags, probs, LABELS)
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 2, "victim"), (3, 4, "weapon")]


def test_adjacent_spans_of_two_labels_stay_apart() -> None:
    spans = bio_spans([1, 2, 9, 0], np.full((4, 11), 0.5), LABELS)
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 2, "perp_individual"), (2, 3, "weapon")]


def _write_head(folder: Path) -> None:
    rng = np.random.default_rng(1)
    arrays = {
        "fwd_w_ih": rng.normal(size=(16, 3)), "fwd_w_hh": rng.normal(size=(16, 4)), "fwd_b": rng.normal(size=16),
        "bwd_w_ih": rng.normal(size=(16, 3)), "bwd_w_hh": rng.normal(size=(16, 4)), "bwd_b": rng.normal(size=16),
        "out_w": rng.normal(size=(11, 8)), "out_b": rng.normal(size=11),
    }  # fmt: skip
    from eventdesk.train.roles import save_head

    save_head(folder, "tiny", arrays, {"labels": list(LABELS)})


def test_a_saved_head_loads_and_tags(tmp_path: Path) -> None:
    _write_head(tmp_path)
    tagger = RoleTagger(tmp_path, "tiny")
    spans = tagger.tag([np.ones((5, 3), np.float32), np.zeros((0, 3), np.float32)])
    assert len(spans) == 2 and spans[1] == []
    assert all(0 <= s.start < s.end <= 5 and s.label in LABELS for s in spans[0])


def test_an_altered_head_is_refused(tmp_path: Path) -> None:
    _write_head(tmp_path)
    meta = json.loads((tmp_path / "tiny.json").read_text())
    meta["sha256"] = "0" * 64
    (tmp_path / "tiny.json").write_text(json.dumps(meta))
    with pytest.raises(EventdeskError) as caught:
        load_head(tmp_path, "tiny")
    assert caught.value.code == "ED060"


def test_a_missing_head_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(EventdeskError) as caught:
        RoleTagger(tmp_path, "absent").tag([np.ones((2, 3), np.float32)])
    assert caught.value.code == "ED060"
