"""Matching on the command line: `match refresh` stores suggestions; `evaluate` a labelled data set and
`bench` the scorer at scale (the scoring core's lab tooling)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from matcher.lab.bench import run_bench
from matcher.lab.evaluation import evaluate as evaluate_dataset
from matcher.lab.evaluation import load_dataset, report_table
from service.cli.common import clean_errors, console, scope, settings, today
from service.core import REFERENCE_STATES, InvalidDataset, MatcherError
from service.core import catalogue as load_catalogue
from service.core import states_from_file as load_states

match_app = typer.Typer(help="Suggested matches.", no_args_is_help=True)

F = TypeVar("F", bound=Callable[..., Any])
STATES_HELP = "states reference CSV (default: the packaged data/reference/states.csv)"


def _one_line_errors(command: F) -> F:
    """Print each problem with the input on its own stderr line and exit 1, instead of a traceback."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except MatcherError as exc:
            problems = exc.problems if isinstance(exc, InvalidDataset) else (exc,)
            err = Console(stderr=True, highlight=False, soft_wrap=True)
            for problem in problems:
                err.print(f"error: {problem}", markup=False)
            raise typer.Exit(1) from None
        except OSError as exc:
            Console(stderr=True, highlight=False).print(f"error: {exc}", markup=False)
            raise typer.Exit(1) from None

    return run  # type: ignore[return-value]


def evaluate(
    dataset: Annotated[Path, typer.Argument(help="a data set in shared/eval/FORMAT.md")],
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of a table")] = False,
    states_path: Annotated[Path | None, typer.Option("--states", help=STATES_HELP)] = None,
    learned: Annotated[
        bool,
        typer.Option(
            "--learned",
            help="add the learned ranker (judgements read as decisions, 5-fold cross-validated by request)",
        ),
    ] = False,
) -> None:
    """Rank every request's programmes and report nDCG@5, MRR and recall@5 beside BM25 and TF-IDF."""
    states = load_states(states_path or REFERENCE_STATES)
    catalogue = load_catalogue()
    data = load_dataset(dataset, states, catalogue)
    report = evaluate_dataset(data, catalogue, states, learned=learned)
    if as_json:
        typer.echo(json.dumps(report))
    else:
        Console().print(report_table(report, title=f"Ranking quality on {data.name}"))


def bench(
    requests: Annotated[int, typer.Option("--requests", min=1, help="number of synthetic requests")],
    programmes: Annotated[int, typer.Option("--programmes", min=1, help="number of synthetic programmes")],
    k: Annotated[int, typer.Option("--k", min=1, help="suggestions kept per request")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="corpus seed: same seed, same corpus")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of a table")] = False,
    states_path: Annotated[Path | None, typer.Option("--states", help=STATES_HELP)] = None,
) -> None:
    """Score a seeded synthetic corpus (full top-k) and a naive all-pairs baseline; times and memory."""
    result = run_bench(requests, programmes, k, seed, states=load_states(states_path or REFERENCE_STATES))
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table(title=f"{requests:,} requests × {programmes:,} programmes, top {k} (seed {seed})")
    for column in ("", "fit s", "scoring s", "total s", "peak MB", "× scorer time"):
        table.add_column(column, justify="left" if not column else "right")
    rows = [("scorer", result["scorer"])] + [(f"baseline: {n}", b) for n, b in result["baselines"].items()]
    scorer_total = result["scorer"]["total_seconds"]
    for name, figures in rows:
        table.add_row(
            name,
            f"{figures['fit_seconds']:.2f}",
            f"{figures['score_seconds']:.2f}",
            f"{figures['total_seconds']:.2f}",
            f"{figures['peak_mb']:.0f}",
            f"{figures['total_seconds'] / max(scorer_total, 1e-9):.2f}",
        )
    table.caption = "\n".join(
        f"{name}: {b['method']}"
        + (f" — measured on {b['sampled_requests']:,} requests, extrapolated" if b["extrapolated"] else "")
        for name, b in result["baselines"].items()
    )
    Console().print(table)


@match_app.command("refresh")
@clean_errors
def match_refresh() -> None:
    """Score every open request against every active programme and store the top suggestions."""
    from rich.progress import Progress

    from service.matching.refresh import refresh

    with Progress(console=console) as bar, scope() as session:
        task = bar.add_task("matching", total=3)
        report = refresh(
            session,
            settings=settings(),
            on=today(),
            actor=None,
            progress=lambda label, done, total: bar.update(
                task, completed=done, total=total, description=label
            ),
        )
    console.print(
        f"{report.requests} requests × {report.programmes} programmes in {report.seconds} s: "
        f"{report.new} new, {report.updated} updated, {report.retired} retired, {report.restored} restored "
        f"suggestions; {report.gaps} requests with no suggestion (gaps)"
    )


def register(app: typer.Typer) -> None:
    """Add `match refresh`, `evaluate` and `bench` to the matchmaker CLI."""
    app.add_typer(match_app, name="match")
    app.command("evaluate")(_one_line_errors(evaluate))
    app.command("bench")(_one_line_errors(bench))
