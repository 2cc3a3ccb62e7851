"""API latency at world scale: p50/p95/p99 of the state status, provider need list and review queue
endpoints against a real uvicorn server, with /health (the framework alone) as the baseline.

    python -m bench.api_bench [--requests 20000] [--programmes 4000] [--calls 200] [--database-url URL]

Without --database-url it uses a fresh SQLite file; with a PostgreSQL URL it resets that database."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import httpx
import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, func, select, text

from bench.world import populate
from service import models as m
from service.accounts.logic import create_user
from service.db import session_scope
from service.migrate import upgrade
from service.seeding.reference import load_reference
from service.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]

console = Console()
PASSWORD = "bench-password-1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _reset(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def _users(url: str) -> dict[str, tuple[str, str]]:
    """A team, a state and a provider user; the busiest state and provider, so the lists are long."""
    with session_scope(url) as s:
        state = s.execute(
            select(m.Request.state_iso3).group_by(m.Request.state_iso3).order_by(func.count().desc()).limit(1)
        ).scalar_one()
        provider = s.execute(
            select(m.Programme.provider_id)
            .group_by(m.Programme.provider_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
        for name, role, party in (
            ("bench-ta", "ta", None),
            ("bench-state", "state", state),
            ("bench-provider", "provider", provider),
        ):
            create_user(s, username=name, password=PASSWORD, role=role, party=party, actor=None)
        request_id = s.scalar(select(m.Request.id).where(m.Request.state_iso3 == state).limit(1))
    return {"state": (state, str(request_id)), "provider": (provider, "")}


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(pick(0.95), 1),
        "p99_ms": round(pick(0.99), 1),
    }


def main(
    requests: int = 20_000,
    programmes: int = 4_000,
    calls: Annotated[int, typer.Option(help="calls per endpoint")] = 200,
    database_url: Annotated[str | None, typer.Option()] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="mm-bench-"))
    url = database_url or f"sqlite:///{workdir / 'bench.db'}"
    _reset(url)
    upgrade(url)
    with session_scope(url) as s:
        load_reference(s, Settings().data_dir)
    figures: dict[str, object] = {
        "requests": requests,
        "programmes": programmes,
        "database": url.split(":")[0],
    }
    figures.update(populate(url, requests, programmes))
    parties = _users(url)

    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MATCHMAKER_SECRET_KEY": "bench-secret-bench-secret-bench-secret",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "service.app:create_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO_ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(100):
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            tokens = {
                who: client.post(
                    "/api/auth/token", data={"username": f"bench-{who}", "password": PASSWORD}
                ).json()["access_token"]
                for who in ("ta", "state", "provider")
            }
            state, request_id = parties["state"]
            endpoints = {
                "baseline /health": (None, "/health"),
                "state: own requests": ("state", "/api/requests?limit=50"),
                "state: one request": ("state", f"/api/requests/{request_id}"),
                "provider: need list": ("provider", "/api/provider/needs?limit=50"),
                "provider: need list, filtered": ("provider", "/api/provider/needs?limit=50&stage=A"),
                "team: review queue": ("ta", "/api/matches?limit=50"),
                "team: review queue, filtered": ("ta", "/api/matches?limit=50&area=financing&min_score=0.2"),
            }
            results: dict[str, dict[str, float]] = {}
            for label, (who, path) in endpoints.items():
                headers = {"Authorization": f"Bearer {tokens[who]}"} if who else {}
                client.get(path, headers=headers).raise_for_status()  # warm up
                samples = []
                for _ in range(calls):
                    t0 = time.perf_counter()
                    client.get(path, headers=headers).raise_for_status()
                    samples.append((time.perf_counter() - t0) * 1000)
                results[label] = _percentiles(samples)
    finally:
        server.terminate()
        server.wait(10)
    baseline = results["baseline /health"]["p95_ms"]
    for row in results.values():
        row["p95_vs_baseline"] = round(row["p95_ms"] / baseline, 1)
    figures["latency"] = results
    if json_out:
        console.print_json(json.dumps(figures))
        return
    console.print({k: v for k, v in figures.items() if k != "latency"})
    table = Table(
        "endpoint", "p50 ms", "p95 ms", "p99 ms", "p95 / baseline", title=f"{calls} sequential calls each"
    )
    for label, row in results.items():
        table.add_row(label, *(str(row[k]) for k in ("p50_ms", "p95_ms", "p99_ms", "p95_vs_baseline")))
    console.print(table)


if __name__ == "__main__":
    typer.run(main)
