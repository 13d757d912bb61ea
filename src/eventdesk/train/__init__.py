"""``eventdesk train``: rebuild every shipped model from ../shared/data and the own corpus, with fixed seeds.

Each model has a *trainer*: a function from a :class:`TrainingRun` (where the
data is, where to write) to a :class:`TrainedModel` (its files, the data files
it read with their sha256, the time it took, its dev figures, its notice).
:data:`TRAINERS` lists them in the order they run; a new head adds one entry.
:func:`train` runs them and writes the model card (docs/models.md) from what
they return, so the card's figures are always the last rebuild's.

Training needs torch (``pip install -e '.[train]'``); running the models does not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError

__all__ = [
    "TRAINERS",
    "DataFile",
    "TrainedModel",
    "Trainer",
    "TrainingRun",
    "data_file",
    "train",
]


@dataclass(frozen=True, slots=True)
class DataFile:
    """A file a model was trained or tuned on: its path as given, sha256, what it was used for, and its licence."""

    path: str
    sha256: str
    use: str
    licence: str


@dataclass(frozen=True, slots=True)
class TrainedModel:
    """What one trainer built and measured."""

    name: str
    description: str
    files: tuple[str, ...]
    data: tuple[DataFile, ...]
    wall_seconds: float
    cpu_seconds: float
    dev: dict[str, float]
    settings: dict[str, Any]
    notice: str


@dataclass(frozen=True, slots=True)
class TrainingRun:
    """Where a trainer reads and writes.

    ``data`` is ../shared/data (one folder per data set); ``models`` is where the
    shipped heads go (the package's data/models/ by default); ``corpus`` the own
    corpus's JSONL. ``quick`` trains a small model on a few documents (the tests' run).
    """

    data: Path
    models: Path
    corpus: Path
    quick: bool = False
    options: dict[str, Any] = field(default_factory=dict)


Trainer = Callable[[TrainingRun], TrainedModel]


def data_file(path: Path, use: str, licence: str, *, shown: str | None = None) -> DataFile:
    """A :class:`DataFile` with the file's sha256; ``[ED030]`` when it is not there.

    ``shown`` is the path the model card prints (relative to the data folder, so
    the card does not carry one machine's folders).
    """
    if not path.is_file():
        raise EventdeskError("ED030", f"training data not found: {path}")
    return DataFile(shown or str(path), hashlib.sha256(path.read_bytes()).hexdigest(), use, licence)


def _role_tagger(run: TrainingRun) -> TrainedModel:
    from eventdesk.train.roles import train_role_tagger  # imports torch: only when training

    return train_role_tagger(run)


def _sentence_heads(run: TrainingRun) -> TrainedModel:
    from eventdesk.train.typer import train_sentence_heads  # numpy only

    model: TrainedModel = train_sentence_heads(run)
    return model


#: Every shipped model's trainer, in the order ``eventdesk train`` runs them.
TRAINERS: dict[str, Trainer] = {
    "role-tagger": _role_tagger,
    "sentence-heads": _sentence_heads,
}


def train(
    data: Path,
    *,
    models: Path | None = None,
    corpus: Path | None = None,
    card: Path | None = None,
    only: Sequence[str] = (),
    quick: bool = False,
    cache: Path | None = None,
) -> list[TrainedModel]:
    """Rebuild the models (``only`` some of them) and write the model card to ``card`` when given.

    ``cache`` keeps the encoder's vectors of the training data between runs (a folder
    outside the repository; named by the data's and the model's sha256).
    """
    from eventdesk.extract.role_tagger import models_folder
    from eventdesk.train.card import write_model_card

    unknown = sorted(set(only) - set(TRAINERS))
    if unknown:
        raise EventdeskError("ED061", f"no such model: {', '.join(unknown)} (models: {', '.join(TRAINERS)})")
    run = TrainingRun(
        data=data,
        models=models or models_folder(),
        corpus=corpus or _corpus_path(),
        quick=quick,
        options={"cache": cache} if cache else {},
    )
    built = [trainer(run) for name, trainer in TRAINERS.items() if not only or name in only]
    if card is not None:
        write_model_card(card, built, order=list(TRAINERS))
    return built


def _corpus_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("eventdesk.data").joinpath("corpus", "corpus.jsonl")))
