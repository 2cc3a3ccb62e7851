"""Issue 5 through the API: team-only (a state or provider user gets 403, anonymous 401), build, list,
read, diff, export downloads, verify, packages as a ZIP, and bad input as a 4xx with one clear line."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from tests.service.conftest import auth, make_user
from tests.service.test_editions_helpers import constructed, june_2003  # noqa: F401

pytestmark = pytest.mark.usefixtures("june_2003")

ENDPOINTS = [
    ("post", "/api/editions", {"month": "2003-05"}),
    ("get", "/api/editions", None),
    ("get", "/api/editions/2003-05", None),
    ("get", "/api/editions/2003-05/diff", None),
    ("get", "/api/editions/2003-05/export?format=xlsx", None),
    ("get", "/api/editions/2003-05/verify", None),
    ("get", "/api/editions/2003-05/packages", None),
    ("get", "/api/editions/2003-05/circulation/preview", None),
    ("post", "/api/editions/2003-05/circulation", {"confirm": True}),
    ("get", "/api/editions/2003-05/circulation", None),
    ("get", "/api/goal?month=2003-05", None),
    ("get", "/api/goal/report?month=2003-05", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_team_only(client: TestClient, session: Session, method: str, path: str, body: dict | None) -> None:  # type: ignore[type-arg]
    assert client.request(method, path, json=body).status_code == 401
    for role, party in (("state", "KEN"), ("provider", "UNODC")):
        headers = auth(make_user(session, role=role, party=party))
        response = client.request(method, path, json=body, headers=headers)
        assert response.status_code == 403, (role, response.text)


def test_build_read_diff_export_verify(client: TestClient, session: Session) -> None:
    c = constructed(session)
    team = auth(make_user(session, role="ta"))
    april = client.post("/api/editions", headers=team, json={"month": "2003-04"})
    assert april.status_code == 201, april.text
    may = client.post("/api/editions", headers=team, json={"month": "2003-05"}).json()
    assert may["revision"] == 1 and may["gaps"] == 1 and len(may["checksum"]) == 64
    assert [e["month"] for e in client.get("/api/editions", headers=team).json()] == ["2003-05", "2003-04"]

    detail = client.get("/api/editions/2003-05", headers=team).json()
    assert detail["verified"] and detail["summary"]["met_in_month"] == 1

    delta = client.get("/api/editions/2003-05/diff", headers=team).json()
    assert delta["from"] == {"month": "2003-04", "revision": 1} and delta["counts"]["new_request"] == 1
    assert client.get("/api/editions/2003-04/diff", headers=team).status_code == 404  # nothing earlier

    xlsx = client.get("/api/editions/2003-05/export", headers=team, params={"format": "xlsx"})
    assert (
        xlsx.status_code == 200 and "assistance-matrix-2003-05-r1.xlsx" in xlsx.headers["content-disposition"]
    )
    book = load_workbook(io.BytesIO(xlsx.content))
    assert c.r3.ref in {row[4] for row in book["By state"].iter_rows(min_row=2, values_only=True)}
    exported = client.get("/api/editions/2003-05/export", headers=team, params={"format": "json"})
    assert json.loads(exported.content)["month"] == "2003-05"
    for fmt, media in (("csv", "text/csv"), ("html", "text/html")):
        response = client.get("/api/editions/2003-05/export", headers=team, params={"format": fmt})
        assert response.headers["content-type"].startswith(media)
    assert all(v["ok"] for v in client.get("/api/editions/2003-05/verify", headers=team).json())


def test_packages_zip_then_rebuild_refused_and_correction(client: TestClient, session: Session) -> None:
    constructed(session)
    team = auth(make_user(session, role="ta"))
    client.post("/api/editions", headers=team, json={"month": "2003-05"})
    response = client.get("/api/editions/2003-05/packages", headers=team)
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert (
        "packages/status-sheet-KEN-2003-05-r1.xlsx" in names and "assistance-matrix-2003-05-r1.xlsx" in names
    )
    # Looking at the packages sends nothing and logs nothing.
    assert client.get("/api/editions/2003-05/circulation", headers=team).json() == []


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"month": "2003-5"}, 422, "must look like"),
        ({"month": "2004-01"}, 422, "in the future"),
        ({"month": "1998-01"}, 422, "no requests"),
        ({"month": "2003-05", "reason": "typo"}, 422, "no edition of 2003-05 to correct"),
    ],
)
def test_bad_builds(client: TestClient, session: Session, body: dict, status: int, words: str) -> None:  # type: ignore[type-arg]
    constructed(session)
    team = auth(make_user(session, role="ta"))
    response = client.post("/api/editions", headers=team, json=body)
    assert response.status_code == status and words in response.json()["detail"]


def test_unknown_month_and_format(client: TestClient, session: Session) -> None:
    team = auth(make_user(session, role="ta"))
    assert client.get("/api/editions/2003-02", headers=team).status_code == 404
    response = client.get("/api/editions/2003-02/export", headers=team, params={"format": "pdf"})
    assert response.status_code == 422
