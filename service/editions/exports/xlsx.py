"""Tables to an XLSX workbook: one sheet each, bold frozen header, autofilter, widths from the content;
text that looks like a formula is written as text with Excel's own quote prefix."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from service.editions.exports.cells import is_risky
from service.editions.exports.tables import Table

MIN_WIDTH, MAX_WIDTH = 8, 60
# Widths are measured on the first rows only: a world-scale sheet has 20,000 of them.
SAMPLE = 300


def _width(title: str, values: Iterable[Any]) -> float:
    longest = max(
        [
            len(title),
            *(max((len(line) for line in str(v).splitlines()), default=0) for v in values if v is not None),
        ]
    )
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _write(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(table.name[:31])
    sample = table.rows[:SAMPLE]
    for i, title in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = _width(title, (row[i - 1] for row in sample))
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for title in table.columns:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.alignment = bold, wrap
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_text_cell(sheet, v) if is_risky(v) else v for v in row])


def workbook_bytes(tables: list[Table]) -> bytes:
    book = Workbook(write_only=True)
    for table in tables:
        _write(book, table)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
