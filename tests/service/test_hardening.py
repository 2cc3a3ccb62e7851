"""Issue 11 (hardening): control characters, huge integers, lost SQLite races, blank titles, chunked
bodies, security headers, LIKE wildcards and the goal of a month before the record. Each ran into a 500 (or
a wrong status) before; every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from service import models as m
from service.http.tokens import issue_token
from service.settings import Settings
from tests.service.conftest import TEST_SECRET, auth, make_request, make_user
from tests.service.test_editions_helpers import constructed, june_2003  # noqa: F401
from tests.service.test_pages import csrf_of, sign_in

NUL_URLS = [
    "/api/directory/contacts?q=%00",
    "/directory?q=%00",
    "/api/programmes?provider=%00",
    "/api/directory/entries?kind=%00",
    "/api/requests?q=a%01b",
]


def _field(response: object) -> str:
    body = response.json()  # type: ignore[attr-defined]
    return str(body["field"])


@pytest.mark.parametrize("url", NUL_URLS)
@pytest.mark.parametrize("signed_in", [False, True])
def test_control_characters_in_a_query_string_are_a_422_naming_the_field(
    client: TestClient, session: Session, url: str, signed_in: bool
) -> None:
    headers = auth(make_user(session, role="ta")) if signed_in else {}
    response = client.get(url, headers=headers, follow_redirects=False)
    if url.startswith("/api/requests") and not signed_in:
        assert response.status_code == 422  # checked before anything else, even before sign-in
    assert response.status_code == 422, response.text
    if url.startswith("/api"):
        assert _field(response) in ("q", "provider", "kind")
    else:
        assert "q" in response.text


def test_control_characters_in_json_bodies_are_refused_with_the_field(
    client: TestClient, session: Session
) -> None:
    state = auth(make_user(session, role="state", party="KEN"))
    response = client.post("/api/requests", json={"title": "Bad\u0000title", "language": "en"}, headers=state)
    assert response.status_code == 422 and _field(response) == "title"
    contact = {"name": "Ann\u0000", "email": "ann@example.org"}
    response = client.post("/api/contacts/mine", json=contact, headers=state)
    assert response.status_code == 422 and _field(response) == "name"
    # A lone surrogate (PostgreSQL cannot store it) and a nested string.
    raw = b'{"title": "ok title", "language": "en", "areas": ["\\ud800"]}'
    response = client.post(
        "/api/requests", content=raw, headers={**state, "Content-Type": "application/json"}
    )
    assert response.status_code == 422 and _field(response) == "areas.0"
    # Tab, newline and CR stay allowed in multi-line text.
    body = {
        "title": "Port security",
        "description": "line one\r\nline\ttwo",
        "language": "en",
        "areas": ["maritime"],
    }
    assert client.post("/api/requests", json=body, headers=state).status_code == 201


def test_a_single_line_title_refuses_a_newline(client: TestClient, session: Session) -> None:
    state = auth(make_user(session, role="state", party="KEN"))
    response = client.post("/api/requests", json={"title": "Two\nlines", "language": "en"}, headers=state)
    assert response.status_code == 422 and _field(response) == "title"


@pytest.mark.parametrize("title", ["     ", "\u200b\u200b\u200b\u200b", " \ufeff\u200c\u200d "])
def test_blank_or_zero_width_titles_are_refused(client: TestClient, session: Session, title: str) -> None:
    state = auth(make_user(session, role="state", party="KEN"))
    response = client.post("/api/requests", json={"title": title, "language": "en"}, headers=state)
    assert response.status_code == 422 and _field(response) == "title"
    assert session.query(m.Request).count() == 0


@pytest.mark.usefixtures("june_2003")
@pytest.mark.parametrize(
    "url",
    [
        "/api/editions/2003-05?revision=99999999999999999999",
        "/api/editions/2003-05?revision=2147483648",
        "/api/editions/2003-05/export?format=csv&revision=2147483648",
        "/team/editions/2003-05?revision=99999999999999999999",
        "/team/editions/2003-05/export?revision=2147483648",
        "/provider/needs?programme=99999999999999999999",
        "/contacts?edit=2147483648",
    ],
)
def test_huge_integers_are_a_422_not_a_500(client: TestClient, session: Session, url: str) -> None:
    role, party = ("provider", "UNODC") if url.startswith("/provider") else ("state", "KEN")
    if url.startswith(("/api/editions", "/team")):
        role, party = "ta", None
    user = make_user(session, role=role, party=party)
    headers = auth(user)
    if not url.startswith("/api"):
        headers = {}
        sign_in(client, user)
    response = client.get(url, headers=headers, follow_redirects=False)
    assert response.status_code in (404, 422), response.text


def test_a_page_form_with_a_control_character_is_a_422_naming_the_field(
    client: TestClient, session: Session
) -> None:
    user = make_user(session, role="state", party="KEN")
    sign_in(client, user)
    token = csrf_of(client, "/contacts")
    form = {"csrf_token": token, "name": "Ann\u0007", "email": "ann@example.org"}
    response = client.post("/contacts", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert "name" in response.text
    signed_in = client.get("/directory?q=%00")
    assert signed_in.status_code == 422


def test_a_token_with_a_huge_subject_is_a_401(client: TestClient) -> None:
    token, _ = issue_token(99999999999999999999, TEST_SECRET, 60)
    response = client.get("/api/requests", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def _raising(exc: Exception) -> FastAPI:
    from service.app import create_app

    app = create_app(Settings(database_url="sqlite://", secret_key=TEST_SECRET, environment="test"))

    @app.get("/api/boom")
    @app.get("/boom")
    def boom() -> None:
        raise exc

    return app


def _operational(text: str) -> OperationalError:
    return OperationalError("UPDATE editions ...", {}, sqlite3.OperationalError(text))


@pytest.mark.parametrize("path", ["/api/boom", "/boom"])
def test_a_lost_sqlite_race_is_a_409_and_an_unreachable_database_a_503(path: str) -> None:
    with TestClient(_raising(_operational("database is locked"))) as client:
        response = client.get(path)
        assert response.status_code == 409 and "Retry-After" not in response.headers
    with TestClient(_raising(_operational("connection refused"))) as client:
        response = client.get(path)
        assert response.status_code == 503


def test_sqlite_waits_for_a_busy_database(tmp_path: object) -> None:
    from sqlalchemy import text

    from service.db import engine_for

    engine = engine_for(f"sqlite:///{tmp_path}/busy.db")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000


def test_a_chunked_body_over_the_limit_is_a_413(client: TestClient, session: Session) -> None:
    state = auth(make_user(session, role="state", party="KEN"))

    def chunks() -> Iterator[bytes]:
        yield b'{"title": "'
        for _ in range(10 * 1024):
            yield b"x" * 1024
        yield b'", "language": "en"}'

    response = client.post(
        "/api/requests", content=chunks(), headers={**state, "Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_a_small_chunked_body_still_works(client: TestClient, session: Session) -> None:
    state = auth(make_user(session, role="state", party="KEN"))

    def chunks() -> Iterator[bytes]:
        yield b'{"title": "Port security assessments", '
        yield b'"language": "en", "areas": ["maritime"]}'

    response = client.post(
        "/api/requests", content=chunks(), headers={**state, "Content-Type": "application/json"}
    )
    assert response.status_code == 201, response.text


def test_csp_forbids_plugins_and_hsts_is_set_in_production(client: TestClient, settings: Settings) -> None:
    page = client.get("/directory")
    assert "object-src 'none'" in page.headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in page.headers
    from service.app import create_app

    production = settings.model_copy(update={"environment": "production", "secret_key": "x" * 48})
    with TestClient(create_app(production)) as prod:
        assert prod.get("/health").headers["Strict-Transport-Security"].startswith("max-age=")


def test_like_wildcards_match_themselves(client: TestClient, session: Session) -> None:
    make_request(session, title="Border control training")
    make_request(session, title="Rate of 50% met_target")
    team = auth(make_user(session, role="ta"))
    for q, expected in (("_", 1), ("%", 1), ("50%", 1), ("border", 1), ("r_te", 0)):
        found = client.get("/api/requests", params={"q": q}, headers=team).json()
        assert found["total"] == expected, q


@pytest.mark.usefixtures("june_2003")
def test_the_goal_before_the_first_request_says_so(client: TestClient, session: Session) -> None:
    constructed(session)  # the record starts in 2003-03
    team = make_user(session, role="ta")
    for url in ("/api/goal?month=2003-01", "/api/goal/report?month=2003-01"):
        response = client.get(url, headers=auth(team))
        assert response.status_code == 422, url
        assert response.json()["field"] == "month"
        assert "no requests before 2003-03" in response.json()["detail"]
    assert client.get("/api/goal?month=2003-03", headers=auth(team)).status_code == 200
