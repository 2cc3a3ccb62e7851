"""Incremental matching at world scale: how long from the triage call to a new request's stored
suggestions (p50/p95 over many requests, each its own committed transaction), and from adding a programme
to its candidate requests re-scored — printed beside the full refresh measured in the same run (the only
way suggestions appeared before issue 15). No figure is asserted anywhere.

    python -m bench.incremental_bench [--requests 20000] [--programmes 4000] [--opened 50] \
        [--database-url URL]

Without --database-url it uses a fresh SQLite file; with a PostgreSQL URL it resets that database."""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from bench.api_bench import _percentiles, _reset
from bench.world import populate
from service import models as m
from service.accounts.logic import create_user
from service.db import session_scope
from service.matching.refresh import refresh
from service.migrate import upgrade
from service.programmes import logic as programmes
from service.programmes import schemas as pschemas
from service.requests import logic as requests
from service.requests import schemas as rschemas
from service.seeding.reference import load_reference
from service.settings import Settings

console = Console()
NEEDS = (
    (
        "Drafting a law against the financing of terrorism",
        "Help to criminalise terrorist financing.",
        "financing",
    ),
    (
        "Customs officers' training on cargo screening",
        "Risk profiling of cargo for customs staff.",
        "customs",
    ),
    ("Airport security equipment", "Screening equipment and training for airport security.", "aviation"),
    ("Port and ship security", "Applying the maritime security code in our ports.", "maritime"),
)


def _timed(url: str, work) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds from the call to its committed result."""
    started = time.perf_counter()
    with session_scope(url) as session:
        work(session)
    return (time.perf_counter() - started) * 1000


def main(
    n_requests: Annotated[int, typer.Option("--requests")] = 20_000,
    n_programmes: Annotated[int, typer.Option("--programmes")] = 4_000,
    opened: Annotated[int, typer.Option(help="new requests triaged one by one")] = 50,
    added: Annotated[int, typer.Option(help="programmes added one by one")] = 3,
    database_url: Annotated[str | None, typer.Option()] = None,
) -> None:
    url = database_url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='mm-inc-')) / 'bench.db'}"
    _reset(url)
    upgrade(url)
    settings = Settings(database_url=url)
    on = date.today()
    with session_scope(url) as s:
        load_reference(s, settings.data_dir)
    console.print(f"populating {n_requests:,} requests × {n_programmes:,} programmes …")
    populate(url, n_requests, n_programmes)
    with session_scope(url) as s:
        states = list(s.scalars(select(m.State.iso3).order_by(m.State.iso3)))
        team = create_user(
            s, username="bench-ta", password="bench-password-1", role="ta", party=None, actor=None
        ).id
        filers = {
            iso3: create_user(
                s, username=f"bench-{iso3}", password="bench-password-1", role="state", party=iso3, actor=None
            ).id
            for iso3 in states[:20]
        }
        open_requests = s.scalar(select(func.count()).where(m.Request.status == "open"))

    # Baseline: the full refresh (a fresh fit, every open request scored and stored).
    baseline = _timed(url, lambda s: refresh(s, settings=settings, on=on, actor=None))

    rng = random.Random(15)
    triage_ms: list[float] = []
    for i in range(opened):
        title, description, area = rng.choice(NEEDS)
        state = rng.choice(sorted(filers))
        with session_scope(url) as s:
            filer = s.get(m.User, filers[state])
            assert filer is not None
            body = rschemas.RequestCreate(
                title=f"{title} ({i})", description=description, language="en", areas=[area]
            )
            request_id = requests.create_request(s, filer, body, on=on).id

        def triage(s, request_id=request_id):  # type: ignore[no-untyped-def]
            row = s.get(m.Request, request_id)
            user = s.get(m.User, team)
            requests.triage(
                s,
                user,
                row,
                rschemas.Triage(version=row.version, outcome="reasonable"),
                settings=settings,
                on=on,
            )

        triage_ms.append(_timed(url, triage))
        with session_scope(url) as s:
            assert s.scalar(select(func.count()).where(m.Match.request_id == request_id)) is not None

    programme_ms: list[float] = []
    for i in range(added):
        title, description, area = rng.choice(NEEDS)
        body = pschemas.ProgrammeCreate(
            provider="UNODC",
            title=f"Programme {i}: {title}",
            description=description,
            areas=[area],
            scope=pschemas.ScopeIn(kind="global", values=[]),
        )

        def add(s, body=body):  # type: ignore[no-untyped-def]
            programmes.create_programme(s, s.get(m.User, team), body, settings=settings, on=on)

        programme_ms.append(_timed(url, add))

    scale = f"{n_requests:,} requests ({open_requests:,} open) × {n_programmes:,} programmes"
    table = Table(title=f"incremental matching, {scale}, {url.split(':')[0]}")
    for column in ("what", "n", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, justify="left" if column == "what" else "right")
    table.add_row("full refresh (baseline)", "1", f"{baseline:,.0f}", f"{baseline:,.0f}", f"{baseline:,.0f}")
    first, warm = triage_ms[0], triage_ms[1:] or triage_ms
    table.add_row(
        "triage → stored suggestions (first, after the refresh's fit)", "1", f"{first:,.0f}", "", ""
    )
    p = _percentiles(warm)
    table.add_row(
        "triage → stored suggestions",
        str(len(warm)),
        f"{p['p50_ms']:,.0f}",
        f"{p['p95_ms']:,.0f}",
        f"{max(warm):,.0f}",
    )
    q = _percentiles(programme_ms)
    table.add_row(
        "new programme → candidates re-scored (refit included)",
        str(len(programme_ms)),
        f"{q['p50_ms']:,.0f}",
        f"{q['p95_ms']:,.0f}",
        f"{max(programme_ms):,.0f}",
    )
    console.print(table)


if __name__ == "__main__":
    typer.run(main)
