"""Test databases: every database test runs on SQLite and on PostgreSQL, each built once per run with the
real Alembic migrations and the reference data, and each test inside an outer transaction that is rolled
back. PostgreSQL is skipped when unreachable unless MATCHMAKER_TEST_REQUIRE_POSTGRES=1 (CI), which fails."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session

from service.migrate import upgrade
from service.seeding.reference import load_reference

REPO_ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("MATCHMAKER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("MATCHMAKER_TEST_REQUIRE_POSTGRES") == "1"
DATA_DIR = REPO_ROOT / "data"
SHARED = REPO_ROOT.parent / "shared"


def reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def scratch_postgres_url(suffix: str) -> str:
    """A second database beside the run's main one, for tests that need a database of their own."""
    main = make_url(PG_URL)
    name = f"{main.database}_{suffix}"
    engine = create_engine(main, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return main.set(database=name).render_as_string(hide_password=False)


def postgres_reachable(url: str) -> str | None:
    try:
        engine = create_engine(url)
        with engine.connect():
            pass
        engine.dispose()
        return None
    except Exception as exc:  # any driver or network failure means "not reachable"
        return str(exc).splitlines()[0]


def fresh_database_url(backend: str, tmp: Path, *, main: bool = False) -> str:
    """A newly migrated, empty database of the given backend (PostgreSQL: a scratch database, or the run's
    main one for the session fixture)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp / 'test.db'}"
    else:
        problem = postgres_reachable(PG_URL)
        if problem:
            if REQUIRE_PG:
                pytest.fail(f"PostgreSQL is required (MATCHMAKER_TEST_REQUIRE_POSTGRES=1) but: {problem}")
            pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {problem}")
        url = PG_URL if main else scratch_postgres_url("scratch")
        reset_postgres(url)
    upgrade(url)
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database holding the reference data, one per backend for the whole run."""
    from service.db import session_scope

    url = fresh_database_url(request.param, tmp_path_factory.mktemp(request.param), main=True)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
    yield url


@pytest.fixture(scope="session")
def engine(db_url: str) -> Engine:
    from service.db import engine_for

    return engine_for(db_url)


@contextmanager
def rolled_back(engine: Engine) -> Iterator[Session]:
    """A session inside an outer transaction that is rolled back at the end: its writes never persist,
    even when the code under test commits (commits become savepoint releases)."""
    connection = engine.connect()
    outer = connection.begin()
    db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield db
    finally:
        db.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with rolled_back(engine) as db:
        yield db
