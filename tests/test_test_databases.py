"""The suite's databases belong to the run: the PostgreSQL database is created for this run (never the one
named in MATCHMAKER_TEST_POSTGRES_URL, never one a second run would pick), a second run on the same server
gets other databases and its cleanup leaves ours alone, and the end of a session drops the run's databases
even when a test failed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from service.db import engine_for
from tests.conftest import (
    CREATED,
    PG_URL,
    REPO_ROOT,
    RUN_DATABASE,
    admin_engine,
    create_postgres_database,
    require_postgres,
)


def existing(names: list[str]) -> set[str]:
    engine = admin_engine()
    with engine.connect() as conn:
        found = conn.scalars(text("SELECT datname FROM pg_database WHERE datname = ANY(:n)"), {"n": names})
        result = set(found)
    engine.dispose()
    return result


def run_python(args: str) -> subprocess.CompletedProcess[str]:
    """Python in another process (another run), from the repository; args separated by NUL."""
    return subprocess.run(
        [sys.executable, *args.split("\0")],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_session_database_belongs_to_this_run(
    db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        assert url.database and Path(url.database).is_relative_to(tmp_path_factory.getbasetemp())
        return
    assert url.database != make_url(PG_URL).database  # the env URL only names the server
    assert url.database == RUN_DATABASE and RUN_DATABASE.startswith(f"mm_test_{os.getpid()}_")
    assert RUN_DATABASE in CREATED  # so the end of the session drops it
    assert existing([RUN_DATABASE]) == {RUN_DATABASE}


@pytest.mark.postgres
def test_a_second_run_gets_other_databases_and_leaves_ours_alone() -> None:
    require_postgres()
    ours = create_postgres_database("probe")
    second = run_python(
        "-c\0"
        "import json; from tests import conftest as c\n"
        "urls = [c.create_postgres_database(), c.create_postgres_database('probe')]\n"
        "print(json.dumps({'run': c.RUN_DATABASE, 'urls': urls,"
        " 'problems': c.drop_postgres_databases(list(c.CREATED))}))"
    )
    assert second.returncode == 0, second.stderr
    report = json.loads(second.stdout.strip().splitlines()[-1])
    theirs = [make_url(u).database for u in report["urls"]]
    assert report["problems"] == []
    assert report["run"] != RUN_DATABASE
    assert not {ours, *CREATED} & {*theirs, report["run"]}
    assert existing(theirs) == set()  # their cleanup dropped theirs...
    ours_name = make_url(ours).database
    assert existing([ours_name]) == {ours_name}  # ...and not ours
    with engine_for(ours).connect() as conn:
        assert conn.scalar(text("SELECT 1")) == 1


# A run of its own for the test below: this module, with the suite's conftest loaded as a plugin.
FAILING_RUN = """
import json, sys
from sqlalchemy import make_url
from tests.conftest import create_postgres_database

def test_fails_after_creating_databases():
    urls = [create_postgres_database(), create_postgres_database("probe")]
    print(json.dumps([make_url(u).database for u in urls]), file=sys.stderr)
    raise AssertionError("on purpose: the session must still drop this run's databases")
"""


@pytest.mark.postgres
@pytest.mark.slow
def test_a_failed_run_still_drops_its_databases(tmp_path: Path) -> None:
    require_postgres()
    (tmp_path / "test_failing.py").write_text(FAILING_RUN)
    inner = run_python(f"-m\0pytest\0-q\0-s\0-p\0no:cacheprovider\0-p\0tests.conftest\0{tmp_path}")
    assert inner.returncode == 1, inner.stdout + inner.stderr  # the inner test did fail
    names = json.loads(inner.stderr.strip().splitlines()[-1])
    assert len(names) == 2 and all(n.startswith("mm_test_") for n in names)
    assert existing(names) == set()
