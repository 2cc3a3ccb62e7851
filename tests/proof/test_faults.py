"""Issue 7, proof under faults, against a real server process: killed with SIGKILL in the middle of an
import or of a matching refresh it loses nothing committed, leaves nothing half-written and serves again
after a restart; with its database gone it answers 503 with a clear body, and it recovers by itself when
the database returns."""

from __future__ import annotations

import csv
import io
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, make_url, select, text, update

from bench.import_bench import HEADER, PROGRAMME_HEADER, programme_rows, request_rows, write_table
from service import models as m
from service.db import session_scope
from service.http.tokens import issue_token
from service.imports import kind_named, run_import
from service.migrate import upgrade
from service.seeding.reference import load_reference
from tests.conftest import (
    DATA_DIR,
    admin_engine,
    create_postgres_database,
    fresh_database_url,
    require_postgres,
)
from tests.proof.server import Server, running_server
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


def count(url: str, model: type[m.Base], *where: Any) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def call(base_url: str, token: str, path: str, outcome: dict[str, Any], **kwargs: Any) -> None:
    try:
        outcome["response"] = httpx.post(
            f"{base_url}{path}", headers={"Authorization": f"Bearer {token}"}, timeout=300, **kwargs
        )
    except httpx.TransportError as exc:
        outcome["error"] = exc


def killed_while_writing(server: Server, database_url: str, send: Callable[[dict[str, Any]], None]) -> None:
    """Start `send` and SIGKILL the server once it is writing: uncommitted pages spill into SQLite's
    write-ahead log while a large transaction runs, so its growth is the sign the server is mid-write."""
    wal = Path(make_url(database_url).database or "").with_suffix(".db-wal")
    start = wal.stat().st_size if wal.exists() else 0
    outcome: dict[str, Any] = {}
    sender = threading.Thread(target=send, args=(outcome,))
    sender.start()
    while not wal.exists() or wal.stat().st_size < start + 1_000_000:
        assert sender.is_alive(), f"the call ended before the server could be killed: {outcome}"
        time.sleep(0.01)
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait()
    sender.join(60)
    assert "response" not in outcome, "the server answered: it was not killed mid-write"
    with session_scope(database_url) as session:
        assert session.scalar(text("PRAGMA integrity_check")) == "ok"


def with_reference_data(tmp_path: Path) -> str:
    url = fresh_database_url("sqlite", tmp_path)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
    return url


@pytest.mark.slow
def test_server_killed_mid_import_leaves_nothing_half_written(tmp_path: Path) -> None:
    url = with_reference_data(tmp_path)
    token = team_token(url)
    files = {"files": {"file": ("faults.csv", big_file(ROWS), "text/csv")}}
    imported = (m.Request.ref.like("FAULT-%"),)
    import_events = (m.Event.note.like("imported from faults.csv%"),)
    # The request itself does the import (not a background job, whose own kill-and-retry is proved in
    # tests/service/test_jobs.py): a server killed mid-write must leave nothing behind.
    big = {
        "secret_key": TEST_SECRET,
        "max_body_bytes": str(64 * 1024 * 1024),
        "import_job_bytes": str(64 * 1024 * 1024),
    }

    with running_server(url, tmp_path / "server.log", **big) as server:
        killed_while_writing(
            server, url, lambda out: call(server.base_url, token, "/api/imports/requests", out, **files)
        )
    assert count(url, m.Request, *imported) == count(url, m.Event, *import_events) == 0

    again: dict[str, Any] = {}
    with running_server(url, tmp_path / "server.log", **big) as server:
        call(server.base_url, token, "/api/imports/requests", again, **files)
    assert again["response"].status_code == 200, again["response"].text
    assert again["response"].json()["counts"]["new"] == ROWS
    assert count(url, m.Request, *imported) == count(url, m.Event, *import_events) == ROWS


def suggestions(url: str) -> list[tuple[int, int, float, str]]:
    with session_scope(url) as session:
        query = select(m.Match.request_id, m.Match.programme_id, m.Match.score, m.Match.status)
        return [tuple(row) for row in session.execute(query.order_by(m.Match.id))]


@pytest.mark.slow
def test_server_killed_mid_refresh_keeps_the_suggestions_last_committed(tmp_path: Path) -> None:
    url = with_reference_data(tmp_path)
    with session_scope(url) as session:
        for kind, header, rows in (
            ("programmes", PROGRAMME_HEADER, programme_rows(url, 400, seed=3)),
            ("requests", HEADER, request_rows(url, 3000, seed=3)),
        ):
            assert run_import(
                session, kind_named(kind), write_table(header, rows, "csv"), f"{kind}.csv"
            ).applied
        first = select(m.Request.id).order_by(m.Request.id).limit(200).scalar_subquery()
        session.execute(update(m.Request).where(m.Request.id.in_(first)).values(status="open"))
    token = team_token(url)

    with running_server(url, tmp_path / "server.log", secret_key=TEST_SECRET) as server:
        committed: dict[str, Any] = {}
        call(server.base_url, token, "/api/matching/refresh", committed)
        assert committed["response"].status_code == 200, committed["response"].text
    before = suggestions(url)
    assert before
    with session_scope(url) as session:  # the rest of the requests pass triage: the next refresh is big
        session.execute(update(m.Request).where(m.Request.status == "submitted").values(status="open"))

    with running_server(url, tmp_path / "server.log", secret_key=TEST_SECRET) as server:
        killed_while_writing(
            server, url, lambda out: call(server.base_url, token, "/api/matching/refresh", out)
        )
    assert suggestions(url) == before

    again: dict[str, Any] = {}
    with running_server(url, tmp_path / "server.log", secret_key=TEST_SECRET) as server:
        call(server.base_url, token, "/api/matching/refresh", again)
    assert again["response"].status_code == 200, again["response"].text
    assert len(suggestions(url)) > len(before)


@pytest.mark.slow
def test_database_unreachable_gives_503_and_the_service_recovers(tmp_path: Path) -> None:
    require_postgres()  # skips (or fails when required) without PostgreSQL
    url = create_postgres_database("fault")  # dropped below and created again, then dropped with the run's
    name = make_url(url).database

    def prepare() -> None:
        upgrade(url)
        with session_scope(url) as session:
            load_reference(session, DATA_DIR)

    prepare()
    with (
        running_server(url, tmp_path / "server.log", secret_key=TEST_SECRET) as server,
        server.client(timeout=30) as client,
    ):
        assert client.get("/api/directory/entries").status_code == 200
        admin = admin_engine()
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
