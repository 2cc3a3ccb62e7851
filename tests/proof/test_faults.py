"""Issue 7, proof under faults, against a real server process: killed with SIGKILL in the middle of an
import it leaves nothing half-written and serves again after a restart; with its database gone it answers
503 with a clear body, and it recovers by itself when the database returns."""

from __future__ import annotations

import csv
import io
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, func, make_url, select, text

from service import models as m
from service.auth.tokens import issue_token
from service.db import session_scope
from service.migrate import upgrade
from service.seed import load_reference
from tests.conftest import DATA_DIR, PG_URL, fresh_database_url, reset_postgres, scratch_postgres_url
from tests.proof.server import running_server
from tests.service.conftest import TEST_SECRET, make_user

ROWS = 20_000
STATES = ("KEN", "UGA", "SEN", "FRA", "PER", "IDN", "JOR", "KAZ", "BRA", "NGA")


def big_file(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Reference", "State", "Title", "Description", "Language", "Areas", "Stage"])
    for i in range(rows):
        writer.writerow([
            f"FAULT-{i}", STATES[i % len(STATES)], f"Border and customs training course number {i}",
            f"Training for {i % 50 + 5} customs and immigration officers on cash couriers and forged documents.",
            "en", "" if i % 2 else "customs, immigration", "B",
        ])  # fmt: skip
    return out.getvalue().encode()


def team_token(url: str) -> str:
    with session_scope(url) as session:
        user = make_user(session, role="ta", username=f"fault-team-{time.monotonic_ns()}")
        return issue_token(user.id, TEST_SECRET, 60)[0]


def imported(url: str) -> tuple[int, int]:
    with session_scope(url) as session:
        requests = session.scalar(
            select(func.count()).select_from(m.Request).where(m.Request.ref.like("FAULT-%"))
        )
        events = session.scalar(
            select(func.count()).select_from(m.Event).where(m.Event.note.like("imported from faults.csv%"))
        )
    return requests or 0, events or 0


def upload(base_url: str, token: str, data: bytes, outcome: dict[str, Any]) -> None:
    try:
        outcome["response"] = httpx.post(
            f"{base_url}/api/imports/requests",
            files={"file": ("faults.csv", data, "text/csv")},
            headers={"Authorization": f"Bearer {token}"},
            timeout=300,
        )
    except httpx.TransportError as exc:
        outcome["error"] = exc


@pytest.mark.slow
def test_server_killed_mid_import_leaves_nothing_half_written(tmp_path: Path) -> None:
    url = fresh_database_url("sqlite", tmp_path)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
    token = team_token(url)
    data = big_file(ROWS)
    wal = Path(make_url(url).database or "").with_suffix(".db-wal")
    log = tmp_path / "server.log"

    with running_server(url, log, secret_key=TEST_SECRET, max_body_bytes=str(64 * 1024 * 1024)) as server:
        start = wal.stat().st_size if wal.exists() else 0
        outcome: dict[str, Any] = {}
        sender = threading.Thread(target=upload, args=(server.base_url, token, data, outcome))
        sender.start()
        # Uncommitted pages spill into SQLite's write-ahead log while the import writes: the sign that the
        # server is mid-write. Kill it there.
        while not wal.exists() or wal.stat().st_size < start + 1_000_000:
            assert sender.is_alive(), f"the import ended before it could be killed: {outcome}"
            time.sleep(0.01)
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()
        sender.join(60)

    assert "response" not in outcome, "the server answered: it was not killed mid-import"
    assert imported(url) == (0, 0)
    with session_scope(url) as session:
        assert session.scalar(text("PRAGMA integrity_check")) == "ok"

    with running_server(url, log, secret_key=TEST_SECRET, max_body_bytes=str(64 * 1024 * 1024)) as server:
        again: dict[str, Any] = {}
        upload(server.base_url, token, data, again)
    assert again["response"].status_code == 200, again["response"].text
    assert again["response"].json()["counts"]["new"] == ROWS
    assert imported(url) == (ROWS, ROWS)


def _admin(url: str) -> Any:
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


@pytest.mark.slow
def test_database_unreachable_gives_503_and_the_service_recovers(tmp_path: Path) -> None:
    fresh_database_url("postgresql", tmp_path)  # skips (or fails when required) without PostgreSQL
    url = scratch_postgres_url("fault")
    name = make_url(url).database

    def prepare() -> None:
        reset_postgres(url)
        upgrade(url)
        with session_scope(url) as session:
            load_reference(session, DATA_DIR)

    prepare()
    with (
        running_server(url, tmp_path / "server.log", secret_key=TEST_SECRET) as server,
        server.client(timeout=30) as client,
    ):
        assert client.get("/api/directory/entries").status_code == 200
        admin = _admin(PG_URL)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))

        down = client.get("/api/directory/entries")
        assert down.status_code == 503
        assert down.json() == {
            "error": "database_unavailable",
            "detail": "the database cannot be reached; try again shortly",
        }
        assert down.headers["Retry-After"] == "5"
        assert client.get("/health").status_code == 200  # the process itself is alive

        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        prepare()
        deadline = time.monotonic() + 30
        while (status := client.get("/api/directory/entries").status_code) != 200:
            assert time.monotonic() < deadline, f"still {status} 30 s after the database returned"
            time.sleep(0.5)
