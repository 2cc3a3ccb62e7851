"""Issue 12, access to the matrix by application: an approval creates a reader account with its expiry and
e-mails its one-time sign-in link (to the outbox without SMTP); the link sets the password once, and a used,
expired or unknown link is refused with a page that says why; an expired reader is refused at sign-in, on
its tokens and on its page sessions; a reader sees the circulated editions only (a month built but not
circulated answers as one never built) and nothing else of the app."""

from __future__ import annotations

import email
import hashlib
import re
from datetime import UTC, datetime, timedelta
from email import policy
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.editions import store
from service.settings import Settings
from tests.service.conftest import auth, make_user
from tests.service.test_access_decisions import APPLICATION
from tests.service.test_editions import _circulate
from tests.service.test_editions_helpers import TODAY, constructed, june_2003  # noqa: F401
from tests.service.test_pages import csrf_of, sign_in
from tests.service.test_public_routes import PUBLIC_API, PUBLIC_PAGES, is_api, operations

pytestmark = pytest.mark.usefixtures("june_2003")

# What a reader reaches beyond the public routes: who they are, and the circulated editions.
READER_API = {
    ("GET", "/api/me"),
    ("GET", "/api/circulated"),
    ("GET", "/api/circulated/{month}/export"),
}
READER_PAGES = {
    ("GET", "/matrix"),
    ("GET", "/matrix/{month}/export"),
}


def _approve(client: TestClient, team: dict[str, str], **extra: object) -> dict:  # type: ignore[type-arg]
    applied = client.post("/api/access-requests", json=APPLICATION).json()
    url = f"/api/access-requests/{applied['id']}/decision"
    response = client.post(url, headers=team, json={"version": 1, "decision": "approved", **extra})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _mails(settings: Settings) -> list[email.message.EmailMessage]:
    found = sorted((settings.outbox_dir / "accounts").glob("*.eml"))
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in found]  # type: ignore[misc]


def _token(message: email.message.EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    link = re.search(r"(http\S+/set-password\?\S+)", body)
    assert link, body
    return parse_qs(urlsplit(link.group(1)).query)["token"][0]


def test_approval_creates_a_reader_and_writes_its_link_to_the_outbox(
    client: TestClient, session: Session, settings: Settings
) -> None:
    team = auth(make_user(session, role="ta"))
    decided = _approve(client, team)
    reader = session.get(m.User, decided["user_id"])
    assert reader is not None and reader.role == "reader" and reader.email == APPLICATION["email"]
    assert reader.username == "ada@iss.example" and reader.display_name == APPLICATION["requester_name"]
    assert reader.expires_at == datetime(2003, 12, 12, tzinfo=UTC)  # TODAY + MATCHMAKER_READER_DAYS (180)

    (message,) = _mails(settings)
    assert message["To"] == "ada@iss.example" and "ada@iss.example" in message.get_content()  # type: ignore[attr-defined]
    token = _token(message)
    assert message.get_content().count("http://localhost:8000/set-password?token=") == 1  # type: ignore[attr-defined]
    link = session.scalars(select(m.SignInLink).where(m.SignInLink.user_id == reader.id)).one()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() and link.used_at is None
    assert token not in link.token_hash  # only the hash is kept

    event = session.scalars(select(m.Event).where(m.Event.action == "access.approved")).one()
    assert event.after["reader"] == "ada@iss.example" and event.after["expires_on"] == "2003-12-12"
    created = select(m.Event).where(m.Event.action == "user.created", m.Event.entity_id == str(reader.id))
    assert session.scalars(created).one().actor_id is not None  # the team member who approved

    # The same address applying again gets another username, never someone else's account.
    again = _approve(client, team, expires_on="2003-07-01")
    second = session.get(m.User, again["user_id"])
    assert second is not None and second.username == "ada@iss.example-2"
    assert second.expires_at == datetime(2003, 7, 1, tzinfo=UTC)


def test_a_mail_server_that_fails_leaves_the_account_and_says_why(
    client: TestClient, session: Session, settings: Settings
) -> None:
    settings.smtp_host, settings.smtp_port = "127.0.0.1", 1  # nothing listens there
    decided = _approve(client, auth(make_user(session, role="ta")))
    assert decided["status"] == "approved" and decided["user_id"] is not None
    assert len(_mails(settings)) == 1  # the message stays in the outbox, to send by hand
    event = session.scalars(select(m.Event).where(m.Event.action == "access.approved")).one()
    assert event.after["e_mail"].startswith("mail server 127.0.0.1:1")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"decision": "approved", "expires_on": str(TODAY)}, "expires_on"),
        ({"decision": "approved", "expires_on": "not a day"}, "expires_on"),
        ({"decision": "refused", "note": "no", "expires_on": "2003-12-01"}, "expires_on"),
    ],
)
def test_a_bad_end_date_is_refused_and_changes_nothing(
    client: TestClient, session: Session, settings: Settings, extra: dict[str, str], field: str
) -> None:
    team = auth(make_user(session, role="ta"))
    applied = client.post("/api/access-requests", json=APPLICATION).json()
    url = f"/api/access-requests/{applied['id']}/decision"
    response = client.post(url, headers=team, json={"version": 1, **extra})
    assert response.status_code == 422 and response.json()["field"] == field
    assert session.get(m.AccessRequest, applied["id"]).status == "pending"  # type: ignore[union-attr]
    assert session.scalar(select(func.count()).select_from(m.User).where(m.User.role == "reader")) == 0
    assert not (settings.outbox_dir / "accounts").exists()


