"""The learned sentence heads: features, the shipped weights, and what they change in extraction."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eventdesk.errors import EventdeskError
from eventdesk.extract import extract
from eventdesk.extract.core import LEARNED_EXTRACTOR
from eventdesk.extract.typer import (
    HASH_DIM,
    HEADS_FILE,
    NONE,
    bag_of_words,
    get_heads,
    head_features,
    load_heads,
    models_folder,
    sentence_vectors,
)
from eventdesk.nlp.encoder import DIM, get_encoder
from eventdesk.records import Article


def _article(text: str) -> Article:
    return Article(id=Article.make_id(text), text=text, published=dt.date(2026, 3, 2))


def test_bag_of_words_is_unit_length_and_reads_word_pairs() -> None:
    a = bag_of_words("Gunmen killed five")
    assert a.shape == (HASH_DIM,)
    assert np.isclose(np.linalg.norm(a), 1.0)
    assert int((a > 0).sum()) == 5  # three words, two pairs (barring a hash collision, which these avoid)
    assert not np.array_equal(bag_of_words("five killed gunmen"), a)  # the pairs see the order
    assert np.array_equal(bag_of_words("GUNMEN killed five."), a)


def test_head_features_line_up() -> None:
    labels = ("Attack", NONE)
    x = head_features(["In 2019 gunmen killed five."], np.zeros((1, DIM), np.float32), ["Attack"], labels, [2026])
    assert x.shape == (1, DIM + HASH_DIM + 2 + 2)
    assert x[0, DIM + HASH_DIM] == 1.0  # the rules said Attack
    assert list(x[0, -2:]) == [1.0, 0.0]  # a year before publication; no running total


def test_sentence_vectors_are_pooled_and_unit_length() -> None:
    vectors = sentence_vectors(get_encoder(), ["Troops retook the town.", "Protesters blocked a road."])
    assert vectors.shape == (2, DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_shipped_heads_load_with_all_labels() -> None:
    heads = get_heads()
    assert len(heads.labels) == 26 and heads.labels[-1] == NONE
    assert {"cue", "retype", "keep", "add", "drop", "background"} <= set(heads.thresholds)
    # the shipped heads total well under the 40 MB our own heads may take
    assert (models_folder() / f"{HEADS_FILE}.npz").stat().st_size < 5_000_000


def test_missing_or_altered_heads_are_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(EventdeskError, match="ED060"):
        load_heads(tmp_path)
    for suffix in (".npz", ".json"):
        shutil.copy(models_folder() / f"{HEADS_FILE}{suffix}", tmp_path / f"{HEADS_FILE}{suffix}")
    assert load_heads(tmp_path).labels == get_heads().labels
    with (tmp_path / f"{HEADS_FILE}.npz").open("ab") as fh:
        fh.write(b"\0")
    with pytest.raises(EventdeskError, match="ED060"):
        load_heads(tmp_path)


def test_typer_finds_a_base_no_trigger_word_names(nlp: Any) -> None:
    """Strategic developments were never produced (issue 10): a new headquarters, a checkpoint set up."""
    for text in (
        "The militia opened a new headquarters in a former school in Ndolo on Friday, residents said.",
        "Rebel fighters set up a new checkpoint on the road between Kibati and Rumangabo on Saturday, drivers said.",
    ):
        assert extract(_article(text), nlp, learned=False).mentions == ()
        (mention,) = extract(_article(text), nlp).mentions
        assert mention.sub_event_type == "Headquarters or base established"
        assert mention.extractor == LEARNED_EXTRACTOR
        assert mention.status == "reported"  # the rules still read the status and its source
        assert mention.attributed_to is not None


def test_background_history_is_not_this_weeks_event(nlp: Any) -> None:
    text = (
        "Police arrested twelve people in Garissa on Sunday. "
        "The town was overrun by the group in January 2015, when hundreds were killed."
    )
    rules = [m.sub_event_type for m in extract(_article(text), nlp, learned=False).mentions]
    assert "Non-state actor overtakes territory" in rules
    # shipped with the background head off (resolve marks dated background "historical");
    # switched on, it drops the sentence's happened events itself
    from dataclasses import replace

    from eventdesk.extract import extract_many

    heads = replace(get_heads(), thresholds={**get_heads().thresholds, "background": 0.7})
    learned = [(m.sub_event_type, m.status) for m in extract_many([_article(text)], nlp, heads=heads)[0].mentions]
    assert ("Arrests", "asserted") in learned
    assert not any(sub == "Non-state actor overtakes territory" and status in ("asserted", "reported")
                   for sub, status in learned)  # fmt: skip


def test_present_tense_comment_is_never_a_learned_event(nlp: Any) -> None:
    text = "Cracks within the movement are starting to become apparent, writes our correspondent."
    assert not [m for m in extract(_article(text), nlp).mentions if m.extractor == LEARNED_EXTRACTOR]


def test_rules_keep_a_sub_type_the_typer_does_not_rule_out(nlp: Any) -> None:
    text = "Armed men abducted seven mine workers in Fresnillo on Saturday, state prosecutors said."
    (mention,) = extract(_article(text), nlp).mentions
    assert mention.sub_event_type == "Abduction/forced disappearance"


def test_missing_heads_leave_the_rules_alone(
    nlp: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from eventdesk.extract import core

    def missing() -> Any:
        raise EventdeskError("ED060", "sentence heads not found")

    monkeypatch.setattr(core, "get_heads", missing)
    text = "The militia opened a new headquarters in a former school in Ndolo on Friday, residents said."
    with caplog.at_level("WARNING", logger=core.log.name):
        assert extract(_article(text), nlp).mentions == ()
    assert "[ED060] sentence heads skipped" in caplog.text
