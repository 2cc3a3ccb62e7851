"""The tests' session machinery behaves like production: a request that fails after writing leaves nothing
in the test's session (production's get_session rolls back), one that succeeds leaves its writes for the
test to see, and a test's commits never reach the database, on SQLite as on PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from service import models as m
from service.errors import Conflict
from service.http.deps import SessionDep
from tests.conftest import rolled_back

MARK = "test-session-write"
ROUTE = "/api/test-only/write"


def write(session: SessionDep, fail: bool = False) -> dict[str, Any]:
    """A test-only operation: writes an event and flushes it, then fails if asked to."""
    session.add(m.Event(action="test.write", entity="test", entity_id=MARK))
    session.flush()
    if fail:
        raise Conflict("written, then refused")
    return {"written": True}


def with_write_route(app: FastAPI) -> None:
    app.add_api_route(ROUTE, write, methods=["POST"])


def written(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(m.Event).where(m.Event.entity_id == MARK)) or 0


def test_a_failed_request_leaves_nothing_in_the_session(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    with_write_route(app)
    response = client.post(ROUTE, params={"fail": True})
    assert response.status_code == 409, response.text
    assert written(session) == 0


def test_a_successful_request_leaves_its_writes_and_a_later_failure_only_undoes_its_own(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    with_write_route(app)
    assert client.post(ROUTE).status_code == 200
    assert written(session) == 1
    assert client.post(ROUTE, params={"fail": True}).status_code == 409
    assert written(session) == 1
    assert client.post(ROUTE).status_code == 200
    assert written(session) == 2


def test_a_tests_commit_never_reaches_the_database(engine: Engine) -> None:
    with rolled_back(engine) as session:
        session.add(m.Event(action="test.write", entity="test", entity_id=MARK))
        session.commit()  # a savepoint release inside the outer transaction, not a real commit
        assert written(session) == 1
    with Session(engine) as other:
        assert written(other) == 0
