"""Training the sentence heads end to end on a tiny fixture (numpy only, seconds)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eventdesk.extract.typer import HEADS_FILE, NONE, load_heads, sentence_vectors
from eventdesk.nlp.encoder import get_encoder
from eventdesk.train.typer import (
    PLOVER_TO_ACLED,
    Example,
    TyperSettings,
    corpus_examples,
    fit_softmax,
    plover_examples,
    save_heads,
    train_heads,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

# Short reports written for this test: three sub-types and sentences that tell no event.
FIXTURE = [
    ("Soldiers arrested four suspected smugglers at a checkpoint near Tillaberi on Monday.", "Arrests", "now"),
    ("Police detained eleven students after a raid on a hostel in Kumasi on Friday.", "Arrests", "now"),
    ("Gendarmes took three men into custody in Mopti on Sunday, a prosecutor said.", "Arrests", "now"),
    (
        "Hundreds of teachers marched peacefully through Bamako on Tuesday to demand back pay.",
        "Peaceful protest",
        "now",
    ),
    ("Nurses held a sit-in outside the health ministry in Accra on Wednesday.", "Peaceful protest", "now"),
    ("Farmers rallied in front of the governor's office in Kano, chanting slogans.", "Peaceful protest", "now"),
    ("The army opened a new forward base in Arbinda on Thursday.", "Headquarters or base established", "now"),
    ("Rebels set up a command post in a school in Sake on Saturday.", "Headquarters or base established", "now"),
    (
        "The militia established a headquarters in the old customs building in Ndolo.",
        "Headquarters or base established",
        "now",
    ),
    ("The weather was hot and the markets were busy.", NONE, None),
    ("Subscribe to our newsletter for daily updates.", NONE, None),
    ("The town was overrun by the group in 2015.", NONE, "background"),
    ("More than 4,000 people have been killed since 2009.", NONE, "background"),
]


def _examples() -> list[Example]:
    return [Example(text, None, label, back, 2026, "fixture") for text, label, back in FIXTURE]


def test_fit_softmax_separates_two_clusters() -> None:
    x = np.asarray([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]], np.float32)
    y = np.asarray([0, 0, 1, 1])
    w, b = fit_softmax(x, y, 2, TyperSettings(epochs=200))
    assert list((x @ w + b).argmax(axis=1)) == [0, 0, 1, 1]


def test_tiny_heads_train_save_load_and_read_their_sentences(tmp_path: Path) -> None:
    examples = _examples()
    settings = TyperSettings(epochs=150)
    weights, card = train_heads(examples, get_encoder(), settings)
    npz = save_heads(weights, card, tmp_path)
    heads = load_heads(tmp_path)
    assert card["examples"] == {"fixture": len(FIXTURE)}
    assert card["background_examples"] == {"now": 9, "background": 2}
    texts = [e.text for e in examples]
    guesses = heads.guess(texts, sentence_vectors(get_encoder(), texts), [None] * len(texts), [2026] * len(texts))
    assert [g.sub for g in guesses] == [e.label for e in examples]  # it fits what it was shown
    assert all(abs(sum(g.probs.values()) - 1.0) < 1e-4 for g in guesses)
    assert heads.cue(["Police arrested two men on Sunday."]).shape == (1,)
    # the same data give the same bytes: a rebuild is reproducible
    again = save_heads(*train_heads(examples, get_encoder(), settings), tmp_path / "again")
    assert hashlib.sha256(npz.read_bytes()).digest() == hashlib.sha256(again.read_bytes()).digest()
    assert npz.name == f"{HEADS_FILE}.npz"


def test_corpus_examples_label_sentences_from_gold_events(nlp: Any) -> None:
    from eventdesk.eval.corpus.data import load_corpus

    reports = load_corpus(split="train")[:8]
    examples = corpus_examples(reports, nlp)
    gold = sum(len(r.events) for r in reports)
    typed = [e for e in examples if e.label != NONE]
    assert 0 < len(typed) <= gold
    assert all(e.background == "now" for e in typed)
    assert all(e.source.startswith("corpus:") for e in examples)


def test_plover_mapping_keeps_only_sound_pairs(nlp: Any) -> None:
    path = SHARED / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        pytest.fail(f"public gold data not found at {path}")
    examples = plover_examples(path, nlp)
    assert examples
    assert {e.label for e in examples} <= set(PLOVER_TO_ACLED.values())
