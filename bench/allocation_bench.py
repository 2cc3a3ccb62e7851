"""The allocation plan at world scale beside the greedy baseline: 20,000 requests, 4,000 programmes with
realistic capacities (1–8 engagements a quarter, one in ten unlimited), the candidates the scorer ranks
(top 10 per request). Goal: the plan in < 30 s and < 2 GB. Times are printed, never asserted.

    python -m bench.allocation_bench [--requests 20000] [--programmes 4000] [--k 10] [--json]"""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.table import Table

from matcher.allocation import Candidates, Fairness, Need, greedy, plan
from matcher.catalogue import load_catalogue
from matcher.graph import OrgGraph
from matcher.lab.bench import _peak_mb
from matcher.lab.synthetic import corpus
from matcher.model import REFERENCE_STATES, load_states
from matcher.scoring import Matcher

console = Console()


def capacities(n: int, seed: int) -> list[int | None]:
    """Seats per quarter as donors report them: mostly a handful, a few large, one in ten unlimited."""
    rng = np.random.default_rng(seed)
    seats = rng.choice([1, 1, 2, 2, 3, 4, 6, 8], size=n)
    unlimited = rng.random(n) < 0.1
    return [None if u else int(s) for s, u in zip(seats.tolist(), unlimited.tolist(), strict=True)]


def run(n_requests: int, n_programmes: int, k: int = 10, seed: int = 0) -> dict[str, Any]:
    states = load_states(REFERENCE_STATES)
    catalogue = load_catalogue()
    data = corpus(catalogue, states, n_requests, n_programmes, seed)
    started = time.perf_counter()
    fitted = Matcher(catalogue, OrgGraph(states, data.organizations)).fit(data.programmes)
    ranking = fitted.rank(data.requests, k)
    rank_seconds = time.perf_counter() - started
    needs = [Need(r.id, r.state, r.stage, r.priority) for r in data.requests]
    programme_ids = [p.id for p in data.programmes]
    seats = capacities(n_programmes, seed)
    candidates = Candidates.from_ranking(ranking, needs, programme_ids)
    del fitted, ranking
    figures: dict[str, Any] = {}
    with _peak_mb(figures):
        optimal = plan(needs, seats, candidates, Fairness())
    baseline = greedy(needs, seats, candidates)
    return {
        "requests": n_requests,
        "programmes": n_programmes,
        "k": k,
        "candidates": len(candidates.fit),
        "seats": sum(s for s in seats if s is not None),
        "unlimited_programmes": sum(s is None for s in seats),
        "rank_seconds": round(rank_seconds, 2),
        "plan_peak_mb": figures["peak_mb"],
        "plan": optimal.figures(),
        "greedy": baseline.figures(),
    }


def main(
    requests: Annotated[int, typer.Option(min=1)] = 20_000,
    programmes: Annotated[int, typer.Option(min=1)] = 4_000,
    k: Annotated[int, typer.Option(min=1)] = 10,
    seed: int = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    result = run(requests, programmes, k, seed)
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"Allocation: {requests:,} requests, {programmes:,} programmes, top {k}")
    table.add_column("figure")
    table.add_column("plan", justify="right")
    table.add_column("greedy", justify="right")
    for name in result["plan"]:
        table.add_row(name, str(result["plan"][name]), str(result["greedy"][name]))
    console.print(table)
    console.print(
        f"{result['candidates']:,} candidate pairs, {result['seats']:,} limited seats, "
        f"{result['unlimited_programmes']} unlimited programmes; ranking {result['rank_seconds']} s; "
        f"plan peak memory {result['plan_peak_mb']} MB"
    )


if __name__ == "__main__":
    typer.run(main)
