"""Exports of a sealed edition: XLSX (five sheets), CSV (the matrix by state), JSON (the sealed bytes,
whose SHA-256 is the checksum) and a printable HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from service.editions.exports.delimited import csv_bytes
from service.editions.exports.html import html_bytes
from service.editions.exports.tables import all_tables
from service.editions.exports.xlsx import workbook_bytes
from service.editions.store import Sealed

Format = Literal["xlsx", "csv", "json", "html"]
FORMATS: tuple[str, ...] = get_args(Format)
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class Export:
    data: bytes
    media_type: str
    filename: str


def render(sealed: Sealed, delta: dict[str, Any] | None, fmt: str) -> Export:
    edition = sealed.edition
    name = f"assistance-matrix-{edition.month}-r{edition.revision}.{fmt}"
    if fmt == "json":
        data = edition.content.encode("utf-8")
    else:
        tables = all_tables(sealed.content, edition.checksum, delta)
        if fmt == "xlsx":
            data = workbook_bytes(tables, edition.built_at)
        elif fmt == "csv":
            data = csv_bytes(tables[0])
        elif fmt == "html":
            data = html_bytes(sealed.content, edition.checksum, tables)
        else:
            raise ValueError(fmt)
    return Export(data, MEDIA_TYPES[fmt], name)
