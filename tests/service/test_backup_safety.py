"""Issue 11, backup and restore hardening: the archive (password hashes, the confidential matrix) is
created readable by its owner only, and a row the target database refuses stops the restore with one line
naming the table and row, no row data, a non-zero exit and nothing written."""

from __future__ import annotations

import gzip
import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.backup import BackupError, read_backup_into, write_backup
from service.db import engine_for, session_scope
from service.seeding.reference import load_reference
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.test_backup import empty_target
from tests.service.test_import_api import _cli

SECRET = "Confidential title nobody may read in a log"


def test_the_archive_is_created_readable_by_its_owner_only(tmp_path: Path) -> None:
    source = fresh_database_url("sqlite", tmp_path)
    archive = tmp_path / "b.jsonl.gz"
    old = os.umask(0o022)  # the usual umask, under which today's archive came out 0644
    try:
        write_backup(source, archive)
        # A leftover partial file from a crash, readable by all, is not reused as it is.
        partial = tmp_path / "c.jsonl.gz.partial"
        partial.write_bytes(b"")
        partial.chmod(0o644)
        write_backup(source, tmp_path / "c.jsonl.gz")
    finally:
        os.umask(old)

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "c.jsonl.gz").stat().st_mode) == 0o600


def _archive_with(tmp_path: Path, title: str | None) -> Path:
    """A backup of a database holding one request, its title then replaced in the archive."""
    (tmp_path / "source").mkdir()
    source = fresh_database_url("sqlite", tmp_path / "source")
    with session_scope(source) as session:
        load_reference(session, DATA_DIR)
        session.add(m.Request(ref="BK-9", state_iso3="KEN", title=SECRET, language="en", stage="A"))
    archive = tmp_path / "b.jsonl.gz"
    write_backup(source, archive)
    lines = gzip.decompress(archive.read_bytes()).decode().splitlines()
    header = json.loads(lines[0])
    column = header["tables"]["requests"]["columns"].index("title")
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("t") == "requests":
            record["r"][column] = title
            lines[i] = json.dumps(record, ensure_ascii=False)
    archive.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return archive


@pytest.mark.parametrize(
    ("backend", "title", "reason"),
    [("sqlite", None, "IntegrityError"), ("postgresql", SECRET + "\x00", "U+0000")],
)
def test_a_row_the_database_refuses_is_named_without_its_data(
    tmp_path: Path, backend: str, title: str | None, reason: str
) -> None:
    archive = _archive_with(tmp_path, title)
    target = empty_target(backend, tmp_path)

    with pytest.raises(BackupError, match=r"the backup's requests row 1 cannot be inserted") as caught:
        read_backup_into(target, archive)
    assert reason in caught.value.message and SECRET not in caught.value.message

    restored = _cli(tmp_path, target, "restore", archive.name)
    assert restored.returncode != 0
    assert "Traceback" not in restored.stderr and SECRET not in restored.stderr + restored.stdout
    assert "requests row 1" in restored.stderr and len(restored.stderr.strip().splitlines()) == 1
    with Session(engine_for(target)) as session:
        assert session.scalar(select(func.count()).select_from(m.State)) == 0
        assert session.scalar(select(func.count()).select_from(m.Request)) == 0
