"""Issue 6, the pages' security: sign-in with an HttpOnly SameSite cookie and a return to the page asked
for; CSRF refused without a token or with another session's; the "not allowed" page; pages never take
the API's bearer header and the API never takes the cookie; expired sessions; HTML and JSON errors."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service import models as m
from service.accounts.logic import revoke_tokens
from tests.service.conftest import PASSWORD, auth, make_user

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(client: TestClient, path: str) -> str:
    """The CSRF token of the first form on a page."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = CSRF.search(page.text)
    assert found, f"no form on {path}"
    return found.group(1)


def sign_in(client: TestClient, user: m.User, next_path: str = "") -> str:
    """Sign in through the form; returns where the browser is sent."""
    token = csrf_of(client, "/sign-in")
    response = client.post(
        "/sign-in",
        data={"username": user.username, "password": PASSWORD, "csrf_token": token, "next": next_path},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_a_page_sends_the_signed_out_to_sign_in_and_back(client: TestClient, session: Session) -> None:
    state = make_user(session, role="state", party="KEN")
    first = client.get("/state/requests?x=1", follow_redirects=False)
    assert first.status_code == 303
    target = urlsplit(first.headers["location"])
    assert target.path == "/sign-in" and parse_qs(target.query)["next"] == ["/state/requests?x=1"]
    assert sign_in(client, state, "/state/requests?x=1") == "/state/requests?x=1"
    assert client.get("/state/requests").status_code == 200


def test_the_session_cookie_is_http_only_and_same_site(client: TestClient, session: Session) -> None:
    state = make_user(session, role="state", party="KEN")
    token = csrf_of(client, "/sign-in")
    response = client.post(
        "/sign-in",
        data={"username": state.username, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("mm_session="))
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert response.headers["location"] == "/state/requests"


def test_wrong_password_keeps_the_username_and_says_so(client: TestClient, session: Session) -> None:
    state = make_user(session, role="state", party="KEN")
    token = csrf_of(client, "/sign-in")
    response = client.post(
        "/sign-in", data={"username": state.username, "password": "nope-nope", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "Wrong username or password" in response.text
    assert f'value="{state.username}"' in response.text


def test_forms_without_a_valid_csrf_token_are_refused(client: TestClient, session: Session) -> None:
    state = make_user(session, role="state", party="KEN")
    sign_in(client, state)
    body = {"title": "Drafting a counter-financing law", "language": "en", "stage": "A"}
    missing = client.post("/state/requests/new", data=body)
    assert missing.status_code == 403 and "This form has expired" in missing.text
    forged = client.post("/state/requests/new", data={**body, "csrf_token": "forged"})
    assert forged.status_code == 403
    # A token minted for another session is refused too.
    with TestClient(client.app) as other:
        sign_in(other, make_user(session, role="state", party="KEN"))
        foreign = csrf_of(other, "/state/requests/new")
    assert client.post("/state/requests/new", data={**body, "csrf_token": foreign}).status_code == 403
    assert session.query(m.Request).filter_by(title=body["title"]).count() == 0


def test_the_wrong_role_gets_the_not_allowed_page(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="state", party="KEN"))
    response = client.get("/team/queue")
    assert response.status_code == 403
    assert "text/html" in response.headers["content-type"]
    assert "Not allowed" in response.text and "Technical Assistance Team" in response.text


def test_pages_ignore_the_bearer_header_and_the_api_ignores_the_cookie(
    client: TestClient, session: Session
) -> None:
    team = make_user(session, role="ta")
    bearer = auth(team)
    refused = client.get("/team/queue", headers=bearer, follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/sign-in")
    sign_in(client, team)
    assert client.get("/team/queue").status_code == 200
    api = client.get("/api/me")
    assert api.status_code == 401 and api.json()["error"] == "unauthorized"


def test_a_revoked_session_returns_to_sign_in(client: TestClient, session: Session) -> None:
    state = make_user(session, role="state", party="KEN")
    sign_in(client, state)
    assert client.get("/state/requests").status_code == 200
    revoke_tokens(session, state, actor=None)
    state.tokens_valid_after += timedelta(seconds=5)  # the token was issued within this same second
    session.flush()
    response = client.get("/state/requests", follow_redirects=False)
    assert response.status_code == 303 and "next=%2Fstate%2Frequests" in response.headers["location"]


def test_sign_out_needs_the_token_and_ends_the_session(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="ta"))
    assert client.post("/sign-out", data={}).status_code == 403
    token = csrf_of(client, "/team/users")
    out = client.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303 and 'mm_session=""' in out.headers["set-cookie"]
    client.cookies.delete("mm_session")
    assert client.get("/team/users", follow_redirects=False).status_code == 303


def test_errors_are_html_on_pages_and_json_on_the_api(client: TestClient) -> None:
    page = client.get("/no-such-page")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "There is no page at this address" in page.text
    api = client.get("/api/no-such-endpoint")
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
    bad = client.get("/directory?offset=-3")
    assert bad.status_code == 422 and "text/html" in bad.headers["content-type"]


def test_public_pages_need_no_sign_in(client: TestClient) -> None:
    for path in ("/", "/directory", "/directory/contacts", "/access", "/sign-in"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Content-Security-Policy" in response.headers


def test_an_unexpected_failure_is_an_html_page(client: TestClient) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    client.app.add_api_route("/broken-page", broken)  # type: ignore[attr-defined]
    failing = TestClient(client.app, raise_server_exceptions=False)
    response = failing.get("/broken-page")
    assert response.status_code == 500 and "Something went wrong" in response.text
