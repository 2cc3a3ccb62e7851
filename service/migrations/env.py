"""Alembic environment: runs migrations on the URL the caller put in the config, all of them in one
transaction, so an upgrade that fails or is killed half-way leaves the schema as it was."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine, event

from service.db import engine_for
from service.models import Base

config = context.config


def _transactional_sqlite(url: str) -> Engine:
    """An engine for migrating SQLite. pysqlite commits before every DDL statement on its own, so a
    migration killed half-way would leave half a schema: with the driver's transaction handling off and an
    explicit BEGIN, SQLite's DDL is transactional like PostgreSQL's. Foreign keys are off while migrating:
    batch migrations rebuild a table by copy, drop and rename, and dropping a table others refer to (users)
    would fail or cascade; the references are checked before anything is committed instead. (The pragma
    only takes effect outside a transaction, hence on connect.)"""
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or ""
    sqlite = url.startswith("sqlite")
    engine = _transactional_sqlite(url) if sqlite else engine_for(url)
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migration left broken references: {broken[:5]}")
    finally:
        if sqlite:
            engine.dispose()


run_migrations_online()
