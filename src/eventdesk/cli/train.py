"""``eventdesk train``: rebuild the learned heads and the model card (a shell over :func:`eventdesk.train.train`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

__all__ = ["COMMANDS", "train_command"]

out = Console(highlight=False, soft_wrap=True)


def train_command(
    data: Annotated[Path, typer.Option("--data", help="The public gold data folder (../shared/data).")] = Path(
        "../shared/data"
    ),
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Rebuild only this model (repeatable), e.g. role-tagger.")
    ] = None,
    models: Annotated[
        Path | None, typer.Option("--models", help="Write the heads here instead of the package's data/models/.")
    ] = None,
    card: Annotated[
        Path | None,
        typer.Option("--card", help="Write the model card here (default: docs/models.md when that folder exists)."),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Keep the encoder's vectors of the training data here between runs (not in git)."),
    ] = None,
    quick: Annotated[
        bool, typer.Option("--quick", help="A small model on a few documents: checks the run, ships nothing useful.")
    ] = False,
) -> None:
    """Rebuild every shipped model from ../shared/data and the own corpus with fixed seeds (needs eventdesk[train])."""
    from eventdesk.train import train

    default_card = Path("docs/models.md") if Path("docs").is_dir() else None
    built = train(data, models=models, card=card or default_card, only=only or (), quick=quick, cache=cache)
    for model in built:
        figures = "  ".join(f"{k} {v:.2f}" for k, v in model.dev.items())
        out.print(f"{model.name:<16} {model.wall_seconds:7.0f} s wall {model.cpu_seconds:7.0f} CPU-s  {figures}")


COMMANDS = {"train": train_command}
