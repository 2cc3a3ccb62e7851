"""Issue 11, hardening: sign-in limits that forwarded headers cannot escape, per username and per client,
shared by every worker, with Retry-After; weak secrets refused; page sessions on the server (signed out
for good, never a bearer token); the same work for unknown usernames; no demo accounts in production;
deactivation kills old tokens; limited anonymous applications; admin guard rails and the users CLI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from service import models as m
from service.accounts import logic
from service.accounts.passwords import verify_password
from service.db import session_scope
from service.errors import Conflict
from service.settings import DEV_SECRET, Settings
from tests.conftest import fresh_database_url
from tests.service.conftest import PASSWORD, TEST_SECRET, auth, make_user
from tests.service.test_pages import csrf_of, sign_in

APPLICATION = {
    "requester_name": "Ana Analyst",
    "organization": "Institute for Security Studies",
    "email": "ana@example.org",
    "reason": "We study capacity-building gaps in the region.",
}


def login(client: TestClient, username: str, password: str = "wrong-password") -> Any:
    return client.post("/api/auth/token", data={"username": username, "password": password})


def from_address(app: FastAPI, address: str) -> TestClient:
    return TestClient(app, client=(address, 40000))


# 4. The sign-in limits


def test_serve_believes_forwarded_headers_only_from_configured_proxies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service.cli.main import app as cli

    for key in ("MATCHMAKER_TRUSTED_PROXIES", "MATCHMAKER_ENVIRONMENT", "MATCHMAKER_SECRET_KEY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", f"sqlite:///{tmp_path / 'serve.db'}")
    seen: list[dict[str, Any]] = []
    with patch("uvicorn.run", lambda *a, **kw: seen.append(kw)):
        assert CliRunner().invoke(cli, ["serve", "--no-worker"]).exit_code == 0
        monkeypatch.setenv("MATCHMAKER_TRUSTED_PROXIES", "10.0.0.1, 10.1.0.0/16")
        assert CliRunner().invoke(cli, ["serve", "--no-worker"]).exit_code == 0
    assert seen[0]["proxy_headers"] is False and seen[0]["forwarded_allow_ips"] == ""
    assert seen[1]["proxy_headers"] is True and seen[1]["forwarded_allow_ips"] == "10.0.0.1,10.1.0.0/16"


def test_a_new_forwarded_header_per_attempt_does_not_escape_the_limit(
    client: TestClient, session: Session
) -> None:
    user = make_user(session, role="state", party="KEN")
    statuses = [
        client.post(
            "/api/auth/token",
            data={"username": user.username, "password": "wrong-password"},
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        ).status_code
        for i in range(11)
    ]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429


def test_forwarded_for_is_believed_from_a_trusted_proxy_only(app: FastAPI, settings: Settings) -> None:
    from service.http.ratelimit import client_address

    settings.trusted_proxies = "10.0.0.0/8"

    def address(peer: str, forwarded: str) -> str:
        request = type("R", (), {})()
        request.client = type("C", (), {"host": peer})()
        request.headers = type("H", (), {"getlist": lambda self, _: [forwarded] if forwarded else []})()
        return client_address(request, settings)  # type: ignore[arg-type]

    assert address("10.0.0.5", "203.0.113.7") == "203.0.113.7"
    assert address("10.0.0.5", "198.51.100.1, 203.0.113.7, 10.0.0.9") == "203.0.113.7"
    assert address("198.51.100.9", "203.0.113.7") == "198.51.100.9"  # not a proxy: its header is ignored
    assert address("10.0.0.5", "") == "10.0.0.5"
    settings.trusted_proxies = ""
    assert address("10.0.0.5", "203.0.113.7") == "10.0.0.5"


def test_one_username_is_limited_across_clients(app: FastAPI, session: Session) -> None:
    user = make_user(session, role="state", party="KEN")
    statuses = []
    for i in range(11):
        with from_address(app, f"198.51.100.{i + 1}") as client:
            statuses.append(login(client, user.username).status_code)
    assert statuses[:10] == [401] * 10 and statuses[10] == 429
    with from_address(app, "198.51.100.99") as client:  # the right password waits too
        assert login(client, user.username, PASSWORD).status_code == 429


def test_one_client_is_limited_across_usernames(app: FastAPI, settings: Settings, session: Session) -> None:
    settings.login_attempts_per_client_per_minute = 5
    with from_address(app, "198.51.100.7") as client:
        statuses = [login(client, f"someone-{i}").status_code for i in range(6)]
        assert statuses == [401] * 5 + [429]
    with from_address(app, "198.51.100.8") as other:  # another client is not held up
        assert login(other, "someone-else").status_code == 401


def test_too_many_attempts_says_when_to_retry(client: TestClient, session: Session) -> None:
    for _ in range(10):
        login(client, "ghost")
    refused = login(client, "ghost")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    page = client.post(
        "/sign-in", data={"username": "ghost", "password": "x", "csrf_token": csrf_of(client, "/sign-in")}
    )
    assert page.status_code == 429 and 1 <= int(page.headers["Retry-After"]) <= 60


def test_the_limits_are_shared_by_every_worker(app: FastAPI, settings: Settings, session: Session) -> None:
    from service.app import create_app

    other_worker = create_app(settings)
    other_worker.dependency_overrides = app.dependency_overrides
    with TestClient(app) as first, TestClient(other_worker) as second:
        for i in range(10):
            login(first if i % 2 else second, "alice")
        assert login(first, "alice").status_code == 429
        assert login(second, "alice").status_code == 429
    assert session.scalar(select(m.RateEvent.id).where(m.RateEvent.key == "login-user:alice"))


def test_old_counted_events_are_pruned(session: Session) -> None:
    from service.http import ratelimit
    from service.models.base import utcnow

    limit = ratelimit.Limit("test:prune", 3, timedelta(minutes=1))
    session.add(m.RateEvent(key="test:prune", at=utcnow() - timedelta(days=2)))
    session.flush()
    ratelimit.count(session, [limit])
    assert len(session.scalars(select(m.RateEvent).where(m.RateEvent.key == "test:prune")).all()) == 1


# 5. Secrets


@pytest.mark.parametrize("secret", ["a", "x" * 31, DEV_SECRET, ""])
def test_production_refuses_a_weak_secret(secret: str) -> None:
    with pytest.raises(ValidationError, match="MATCHMAKER_SECRET_KEY"):
        Settings(environment="production", secret_key=secret, database_url="sqlite://")


def test_development_refuses_an_empty_secret_and_production_takes_a_long_one() -> None:
    with pytest.raises(ValidationError, match="empty"):
        Settings(environment="development", secret_key="", database_url="sqlite://")
    assert Settings(environment="production", secret_key="k" * 32, database_url="sqlite://")


def test_a_weak_secret_stops_start_up_with_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from service.cli.main import app as cli

    monkeypatch.setenv("MATCHMAKER_ENVIRONMENT", "production")
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", "a")
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    with patch("uvicorn.run") as run:
        result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2 and not run.called
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "at least 32 bytes" in lines[0]


# 7. Page sessions


def _cookie(client: TestClient) -> str:
    value = client.cookies.get("mm_session")
    assert value
    return value


def test_the_session_cookie_is_not_a_bearer_token_nor_a_token_a_cookie(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    team = make_user(session, role="ta")
    sign_in(client, team)
    cookie = _cookie(client)
    assert client.get("/api/me", headers={"Authorization": f"Bearer {cookie}"}).status_code == 401
    bearer = auth(team)["Authorization"].removeprefix("Bearer ")
    with TestClient(app, cookies={"mm_session": bearer}) as other:
        assert other.get("/team/users", follow_redirects=False).status_code == 303
    stored = session.scalars(select(m.PageSession.token_hash).where(m.PageSession.user_id == team.id)).all()
    assert stored and cookie not in stored  # only its digest is kept


def test_signing_out_ends_the_session_on_the_server(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    sign_in(client, make_user(session, role="ta"))
    cookie = _cookie(client)
    client.post("/sign-out", data={"csrf_token": csrf_of(client, "/team/users")}, follow_redirects=False)
    with TestClient(app, cookies={"mm_session": cookie}) as replay:
        assert replay.get("/team/users", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("column", ["last_seen_at", "created_at"])
def test_idle_and_absolute_timeouts_end_a_session(
    client: TestClient, session: Session, settings: Settings, column: str
) -> None:
    team = make_user(session, role="ta")
    sign_in(client, team)
    assert client.get("/team/users", follow_redirects=False).status_code == 200
    row = session.scalars(select(m.PageSession).where(m.PageSession.user_id == team.id)).one()
    minutes = settings.session_idle_minutes if column == "last_seen_at" else settings.session_max_minutes
    setattr(row, column, getattr(row, column) - timedelta(minutes=minutes + 1))
    if column == "created_at":
        team.tokens_valid_after = row.created_at - timedelta(seconds=1)
    session.flush()
    assert client.get("/team/users", follow_redirects=False).status_code == 303


# 10. Timing


def test_unknown_usernames_cost_the_same_password_check(client: TestClient, session: Session) -> None:
    user = make_user(session, role="state", party="KEN")
    calls: list[str] = []

    def counted(password: str, password_hash: str) -> bool:
        calls.append(password_hash)
        return verify_password(password, password_hash)

    with patch("service.accounts.logic.verify_password", counted):
        assert login(client, user.username).status_code == 401
        assert login(client, "no-such-user").status_code == 401
        user.active = False
        session.flush()
        assert login(client, user.username, PASSWORD).status_code == 401
    assert len(calls) == 3 and calls[1].startswith("$argon2")


# 11. Demo accounts


@pytest.mark.parametrize("args", [["seed", "--demo"], ["serve", "--show-demo-logins"]])
def test_production_refuses_demo_accounts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str]
) -> None:
    from service.cli.main import app as cli

    monkeypatch.setenv("MATCHMAKER_ENVIRONMENT", "production")
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    with patch("uvicorn.run") as run:
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and not run.called
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "refused in production" in lines[0]


# 12. Deactivation


def test_reactivating_a_user_does_not_revive_old_tokens_or_sessions(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    team = make_user(session, role="ta")
    state = make_user(session, role="state", party="KEN")
    token = login(client, state.username, PASSWORD).json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as browser:
        sign_in(browser, state)
        for active, version in ((False, state.version), (True, state.version + 1)):
            changed = client.patch(
                f"/api/users/{state.id}", headers=auth(team), json={"version": version, "active": active}
            )
            assert changed.status_code == 200, changed.text
        assert client.get("/api/me", headers=bearer).status_code == 401
        assert browser.get("/state/requests", follow_redirects=False).status_code == 303
    assert login(client, state.username, PASSWORD).status_code == 200  # a new sign-in works


# 15. Anonymous applications


def test_anonymous_applications_are_limited_per_client(app: FastAPI, client: TestClient) -> None:
    statuses = [client.post("/api/access-requests", json=APPLICATION).status_code for _ in range(6)]
    assert statuses == [202] * 5 + [429]
    refused = client.post("/api/access-requests", json=APPLICATION)
    assert 3000 < int(refused.headers["Retry-After"]) <= 3600
    page = client.post("/access", data={**APPLICATION, "csrf_token": csrf_of(client, "/access")})
    assert page.status_code == 429 and "Retry-After" in page.headers
    with from_address(app, "198.51.100.3") as other:
        assert other.post("/api/access-requests", json=APPLICATION).status_code == 202


# Issue 13 #9: guard rails on admin


def test_no_one_deactivates_themselves_or_the_last_team_account(client: TestClient, session: Session) -> None:
    team = make_user(session, role="ta")
    own = client.patch(f"/api/users/{team.id}", headers=auth(team), json={"version": 1, "active": False})
    assert own.status_code == 409 and "your own account" in own.json()["detail"]
    with pytest.raises(Conflict, match="last active team account"):
        logic.deactivate_guard(session, None, team)
    colleague = make_user(session, role="ta")
    logic.deactivate_guard(session, None, team)  # with a colleague left, it may go
    done = client.patch(
        f"/api/users/{colleague.id}", headers=auth(team), json={"version": 1, "active": False}
    )
    assert done.status_code == 200 and done.json()["active"] is False


def test_cli_reactivates_a_user_and_sets_a_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.cli.main import app as cli

    url = fresh_database_url("sqlite", tmp_path)
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", url)
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", TEST_SECRET)
    with session_scope(url) as s:
        user = logic.create_user(s, username="kim", password=PASSWORD, role="ta", party=None, actor=None)
        user.active = False
        before = user.tokens_valid_after
    run: Callable[..., Any] = CliRunner().invoke
    assert run(cli, ["users", "reactivate", "kim"]).exit_code == 0
    changed = run(cli, ["users", "set-password", "kim"], input="new-password-9\nnew-password-9\n")
    assert changed.exit_code == 0, changed.output
    assert "new-password-9" not in changed.output
    assert run(cli, ["users", "reactivate", "nobody"]).exit_code == 2
    with session_scope(url) as s:
        kim = s.scalars(select(m.User).where(m.User.username == "kim")).one()
        assert kim.active and verify_password("new-password-9", kim.password_hash)
        assert kim.tokens_valid_after > before


def test_a_backup_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    from service.backup import write_backup

    url = fresh_database_url("sqlite", tmp_path)
    archive = tmp_path / "b.jsonl.gz"
    write_backup(url, archive)
    assert archive.stat().st_mode & 0o777 == 0o600
