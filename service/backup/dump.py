"""Writing a backup while the service runs: every table of the schema, read inside one transaction (a
REPEATABLE READ snapshot on PostgreSQL, one read transaction on SQLite's write-ahead log), so the archive
is the database as it stood at one instant even while requests keep writing."""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Table, func, inspect, select

from service.backup.archive import BackupError, Header, TableInfo, Writer, encode
from service.db import engine_for
from service.models import Base

# Rows fetched per round trip: large tables (the event log) stream instead of loading whole.
FETCH = 2000


def schema_tables(connection: Connection) -> list[Table]:
    """The schema's tables that exist in this database, parents before children (foreign-key order)."""
    present = set(inspect(connection).get_table_names())
    return [table for table in Base.metadata.sorted_tables if table.name in present]


@contextmanager
def snapshot(url: str) -> Iterator[Connection]:
    """A read-only connection whose every query sees the same instant."""
    engine = engine_for(url)
    if engine.dialect.name == "postgresql":
        with (
            engine.connect().execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            ) as connection,
            connection.begin(),
        ):
            yield connection
        return
    with engine.connect() as connection:
        # pysqlite only opens a transaction before writes; open one explicitly so the first read
        # fixes the snapshot that every later read sees.
        connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            connection.rollback()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def write_backup(url: str, path: Path, *, after_table: Callable[[str], None] | None = None) -> Header:
    """Dump every table to `path` (written beside it, then renamed: a crash leaves no half archive).
    `after_table` is called with each table's name once it is written (progress, and tests)."""
    partial = path.with_name(path.name + ".partial")
    with snapshot(url) as connection:
        revision = current_revision(connection)
        if revision is None:
            raise BackupError(
                "the database has no schema yet (run `matchmaker db upgrade`): nothing to back up"
            )
        tables = schema_tables(connection)
        header = Header(
            revision=revision,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            dialect=connection.dialect.name,
            tables={
                t.name: TableInfo(
                    [c.name for c in t.columns], connection.scalar(select(func.count()).select_from(t)) or 0
                )
                for t in tables
            },
        )
        try:
            with _private(partial) as raw, gzip.open(raw, "wt", encoding="utf-8", compresslevel=6) as handle:
                writer = Writer(handle)
                writer.header(header)
                for table in tables:
                    _dump_table(connection, table, writer)
                    if after_table:
                        after_table(table.name)
                writer.trailer()
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, path)
    return header


@contextmanager
def _private(path: Path) -> Iterator[BinaryIO]:
    """A new file only its owner can read (it holds password hashes and the confidential matrix): created
    0600, never created readable and narrowed afterwards. A leftover partial file is replaced."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        yield handle


def _dump_table(connection: Connection, table: Table, writer: Writer) -> None:
    types = [c.type for c in table.columns]
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execution_options(yield_per=FETCH).execute(select(table).order_by(*order))
    for row in result:
        writer.row(table.name, [encode(value, kind) for value, kind in zip(row, types, strict=True)])
