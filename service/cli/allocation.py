"""`matchmaker allocate MONTH`: the month's allocation plan beside the greedy baseline, and its gain."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from service.allocation.logic import plan_month
from service.cli.common import clean_errors, console, scope, settings, today


@clean_errors
def allocate(
    month: Annotated[str, typer.Argument(help="the month, as 2003-05")],
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of tables")] = False,
) -> None:
    """Propose which programme should take which open reasonable need in MONTH, within each programme's
    seats left in the quarter and fair across states; print the greedy baseline and the plan's gain."""
    with scope() as session:
        result = plan_month(session, month, settings=settings(), on=today())
    if as_json:
        typer.echo(result.model_dump_json())
        return
    rows = Table(title=f"Allocation plan for {result.month} ({result.quarter} seats)")
    for name in ("request", "state", "stage", "priority", "programme", "provider", "fit", "weighted"):
        rows.add_column(name, overflow="fold")
    for row in result.plan.rows:
        rows.add_row(
            row.request,
            row.state,
            row.stage,
            str(row.priority or ""),
            row.programme,
            row.provider,
            f"{row.fit:.3f}",
            f"{row.weighted_fit:.3f}",
        )
    console.print(rows)
    figures = Table("", "plan", "greedy", "gain", title="The plan beside the greedy baseline")
    gain = result.gain.model_dump()
    greedy = result.greedy.model_dump()
    for name, value in result.plan.model_dump(exclude={"rows"}).items():
        figures.add_row(name.replace("_", " "), str(value), str(greedy[name]), str(gain.get(name, "")))
    console.print(figures)
    rule = "states first" if result.fairness.states_first else "no states-first tier"
    console.print(
        f"{result.requests} open reasonable requests, {result.programmes} active programmes; fairness: "
        f"{rule}, step {result.fairness.step}"
    )


def register(app: typer.Typer) -> None:
    """Add `allocate` to the matchmaker CLI."""
    app.command("allocate")(allocate)
