"""Issue 7, import over HTTP and on the command line: team-only upload, dry run, 422 with the whole report
when any row is rejected, 413 and 415 for oversized and wrong files, templates for anyone signed in."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.db import session_scope
from service.seeding.reference import load_reference
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.conftest import auth, make_user
from tests.service.test_import import HEADER, ROWS, csv_bytes


def _upload(
    client: TestClient, headers: dict[str, str], data: bytes, *, name: str = "r.csv", dry: bool = False
):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/imports/requests",
        params={"dry_run": str(dry).lower()},
        files={"file": (name, data, "text/csv")},
        headers=headers,
    )


def _requests(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(m.Request).where(m.Request.ref.like("IMP-%"))) or 0


def test_team_uploads_dry_run_then_for_real_then_again(client: TestClient, session: Session) -> None:
    team = auth(make_user(session))
    data = csv_bytes(HEADER, *ROWS)

    dry = _upload(client, team, data, dry=True)
    assert dry.status_code == 200 and dry.json()["counts"]["new"] == 3 and not dry.json()["applied"]
    assert _requests(session) == 0

    real = _upload(client, team, data)
    assert real.status_code == 200 and real.json()["applied"]
    assert _requests(session) == 3
    event = session.scalars(select(m.Event).where(m.Event.action == "request.created")).first()
    assert event is not None and event.actor.startswith("ta-")

    again = _upload(client, team, data)
    assert again.json()["counts"] == {"new": 0, "updated": 0, "unchanged": 3, "rejected": 0}


def test_rejected_rows_give_422_with_the_report_and_write_nothing(
    client: TestClient, session: Session
) -> None:
    team = auth(make_user(session))
    data = csv_bytes(HEADER, *ROWS, ["IMP-4", "Narnia", "Something needed", "", "en", "", "A", ""])

    response = _upload(client, team, data)

    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "import_rejected" and "Nothing was written" in body["detail"]
    assert body["details"]["problems"] == [
        {"row": 5, "column": "State", "reason": "'Narnia' is not a known state; write its name or code"}
    ]
    assert _requests(session) == 0


def test_only_the_team_may_upload(client: TestClient, session: Session) -> None:
    data = csv_bytes(HEADER, *ROWS)
    assert _upload(client, {}, data).status_code == 401
    state = auth(make_user(session, role="state", party="KEN"))
    assert _upload(client, state, data).status_code == 403
    assert _requests(session) == 0


def test_wrong_type_is_415_and_oversized_is_413(client: TestClient, session: Session) -> None:
    team = auth(make_user(session))

    pdf = _upload(client, team, b"%PDF-1.4", name="scan.pdf")
    assert pdf.status_code == 415 and "CSV" in pdf.json()["detail"]
    huge = _upload(client, team, b"Reference,State,Title\n" + b"x" * (3 * 1024 * 1024), name="big.csv")
    assert huge.status_code == 413 and huge.json()["error"] == "too_large"
    bad = _upload(client, team, b"Reference,State,Title\nR,KEN,caf\xe9\n")
    assert bad.status_code == 422 and "UTF-8" in bad.json()["detail"]


def test_templates_for_anyone_signed_in(client: TestClient, session: Session) -> None:
    state = auth(make_user(session, role="state", party="KEN"))

    csv_template = client.get("/api/imports/templates/contacts", params={"format": "csv"}, headers=state)
    assert csv_template.status_code == 200 and csv_template.headers["content-type"].startswith("text/csv")
    assert csv_template.content.decode("utf-8-sig").splitlines()[0].startswith("Party,Email,Name")
    xlsx = client.get("/api/imports/templates/programmes", headers=state)
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Programmes", "How to fill in"]
    assert client.get("/api/imports/templates/contacts").status_code == 401


def _cli(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_") and k != "DATABASE_URL"}
    return subprocess.run(
        [str(Path(sys.executable).with_name("matchmaker")), *args],
        cwd=tmp_path,
        env={**env, "MATCHMAKER_DATABASE_URL": url, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_dry_run_import_reimport_and_template(tmp_path: Path) -> None:
    url = fresh_database_url("sqlite", tmp_path)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
    (tmp_path / "r.csv").write_bytes(csv_bytes(HEADER, *ROWS))

    dry = _cli(tmp_path, url, "import", "requests", "r.csv", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "3 new, 0 updated, 0 unchanged, 0 rejected (would be written)" in dry.stdout
    real = _cli(tmp_path, url, "import", "requests", "r.csv")
    assert "(were written)" in real.stdout
    again = _cli(tmp_path, url, "import", "requests", "r.csv")
    assert "0 new, 0 updated, 3 unchanged, 0 rejected; nothing to change" in again.stdout

    (tmp_path / "bad.csv").write_bytes(
        csv_bytes(HEADER, ["IMP-9", "Narnia", "Something", "", "en", "", "A", ""])
    )
    bad = _cli(tmp_path, url, "import", "requests", "bad.csv")
    assert bad.returncode == 1 and "Narnia" in bad.stdout + bad.stderr

    made = _cli(tmp_path, url, "import", "template", "requests", "--out", "t.xlsx")
    assert made.returncode == 0 and (tmp_path / "t.xlsx").exists()
    wrong = _cli(tmp_path, url, "import", "template", "requests", "--out", "t.pdf")
    assert wrong.returncode == 2 and "csv or xlsx" in wrong.stderr
