"""``eventdesk train`` end to end on a small fixture: MUC-4-shaped files written here, in our own words."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from eventdesk.errors import EventdeskError
from eventdesk.extract.role_tagger import RoleTagger
from eventdesk.train import TRAINERS, train
from eventdesk.train.card import model_card
from eventdesk.train.role_data import LABELS, muc4_sentences, tag_names

DOCS = [
    (
        "TRAIN-0001",
        "gunmen of the red dawn front shot the mayor of villa nueva on monday. the gunmen fled in a truck. "
        "police said a rifle was found near the town hall.",
        {"PerpInd": ["gunmen"], "PerpOrg": ["red dawn front"], "Victim": ["mayor of villa nueva"], "Weapon": ["rifle"]},
    ),
    (
        "TRAIN-0002",
        "a bomb exploded at the power station in san lucas. the red dawn front claimed the attack.",
        {"PerpOrg": ["red dawn front"], "Target": ["power station"], "Weapon": ["bomb"]},
    ),
    (
        "TRAIN-0003",
        "the army and rebels fought for three hours near the river. no civilians were hurt.",
        {},
    ),
]


def _gtt_line(docid: str, text: str, roles: dict[str, list[str]]) -> str:
    template = {
        "incident_type": "attack",
        **{slot: [] for slot in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")},
    }
    for slot, phrases in roles.items():
        template[slot] = [[[p, text.index(p)]] for p in phrases]
    return json.dumps({"docid": docid, "doctext": text, "templates": [template] if roles else []})


def _grit_line(docid: str, text: str, roles: dict[str, list[str]]) -> str:
    extracts = {
        slot: [[[p, text.index(p)]] for p in roles.get(slot, [])]
        for slot in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
    }
    return json.dumps({"docid": docid, "doctext": text, "extracts": extracts})


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "muc4" / "gtt_processed").mkdir(parents=True)
    (root / "muc4" / "grit_processed").mkdir(parents=True)
    gtt = "\n".join(_gtt_line(*d) for d in DOCS) + "\n"
    for split in ("train", "dev"):
        (root / "muc4" / "gtt_processed" / f"{split}.json").write_text(gtt, encoding="utf-8")
    grit = "\n".join(_grit_line(*d) for d in DOCS) + "\n"
    (root / "muc4" / "grit_processed" / "dev.json").write_text(grit, encoding="utf-8")
    return root


def test_gold_fillers_become_bio_tags_wherever_their_words_occur(data: Path) -> None:
    import spacy

    sentences = muc4_sentences(data / "muc4" / "gtt_processed" / "train.json", spacy.blank("en").tokenizer)
    names = tag_names()
    first, second = sentences[0], sentences[1]
    tagged = [(first.text[s:e], names[t]) for (s, e), t in zip(first.offsets, first.tags, strict=True) if t]
    assert tagged[:2] == [("gunmen", "B-perp_individual"), ("red", "B-perp_organisation")]
    assert ("mayor", "B-victim") in tagged and ("nueva", "I-victim") in tagged
    # "the gunmen fled": tagged again, though the gold offset points at the first sentence only.
    assert [names[t] for t in second.tags][1] == "B-perp_individual"


def test_train_builds_a_head_that_loads_and_a_model_card(data: Path, tmp_path: Path) -> None:
    models, card = tmp_path / "models", tmp_path / "models.md"
    built = train(data, models=models, card=card, quick=True)
    assert [m.name for m in built] == list(TRAINERS)
    role = built[0]
    assert (models / "role-tagger.npz").is_file() and (models / "role-tagger.json").is_file()
    assert 0.0 <= role.dev["muc4_dev_ceaf_ree_f1 (tagger alone)"] <= 100.0
    assert role.cpu_seconds > 0 and len(role.data) == 4 and all(len(d.sha256) == 64 for d in role.data)
    tagger = RoleTagger(models)
    assert tagger.labels == LABELS
    spans = tagger.tag([np.ones((4, 384), np.float32)])
    assert all(0 <= s.start < s.end <= 4 for s in spans[0])
    text = card.read_text(encoding="utf-8")
    assert "MUC-4 has no formal licence" in text and "Apache-2.0" in text and role.data[0].sha256[:16] in text


def test_the_same_data_and_seed_give_the_same_weights(data: Path, tmp_path: Path) -> None:
    train(data, models=tmp_path / "a", quick=True)
    train(data, models=tmp_path / "b", quick=True)
    assert (tmp_path / "a" / "role-tagger.npz").read_bytes() == (tmp_path / "b" / "role-tagger.npz").read_bytes()


def test_an_unknown_model_name_is_a_coded_error(data: Path) -> None:
    with pytest.raises(EventdeskError) as caught:
        train(data, only=["no-such-head"])
    assert caught.value.code == "ED061"


def test_missing_training_data_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(EventdeskError) as caught:
        train(tmp_path, models=tmp_path / "m", quick=True)
    assert caught.value.code == "ED030"


def test_the_cli_trains_and_prints_the_dev_figure(data: Path, tmp_path: Path) -> None:
    from eventdesk.cli import app

    result = CliRunner().invoke(
        app,
        ["train", "--data", str(data), "--models", str(tmp_path / "m"), "--card", str(tmp_path / "c.md"), "--quick"],
    )
    assert result.exit_code == 0, result.output
    assert "role-tagger" in result.output and "ceaf_ree" in result.output


def test_the_card_names_every_model() -> None:
    assert "## `x`" in model_card([_fake("x")])


def test_a_model_not_rebuilt_keeps_its_section_of_the_card(tmp_path: Path) -> None:
    from eventdesk.train.card import write_model_card

    card = tmp_path / "models.md"
    write_model_card(card, [_fake("a"), _fake("b")], order=["a", "b"])
    first = card.read_text(encoding="utf-8")
    # ``train --only b``: a's section stays as it was, b's is rewritten, the order holds.
    write_model_card(card, [_fake("b", f1=61.0)], order=["a", "b"])
    again = card.read_text(encoding="utf-8")
    assert again.index("## `a`") < again.index("## `b`")
    assert first.split("## `b`")[0] == again.split("## `b`")[0]
    assert "61.00" in again and "50.00" in again


def _fake(name: str, f1: float = 50.0) -> object:
    from eventdesk.train import TrainedModel

    return TrainedModel(name, "d", ("x.npz",), (), 1.0, 1.0, {"f1": f1}, {}, "n")
