"""Issue 4: who may do what — every endpoint against every audience, allowed and refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service import models as m
from tests.service.conftest import auth, make_programme, make_request, make_user

ROLES = ("anonymous", "team", "own_state", "other_state", "own_provider", "other_provider")


@dataclass
class World:
    users: dict[str, m.User | None]
    request: m.Request
    programme: m.Programme
    match: m.Match
    contact: m.Contact


@pytest.fixture
def world(session: Session) -> World:
    users: dict[str, m.User | None] = {
        "anonymous": None,
        "team": make_user(session, role="ta"),
        "own_state": make_user(session, role="state", party="KEN"),
        "other_state": make_user(session, role="state", party="PER"),
        "own_provider": make_user(session, role="provider", party="UNODC"),
        "other_provider": make_user(session, role="provider", party="OSCE"),
    }
    request = make_request(session, state="KEN")
    make_request(session, state="PER")
    programme = make_programme(session, provider="UNODC")
    match = m.Match(
        request_id=request.id,
        programme_id=programme.id,
        score=0.8,
        status="suggested",
        explanation={"summary": "shared area financing"},
    )
    contact = m.Contact(state_iso3="KEN", name="Desk officer", email="desk@example.org")
    session.add_all([match, contact])
    session.flush()
    return World(users, request, programme, match, contact)


Call = Callable[[World], tuple[str, str, Any]]
CASES: dict[str, tuple[Call, tuple[int, ...]]] = {
    # name: (what to call, expected status for anonymous, team, own/other state, own/other provider)
    "me": (lambda w: ("GET", "/api/me", None), (401, 200, 200, 200, 200, 200)),
    "list requests": (lambda w: ("GET", "/api/requests", None), (401, 200, 200, 200, 403, 403)),
    "file request": (
        lambda w: (
            "POST",
            "/api/requests",
            {"title": "Border control training", "language": "en", "areas": ["immigration"]},
        ),
        (401, 422, 201, 201, 403, 403),
    ),
    "read request": (
        lambda w: ("GET", f"/api/requests/{w.request.id}", None),
        (401, 200, 200, 403, 403, 403),
    ),
    "read unknown request": (lambda w: ("GET", "/api/requests/999999", None), (401, 404, 403, 403, 403, 403)),
    "edit request": (
        lambda w: (
            "PATCH",
            f"/api/requests/{w.request.id}",
            {"version": w.request.version, "title": "Revised title"},
        ),
        (401, 200, 200, 403, 403, 403),
    ),
    "withdraw request": (
        lambda w: ("POST", f"/api/requests/{w.request.id}/withdraw", {"version": w.request.version}),
        (401, 200, 200, 403, 403, 403),
    ),
    "request history": (
        lambda w: ("GET", f"/api/requests/{w.request.id}/history", None),
        (401, 200, 200, 403, 403, 403),
    ),
    "reprioritise": (
        lambda w: ("PUT", "/api/states/KEN/priorities", {"order": [w.request.id]}),
        (401, 200, 200, 403, 403, 403),
    ),
    "triage": (
        lambda w: (
            "POST",
            f"/api/requests/{w.request.id}/triage",
            {"version": w.request.version, "outcome": "reasonable"},
        ),
        (401, 200, 403, 403, 403, 403),
    ),
    "close unmet": (
        lambda w: (
            "POST",
            f"/api/requests/{w.request.id}/close",
            {"version": w.request.version, "outcome": "closed_unmet", "reason": "no provider in 12 months"},
        ),
        (401, 200, 403, 403, 403, 403),
    ),
    "review queue": (lambda w: ("GET", "/api/matches", None), (401, 200, 403, 403, 403, 403)),
    "read match": (lambda w: ("GET", f"/api/matches/{w.match.id}", None), (401, 200, 403, 403, 200, 403)),
    "accept match": (
        lambda w: (
            "POST",
            f"/api/matches/{w.match.id}/decision",
            {"version": w.match.version, "action": "accept"},
        ),
        (401, 200, 403, 403, 403, 403),
    ),
    "take up match": (
        lambda w: (
            "POST",
            f"/api/matches/{w.match.id}/decision",
            {"version": w.match.version, "action": "offer"},
        ),
        (401, 200, 403, 403, 200, 403),
    ),
    "need list": (lambda w: ("GET", "/api/provider/needs", None), (401, 403, 403, 403, 200, 200)),
    "commitments": (lambda w: ("GET", "/api/provider/commitments", None), (401, 403, 403, 403, 200, 200)),
    "directory programmes": (lambda w: ("GET", "/api/programmes", None), (200, 200, 200, 200, 200, 200)),
    "directory entries": (lambda w: ("GET", "/api/directory/entries", None), (200, 200, 200, 200, 200, 200)),
    "contacts directory": (
        lambda w: ("GET", "/api/directory/contacts", None),
        (200, 200, 200, 200, 200, 200),
    ),
    "add programme": (
        lambda w: (
            "POST",
            "/api/programmes",
            {"title": "Port security audits", "areas": ["maritime"], "scope": {"kind": "global"}},
        ),
        (401, 422, 403, 403, 201, 201),
    ),
    "edit programme": (
        lambda w: (
            "PUT",
            f"/api/programmes/{w.programme.id}",
            {
                "version": w.programme.version,
                "title": "Renamed",
                "areas": ["financing"],
                "scope": {"kind": "global"},
            },
        ),
        (401, 200, 403, 403, 200, 403),
    ),
    "my contacts": (lambda w: ("GET", "/api/contacts/mine", None), (401, 403, 200, 200, 200, 200)),
    "edit contact": (
        lambda w: (
            "PUT",
            f"/api/contacts/{w.contact.id}",
            {"version": w.contact.version, "name": "New officer", "email": "new@example.org"},
        ),
        (401, 200, 200, 403, 403, 403),
    ),
    "state reports": (lambda w: ("GET", "/api/states/KEN/reports", None), (401, 200, 200, 403, 403, 403)),
    "all reports": (lambda w: ("GET", "/api/reports", None), (401, 200, 403, 403, 403, 403)),
    "event log": (lambda w: ("GET", "/api/events", None), (401, 200, 403, 403, 403, 403)),
    "list users": (lambda w: ("GET", "/api/users", None), (401, 200, 403, 403, 403, 403)),
    "add user": (
        lambda w: ("POST", "/api/users", {"username": "newbie", "password": "long-enough-pw", "role": "ta"}),
        (401, 201, 403, 403, 403, 403),
    ),
    "revoke tokens": (
        lambda w: ("POST", f"/api/users/{w.users['own_state'].id}/revoke-tokens", None),  # type: ignore[union-attr]
        (401, 200, 403, 403, 403, 403),
    ),
    "access applications": (lambda w: ("GET", "/api/access-requests", None), (401, 200, 403, 403, 403, 403)),
    "apply for access": (
        lambda w: (
            "POST",
            "/api/access-requests",
            {
                "requester_name": "A. Analyst",
                "organization": "Some NGO",
                "email": "a@example.org",
                "reason": "We want to see the matrix.",
            },
        ),
        (202, 202, 202, 202, 202, 202),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_role_matrix(case: str, world: World, client: TestClient, session: Session) -> None:
    call, expected = CASES[case]
    got = {}
    for role in ROLES:
        method, path, body = call(world)
        user = world.users[role]
        savepoint = session.begin_nested()  # each role acts on the same untouched world
        response = client.request(method, path, json=body, headers=auth(user) if user else {})
        got[role] = response.status_code
        if response.status_code == 403:
            # A refusal never hints at whether the record exists.
            assert response.json()["error"] == "forbidden"
        savepoint.rollback()
        session.expire_all()
    assert got == dict(zip(ROLES, expected, strict=True))
