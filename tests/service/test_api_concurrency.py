"""Issue 4: two reviewers deciding the same match at the same moment on real parallel PostgreSQL
connections — exactly one wins, the other gets 409 and changes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service import models as m
from service.app import create_app
from service.db import session_scope
from service.seeding.reference import load_reference
from service.settings import Settings
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.conftest import TEST_SECRET, auth, make_programme, make_request, make_user


@pytest.mark.postgres
def test_two_reviewers_exactly_one_wins(tmp_path: Path) -> None:
    url = fresh_database_url("postgresql", tmp_path)
    with session_scope(url) as s:
        load_reference(s, DATA_DIR)
        reviewers = [make_user(s, role="ta"), make_user(s, role="ta")]
        request = make_request(s)
        programme = make_programme(s)
        match = m.Match(
            request_id=request.id, programme_id=programme.id, score=0.7, status="suggested", explanation={}
        )
        s.add(match)
        s.flush()
        match_id, headers = match.id, [auth(u) for u in reviewers]

    app = create_app(Settings(database_url=url, secret_key=TEST_SECRET, environment="test"))
    barrier = threading.Barrier(2)
    results: dict[str, int] = {}

    def decide(action: str, header: dict[str, str]) -> None:
        with TestClient(app) as client:
            barrier.wait()
            body = {"version": 1, "action": action, "reason": "not the right provider"}
            results[action] = client.post(
                f"/api/matches/{match_id}/decision", headers=header, json=body
            ).status_code

    threads = [
        threading.Thread(target=decide, args=a) for a in (("accept", headers[0]), ("reject", headers[1]))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results.values()) == [200, 409], results
    winner = next(action for action, code in results.items() if code == 200)
    with session_scope(url) as s:
        stored = s.get(m.Match, match_id)
        assert stored is not None and stored.status == {"accept": "accepted", "reject": "rejected"}[winner]
        assert stored.version == 2
        decisions = s.scalars(select(m.Event.action).where(m.Event.entity == "match")).all()
        assert decisions == [f"match.{winner}"]
