"""The backup archive format: gzip-compressed JSON lines. Line 1 is the header (format version, Alembic
revision, when, from which database, every table's columns and row count), then one line per row in
foreign-key order, then a trailer whose presence proves the archive was written to the end."""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import JSON, Date, DateTime, LargeBinary, Numeric, Time
from sqlalchemy.types import TypeDecorator, TypeEngine

from service.errors import AppError, DataFileError

FORMAT = "matchmaker-backup"
FORMAT_VERSION = 1


class BackupError(AppError):
    """A backup that cannot be written, or one that cannot be restored here."""

    status_code = 409
    code = "backup"


@dataclass
class TableInfo:
    columns: list[str]
    rows: int


@dataclass
class Header:
    revision: str
    created_at: str
    dialect: str
    tables: dict[str, TableInfo] = field(default_factory=dict)
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    @property
    def counts(self) -> dict[str, int]:
        return {name: info.rows for name, info in self.tables.items()}

    def to_json(self) -> str:
        fields = asdict(self)
        # Format first, so `zcat backup | head -c 200` says what the file is.
        ordered = {"format": fields.pop("format"), "format_version": fields.pop("format_version"), **fields}
        return json.dumps(ordered, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, file: str) -> Header:
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT:
                raise DataFileError(file, 1, "is not a Matchmaker backup")
            if raw.get("format_version") != FORMAT_VERSION:
                raise DataFileError(
                    file,
                    1,
                    f"is backup format {raw.get('format_version')}; this version reads only {FORMAT_VERSION}",
                )
            tables = {name: TableInfo(**info) for name, info in raw["tables"].items()}
            return cls(raw["revision"], raw["created_at"], raw["dialect"], tables)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DataFileError(file, 1, f"has no readable backup header ({exc})") from None


def _base(kind: TypeEngine[Any]) -> TypeEngine[Any]:
    # A TypeDecorator (e.g. one that makes SQLite's instants aware) is coded as the type it wraps.
    return _base(kind.impl_instance) if isinstance(kind, TypeDecorator) else kind


def encode(value: Any, kind: TypeEngine[Any]) -> Any:
    """A column value as JSON. Instants are written in UTC whatever the database hands back (SQLite gives
    naive UTC datetimes, PostgreSQL aware ones in the session's zone), so archives compare across both."""
    if value is None:
        return None
    kind = _base(kind)
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return (
            aware.astimezone(UTC).isoformat()
            if isinstance(kind, DateTime) and kind.timezone
            else (value.isoformat())
        )
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decode(value: Any, kind: TypeEngine[Any]) -> Any:
    """The inverse of encode(), driven by the target column's type."""
    kind = _base(kind)
    if value is None or isinstance(kind, JSON):
        return value
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Time):
        return time.fromisoformat(value)
    if isinstance(kind, Numeric) and isinstance(value, str):
        return Decimal(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    return value


class Writer:
    """Writes the archive line by line; the caller renames the finished file into place."""

    def __init__(self, handle: TextIO) -> None:
        self._handle = handle
        self.rows = 0

    def header(self, header: Header) -> None:
        self._handle.write(header.to_json() + "\n")

    def row(self, table: str, values: list[Any]) -> None:
        self._handle.write(json.dumps({"t": table, "r": values}, ensure_ascii=False, separators=(",", ":")))
        self._handle.write("\n")
        self.rows += 1

    def trailer(self) -> None:
        self._handle.write(json.dumps({"end": True, "rows": self.rows}) + "\n")


def read(path: Path) -> tuple[Header, Iterator[tuple[str, list[Any]]]]:
    """The header, and an iterator over (table, values) that raises if the archive is cut short."""
    handle = gzip.open(path, "rt", encoding="utf-8")
    try:
        header = Header.from_json(handle.readline(), path.name)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        handle.close()
        raise DataFileError(path.name, None, f"is not a readable gzip archive ({exc})") from None

    def rows() -> Iterator[tuple[str, list[Any]]]:
        seen = 0
        with handle:
            try:
                for number, line in enumerate(handle, start=2):
                    record = json.loads(line)
                    if record.get("end"):
                        if record.get("rows") != seen:
                            raise DataFileError(path.name, number, "trailer row count does not match")
                        return
                    seen += 1
                    yield record["t"], record["r"]
            except (OSError, EOFError, ValueError, KeyError) as exc:
                raise DataFileError(path.name, None, f"is damaged or cut short ({exc})") from None
        raise DataFileError(path.name, None, "is cut short: the archive has no end marker")

    return header, rows()
