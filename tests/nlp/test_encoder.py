"""The frozen encoder: one vector per spaCy token, batched, lazily loaded, hash-checked."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
import spacy

from eventdesk.errors import EventdeskError
from eventdesk.nlp.encoder import (
    DIM,
    MAX_PIECES,
    TOKENIZER_SHA256,
    Encoder,
    default_model_path,
    get_encoder,
    span_offsets,
    tokenizer_path,
)

REPORTS = [
    "Gunmen killed three police officers at a checkpoint outside Maiduguri on Sunday, a spokesman said.",
    "A roadside bomb wounded two soldiers.",
    "Protesters burned tyres   near the governor's office.",
]


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


def test_one_vector_per_spacy_token(blank: spacy.language.Language) -> None:
    docs = [blank(text) for text in REPORTS]
    vectors = get_encoder().encode_spans(docs)
    assert [v.shape for v in vectors] == [(len(d), DIM) for d in docs]
    assert all(v.dtype == np.float32 for v in vectors)
    # Every word is covered by a word piece; only white-space tokens are zero.
    for doc, vecs in zip(docs, vectors, strict=True):
        zero = [tok.text for tok, row in zip(doc, vecs, strict=True) if not row.any()]
        assert all(not t.strip() for t in zero)
    assert any(not t.text.strip() for t in docs[2])  # the fixture does hold a white-space token


def test_batching_does_not_change_vectors(blank: spacy.language.Language) -> None:
    docs = [blank(text) for text in REPORTS]
    together = get_encoder().encode_spans(docs)
    alone = [get_encoder().encode_spans([doc])[0] for doc in docs]
    for a, b in zip(together, alone, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-4)


def test_a_span_is_encoded_with_offsets_relative_to_itself(blank: spacy.language.Language) -> None:
    doc = blank("The army said so. Rebels shelled the town.")
    span = doc[5:]
    text, offsets = span_offsets(span)
    assert text == "Rebels shelled the town."
    assert [text[s:e] for s, e in offsets] == [t.text for t in span]
    whole = get_encoder().encode_spans([blank(text)])[0]
    np.testing.assert_allclose(get_encoder().encode_spans([span])[0], whole, atol=1e-4)


def test_context_changes_a_words_vector(blank: spacy.language.Language) -> None:
    # The vectors are contextual: "fire" in a shooting and in a house fire differ.
    a, b = get_encoder().encode_spans(
        [blank("Soldiers opened fire on the crowd."), blank("A fire destroyed the house.")]
    )
    assert not np.allclose(a[2], b[1], atol=1e-2)


def test_a_sentence_longer_than_a_window_is_covered_whole(blank: spacy.language.Language) -> None:
    doc = blank(" ".join(["militants attacked the village of Kuda"] * 80))
    vecs = get_encoder().encode_spans([doc])[0]
    assert len(doc) > MAX_PIECES
    assert vecs.shape == (len(doc), DIM)
    assert np.all(np.abs(vecs).sum(axis=1) > 0)


def test_nothing_is_loaded_until_the_first_encode(tmp_path: Path) -> None:
    encoder = Encoder(tmp_path / "absent.onnx")  # no error: nothing is read yet
    with pytest.raises(EventdeskError) as caught:
        encoder.encode(["Troops withdrew."], [[(0, 6), (7, 15), (15, 16)]])
    assert caught.value.code == "ED060"
    assert "not found" in str(caught.value)


def test_an_altered_model_file_is_refused(tmp_path: Path) -> None:
    altered = tmp_path / "model.onnx"
    shutil.copyfile(default_model_path(), altered)
    with altered.open("r+b") as fh:
        fh.seek(-1, 2)
        last = fh.read(1)
        fh.seek(-1, 2)
        fh.write(bytes([last[0] ^ 1]))
    with pytest.raises(EventdeskError) as caught:
        Encoder(altered).encode(["Troops withdrew."], [[(0, 6), (7, 15)]])
    assert caught.value.code == "ED060"
    assert "altered" in str(caught.value)


def test_the_vendored_tokenizer_is_the_pinned_file() -> None:
    assert hashlib.sha256(tokenizer_path().read_bytes()).hexdigest() == TOKENIZER_SHA256


def test_offsets_must_match_texts() -> None:
    with pytest.raises(ValueError):
        get_encoder().encode(["One text."], [])
