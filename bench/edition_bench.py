"""Edition build time at world scale: a monthly edition with every export, every tailored package with
its outbox, and the goal report, on synthetic world-scale rows (bench/world.py) given a realistic mix of
statuses, accepted matches and points of contact. Goal: edition + exports + packages under 60 s.

    python -m bench.edition_bench [--requests 20000] [--programmes 4000] [--database-url URL] [--out DIR]

Without --database-url it uses a fresh SQLite file; with a PostgreSQL URL it resets that database."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import and_, bindparam, insert, select, update

from bench.api_bench import _reset
from bench.world import populate
from service import models as m
from service.clock import today
from service.db import session_scope
from service.editions import store
from service.editions.circulate import circulate
from service.editions.compare import changes
from service.editions.exports import FORMATS, render
from service.editions.months import Month
from service.goal.logic import figures
from service.goal.report import write
from service.migrate import upgrade
from service.models.base import utcnow
from service.seeding.reference import load_reference
from service.settings import Settings

console = Console()
T = TypeVar("T")


def _timed(timings: dict[str, float], name: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = work()
    timings[name] = round(time.perf_counter() - started, 2)
    console.print(f"  {name}: {timings[name]} s")
    return result


def _stamp(session: Any, where: Any, status: str, offsets: dict[str, int | None], **values: Any) -> None:
    """Move the requests `where` selects to `status`, stamping each date at triage + its offset in days
    (None: now). Dates are computed here, not in SQL: SQLite has no datetime arithmetic."""
    table = m.Request.__table__
    now = utcnow()
    rows = [
        {
            "rid": rid,
            **{k: now if days is None else triaged + timedelta(days=days) for k, days in offsets.items()},
        }
        for rid, triaged in session.execute(select(table.c.id, table.c.triaged_at).where(where))
    ]
    if rows:
        stamps = {k: bindparam(k) for k in offsets}
        statement = (
            update(table).where(table.c.id == bindparam("rid")).values(status=status, **values, **stamps)
        )
        session.connection().execute(statement, rows)


def vary(url: str) -> dict[str, int]:
    """Give the all-open world a lifecycle: some untriaged, some matched (an accepted match), some met,
    and a published point of contact for every party."""
    r, x = m.Request, m.Match
    now = utcnow()
    with session_scope(url) as s:
        s.execute(
            update(r)
            .where(r.id % 25 == 2)
            .values(status="submitted", triage_outcome=None, triaged_at=None)
            .execution_options(synchronize_session=False)
        )
        _stamp(s, and_(r.id % 7 == 0, r.status == "open"), "matched", {"matched_at": 12})
        met = {"matched_at": 9, "delivery_started_at": 30, "met_at": None}
        _stamp(s, and_(r.id % 20 == 1, r.status == "open"), "met", met, priority=None)
        matched = select(r.id).where(r.status.in_(("matched", "met")))
        s.execute(
            update(x)
            .where(and_(x.rank == 1, x.request_id.in_(matched)))
            .values(status="accepted", decided_at=now - timedelta(days=20))
            .execution_options(synchronize_session=False)
        )
        contacts = [
            {"state_iso3": iso3, "name": f"Focal point {iso3}", "email": f"focal@{iso3.lower()}.example",
             "role": "", "phone": "", "languages": [], "published": True, "version": 1}
            for iso3 in s.scalars(select(m.State.iso3))
        ] + [
            {"organization_id": org, "name": f"Focal point {org}", "email": f"tat@{org.lower()}.example",
             "role": "", "phone": "", "languages": [], "published": True, "version": 1}
            for org in s.scalars(select(m.Organization.id))
        ]  # fmt: skip
        s.execute(insert(m.Contact), contacts)
        return {"contacts": len(contacts)}


def run_edition(url: str, out: Path, timings: dict[str, float]) -> dict[str, Any]:
    settings = Settings()
    now = today(settings)
    month, previous = Month(now.year, now.month), Month(now.year, now.month).previous()
    facts: dict[str, Any] = {}
    with session_scope(url) as s:
        _timed(
            timings,
            "build previous month (reconstructed)",
            lambda: store.build(s, str(previous), actor=None, on=now),
        )
    started = time.perf_counter()
    with session_scope(url) as s:
        edition = _timed(timings, "build", lambda: store.build(s, str(month), actor=None, on=now))
        facts.update(requests=edition.requests, gaps=edition.gaps)
    with session_scope(url) as s:
        sealed = _timed(timings, "read + verify checksum", lambda: store.get(s, str(month)))
        delta = _timed(timings, "diff against previous", lambda: changes(s, sealed))
        facts["changes"] = len(delta["changes"]) if delta else 0
        for fmt in FORMATS:
            result = _timed(timings, f"export {fmt}", lambda fmt=fmt: render(sealed, delta, fmt))
            (out / result.filename).write_bytes(result.data)
            facts[f"{fmt}_bytes"] = len(result.data)
    with session_scope(url) as s:
        report = _timed(
            timings,
            "packages + outbox",
            lambda: circulate(s, str(month), out / "circulation", settings=settings, actor=None),
        )
        facts.update(packages=report.packages, messages=report.messages)
    timings["TOTAL edition + exports + packages"] = round(time.perf_counter() - started, 2)
    with session_scope(url) as s:
        _timed(timings, "goal report", lambda: write(figures(s, str(month), on=now), out / "goal"))
    return facts


def main(
    requests: Annotated[int, typer.Option()] = 20000,
    programmes: Annotated[int, typer.Option()] = 4000,
    database_url: Annotated[str | None, typer.Option()] = None,
    out: Annotated[
        Path | None, typer.Option(help="where to keep the files (default: a temporary folder)")
    ] = None,
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    url = database_url or f"sqlite:///{folder / 'world.db'}"
    out = out or folder / "out"
    out.mkdir(parents=True, exist_ok=True)
    _reset(url)
    upgrade(url)
    with session_scope(url) as s:
        load_reference(s, Settings().data_dir)
    timings: dict[str, float] = {}
    console.print(f"populating {requests} requests × {programmes} programmes in {url.split('://')[0]} …")
    timings.update({f"populate {k}": v for k, v in populate(url, requests, programmes).items()})
    facts = vary(url)
    facts.update(run_edition(url, out, timings))
    table = Table("step", "seconds", title=f"edition bench: {requests} requests × {programmes} programmes")
    for name, seconds in timings.items():
        table.add_row(name, str(seconds))
    console.print(table)
    console.print(json.dumps({"timings": timings, "facts": facts, "out": str(out)}, indent=1))


if __name__ == "__main__":
    typer.run(main)
