"""The columns of an import file as a person names them, and reading one row's cells through them: each
cell is cleaned, parsed, and any problem is kept with its row and column (never the first one only)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from service.imports.cells import CellError, clean
from service.imports.report import Problem
from service.imports.sheets import Sheet

T = TypeVar("T")


@dataclass(frozen=True)
class Column:
    """One column of a template: its key in the code, its plain-word header, and the help a person
    filling it in reads."""

    key: str
    header: str
    help: str
    example: str = ""
    required: bool = False  # the header must be present and the cell filled in for a new row
    aliases: tuple[str, ...] = ()


def _fold(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


@dataclass
class Row:
    """One data row: its spreadsheet row number and its non-blank cells by column key (cleaned text)."""

    number: int
    cells: dict[str, str]
    problems: list[Problem]
    headers: dict[str, str]

    def fail(self, key: str | None, reason: str) -> None:
        self.problems.append(Problem(self.number, self.headers.get(key or "", key), reason))

    def has(self, key: str) -> bool:
        return bool(self.cells.get(key))

    def blank(self, key: str) -> bool:
        """Left empty (as opposed to filled in with something that was refused)."""
        column = self.headers.get(key, key)
        return not self.has(key) and not any(p.column == column for p in self.problems)

    def get(self, key: str, parse: Callable[[str], T]) -> T | None:
        """The parsed cell, or None when it is blank or invalid (the problem is recorded)."""
        text = self.cells.get(key)
        if not text:
            return None
        try:
            return parse(text)
        except CellError as exc:
            self.fail(key, str(exc))
            return None

    def need(self, key: str, parse: Callable[[str], T]) -> T | None:
        """Like get(), and a blank cell is a problem too."""
        if self.blank(key):
            self.fail(key, "is required and empty")
            return None
        return self.get(key, parse)


def read_rows(sheet: Sheet, columns: Sequence[Column]) -> tuple[list[Row], list[Problem], list[str]]:
    """Match the header row to the columns, then read every data row. Returns the rows, the file-level
    problems (missing or repeated columns) and the headers that were ignored."""
    by_name: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, column.key, *column.aliases):
            by_name[_fold(name)] = column
    problems: list[Problem] = []
    ignored: list[str] = []
    positions: dict[int, Column] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(sheet.headers):
        named = by_name.get(_fold(header))
        if named is None:
            if header:
                ignored.append(header)
            continue
        if named.key in seen:
            problems.append(Problem(1, header, f"repeats the column {seen[named.key]!r}"))
            continue
        seen[named.key] = header
        positions[index] = named
    for column in columns:
        if column.required and column.key not in seen:
            problems.append(Problem(1, column.header, "is required and missing from the header row"))
    headers = {c.key: seen.get(c.key, c.header) for c in columns}
    rows = []
    for number, values in sheet.rows:
        row = Row(number, {}, [], headers)
        for index, column in positions.items():
            try:
                text = clean(values[index])
            except CellError as exc:
                row.fail(column.key, str(exc))
                continue
            if text:
                row.cells[column.key] = text
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(None, None, "has no rows under the header row: one row per item"))
    return rows, problems, ignored
