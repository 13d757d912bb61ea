"""Runners against a fake pipeline that returns hand-built mentions; WikiEvents and IPE scoring."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from eventdesk.eval.ipe.data import IpeDocument
from eventdesk.eval.ipe.scoring import ipe_labels, score_ipe
from eventdesk.eval.muc4.data import sentence_case, unwrap
from eventdesk.eval.runners import evaluate_ipe, evaluate_muc4, evaluate_wikievents
from eventdesk.eval.wikievents.data import KairosArgument, KairosEvent, head_word
from eventdesk.eval.wikievents.mapping import mentions_to_kairos
from eventdesk.eval.wikievents.scoring import score_kairos
from eventdesk.records import Article, Mention


@dataclass
class Result:
    mentions: tuple[Mention, ...]


class NoEvents:
    def process(self, article: Article) -> Result:
        return Result(())


class BombEverywhere:
    """Says every document reports a bombing by guerrillas, at the first word 'bomb' if any."""

    def __init__(self, make_mention: Any) -> None:
        self.make = make_mention

    def process(self, article: Article) -> Result:
        text = article.text
        if "bomb" not in text.lower():
            return Result(())
        low = text.lower()
        i = low.index("bomb")
        trigger = text[i : i + 4]
        m = self.make(
            text, trigger, "Explosions/Remote violence", "Remote explosive/landmine/IED", article_id=article.id
        )
        return Result((m,))


def test_evaluate_muc4_with_fakes(muc4_dir: Path, make_mention: Any) -> None:
    empty = evaluate_muc4(muc4_dir, "test", NoEvents(), limit=20)
    assert empty["documents"] == 20 and empty["ceaf_ree"]["micro_avg"]["f1"] == 0.0
    assert empty["gtt_template"]["n_pred"] == 0 and empty["gtt_template"]["n_gold"] > 0
    some = evaluate_muc4(muc4_dir, "test", BombEverywhere(make_mention), limit=20)
    assert some["gtt_template"]["p_num"] > 0  # the bombing type is right on some documents
    assert some["original_keys"]["aligned"] > 0


def test_evaluate_wikievents_and_ipe_with_fakes(shared_data: Path) -> None:
    w = evaluate_wikievents(shared_data / "wikievents", "dev", NoEvents())
    assert w["trigger_classification"]["n_gold"] == 345
    ipe = evaluate_ipe(shared_data / "india_police_events", NoEvents())
    assert ipe["sentence"]["KILL"]["n_gold"] == 96 and ipe["document"]["ARREST"]["n_gold"] == 128


def test_kairos_scoring() -> None:
    gold = {"d": [KairosEvent("Conflict.Attack.DetonateExplode", 10, 15, (KairosArgument("Attacker", "isis"),))]}
    pred = {
        "d": [
            KairosEvent(
                "Conflict.Attack.Unspecified",
                12,
                20,
                (KairosArgument("Attacker", "isis"), KairosArgument("Target", "isis")),
            )
        ]
    }
    s = score_kairos(pred, gold)
    assert s["trigger_classification"]["f1"] == 100.0
    assert s["argument_identification_head"]["f1"] == 100.0
    assert (s["argument_classification_head"]["tp"], s["argument_classification_head"]["n_pred"]) == (1, 2)
    assert score_kairos({}, gold)["trigger_identification"]["recall"] == 0.0
    assert head_word("the Syrian army's 4th Division,") == "division"


def test_mentions_to_kairos_and_ipe(make_mention: Any) -> None:
    text = "Police opened fire and killed 2 rioters. Police arrested 40 people."
    fire = make_mention(text, "opened fire", "Violence against civilians", "Attack",
                        roles=(("actor", "Police", "state forces", None), ("target", "rioters", None, None)),
                        casualties=(("killed", 2),))  # fmt: skip
    arrest = make_mention(text, "arrested", "Strategic developments", "Arrests",
                          roles=(("target", "people", None, None),))  # fmt: skip
    kinds = [e.event_type for e in mentions_to_kairos([fire, arrest])]
    assert kinds == ["Conflict.Attack.Unspecified", "Life.Die.Unspecified", "Justice.ArrestJailDetain.Unspecified"]
    assert ipe_labels(fire) == {"KILL", "FORCE"} and ipe_labels(arrest) == {"ARREST"}
    doc = IpeDocument(
        Article(id="a1", text=text),
        ((0, 40, ("KILL", "FORCE")), (41, len(text), ("ARREST",))),
        ("KILL", "FORCE", "ARREST"),
    )
    scores = score_ipe({"1": doc}, {"1": [fire, arrest]})
    assert all(scores["sentence"][k]["f1"] == 100.0 for k in ("KILL", "ARREST", "FORCE"))


def test_text_helpers() -> None:
    assert unwrap("A B\nC.\n\nD") == "A B C.\n\nD"
    assert sentence_case("THE ARMY CAME. IT LEFT.") == "The army came. It left."


def test_places_carried_by_results_reach_the_templates(muc4_dir: Path, make_mention: Any) -> None:
    from eventdesk.eval.runners import _places_of
    from eventdesk.records import Place

    lima = Place(id="3936456", name="Lima", country="PE", feature="PPLC")

    @dataclass
    class WithPlaces:
        mentions: tuple[Mention, ...]
        places: tuple[Place, ...]

    assert _places_of(WithPlaces((), (lima,))) == {"3936456": lima}
    assert _places_of(Result(())) == {}


def test_ipe_splits_whole_articles(shared_data: Path) -> None:
    from eventdesk.eval.ipe.data import ipe_split

    everything = evaluate_ipe(shared_data / "india_police_events", NoEvents())
    dev = evaluate_ipe(shared_data / "india_police_events", NoEvents(), split="dev")
    train = evaluate_ipe(shared_data / "india_police_events", NoEvents(), split="train")
    assert dev["split"] == "dev" and 0 < dev["documents"] < train["documents"]
    assert dev["documents"] + train["documents"] == everything["documents"]
    assert ipe_split("11") == ipe_split("11") and {ipe_split(str(i)) for i in range(50)} == {"train", "dev"}
    with pytest.raises(ValueError, match="unknown split"):
        evaluate_ipe(shared_data / "india_police_events", NoEvents(), split="test")
