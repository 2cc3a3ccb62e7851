"""Issue 15: long work as background jobs. Through the API (jobs run eagerly in the suite): 202 with the
job, its progress and result, files, team only and owner only (403 alike for another's job and a missing
one), the same work refused while queued or running (409), failures in one line. Then the worker's side
on a real database file: a job whose worker died is taken over and done once, a late completion of the
dead attempt is refused; and one test runs a real `matchmaker worker` process."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service import models as m
from service.db import session_scope
from service.jobs import runner
from service.jobs.logic import Outcome, Superseded, finish, submit
from service.jobs.schemas import JobIn
from service.models.base import utcnow
from service.seeding.reference import load_reference
from service.settings import Settings
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.conftest import TEST_SECRET, auth, make_programme, make_request, make_user
from tests.service.test_editions_helpers import TODAY, constructed, june_2003  # noqa: F401

REDIS = "redis://127.0.0.1:6379/0"


def test_refresh_job_answers_202_and_its_owner_follows_it(client: TestClient, session: Session) -> None:
    owner, colleague = make_user(session, role="ta"), make_user(session, role="ta")
    make_request(session)
    make_programme(session)
    submitted = client.post("/api/jobs", headers=auth(owner), json={"kind": "matching.refresh"})
    assert submitted.status_code == 202, submitted.text
    job = submitted.json()
    assert submitted.headers["location"] == f"/api/jobs/{job['id']}"
    followed = client.get(f"/api/jobs/{job['id']}", headers=auth(owner)).json()
    assert followed["state"] == "done" and followed["attempts"] == 1 and followed["error"] is None
    assert followed["result"]["requests"] >= 1 and followed["step"] == "done"
    # Another team member's read of it and of a job that does not exist are refused alike.
    theirs = client.get(f"/api/jobs/{job['id']}", headers=auth(colleague))
    missing = client.get("/api/jobs/999999", headers=auth(colleague))
    assert theirs.status_code == missing.status_code == 403 and theirs.json() == missing.json()
    for role, party in (("state", "KEN"), ("provider", "UNODC")):
        other = auth(make_user(session, role=role, party=party))
        assert client.post("/api/jobs", headers=other, json={"kind": "matching.refresh"}).status_code == 403
        assert client.get(f"/api/jobs/{job['id']}", headers=other).status_code == 403
    assert client.get(f"/api/jobs/{job['id']}").status_code == 401


@pytest.mark.usefixtures("june_2003")
def test_edition_jobs_build_export_and_circulate(client: TestClient, session: Session) -> None:
    constructed(session)
    team = auth(make_user(session, role="ta"))
    built = client.post("/api/jobs", headers=team, json={"kind": "edition.build", "month": "2003-05"}).json()
    assert built["state"] == "done" and built["result"]["revision"] == 1, built
    exported = client.post(
        "/api/jobs", headers=team, json={"kind": "edition.export", "month": "2003-05", "format": "csv"}
    ).json()
    assert exported["state"] == "done" and exported["file"] == f"/api/jobs/{exported['id']}/file"
    download = client.get(exported["file"], headers=team)
    assert download.status_code == 200 and "2003-05" in download.headers["content-disposition"]
    circulated = client.post(
        "/api/jobs", headers=team, json={"kind": "edition.circulate", "month": "2003-05"}
    ).json()
    # Sent once per party and revision, as the circulation API does (the log is the result).
    assert circulated["state"] == "done" and circulated["result"]["edition"] == "2003-05 revision 1", circulated
    assert circulated["file"] is None
    # A refresh job made no file.
    refresh = client.post("/api/jobs", headers=team, json={"kind": "matching.refresh"}).json()
    assert client.get(f"/api/jobs/{refresh['id']}/file", headers=team).status_code == 409


def test_the_same_work_is_not_queued_twice(client: TestClient, session: Session) -> None:
    user = make_user(session, role="ta")
    running = m.Job(
        kind="edition.build", active_key="edition.build:2003-05", owner_id=user.id, state="running"
    )
    session.add(running)
    session.flush()
    again = client.post("/api/jobs", headers=auth(user), json={"kind": "edition.build", "month": "2003-05"})
    assert again.status_code == 409 and again.json()["field"] == "kind", again.text
    assert again.json()["details"] == {"job": running.id}
    assert session.scalar(select(func.count()).select_from(m.Job)) == 1
    # Another month is other work.
    other = client.post("/api/jobs", headers=auth(user), json={"kind": "edition.build", "month": "2003-04"})
    assert other.status_code == 202


def test_bad_job_input_names_the_field_and_queues_nothing(client: TestClient, session: Session) -> None:
    team = auth(make_user(session, role="ta"))
    cases = [
        ({"kind": "shell"}, 422, "kind"),
        ({"kind": "edition.build", "month": "May"}, 422, "month"),
        ({"kind": "edition.build"}, 422, "month"),
        ({"kind": "matching.refresh", "extra": 1}, 422, "extra"),
    ]
    for body, status, field in cases:
        response = client.post("/api/jobs", headers=team, json=body)
        assert response.status_code == status and field in response.text, (body, response.text)
    assert session.scalar(select(func.count()).select_from(m.Job)) == 0


def test_a_failed_job_records_one_line_and_can_be_submitted_again(
    client: TestClient, session: Session
) -> None:
    team = auth(make_user(session, role="ta"))
    failed = client.post("/api/jobs", headers=team, json={"kind": "edition.build", "month": "2003-13"}).json()
    assert failed["state"] == "failed" and "\n" not in failed["error"] and "month" in failed["error"].lower()
    assert session.scalar(select(func.count()).select_from(m.Edition)) == 0  # nothing of its work stayed
    again = client.post("/api/jobs", headers=team, json={"kind": "edition.build", "month": "2003-13"})
    assert again.status_code == 202  # its key was released


def test_the_refresh_button_runs_a_job_and_its_page_shows_the_result(
    client: TestClient, session: Session
) -> None:
    from tests.service.test_pages import csrf_of, sign_in  # the pages' own helpers

    user = make_user(session, role="ta")
    sign_in(client, user)
    token = csrf_of(client, "/team/queue")
    page = client.post("/team/matching/refresh", data={"csrf_token": token})
    assert page.status_code == 200 and "/team/jobs/" in str(page.url)
    assert "Matching refreshed" in page.text and 'http-equiv="refresh"' not in page.text


# -- the worker's side, on a database file of its own ----------------------------------------------------


@pytest.fixture
def worker_settings(tmp_path: Path) -> Settings:
    url = fresh_database_url("sqlite", tmp_path)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
    return Settings(
        database_url=url,
        secret_key=TEST_SECRET,
        environment="test",
        jobs_path=tmp_path / "jobs.db",
        today=TODAY,
    )


def _queued_refresh(settings: Settings) -> int:
    with session_scope(settings.database_url) as session:
        user = make_user(session, role="ta")
        make_request(session)
        make_programme(session)
        return submit(session, user, JobIn(kind="matching.refresh"), settings=settings, on=TODAY).id


def _refreshes(settings: Settings) -> int:
    with session_scope(settings.database_url) as session:
        return session.scalar(select(func.count()).where(m.Event.action == "matching.refreshed")) or 0


def test_a_job_whose_worker_died_is_done_once_by_another(worker_settings: Settings) -> None:
    settings = worker_settings
    job_id = _queued_refresh(settings)
    first = runner.claim(settings, job_id)  # a worker takes it ... and dies: its transaction never commits
    assert first == 1 and runner.claim(settings, job_id) is None  # a live claim is not taken over
    assert runner.stranded(settings) == []
    with session_scope(settings.database_url) as session:  # ... and stays silent past the limit
        session.execute(
            update(m.Job).values(heartbeat_at=utcnow() - timedelta(seconds=settings.jobs_stale_seconds + 1))
        )
    assert runner.stranded(settings) == [job_id]
    runner.run(settings, job_id)
    with session_scope(settings.database_url) as session:
        job = session.get(m.Job, job_id)
        assert job is not None and (job.state, job.attempts, job.active_key) == ("done", 2, None)
    assert _refreshes(settings) == 1
    # The dead attempt, had it lived on, could not record completion: its work is rolled back.
    with pytest.raises(Superseded), session_scope(settings.database_url) as session:
        session.add(m.Event(action="matching.refreshed", entity="matching", entity_id="all"))
        finish(session, job_id, 1, Outcome({}))
    assert _refreshes(settings) == 1
    runner.run(settings, job_id)  # a duplicate message for a finished job does nothing
    assert _refreshes(settings) == 1


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.parametrize("broker", ["sqlite", "redis"])
def test_a_real_worker_process_does_a_queued_job(worker_settings: Settings, broker: str) -> None:
    if broker == "redis":
        if not _redis_answers():
            pytest.skip("no Redis at 127.0.0.1:6379")
        # A queue of this test's own: another run's worker on the same Redis must never see its jobs.
        worker_settings.jobs_broker, worker_settings.jobs_queue = REDIS, f"mm-test-{secrets.token_hex(4)}"
    settings = worker_settings
    env = {
        **os.environ,
        "MATCHMAKER_DATABASE_URL": settings.database_url,
        "MATCHMAKER_JOBS_PATH": str(settings.jobs_path),
        "MATCHMAKER_JOBS_BROKER": settings.jobs_broker,
        "MATCHMAKER_JOBS_QUEUE": settings.jobs_queue,
        "MATCHMAKER_SECRET_KEY": TEST_SECRET,
        "MATCHMAKER_TODAY": TODAY.isoformat(),
    }
    worker = subprocess.Popen(
        [str(Path(sys.executable).parent / "matchmaker"), "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        job_id = _queued_refresh(settings)  # queued to the broker file when its transaction commits
        deadline = time.monotonic() + 90
        state = "queued"
        while time.monotonic() < deadline and state in ("queued", "running"):
            time.sleep(0.5)
            with session_scope(settings.database_url) as session:
                state = session.scalar(select(m.Job.state).where(m.Job.id == job_id)) or "missing"
        assert state == "done", worker.stdout.read1().decode() if worker.stdout else state  # type: ignore[union-attr]
        assert _refreshes(settings) == 1
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        if broker == "redis":
            from service.jobs.queue import queue

            queue(settings).huey.flush()  # leave nothing of this test's queue on the shared server


def test_serve_runs_the_asked_number_of_app_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typing import Any
    from unittest.mock import patch

    from typer.testing import CliRunner

    from service.cli.main import app as cli

    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", f"sqlite:///{tmp_path / 'serve.db'}")
    seen: list[dict[str, Any]] = []
    started: list[list[str]] = []

    class Worker:  # stands for the job worker `serve` starts beside the app
        def __init__(self, command: list[str]) -> None:
            started.append(command)

        def terminate(self) -> None:
            started.append(["terminated"])

        def wait(self, timeout: float) -> int:
            return 0

    with patch("uvicorn.run", lambda *a, **kw: seen.append(kw)), patch("subprocess.Popen", Worker):
        assert CliRunner().invoke(cli, ["serve", "--workers", "3", "--no-worker"]).exit_code == 0
        assert started == []
        assert CliRunner().invoke(cli, ["serve"]).exit_code == 0
        assert started[0][-1] == "worker" and started[1] == ["terminated"]  # one worker, stopped with the app
        refused = CliRunner().invoke(cli, ["serve", "--workers", "2", "--reload", "--no-worker"])
    assert [kw["workers"] for kw in seen] == [3, 1] and kw_factory(seen)
    assert refused.exit_code != 0 and len(seen) == 2


def kw_factory(seen: list[dict[str, object]]) -> bool:
    """Several processes import the app by name and build it with the factory (a built app cannot fork)."""
    return all(kw["factory"] is True for kw in seen)


def test_a_large_import_is_a_job(client: TestClient, session: Session, settings: Settings) -> None:
    from tests.service.test_import import HEADER, ROWS, csv_bytes
    from tests.service.test_import_api import _requests, _upload

    settings.import_job_bytes = 10  # every real upload here counts as large
    team = auth(make_user(session, role="ta"))
    dry = _upload(client, team, csv_bytes(HEADER, *ROWS), dry=True)
    assert dry.status_code == 200  # a dry run answers at once, whatever its size
    queued = _upload(client, team, csv_bytes(HEADER, *ROWS))
    assert queued.status_code == 202 and queued.headers["location"] == f"/api/jobs/{queued.json()['id']}"
    job = client.get(queued.headers["location"], headers=team).json()
    assert job["kind"] == "import" and job["state"] == "done" and job["result"]["counts"]["new"] == 3, job
    assert _requests(session) == 3
    bad = csv_bytes(HEADER, *ROWS, ["IMP-4", "Narnia", "Something needed", "", "en", "", "A", ""])
    failed = client.get(_upload(client, team, bad).headers["location"], headers=team).json()
    assert failed["state"] == "failed" and "rejected" in failed["error"] and "\n" not in failed["error"]
    assert _requests(session) == 3  # all rows or none


def test_the_job_page_polls_while_the_job_runs(client: TestClient, session: Session) -> None:
    from tests.service.test_pages import sign_in

    owner, colleague = make_user(session, role="ta"), make_user(session, role="ta")
    job = m.Job(kind="matching.refresh", owner_id=owner.id, state="running", step="scoring", done=1, total=3)
    session.add(job)
    session.flush()
    sign_in(client, owner)
    page = client.get(f"/team/jobs/{job.id}")
    assert page.status_code == 200 and 'http-equiv="refresh"' in page.text
    assert 'max="3" value="1"' in page.text and "Running: scoring" in page.text
    job.state, job.error = "failed", "InvalidInput: no such month"
    session.flush()
    failed = client.get(f"/team/jobs/{job.id}").text
    assert "The job failed: InvalidInput: no such month" in failed and 'http-equiv="refresh"' not in failed
    sign_in(client, colleague)
    assert client.get(f"/team/jobs/{job.id}").status_code == 403
