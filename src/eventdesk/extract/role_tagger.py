"""The learned role-span tagger: BIO tags over the frozen encoder's token vectors, in numpy.

A small bidirectional LSTM and a linear layer (trained by ``eventdesk train``,
see :mod:`eventdesk.train.roles`) read one sentence's token vectors from
:mod:`eventdesk.nlp.encoder` and tag perpetrators (individuals and
organisations), targets, victims and weapons. Decoding is a Viterbi pass that
never lets an ``I-`` tag follow anything but its own ``B-`` or ``I-``, so every
span is well formed.

The weights are ``data/models/role-tagger.npz`` with a sidecar
``role-tagger.json`` (labels, sizes, the npz's sha256, how it was trained). They
are read on first use; a missing or altered file raises ``[ED060]``. No torch at
run time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventdesk.errors import EventdeskError

__all__ = ["ROLE_TAGGER", "RoleSpan", "RoleTagger", "bio_spans", "get_role_tagger", "lstm_forward"]

#: The shipped tagger's file stem in data/models/.
ROLE_TAGGER = "role-tagger"


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """Tokens ``start`` to ``end`` (exclusive) of a sentence fill ``label``; ``score`` is the mean tag probability."""

    start: int
    end: int
    label: str
    score: float


def models_folder() -> Path:
    """data/models/, where the shipped heads live."""
    return Path(str(resources.files("eventdesk.data").joinpath("models")))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def lstm_forward(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """One LSTM direction over ``x`` (T, D) -> hidden states (T, H); torch's gate order (i, f, g, o)."""
    hidden = w_hh.shape[1]
    gates_in = x @ w_ih.T + bias
    h = np.zeros(hidden, np.float32)
    c = np.zeros(hidden, np.float32)
    out = np.empty((len(x), hidden), np.float32)
    for t in range(len(x)):
        gates = gates_in[t] + w_hh @ h
        i, f = _sigmoid(gates[:hidden]), _sigmoid(gates[hidden : 2 * hidden])
        g, o = np.tanh(gates[2 * hidden : 3 * hidden]), _sigmoid(gates[3 * hidden :])
        c = f * c + i * g
        h = o * np.tanh(c)
        out[t] = h
    return out


def _allowed(n_labels: int) -> np.ndarray:
    """allowed[a, b]: tag b may follow tag a (O=0, B-k=1+2k, I-k=2+2k)."""
    n = 1 + 2 * n_labels
    ok = np.ones((n, n), bool)
    for k in range(n_labels):
        inside = 2 + 2 * k
        ok[:, inside] = False
        ok[1 + 2 * k, inside] = ok[inside, inside] = True
    return ok


def _viterbi(log_probs: np.ndarray, allowed: np.ndarray) -> list[int]:
    """The best tag sequence under the BIO constraint (no I- at the start either)."""
    n_tags = log_probs.shape[1]
    start_ok = np.array([not (t > 0 and t % 2 == 0) for t in range(n_tags)])
    penalty = np.where(allowed, 0.0, -1e9)
    score = log_probs[0] + np.where(start_ok, 0.0, -1e9)
    back = np.zeros(log_probs.shape, np.int64)
    for t in range(1, len(log_probs)):
        cand = score[:, None] + penalty
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + log_probs[t]
    path = [int(score.argmax())]
    for t in range(len(log_probs) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def bio_spans(tags: Sequence[int], probs: np.ndarray, labels: Sequence[str]) -> list[RoleSpan]:
    """Well-formed BIO tags -> spans with their mean tag probability."""
    out: list[RoleSpan] = []
    start: int | None = None
    for t, tag in enumerate([*tags, 0]):
        if start is not None and (tag == 0 or tag % 2 == 1):
            kind = (tags[start] - 1) // 2
            score = float(np.mean([probs[k, tags[k]] for k in range(start, t)]))
            out.append(RoleSpan(start, t, labels[kind], score))
            start = None
        if tag % 2 == 1:
            start = t
    return out


class RoleTagger:
    """The role-span tagger; weights are read on the first :meth:`tag`."""

    def __init__(self, folder: Path | None = None, name: str = ROLE_TAGGER) -> None:
        self._folder = folder
        self._name = name
        self._weights: dict[str, np.ndarray] = {}
        self._meta: dict[str, Any] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_arrays(cls, weights: dict[str, np.ndarray], labels: Sequence[str]) -> RoleTagger:
        """A tagger over weights in memory (training scores each epoch with it)."""
        tagger = cls()
        tagger._weights = {k: v.astype(np.float32) for k, v in weights.items()}
        tagger._meta = {"labels": list(labels)}
        return tagger

    @property
    def labels(self) -> tuple[str, ...]:
        self._load()
        return tuple(self._meta["labels"])

    def tag(self, vectors: Sequence[np.ndarray]) -> list[list[RoleSpan]]:
        """Role spans per sentence, from each sentence's ``(tokens, DIM)`` encoder vectors."""
        from threadpoolctl import threadpool_limits  # imported here: only when the tagger runs

        self._load()
        allowed = _allowed(len(self.labels))
        # One BLAS thread: these products are small, and OpenBLAS's threads cost ~20x
        # more CPU than they save on them (measured on the 2-core machine).
        with threadpool_limits(1, user_api="blas"):
            return [self._tag_one(v, allowed) if len(v) else [] for v in vectors]

    def tag_spans(self, spans: Sequence[Any], encoder: Any = None) -> list[list[RoleSpan]]:
        """Role spans per spaCy ``Span``/``Doc`` (token indices within each), encoded by ``encoder``
        (default: the process's one :func:`~eventdesk.nlp.encoder.get_encoder`)."""
        if not spans:
            return []
        from eventdesk.nlp.encoder import get_encoder  # the encoder is loaded on first use

        self._load()  # a missing head fails before any encoding is spent
        return self.tag((encoder or get_encoder()).encode_spans(spans))

    def _tag_one(self, vectors: np.ndarray, allowed: np.ndarray) -> list[RoleSpan]:
        w = self._weights
        x = vectors.astype(np.float32)
        fwd = lstm_forward(x, w["fwd_w_ih"], w["fwd_w_hh"], w["fwd_b"])
        bwd = lstm_forward(x[::-1], w["bwd_w_ih"], w["bwd_w_hh"], w["bwd_b"])[::-1]
        logits = np.concatenate([fwd, bwd], axis=1) @ w["out_w"].T + w["out_b"]
        logits -= logits.max(axis=1, keepdims=True)
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return bio_spans(_viterbi(log_probs, allowed), np.exp(log_probs), self.labels)

    def _load(self) -> None:
        with self._lock:
            if not self._weights:
                self._meta, self._weights = load_head(self._folder or models_folder(), self._name)


def load_head(folder: Path, name: str) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """A head's sidecar metadata and its arrays, checked against the sha256 the sidecar pins ([ED060])."""
    meta_path, weights_path = folder / f"{name}.json", folder / f"{name}.npz"
    if not meta_path.is_file() or not weights_path.is_file():
        raise EventdeskError("ED060", f"model file not found: {weights_path} (run `eventdesk train`)")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if hashlib.sha256(weights_path.read_bytes()).hexdigest() != meta.get("sha256"):
        raise EventdeskError("ED060", f"model file altered (sha256 differs from {meta_path.name}): {weights_path}")
    with np.load(weights_path, allow_pickle=False) as data:
        return meta, {k: data[k].astype(np.float32) for k in data.files}


@functools.cache
def get_role_tagger() -> RoleTagger:
    """The process's one shipped role tagger (read lazily)."""
    return RoleTagger()
