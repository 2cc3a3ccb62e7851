"""Restoring a backup: only into an empty database migrated to the archive's revision, all of it in one
transaction (a failure leaves the database empty), rows inserted parents first, and PostgreSQL's id
sequences moved past the restored ids so new rows do not collide with them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.types import TypeEngine

from service.backup.archive import BackupError, Header, decode, read
from service.backup.dump import current_revision, schema_tables
from service.db import engine_for
from service.errors import DataFileError

BATCH = 1000


def read_backup_into(url: str, path: Path) -> Header:
    if not path.is_file():
        raise DataFileError(path.name, None, "not found")
    header, rows = read(path)
    engine = engine_for(url)
    with engine.begin() as connection:
        tables = {t.name: t for t in schema_tables(connection)}
        _check_target(connection, header, tables)
        restored = _insert_all(connection, header, tables, rows)
        if restored != header.counts:
            wrong = sorted(name for name in header.counts if restored.get(name) != header.counts[name])
            raise DataFileError(path.name, None, f"row counts do not match its header for {', '.join(wrong)}")
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, [tables[name] for name in header.tables])
    return header


def _check_target(connection: Connection, header: Header, tables: dict[str, Table]) -> None:
    revision = current_revision(connection)
    if revision is None:
        raise BackupError("the database has no schema: run `matchmaker db upgrade` first, then restore")
    if revision != header.revision:
        raise BackupError(
            f"the backup is of schema revision {header.revision} and this database is at {revision}: "
            f"migrate a new database to {header.revision} (`matchmaker db upgrade {header.revision}`), "
            "restore into it, then upgrade"
        )
    for name, info in header.tables.items():
        if name not in tables:
            raise BackupError(f"the backup holds table {name!r}, which this database does not have")
        unknown = set(info.columns) - set(tables[name].columns.keys())
        if unknown:
            raise BackupError(
                f"the backup's {name} has columns this schema lacks: {', '.join(sorted(unknown))}"
            )
    holding = [
        f"{name} ({n} rows)"
        for name, table in tables.items()
        if (n := connection.scalar(select(func.count()).select_from(table)) or 0)
    ]
    if holding:
        raise BackupError(
            "restore needs an empty database, and this one holds data: "
            + ", ".join(holding[:5])
            + (" …" if len(holding) > 5 else "")
        )


def _insert_all(
    connection: Connection, header: Header, tables: dict[str, Table], rows: Iterator[tuple[str, list[Any]]]
) -> dict[str, int]:
    counts = {name: 0 for name in header.tables}
    pending: list[dict[str, Any]] = []
    current: Table | None = None

    def flush() -> None:
        if pending and current is not None:
            # Each row's number within its table in the archive, to name a row that cannot be inserted.
            numbers = {id(row): counts[current.name] + i for i, row in enumerate(pending, start=1)}
            ordered = _parents_first(current, pending)
            for start in range(0, len(ordered), BATCH):
                _insert_batch(connection, current, ordered[start : start + BATCH], numbers)
            counts[current.name] += len(pending)
            pending.clear()

    columns: list[tuple[str, TypeEngine[Any]]] = []
    for name, values in rows:
        if current is None or name != current.name:
            flush()
            if name not in tables or name not in header.tables:
                raise BackupError(f"the backup holds rows of table {name!r}, not in its header")
            current = tables[name]
            columns = [(c, current.columns[c].type) for c in header.tables[name].columns]
        pending.append({c: decode(v, kind) for (c, kind), v in zip(columns, values, strict=True)})
        # A table that references itself is ordered as a whole; any other streams in batches.
        if len(pending) >= BATCH and not _self_referencing(current):
            flush()
    flush()
    return counts


def _insert_batch(
    connection: Connection, table: Table, rows: list[dict[str, Any]], numbers: dict[int, int]
) -> None:
    """Insert rows in a savepoint; when the database refuses them, find the first row it refuses (one by
    one, each in a savepoint of its own) and say which, and why in general terms: the driver's message
    can quote the row's values (password hashes, confidential text), so it is never shown. Savepoints on
    PostgreSQL only, where an error aborts the transaction; on SQLite a failed statement undoes just
    itself, and a savepoint opened before pysqlite's implicit BEGIN would commit when released."""
    savepoint = connection.begin_nested if connection.dialect.name == "postgresql" else nullcontext
    try:
        with savepoint():
            connection.execute(insert(table), rows)
        return
    except StatementError as exc:
        failure: StatementError = exc
    culprit: dict[str, Any] | None = None
    for row in rows:
        try:
            with savepoint():
                connection.execute(insert(table), [row])
        except StatementError as exc:
            culprit, failure = row, exc
            break
    reason = type(failure.orig if isinstance(failure, DBAPIError) else failure).__name__
    if culprit is None:
        where = f"rows {min(numbers[id(r)] for r in rows)}-{max(numbers[id(r)] for r in rows)}"
    else:
        where = f"row {numbers[id(culprit)]}"
        if any(isinstance(v, str) and "\x00" in v for v in culprit.values()):
            reason += ": a text holds the character U+0000, which PostgreSQL cannot store"
    raise BackupError(
        f"the backup's {table.name} {where} cannot be inserted ({reason}); nothing was restored"
    ) from None


def _self_referencing(table: Table) -> list[tuple[str, str]]:
    """(child column, parent column) pairs of the table's foreign keys to itself."""
    return [(fk.parent.name, fk.column.name) for fk in table.foreign_keys if fk.column.table is table]


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows ordered so a row referencing another row of the same table (an organization's parent, the
    request a duplicate points to) comes after it, whatever the order of their keys."""
    links = _self_referencing(table)
    if not links:
        return rows
    by_key = {(parent, row[parent]): row for _, parent in links for row in rows}
    ordered: list[dict[str, Any]] = []
    placed: set[int] = set()

    def place(row: dict[str, Any], path: set[int]) -> None:
        if id(row) in placed:
            return
        if id(row) in path:
            raise BackupError(f"the backup's {table.name} rows reference each other in a cycle")
        for child, parent in links:
            referenced = by_key.get((parent, row[child])) if row.get(child) is not None else None
            if referenced is not None and referenced is not row:
                place(referenced, path | {id(row)})
        placed.add(id(row))
        ordered.append(row)

    for row in rows:
        place(row, set())
    return ordered


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    quote = connection.dialect.identifier_preparer.quote
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            )
            if sequence:
                highest = f"SELECT MAX({quote(column.name)}) FROM {quote(table.name)}"
                connection.execute(
                    text(f"SELECT setval(:sequence, COALESCE(({highest}), 0) + 1, false)"),
                    {"sequence": sequence},
                )