def test_the_team_page_approves_with_an_end_date(client: TestClient, session: Session) -> None:
    applied = client.post("/api/access-requests", json=APPLICATION).json()
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, "/team/access")
    assert 'name="expires_on" type="date" value="2003-12-12"' in client.get("/team/access").text
    done = client.post(
        f"/team/access/{applied['id']}",
        data={"csrf_token": token, "version": "1", "decision": "approved", "expires_on": "2004-01-31"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    reader = session.scalars(select(m.User).where(m.User.role == "reader")).one()
    assert reader.expires_at == datetime(2004, 1, 31, tzinfo=UTC)
    assert "Reader account: ada@iss.example" in client.get("/team/access").text


def _set_password(client: TestClient, token: str, password: str) -> object:
    csrf = csrf_of(client, f"/set-password?token={token}")
    return client.post(
        "/set-password",
        data={"csrf_token": csrf, "token": token, "password": password},
        follow_redirects=False,
    )


def test_the_link_sets_the_password_once(client: TestClient, session: Session, settings: Settings) -> None:
    _approve(client, auth(make_user(session, role="ta")))
    token = _token(_mails(settings)[0])
    form = client.get(f"/set-password?token={token}")
    assert form.status_code == 200 and "ada@iss.example" in form.text

    short = _set_password(client, token, "short")
    assert short.status_code == 422 and "at least 8 characters" in short.text  # type: ignore[attr-defined]
    assert session.scalars(select(m.SignInLink)).one().used_at is None

    done = _set_password(client, token, "a-new-long-password")
    assert done.status_code == 303 and done.headers["location"] == "/sign-in"  # type: ignore[attr-defined]
    signed = client.post(
        "/api/auth/token", data={"username": "ada@iss.example", "password": "a-new-long-password"}
    )
    assert signed.status_code == 200 and signed.json()["role"] == "reader"

    used = client.get(f"/set-password?token={token}")
    assert used.status_code == 410 and "already used" in used.text
    replay = client.post(
        "/set-password",
        data={"csrf_token": csrf_of(client, "/sign-in"), "token": token, "password": "another-password"},
    )
    assert replay.status_code == 410 and "already used" in replay.text
    again = client.post(
        "/api/auth/token", data={"username": "ada@iss.example", "password": "a-new-long-password"}
    )
    assert again.status_code == 200  # the replay changed nothing


def test_an_expired_or_unknown_link_is_refused_with_words(
    client: TestClient, session: Session, settings: Settings
) -> None:
    _approve(client, auth(make_user(session, role="ta")))
    token = _token(_mails(settings)[0])
    link = session.scalars(select(m.SignInLink)).one()
    link.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    session.flush()
    expired = client.get(f"/set-password?token={token}")
    assert (
        expired.status_code == 410
        and "expired" in expired.text
        and "<form" not in expired.text.split("main")[1]
    )
    unknown = client.get("/set-password?token=not-a-real-token-at-all")
    assert unknown.status_code == 400 and "not a valid sign-in link" in unknown.text
    assert client.get("/set-password").status_code == 400


def test_an_expired_reader_is_refused_everywhere(client: TestClient, session: Session) -> None:
    reader = make_user(session, role="reader", expires_at=datetime(2003, 7, 1, tzinfo=UTC))
    headers = auth(reader)
    assert client.get("/api/circulated", headers=headers).status_code == 200
    assert sign_in(client, reader) == "/matrix"
    assert client.get("/matrix", follow_redirects=False).status_code == 200

    reader.expires_at = datetime(2003, 6, 15, tzinfo=UTC)  # ended this morning, by the service's clock
    session.flush()
    assert client.get("/api/circulated", headers=headers).status_code == 401
    token = client.post(
        "/api/auth/token", data={"username": reader.username, "password": "correct-horse-battery"}
    )
    assert token.status_code == 401 and "ended on 2003-06-15" in token.json()["detail"]
    page = client.get("/matrix", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/sign-in")


@pytest.fixture
def editions(session: Session) -> None:
    """April and May 2003 built; April circulated (and then corrected: revision 2 never went out)."""
    constructed(session)
    april = store.build(session, "2003-04", actor=None, on=TODAY)
    store.build(session, "2003-05", actor=None, on=TODAY)
    _circulate(session, april)
    store.build(session, "2003-04", actor=None, on=TODAY, reason="a corrected total")


def test_a_reader_sees_the_circulated_editions_only(
    client: TestClient, session: Session, editions: None
) -> None:
    headers = auth(make_user(session, role="reader"))
    listed = client.get("/api/circulated", headers=headers).json()
    assert [(e["month"], e["revision"]) for e in listed] == [("2003-04", 1)]

    xlsx = client.get("/api/circulated/2003-04/export", headers=headers)
    assert xlsx.status_code == 200 and xlsx.headers["content-disposition"].endswith('r1.xlsx"')
    html = client.get("/api/circulated/2003-04/export?format=html", headers=headers)
    assert html.status_code == 200 and html.content.startswith(b"<!doctype html")
    assert client.get("/api/circulated/2003-04/export?format=csv", headers=headers).status_code == 422

    # Built but never circulated, and never built at all: the same answer.
    def refused(path: str, month: str) -> dict:  # type: ignore[type-arg]
        response = client.get(path, headers=headers)
        assert response.status_code == 404
        return {k: str(v).replace(month, "MONTH") for k, v in response.json().items()}

    assert refused("/api/circulated/2003-05/export", "2003-05") == refused(
        "/api/circulated/2003-02/export", "2003-02"
    )
    assert client.get("/api/circulated/2003-04/export?revision=2", headers=headers).status_code == 404
    assert client.get("/api/editions", headers=headers).status_code == 403
    assert client.get("/api/editions/2003-05/export", headers=headers).status_code == 403


def test_the_reader_pages_list_and_open_the_circulated_editions(
    client: TestClient, session: Session, editions: None
) -> None:
    assert sign_in(client, make_user(session, role="reader")) == "/matrix"
    page = client.get("/matrix").text
    assert "/matrix/2003-04/export?format=html&amp;revision=1" in page and "2003-05" not in page
    printable = client.get("/matrix/2003-04/export?format=html&revision=1")
    assert printable.status_code == 200 and printable.headers["content-disposition"].startswith("inline")
    assert client.get("/matrix/2003-05/export").status_code == 404
    assert client.get("/team/editions").status_code == 403


def test_a_reader_reaches_nothing_but_the_reader_list(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    """Every route of the app, called as a reader (bearer token for the API, session cookie and a valid
    CSRF token for the pages): all but the public routes and the READER lists answer 403."""
    reader = make_user(session, role="reader")
    headers = auth(reader)
    sign_in(client, reader)
    csrf = csrf_of(client, "/matrix")  # the sign-out form's
    reached = set()
    for method, path in operations(app) - PUBLIC_API - PUBLIC_PAGES:
        url = re.sub(r"\{[^}]+\}", "1", path)
        if is_api(path):
            response = client.request(method, url, headers=headers, json={}, follow_redirects=False)
        else:
            body = {} if method == "GET" else {"data": {"csrf_token": csrf}}
            response = client.request(method, url, follow_redirects=False, **body)
        assert response.status_code != 401 and not response.headers.get("location", "").startswith("/sign-in")
        if response.status_code != 403:
            reached.add((method, path))
    assert {op for op in reached if is_api(op[1])} == READER_API
    assert {op for op in reached if not is_api(op[1])} == READER_PAGES


def test_the_reader_home_and_role_label(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="reader"))
    home = client.get("/", follow_redirects=False)
    assert home.headers["location"] == "/matrix"
    page = client.get("/matrix").text
    assert "No edition has been circulated yet." in page and "Reader" in page
