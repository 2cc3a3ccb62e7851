"""Bounded load against a real server on loopback: N virtual users of the three audiences mix reads and
writes for a fixed time, then stop by themselves. Prints p50/p95/p99 latency per action and throughput,
then checks the database: every acknowledged write is there exactly once, nothing unacknowledged is.

    .venv/bin/python -m bench.load --database-url postgresql+psycopg://postgres@127.0.0.1/bench_load \
        [--users 50] [--seconds 60] [--requests 20000] [--programmes 4000] [--keep-data]

The database is reset and filled with world-scale data unless --keep-data (then it must already hold it).
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from bench.api_bench import _percentiles, _reset  # the API benchmark's own helpers
from bench.world import populate
from service import models as m
from service.accounts.logic import create_user
from service.db import session_scope
from service.http.tokens import issue_token
from service.migrate import upgrade
from service.seeding.reference import load_reference
from service.settings import Settings
from tests.proof.server import running_server  # the fault proofs' server: uvicorn on a free loopback port

console = Console()
SECRET = "load-secret-load-secret-load-secret-load"
MARK = "LOAD"  # in every title and address the load writes, to find them afterwards
# The audiences' shares of the virtual users.
SHARES = {"state": 0.4, "provider": 0.3, "team": 0.3}


@dataclass
class Ledger:
    """What the server acknowledged, to compare with the database afterwards."""

    requests: set[int] = field(default_factory=set)
    triaged: set[int] = field(default_factory=set)
    contacts: set[str] = field(default_factory=set)
    to_triage: asyncio.Queue[tuple[int, int]] = field(default_factory=asyncio.Queue)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)


@dataclass
class User:
    number: int
    audience: str
    headers: dict[str, str]
    party: str | None
    rng: random.Random
    sent: int = 0


Action = Callable[[httpx.AsyncClient, User, Ledger], Awaitable[None]]


async def timed(client: httpx.AsyncClient, ledger: Ledger, label: str, method: str, path: str,
                user: User, **kwargs: Any) -> httpx.Response | None:  # fmt: skip
    started = time.perf_counter()
    try:
        response = await client.request(method, path, headers=user.headers, **kwargs)
    except httpx.TransportError as exc:
        ledger.errors[f"{label}: {type(exc).__name__}"] += 1
        return None
    ledger.latencies[label].append((time.perf_counter() - started) * 1000)
    if response.status_code >= 400:
        ledger.errors[f"{label}: {response.status_code} {response.text[:80]}"] += 1
        return None
    return response


async def state_reads(client: httpx.AsyncClient, user: User, ledger: Ledger) -> None:
    await timed(client, ledger, "state: own requests", "GET", "/api/requests?limit=50", user)


async def state_files(client: httpx.AsyncClient, user: User, ledger: Ledger) -> None:
    user.sent += 1
    body = {
        "title": f"{MARK} {user.number}-{user.sent} border control training",
        "description": "Training of immigration officers on forged travel documents.",
        "language": "en",
        "stage": "B",
    }
    response = await timed(client, ledger, "state: file a request", "POST", "/api/requests", user, json=body)
    if response is not None:
        detail = response.json()
        ledger.requests.add(detail["id"])
        ledger.to_triage.put_nowait((detail["id"], detail["version"]))


async def provider_reads(client: httpx.AsyncClient, user: User, ledger: Ledger) -> None:
    await timed(client, ledger, "provider: need list", "GET", "/api/provider/needs?limit=50", user)


async def provider_writes(client: httpx.AsyncClient, user: User, ledger: Ledger) -> None:
    user.sent += 1
    address = f"{MARK.lower()}-{user.number}-{user.sent}@example.org"
    body = {"name": f"{MARK} contact {user.sent}", "email": address, "languages": ["en"]}
    if await timed(client, ledger, "provider: add a contact", "POST", "/api/contacts/mine", user, json=body):
        ledger.contacts.add(address)


async def team_reads(client: httpx.AsyncClient, user: User, ledger: Ledger) -> None:
    await timed(client, ledger, "team: review queue", "GET", "/api/matches?limit=50", user)


async def team_triages(client: httpx.AsyncClient, user: User, ledger: Ledger) -> None:
    try:
        request_id, version = ledger.to_triage.get_nowait()
    except asyncio.QueueEmpty:
        await team_reads(client, user, ledger)
        return
    body = {"outcome": "reasonable", "version": version}
    path = f"/api/requests/{request_id}/triage"
    if await timed(client, ledger, "team: triage", "POST", path, user, json=body):
        ledger.triaged.add(request_id)


# (action, weight) per audience: mostly reads, as in real use.
MIX: dict[str, list[tuple[Action, int]]] = {
    "state": [(state_reads, 7), (state_files, 3)],
    "provider": [(provider_reads, 8), (provider_writes, 2)],
    "team": [(team_reads, 7), (team_triages, 3)],
}


async def virtual_user(client: httpx.AsyncClient, user: User, ledger: Ledger, deadline: float) -> None:
    actions, weights = zip(*MIX[user.audience], strict=True)
    while time.monotonic() < deadline:
        await user.rng.choice([a for a, w in zip(actions, weights, strict=True) for _ in range(w)])(
            client, user, ledger
        )


async def run_load(base_url: str, users: list[User], seconds: float) -> tuple[Ledger, float]:
    ledger = Ledger()
    limits = httpx.Limits(max_connections=len(users), max_keepalive_connections=len(users))
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
        started = time.monotonic()
        deadline = started + seconds
        tasks = [asyncio.create_task(virtual_user(client, u, ledger, deadline)) for u in users]
        # A hard stop too: a stuck call cannot keep the run going past its time.
        done, pending = await asyncio.wait(tasks, timeout=seconds + 35)
        for task in pending:
            task.cancel()
            ledger.errors["stopped at the hard deadline"] += 1
        for task in done:
            if task.exception() is not None:
                ledger.errors[f"virtual user crashed: {task.exception()!r}"] += 1
        return ledger, time.monotonic() - started


def make_users(url: str, count: int, seed: int) -> list[User]:
    """Users of each audience; every state user speaks for a different state (as focal points do)."""
    counts = {a: max(1, round(count * share)) for a, share in SHARES.items()}
    with session_scope(url) as session:
        states = list(session.scalars(select(m.State.iso3).where(m.State.un_member).order_by(m.State.iso3)))
        providers = list(session.scalars(select(m.Provider.id).order_by(m.Provider.id)))
        made = []
        for audience, n in counts.items():
            for i in range(n):
                party = {"state": states[i % len(states)], "provider": providers[i % len(providers)]}.get(
                    audience
                )
                role = "ta" if audience == "team" else audience
                user = create_user(session, username=f"load-{audience}-{i}", password="load-password-1",
                                   role=role, party=party, actor=None)  # fmt: skip
                made.append((audience, user.id, party))
    return [
        User(
            n,
            audience,
            {"Authorization": f"Bearer {issue_token(uid, SECRET, 120)[0]}"},
            party,
            random.Random(seed + n),
        )  # fmt: skip
        for n, (audience, uid, party) in enumerate(made)
    ]


def audit(url: str, ledger: Ledger) -> tuple[dict[str, int], dict[str, int]]:
    """What was acknowledged, and the lost or duplicated writes the database shows (all should be 0)."""
    with session_scope(url) as session:
        stored = Counter(session.scalars(select(m.Request.id).where(m.Request.title.like(f"{MARK} %"))))
        opened = set(
            session.scalars(
                select(m.Request.id).where(m.Request.id.in_(ledger.triaged), m.Request.status == "open")
            )
        )
        created = Counter(
            session.scalars(
                select(m.Event.entity_id).where(
                    m.Event.action == "request.created", m.Event.entity_id.in_([str(i) for i in stored])
                )
            )
        )
        contacts = Counter(
            session.scalars(select(m.Contact.email).where(m.Contact.email.like(f"{MARK.lower()}-%")))
        )
    acknowledged = {
        "requests filed": len(ledger.requests),
        "requests triaged": len(ledger.triaged),
        "contacts added": len(ledger.contacts),
    }
    problems = {
        "requests lost": len(ledger.requests - set(stored)),
        "requests stored but never acknowledged": len(set(stored) - ledger.requests),
        "requests not triaged as acknowledged": len(ledger.triaged - opened),
        "requests without exactly one 'created' event": sum(1 for i in stored if created[str(i)] != 1),
        "contacts lost": len(ledger.contacts - set(contacts)),
        "contacts duplicated": sum(n - 1 for n in contacts.values()),
        "contacts stored but never acknowledged": len(set(contacts) - ledger.contacts),
    }
    return acknowledged, problems


def report(
    ledger: Ledger, elapsed: float, users: int, acknowledged: dict[str, int], problems: dict[str, int]
) -> bool:
    table = Table("action", "calls", "p50 ms", "p95 ms", "p99 ms", title=f"{users} users for {elapsed:.0f} s")
    everything: list[float] = []
    for label, samples in sorted(ledger.latencies.items()):
        everything += samples
        p = _percentiles(samples)
        table.add_row(label, str(len(samples)), str(p["p50_ms"]), str(p["p95_ms"]), str(p["p99_ms"]))
    p = _percentiles(everything or [0.0])
    table.add_row("all", str(len(everything)), str(p["p50_ms"]), str(p["p95_ms"]), str(p["p99_ms"]))
    console.print(table)
    errors = sum(ledger.errors.values())
    console.print(f"throughput: {len(everything) / elapsed:,.0f} requests/s; errors: {errors}")
    for error, n in ledger.errors.most_common(10):
        console.print(f"  {n} × {error}")
    console.print(f"acknowledged writes: {acknowledged}")
    console.print(f"checked against the database: {problems}")
    return errors == 0 and not any(problems.values())


def main(
    database_url: Annotated[str, typer.Option(help="the database to load (PostgreSQL for the real figures)")],
    users: Annotated[int, typer.Option(min=1, max=500)] = 50,
    seconds: Annotated[float, typer.Option(min=1, max=3600)] = 60,
    requests: int = 20_000,
    programmes: int = 4_000,
    keep_data: bool = False,
    seed: int = 7,
) -> None:
    if not keep_data:
        _reset(database_url)
        upgrade(database_url)
        with session_scope(database_url) as session:
            load_reference(session, Settings().data_dir)
        console.print(f"world data: {populate(database_url, requests, programmes)}")
    virtual = make_users(database_url, users, seed)
    with tempfile.TemporaryDirectory() as tmp:
        with running_server(database_url, Path(tmp) / "server.log", secret_key=SECRET) as server:
            assert server.base_url.startswith("http://127.0.0.1:"), "loopback only"
            ledger, elapsed = asyncio.run(run_load(server.base_url, virtual, seconds))
    ok = report(ledger, elapsed, users, *audit(database_url, ledger))
    raise typer.Exit(0 if ok else 1)


if __name__ == "__main__":
    typer.run(main)
