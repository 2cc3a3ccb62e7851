"""Issue 7, proof under faults: an edition build killed with SIGKILL at any moment leaves either no
edition or a whole one whose checksum verifies, never a partial one; the next build succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from bench.import_bench import HEADER, PROGRAMME_HEADER, programme_rows, request_rows, write_table
from service import models as m
from service.db import session_scope
from service.editions.store import verify
from service.imports import kind_named, run_import
from service.matching.refresh import refresh
from service.settings import Settings
from tests.proof.test_faults import with_reference_data

# Moments after the start at which the build is killed: while it loads, snapshots, seals and writes.
KILL_AFTER_SECONDS = (0.5, 1.0, 1.5, 2.0, 3.0)


def _editions(url: str) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(m.Edition)) or 0


@pytest.mark.slow
def test_edition_build_killed_at_any_moment_leaves_nothing_partial(tmp_path: Path) -> None:
    url = with_reference_data(tmp_path)
    with session_scope(url) as session:
        for kind, header, rows in (
            ("programmes", PROGRAMME_HEADER, programme_rows(url, 400, seed=5)),
            ("requests", HEADER, request_rows(url, 3000, seed=5)),
        ):
            assert run_import(
                session, kind_named(kind), write_table(header, rows, "csv"), f"{kind}.csv"
            ).applied
        session.execute(update(m.Request).values(status="open", triage_outcome="reasonable"))
        refresh(session, settings=Settings(), on=date.today(), actor=None)
    month = time.strftime("%Y-%m")
    env = {**os.environ, "DATABASE_URL": url}
    command = [str(Path(sys.executable).with_name("matchmaker")), "edition", "build", month]

    interrupted = 0
    for delay in KILL_AFTER_SECONDS:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            interrupted += 1
        process.wait()
        with session_scope(url) as session:
            assert session.scalar(text("PRAGMA integrity_check")) == "ok"
            # Whatever exists is whole: every stored edition's checksum matches its content.
            assert all(v.ok for v in verify(session)), [v for v in verify(session) if not v.ok]

    assert interrupted, "every build finished before it could be killed: the test proved nothing"
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert _editions(url) >= 1
    with session_scope(url) as session:
        assert all(v.ok for v in verify(session))
