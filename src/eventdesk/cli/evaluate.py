"""``eventdesk eval ...`` and ``eventdesk bench``: quality and speed, measured."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

__all__ = ["register"]

out = Console(highlight=False, soft_wrap=True)
eval_app = typer.Typer(
    help="Score eventdesk on public gold data beside the best published figures.", no_args_is_help=True
)

DataOption = Annotated[Path, typer.Option("--data", help="The gold data folder or file (e.g. ../shared/data/muc4).")]
LimitOption = Annotated[int | None, typer.Option("--limit", help="Score only the first N documents (quick checks).")]
JsonOut = Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")]


def _pipeline() -> Any:
    from eventdesk.pipeline import Pipeline

    return Pipeline.load()


def _print(result: dict[str, Any], *, as_json: bool, headline: list[tuple[str, dict[str, Any]]]) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
        return
    for name, scores in headline:
        p, r, f = (scores.get(k) for k in ("precision", "recall", "f1"))
        out.print(f"{name:<28} P {p:6.2f}  R {r:6.2f}  F1 {f:6.2f}" if f is not None else f"{name:<28} {scores}")


def _prf_items(result: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every nested {precision, recall, f1} dict, named by its path."""
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            if {"precision", "recall", "f1"} <= value.keys():
                found.append((prefix, value))
                return
            for key, sub in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), sub)

    walk("", result)
    return found


@eval_app.command("muc4")
def muc4_command(
    data: DataOption = Path("../shared/data/muc4"),
    split: Annotated[str, typer.Option("--split", help="dev (TST1+TST2) or test (TST3+TST4).")] = "dev",
    limit: LimitOption = None,
    as_json: JsonOut = False,
) -> None:
    """MUC-4: CEAF-REE (GRIT's metric), the GTT template metric, and the 1992 keys' extra fields."""
    from eventdesk.eval.runners import evaluate_muc4

    result = evaluate_muc4(data, split, _pipeline(), limit=limit, tagger=True)
    _print(result, as_json=as_json, headline=_prf_items(result))
    if not as_json:
        for name, value in sorted(result["original_keys"]["fields"].items()):
            out.print(
                f"original key {name:<17} accuracy {value['accuracy']:6.2f} ({value['correct']}/{value['scored']})"
            )


@eval_app.command("wikievents")
def wikievents_command(
    data: DataOption = Path("../shared/data/wikievents"),
    split: Annotated[str, typer.Option("--split", help="Only dev ships in ../shared/data.")] = "dev",
    as_json: JsonOut = False,
) -> None:
    """WikiEvents: event detection (KAIROS types) and argument head-F1."""
    from eventdesk.eval.runners import evaluate_wikievents

    result = evaluate_wikievents(data, split, _pipeline())
    _print(result, as_json=as_json, headline=_prf_items(result))


def _limited_command(
    name: str, default_data: Path, help_text: str, score: Callable[[Path, int | None], dict[str, Any]], *, flat: bool
) -> None:
    """One ``eval`` command over (--data, --limit, --json): the scorer differs, the options do not."""

    def command(data: DataOption = default_data, limit: LimitOption = None, as_json: JsonOut = False) -> None:
        result = score(data, limit)
        if flat and not as_json:
            for key, value in result.items():
                out.print(f"{key:<24} {value:.2f}" if isinstance(value, float) else f"{key:<24} {value}")
            return
        _print(result, as_json=as_json, headline=_prf_items(result))

    command.__doc__ = help_text
    eval_app.command(name)(command)


def _score_geoparsing(data: Path, limit: int | None) -> dict[str, Any]:
    from eventdesk.eval.geoparsing.scoring import evaluate_geoparsing

    return evaluate_geoparsing(data, limit=limit)


@eval_app.command("ipe")
def ipe_command(
    data: DataOption = Path("../shared/data/india_police_events"),
    split: Annotated[
        str, typer.Option("--split", help="all, or train / dev (articles split by id hash; the typer trains on train).")
    ] = "all",
    limit: LimitOption = None,
    as_json: JsonOut = False,
) -> None:
    """IndiaPoliceEvents: police killing, arrest and force, per sentence and per document."""
    from eventdesk.eval.runners import evaluate_ipe

    result = evaluate_ipe(data, _pipeline(), limit=limit, split=None if split == "all" else split)
    _print(result, as_json=as_json, headline=_prf_items(result))


_limited_command(
    "geoparsing",
    Path("../shared/data/geoparsing/lgl.xml"),
    "Place resolution given the gold toponyms (LGL or GeoWebNews XML).",
    _score_geoparsing,
    flat=True,
)


