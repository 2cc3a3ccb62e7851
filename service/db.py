"""Engine and sessions: one engine per database URL, SQLite tuned for a small server (WAL, foreign keys)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import ColumnElement, Engine, create_engine, event, func, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from service.clock import Clock, with_clock
from service.errors import ConfigurationError


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def contains(column: ColumnElement[str] | InstrumentedAttribute[str], text: str) -> ColumnElement[bool]:
    """Case-insensitive "column contains text" for every LIKE search: `%` and `_` in the text match
    themselves, never any characters."""
    return func.lower(column).contains(text.lower(), autoescape=True)


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(f"DATABASE_URL is not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ConfigurationError(f"DATABASE_URL must be sqlite or postgresql, not {backend!r}")
    if backend == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        try:
            engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
        except Exception as exc:  # e.g. an uninstalled driver named in the URL
            raise ConfigurationError(f"DATABASE_URL cannot be used: {exc}") from exc
    return engine


def check_connection(engine: Engine) -> None:
    """Fail with one clear line when the database cannot be reached."""
    try:
        with engine.connect():
            pass
    except Exception as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise ConfigurationError(f"cannot reach the database at {engine.url!r}: {reason}") from exc


@lru_cache(maxsize=8)
def session_factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(bind=engine_for(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str, *, clock: Clock | None = None) -> Iterator[Session]:
    """A unit of work for the CLI and scripts: commit on success, roll back on any error. It carries the
    clock its stamps come from; without one (a script with no settings) that is the real, unpinned one."""
    session = with_clock(session_factory(url)(), clock or Clock())
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
