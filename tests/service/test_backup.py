"""Issue 7, backup and restore: a round trip brings back every row, event and edition checksum (SQLite to
SQLite, PostgreSQL to PostgreSQL, SQLite to PostgreSQL); the archive is one instant even while writes go
on; restore refuses a database that holds data or is at another revision, and a damaged archive."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.backup import BackupError, read_backup_into, write_backup
from service.backup.dump import schema_tables, snapshot
from service.db import engine_for, session_scope
from service.editions import store
from service.errors import DataFileError
from service.migrate import upgrade
from service.seeding.demo import load_demo
from service.seeding.reference import load_reference
from tests.conftest import DATA_DIR, create_postgres_database, fresh_database_url
from tests.service.test_editions_helpers import TODAY


def empty_target(backend: str, tmp: Path, *, revision: str = "head") -> str:
    """A migrated, empty database beside the source (PostgreSQL: a scratch database of its own)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp / 'target.db'}"
    else:
        url = create_postgres_database("restore")
    upgrade(url, revision)
    return url


def populate(url: str) -> None:
    """Reference and demo data, an imported-style forward reference, and a sealed edition."""
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
        load_demo(session, DATA_DIR)
        # A duplicate that points to a request with a higher id: restore must order rows, not trust ids.
        later = m.Request(ref="BK-2", state_iso3="KEN", title="Original", language="en", stage="A")
        earlier = m.Request(ref="BK-1", state_iso3="KEN", title="Copy", language="en", stage="A")
        session.add_all([earlier, later])
        session.flush()
        earlier.status, earlier.triage_outcome, earlier.duplicate_of_id = "duplicate", "duplicate", later.id
        assert earlier.id < later.id
        store.build(session, "2003-05", actor=None, on=TODAY)


def contents(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, instants in UTC (SQLite hands back naive ones)."""

    def same(value: Any) -> Any:
        if isinstance(value, datetime):
            return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
        return value

    with snapshot(url) as connection:
        return {
            table.name: [
                tuple(same(v) for v in row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in schema_tables(connection)
        }


@pytest.mark.parametrize(
    ("source_backend", "target_backend"),
    [("sqlite", "sqlite"), ("postgresql", "postgresql"), ("sqlite", "postgresql")],
)
def test_round_trip_brings_back_every_row_event_and_checksum(
    source_backend: str, target_backend: str, tmp_path: Path
) -> None:
    source = fresh_database_url(source_backend, tmp_path)
    populate(source)
    archive = tmp_path / "backup.jsonl.gz"

    header = write_backup(source, archive)
    target = empty_target(target_backend, tmp_path)
    read_backup_into(target, archive)

    before, after = contents(source), contents(target)
    assert header.counts == {name: len(rows) for name, rows in before.items()}
    assert min(header.counts[t] for t in ("requests", "events", "matches", "users", "editions")) >= 1
    assert after == before
    with session_scope(target) as session:
        assert [v.ok for v in store.verify(session)] == [True]
        # New rows after a restore get fresh ids (PostgreSQL's sequences were moved past the restored ones).
        added = m.Request(ref="BK-3", state_iso3="UGA", title="After restore", language="en", stage="B")
        session.add(added)
        session.flush()
        assert added.id > max(row[0] for row in before["requests"])


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_backup_is_one_instant_while_the_service_writes(backend: str, tmp_path: Path) -> None:
    url = fresh_database_url(backend, tmp_path)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
    written: list[str] = []

    def write_meanwhile(table: str) -> None:
        if not written:  # once the first table is in the archive, a user files a request
            with session_scope(url) as session:
                session.add(
                    m.Request(ref="BK-9", state_iso3="KEN", title="Meanwhile", language="en", stage="A")
                )
                session.add(m.Event(action="request.created", entity="request", entity_id="BK-9"))
        written.append(table)

    header = write_backup(url, tmp_path / "b.jsonl.gz", after_table=write_meanwhile)

    assert header.counts["requests"] == 0 and header.counts["events"] == 0
    with gzip.open(tmp_path / "b.jsonl.gz", "rt") as handle:
        assert not any('"t":"requests"' in line or '"t":"events"' in line for line in handle)
    with session_scope(url) as session:
        assert session.scalar(select(func.count()).select_from(m.Request)) == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_restore_refuses_a_database_with_data_or_at_another_revision(backend: str, tmp_path: Path) -> None:
    source = fresh_database_url(backend, tmp_path)
    with session_scope(source) as session:
        load_reference(session, DATA_DIR)
    archive = tmp_path / "b.jsonl.gz"
    header = write_backup(source, archive)

    with pytest.raises(BackupError, match="empty database.*states"):
        read_backup_into(source, archive)
    older = empty_target(backend, tmp_path, revision="0001")
    with pytest.raises(BackupError, match=f"revision {header.revision} and this database is at 0001"):
        read_backup_into(older, archive)


def test_a_damaged_archive_restores_nothing(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    source = fresh_database_url("sqlite", tmp_path / "source")
    with session_scope(source) as session:
        load_reference(session, DATA_DIR)
    archive = tmp_path / "b.jsonl.gz"
    write_backup(source, archive)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    text = tmp_path / "notes.jsonl.gz"
    text.write_bytes(b"just some text")
    target = empty_target("sqlite", tmp_path)

    with pytest.raises(DataFileError, match="cut short|damaged"):
        read_backup_into(target, cut)
    with pytest.raises(DataFileError, match="not a readable gzip"):
        read_backup_into(target, text)

    with Session(engine_for(target)) as session:
        assert session.scalar(select(func.count()).select_from(m.State)) == 0


def test_cli_backup_and_restore(tmp_path: Path) -> None:
    from tests.service.test_import_api import _cli

    (tmp_path / "source").mkdir()
    source = fresh_database_url("sqlite", tmp_path / "source")
    with session_scope(source) as session:
        load_reference(session, DATA_DIR)
    target = empty_target("sqlite", tmp_path)

    made = _cli(tmp_path, source, "backup", "b.jsonl.gz")
    assert made.returncode == 0 and "rows of" in made.stdout, made.stderr
    again = _cli(tmp_path, source, "backup", "b.jsonl.gz")
    assert again.returncode == 2 and "already exists" in again.stderr
    restored = _cli(tmp_path, target, "restore", "b.jsonl.gz")
    assert restored.returncode == 0 and "restored" in restored.stdout, restored.stderr
    refused = _cli(tmp_path, target, "restore", "b.jsonl.gz")
    assert refused.returncode == 2 and "empty database" in refused.stderr
    assert contents(target) == contents(source)
