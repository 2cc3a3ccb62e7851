"""Test databases: every database test runs on SQLite and on PostgreSQL, each built once per run with the
real Alembic migrations and the reference data, and each test inside an outer transaction that is rolled
back. PostgreSQL is skipped when unreachable unless MATCHMAKER_TEST_REQUIRE_POSTGRES=1 (CI), which fails.

MATCHMAKER_TEST_POSTGRES_URL names only the server and a maintenance database to connect to (default
`postgres`): each run creates databases of its own, named after the run (`mm_test_<pid>_<random>`, and
`..._<purpose>_<n>` for scratch ones), and drops them all when the session ends, passed or failed, so two
runs on one server never touch each other's data."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from service.clock import Clock
from service.migrate import upgrade
from service.seeding.reference import load_reference

REPO_ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get(
    "MATCHMAKER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_PG = os.environ.get("MATCHMAKER_TEST_REQUIRE_POSTGRES") == "1"
DATA_DIR = REPO_ROOT / "data"
SHARED = REPO_ROOT.parent / "shared"

# This run's name on the server: the process id keeps concurrent runs apart, the random part keeps apart
# runs whose process ids repeat (containers, other hosts sharing the server).
RUN_DATABASE = f"mm_test_{os.getpid()}_{secrets.token_hex(4)}"
CREATED: list[str] = []  # every database this run created, dropped at the end of the session
_scratch = count(1)


def admin_engine() -> Engine:
    """A connection to the maintenance database, outside transactions (CREATE/DROP DATABASE need that)."""
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def create_postgres_database(purpose: str | None = None) -> str:
    """A new, empty database of this run's own (the run's main one without a purpose, else a scratch one
    that is never reused), dropped when the session ends. Returns its URL."""
    name = RUN_DATABASE if purpose is None else f"{RUN_DATABASE}_{purpose}_{next(_scratch)}"
    if len(name) > 63:  # PostgreSQL would silently truncate, and two purposes could then collide
        raise ValueError(f"database name too long: {name}")
    engine = admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    CREATED.append(name)
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def drop_postgres_databases(names: list[str]) -> list[str]:
    """Drop these databases, cutting off whoever is still connected (WITH (FORCE) from PostgreSQL 13,
    pg_terminate_backend before). Best effort: returns the problems rather than raising."""
    problems: list[str] = []
    if not names:
        return problems
    engine = admin_engine()
    try:
        with engine.connect() as conn:
            force = int(conn.scalar(text("SHOW server_version_num")) or 0) >= 130000
            for name in names:
                try:
                    if not force:
                        conn.execute(
                            text(
                                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                " WHERE datname = :n AND pid <> pg_backend_pid()"
                            ),
                            {"n": name},
                        )
                    conn.execute(
                        text(f'DROP DATABASE IF EXISTS "{name}"' + (" WITH (FORCE)" if force else ""))
                    )
                except Exception as exc:
                    problems.append(f"{name}: {str(exc).splitlines()[0]}")
    except Exception as exc:
        problems.append(f"server: {str(exc).splitlines()[0]}")
    finally:
        engine.dispose()
    return problems


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Drop the run's PostgreSQL databases, whatever the outcome (also after failures and ^C)."""
    problems = drop_postgres_databases(list(reversed(CREATED)))
    CREATED.clear()
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    for problem in problems:
        line = f"could not drop a test database, drop it by hand: {problem}"
        if reporter is not None:
            reporter.write_line(line, yellow=True)
        else:
            print(line)


def postgres_reachable(url: str) -> str | None:
    try:
        engine = create_engine(url, poolclass=NullPool)
        with engine.connect():
            pass
        engine.dispose()
        return None
    except Exception as exc:  # any driver or network failure means "not reachable"
        return str(exc).splitlines()[0]


def require_postgres() -> None:
    """Skip the test when the server cannot be reached, or fail it under MATCHMAKER_TEST_REQUIRE_POSTGRES=1."""
    problem = postgres_reachable(PG_URL)
    if problem:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL is required (MATCHMAKER_TEST_REQUIRE_POSTGRES=1) but: {problem}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {problem}")


def fresh_database_url(backend: str, tmp: Path, *, main: bool = False) -> str:
    """A newly migrated, empty database of the given backend (PostgreSQL: a scratch database, or the run's
    main one for the session fixture)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp / 'test.db'}"
    else:
        require_postgres()
        url = create_postgres_database(None if main else "scratch")
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


def _driver_leaves_transactions_alone(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def sqlite_transactions_that_nest(engine: Engine) -> None:
    """pysqlite begins a transaction only before a write, so the outer transaction of `rolled_back` is not
    one and the session's first SAVEPOINT starts the real transaction: releasing it (session.commit())
    would write to disk. SQLAlchemy's recipe: the driver leaves transactions alone and BEGIN is emitted
    when SQLAlchemy begins one, so savepoints nest inside the transaction that is rolled back."""
    if engine.dialect.name != "sqlite" or event.contains(engine, "begin", _begin):
        return
    event.listen(engine, "connect", _driver_leaves_transactions_alone)
    event.listen(engine, "begin", _begin)
    engine.dispose()  # the pooled connections were opened without the hook


@contextmanager
def rolled_back(engine: Engine) -> Iterator[Session]:
    """A session inside an outer transaction that is rolled back at the end: its writes never persist,
    even when the code under test commits (commits become savepoint releases)."""
    sqlite_transactions_that_nest(engine)
    connection = engine.connect()
    outer = connection.begin()
    db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    db.info["clock"] = Clock()  # the real one; an API request sets the clock of its settings
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
