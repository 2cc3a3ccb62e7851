"""Issue 2: migrations, reference data, constraints in the database, idempotent seeding, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from service import models as m
from service.db import session_scope
from service.errors import DataFileError
from service.migrate import downgrade, upgrade
from service.seeding.demo import load_demo
from service.seeding.reference import load_reference
from tests.conftest import DATA_DIR, fresh_database_url

BACKENDS = ["sqlite", "postgresql"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_upgrade_from_empty_and_downgrade(backend: str, tmp_path: Path) -> None:
    url = fresh_database_url(backend, tmp_path)
    from service.db import engine_for

    tables = set(inspect(engine_for(url)).get_table_names())
    assert {"requests", "programmes", "matches", "events", "states", "organizations"} <= tables
    downgrade(url, "base")
    assert set(inspect(engine_for(url)).get_table_names()) <= {"alembic_version"}
    upgrade(url)
    assert "matches" in set(inspect(engine_for(url)).get_table_names())


def test_reference_data_is_complete(session: Session) -> None:
    members = session.scalar(select(func.count()).select_from(m.State).where(m.State.un_member))
    assert members == 193
    observers = set(session.scalars(select(m.State.iso3).where(~m.State.un_member)))
    assert observers == {"VAT", "PSE"}
    assert session.scalar(select(func.count()).select_from(m.Organization)) >= 40
    assert session.scalar(select(func.count()).select_from(m.Area)) == 11
    kenya = set(
        session.scalars(
            select(m.StateMembership.organization_id).where(m.StateMembership.state_iso3 == "KEN")
        )
    )
    assert {"AU", "COMMONWEALTH", "IGAD"} <= kenya
    # Every organization is a provider.
    assert session.scalar(select(func.count()).select_from(m.Provider)) >= session.scalar(
        select(func.count()).select_from(m.Organization)
    )


def _request(**over: object) -> m.Request:
    fields: dict[str, object] = dict(
        ref="T-1", state_iso3="KEN", title="t", description="d", language="en", stage="A", priority=1
    )
    fields.update(over)
    return m.Request(**fields)


def _refused(session: Session, *objs: object) -> None:
    with pytest.raises((IntegrityError, DBAPIError)):
        with session.begin_nested():
            session.add_all(objs)
            session.flush()


def test_database_refuses_bad_rows(session: Session) -> None:
    _refused(session, _request(stage="D"))
    _refused(session, _request(status="lost"))
    _refused(session, _request(state_iso3="XXX"))
    _refused(session, _request(priority=0))
    _refused(session, _request(ref="T-1"), _request(ref="T-2"))  # same state, same priority rank
    ok = _request(ref="T-3", priority=5)
    session.add(ok)
    session.flush()
    _refused(session, m.RequestArea(request_id=ok.id, area_id="astrology"))
    _refused(session, _request(ref="T-4", priority=6, triage_outcome="duplicate"))  # duplicate of nothing


def test_event_log_is_append_only(session: Session) -> None:
    event = m.Event(actor="t", action="x", entity="request", entity_id="1")
    session.add(event)
    session.flush()
    for statement in ("UPDATE events SET action = 'y'", "DELETE FROM events"):
        with pytest.raises(DBAPIError):
            with session.begin_nested():
                session.execute(text(statement))


@pytest.mark.parametrize("backend", BACKENDS)
def test_seeding_twice_changes_nothing(backend: str, tmp_path: Path) -> None:
    url = fresh_database_url(backend, tmp_path)
    with session_scope(url) as s:
        first = [load_reference(s, DATA_DIR), load_demo(s, DATA_DIR)]
    with session_scope(url) as s:
        counts = {
            t.__tablename__: s.scalar(select(func.count()).select_from(t))
            for t in (m.Request, m.Match, m.User)
        }
    with session_scope(url) as s:
        second = [load_reference(s, DATA_DIR), load_demo(s, DATA_DIR)]
    with session_scope(url) as s:
        again = {
            t.__tablename__: s.scalar(select(func.count()).select_from(t))
            for t in (m.Request, m.Match, m.User)
        }
    assert all(r.changed for r in first)
    assert not any(r.changed for r in second), [r.inserted | r.updated for r in second]
    assert counts == again
    assert counts["requests"] >= 300


def _broken_data_dir(tmp_path: Path, file: str, edit) -> Path:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / file
    rows = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(edit(rows)), encoding="utf-8")
    return data


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        (
            "reference/organizations.json",
            lambda rows: rows + [{**rows[0], "id": "ZZ", "members": ["XYZ"]}],
            "unknown state 'XYZ'",
        ),
        ("demo/requests.json", lambda rows: rows[:5] + [{**rows[5], "areas": ["astrology"]}], "row 6"),
        (  # a consented match must say when the state consented: the loader reads, never guesses
            "demo/requests.json",
            lambda rows: [
                {**r, "matches": [{**x, "consented_at": None} for x in r["matches"]]} for r in rows
            ],
            "matches.consented_at is missing",
        ),
        (
            "demo/programmes.json",
            lambda rows: rows[:3] + [{**rows[3], "scope": {"members_of": ["NOPE"]}}],
            "unknown organization 'NOPE'",
        ),
    ],
)
def test_bad_seed_file_names_file_row_reason_and_loads_nothing(tmp_path: Path, file, edit, message) -> None:  # type: ignore[no-untyped-def]
    url = fresh_database_url("sqlite", tmp_path)
    data = _broken_data_dir(tmp_path, file, edit)
    with pytest.raises(DataFileError) as caught:
        with session_scope(url) as s:
            load_reference(s, data)
            load_demo(s, data)
    assert Path(file).name in caught.value.message and message in caught.value.message
    with session_scope(url) as s:
        assert s.scalar(select(func.count()).select_from(m.State)) == 0
        assert s.scalar(select(func.count()).select_from(m.Request)) == 0


def _cli(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_") and k != "DATABASE_URL"}
    exe = Path(sys.executable).with_name("matchmaker")
    return subprocess.run(
        [str(exe), *args],
        cwd=tmp_path,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_in_a_temporary_directory(tmp_path: Path) -> None:
    assert _cli(tmp_path, "db", "upgrade").returncode == 0
    assert (tmp_path / "matchmaker.db").exists()
    first = _cli(tmp_path, "seed", "--demo")
    assert first.returncode == 0, first.stderr
    second = _cli(tmp_path, "seed", "--demo")
    assert second.returncode == 0 and "nothing changed" in second.stdout
    made = _cli(
        tmp_path,
        "users",
        "create",
        "analyst",
        "--role",
        "state",
        "--party",
        "PER",
        "--password",
        "s3cret-pass",
    )
    assert made.returncode == 0, made.stderr
    dup = _cli(tmp_path, "users", "create", "analyst", "--role", "ta", "--password", "s3cret-pass")
    assert dup.returncode == 2 and "taken" in dup.stderr
    with session_scope(f"sqlite:///{tmp_path / 'matchmaker.db'}") as s:
        assert s.scalar(select(m.User.state_iso3).where(m.User.username == "analyst")) == "PER"


@pytest.mark.parametrize("url", ["nonsense://x", "postgresql+psycopg://nobody@127.0.0.1:1/none"])
def test_bad_database_url_stops_with_one_clear_line(tmp_path: Path, url: str) -> None:
    result = _cli(tmp_path, "db", "upgrade", env={"DATABASE_URL": url})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "error:" in lines[0]
