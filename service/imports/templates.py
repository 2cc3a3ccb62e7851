"""Blank import templates a person fills in: the header row in plain words, and (in XLSX) a second sheet
that says what to write in each column, with an example and the area ids."""

from __future__ import annotations

import csv
import io

from service.core import catalogue
from service.errors import InvalidInput
from service.imports.kinds import kind_named

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def template(kind: str, fmt: str) -> bytes:
    """The blank template of one kind as CSV or XLSX bytes."""
    if fmt not in FORMATS:
        raise InvalidInput(f"a template is csv or xlsx, not {fmt!r}", field="format")
    return _csv(kind) if fmt == "csv" else _xlsx(kind)


def _csv(kind: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerow([c.header for c in kind_named(kind).columns])
    # The byte-order mark makes Excel open the file as UTF-8 (accents and non-Latin scripts intact).
    return out.getvalue().encode("utf-8-sig")


def _xlsx(kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = kind_named(kind).columns
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = kind.capitalize()
    sheet.append([c.header for c in columns])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(60, len(column.example) + 4))
        # Text format, so a spreadsheet keeps "0012" and "1(a)" as typed instead of turning them into
        # numbers or dates.
        sheet.column_dimensions[letter].number_format = "@"
    guide = workbook.create_sheet("How to fill in")
    guide.append(["Column", "Required", "What to write", "Example"])
    for column in columns:
        guide.append([column.header, "yes" if column.required else "", column.help, column.example])
    guide.append([])
    guide.append(["One row per item. Leave a cell blank to keep what is already stored."])
    guide.append(["Formulas are not imported: type values."])
    guide.append([])
    guide.append(["Area id", "Area"])
    for area in catalogue().areas.values():
        guide.append([area.id, area.title.get("en", area.id)])
    for row in guide.iter_rows(min_row=1, max_row=1):
        for cell in row:
            cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["C"].width = 90
    guide.column_dimensions["D"].width = 40
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