@eval_app.command("corpus")
def corpus_command(
    split: Annotated[
        str, typer.Option("--split", help="train, dev or test. Tune on train and dev; never on test.")
    ] = "dev",
    limit: LimitOption = None,
    as_json: JsonOut = False,
) -> None:
    """The project's own annotated corpus (docs/corpus.md): event detection, sub-types, roles, fatalities."""
    from eventdesk.eval.corpus.data import SPLITS
    from eventdesk.eval.corpus.runner import evaluate_corpus

    if split not in SPLITS:
        raise typer.BadParameter(f"one of {', '.join(SPLITS)}", param_hint="--split")
    result = evaluate_corpus(_pipeline(), split, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
        return
    from eventdesk.eval.corpus.report import corpus_table

    out.print(corpus_table(result))


@eval_app.command("all")
def all_command(
    data: DataOption = Path("../shared/data"),
    split: Annotated[str, typer.Option("--split", help="MUC-4 split for the table.")] = "test",
    limit: LimitOption = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Also write the full result as JSON here.")] = None,
) -> None:
    """Every data set: a Markdown table of our figure beside the best published one, plus JSON."""
    from eventdesk.eval.report import evaluate_all

    result = evaluate_all(data, _pipeline(), muc4_split=split, limit=limit)
    sys.stdout.write(result["markdown"])
    if out_file is not None:
        out_file.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
        out.print(f"full result written to {out_file}")


@eval_app.command("gate")
def gate_command(
    data: DataOption = Path("../shared/data"),
    update: Annotated[bool, typer.Option("--update", help="Raise the pinned floors to today's scores.")] = False,
    allow_lower: Annotated[
        bool, typer.Option("--allow-lower", help="Let --update lower floors, or report broken floors without failing.")
    ] = False,
) -> None:
    """The quality gate the tests run: MUC-4 dev, WikiEvents dev and LGL against pinned floors (ED031)."""
    from eventdesk.eval.gate import check_floors, gate_scores, load_floors, raised_floors, write_floors

    scores, hashes = gate_scores(data, _pipeline())
    floors = load_floors()
    if update:
        path = write_floors(raised_floors(floors, scores, hashes, allow_lower=allow_lower))
        out.print(f"floors written to {path}")
        floors = load_floors()
    report = check_floors(scores, floors, hashes=hashes, allow_lower=allow_lower)
    for dataset, metrics in report.items():
        for metric, row in metrics.items():
            mark = "ok" if row["ok"] else "BROKEN"
            out.print(f"{dataset:<16} {metric:<28} {row['score']:7.2f}  floor {float(row['floor']):7.2f}  {mark}")


def bench_command(
    corpus: Annotated[list[str] | None, typer.Argument(help="Files, folders or globs of reports to time.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Also time both passes over N worker processes.")] = 1,
    limit: LimitOption = None,
    as_json: JsonOut = False,
    extraction: Annotated[
        bool,
        typer.Option(
            "--extraction",
            help="Time extraction alone against bare nlp.pipe: one article per call and as one batch.",
        ),
    ] = False,
    muc4: Annotated[
        Path | None,
        typer.Option(
            "--muc4", help="With --extraction: also time a MUC-4 GTT JSONL file (first --limit, default 100)."
        ),
    ] = None,
    repeat: Annotated[int, typer.Option(min=1, help="With --extraction: keep the best of N runs.")] = 3,
    encoder: Annotated[
        bool,
        typer.Option(
            "--encoder", help="Time the learned heads' encoder alone over every sentence: tokens per CPU-second."
        ),
    ] = False,
    query: Annotated[
        list[int] | None,
        typer.Option(
            "--query",
            min=1,
            help="Time the desk's reads (a 50-row page, counts, a share statistic, a CSV export) on a synthetic "
            "database of N events built through the store (repeatable: one database per N).",
        ),
    ] = None,
) -> None:
    """Throughput of the whole ingest into SQLite, as a ratio to a bare spaCy pass over the same texts."""
    from eventdesk.eval.bench import bench, corpus_texts, ingest_runner

    if query:
        _bench_query(query, as_json=as_json)
        return

    texts = corpus_texts(corpus or [], limit=limit)
    if encoder:
        _bench_encoder(texts, as_json=as_json)
        return
    if extraction:
        _bench_extraction(texts, muc4, limit=limit, repeat=repeat, as_json=as_json)
        return
    if not texts:
        raise typer.BadParameter("no readable documents in CORPUS", param_hint="CORPUS")
    result = bench(texts, ingest_runner, workers=workers)
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    out.print(f"{result['documents']} documents, {result['characters']:,} characters")
    _print_pass("bare spaCy nlp.pipe", result["baseline"])
    _print_pass("eventdesk ingest", result["pipeline"])
    out.print(f"ratio (ingest time / bare spaCy time): {result['ratio']:.2f}")
    if "parallel" in result:
        par = result["parallel"]
        _print_pass(f"bare spaCy, {par['workers']} workers", par["baseline"])
        _print_pass(f"eventdesk ingest, {par['workers']} workers", par["pipeline"])
        out.print(f"ratio with {par['workers']} workers: {par['ratio']:.2f}")


def _bench_encoder(texts: list[str], *, as_json: bool) -> None:
    from dataclasses import asdict

    from eventdesk.eval.bench import encoder_speed

    if not texts:
        raise typer.BadParameter("no readable documents in CORPUS", param_hint="CORPUS")
    r = encoder_speed(texts)
    if as_json:
        figures = {**asdict(r), "tokens_per_cpu_s": r.tokens_per_cpu_s, "tokens_per_wall_s": r.tokens_per_wall_s}
        sys.stdout.write(json.dumps(figures, indent=2) + "\n")
        return
    out.print(
        f"encoder: {r.sentences} sentences, {r.tokens:,} spaCy tokens in {r.cpu_seconds:.2f} CPU-s "
        f"({r.wall_seconds:.2f} s wall): {r.tokens_per_cpu_s:,.0f} tokens/CPU-s, {r.tokens_per_wall_s:,.0f} tokens/s"
    )


def _bench_extraction(texts: list[str], muc4: Path | None, *, limit: int | None, repeat: int, as_json: bool) -> None:
    """One line per corpus: bare nlp.pipe, extraction per article and as one batch, and their ratios."""
    from dataclasses import asdict

    from eventdesk.eval.bench import extraction_speed, gtt_articles
    from eventdesk.nlp import load_nlp
    from eventdesk.records import Article

    corpora: dict[str, list[Article]] = {}
    if texts:
        corpora["texts"] = [Article(id=Article.make_id(t), text=t) for t in texts]
    if muc4 is not None:
        n = limit if limit is not None else 100
        corpora[f"muc4[:{n}]"] = gtt_articles(muc4, n)
    if not corpora:
        raise typer.BadParameter("no readable documents in CORPUS and no --muc4 file", param_hint="CORPUS")
    nlp = load_nlp()
    for name, articles in corpora.items():
        r = extraction_speed(articles, nlp, repeat=repeat)
        if as_json:
            figures = {"corpus": name, **asdict(r), "ratio": r.ratio, "batch_ratio": r.batch_ratio}
            sys.stdout.write(json.dumps(figures) + "\n")
            continue
        out.print(
            f"{name}: docs={r.docs} bare_nlp_pipe={r.bare_seconds:.3f}s extract={r.extract_seconds:.3f}s "
            f"ratio={r.ratio:.2f} extract_many={r.batch_seconds:.3f}s ratio={r.batch_ratio:.2f} mentions={r.mentions}"
        )


def _bench_query(sizes: list[int], *, as_json: bool) -> None:
    """One line per read per database size: wall and CPU seconds, rows, and the reads' peak memory."""
    import tempfile
    from dataclasses import asdict

    from eventdesk.eval.query_bench import bench_queries

    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as folder:
        for result in bench_queries(sizes, Path(folder)):
            if as_json:
                sys.stdout.write(json.dumps(asdict(result)) + "\n")
                continue
            out.print(
                f"{result.events:,} events (built in {result.build_wall_s:.1f} s), "
                f"reads peak {result.peak_rss_mib:.0f} MiB"
            )
            for t in result.timings:
                rate = f"  {t.rows / t.wall_s:9.0f} rows/s" if t.name == "export" and t.wall_s else ""
                out.print(
                    f"  {t.name:<8} {t.wall_s * 1000:9.1f} ms wall {t.cpu_s * 1000:9.1f} ms CPU"
                    f"  {t.rows:>9,} rows{rate}"
                )


def _print_pass(name: str, figures: dict[str, Any]) -> None:
    out.print(
        f"{name:<32} {figures['seconds']:7.2f} s  {figures.get('docs_per_s', 0):7.1f} docs/s  "
        f"{figures.get('tokens_per_s', 0):9.0f} tokens/s  peak {figures.get('peak_rss_mib', 0):6.0f} MiB"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
    app.command("bench")(bench_command)
