"""Issue 11, hostile import files: a tiny XLSX that declares a sheet of 16,384 × 1,048,576 cells, a CSV
with a 500,000-column header, cells and files past the caps, an unterminated quote that swallows the rows
after it, and control characters in cells. Each is refused naming the cap (or read) in bounded memory."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.errors import DataFileError
from service.imports.cells import CellError, clean
from service.imports.columns import read_rows
from service.imports.kinds.requests import RequestKind
from service.imports.sheets import FileTooLarge, Limits, read_sheet
from service.settings import Settings
from tests.service.conftest import auth, make_user
from tests.service.test_import import HEADER, csv_bytes, run

MB = 1024 * 1024
BOUND = 200 * MB  # generous: the fixed reader stays near 20 MB on every file below


def xlsx_of(sheet_xml: str) -> bytes:
    """A minimal workbook around one hand-written sheet: the XML a hostile file would carry."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": f'<Relationships xmlns="{rels}"><Relationship Id="rId1" '
        f'Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{rels}"><Relationship Id="rId1" '
        f'Type="{office}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def sheet_xml(rows: str, dimension: str) -> str:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def dimension_bomb(rows: int) -> bytes:
    """One short cell per row, in a sheet that claims every cell Excel can address (finding 1)."""
    cells = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>x</t></is></c></row>' for i in range(1, rows + 1)
    )
    return xlsx_of(sheet_xml(cells, "A1:XFD1048576"))


def numbers(rows: int, columns: int) -> bytes:
    """rows × columns of the number 1: compresses to almost nothing, unpacks to much more."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, columns + 1)]
    body = "".join(
        f'<row r="{i}">' + "".join(f'<c r="{x}{i}"><v>1</v></c>' for x in letters) + "</row>"
        for i in range(1, rows + 1)
    )
    return xlsx_of(sheet_xml(body, f"A1:{letters[-1]}{rows}"))


def wide_csv(columns: int, rows: int) -> bytes:
    """A header of `columns` one-letter names over short rows (finding 2)."""
    return (",".join("a" for _ in range(columns)) + "\r\n" + "x\r\n" * rows).encode()


def measured(call: Callable[[], Any]) -> tuple[Any, float, int]:
    """(what the call returned or raised, seconds, peak bytes allocated by Python)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        try:
            outcome: Any = call()
        except Exception as exc:  # the outcome is what the test looks at
            outcome = exc
        return outcome, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_declared_dimension_is_never_trusted() -> None:
    data = dimension_bomb(3_000)  # today's reader padded each row to 16,384 cells: ~400 MB
    assert len(data) < 40_000

    sheet, seconds, peak = measured(lambda: read_sheet(data, "bomb.xlsx"))

    assert not isinstance(sheet, Exception), sheet
    assert sheet.headers == ["x"] and len(sheet.rows) == 2_999 and sheet.rows[0] == (2, ["x"])
    assert peak < BOUND, f"{peak / MB:.0f} MB in {seconds:.1f}s"


def test_a_dimension_bomb_past_the_row_cap_is_refused_in_bounded_memory() -> None:
    data = dimension_bomb(250_000)  # finding 1: MemoryError and a 500 today

    refused, seconds, peak = measured(lambda: read_sheet(data, "bomb.xlsx"))

    assert isinstance(refused, FileTooLarge), refused
    assert refused.details["limit"] == "MATCHMAKER_IMPORT_MAX_ROWS" and refused.details["maximum"] == 50_000
    assert peak < BOUND, f"{peak / MB:.0f} MB in {seconds:.1f}s"


def test_a_workbook_that_unpacks_past_the_cap_is_refused_before_it_is_inflated() -> None:
    data = numbers(20_000, 20)  # 400,000 cells: today's reader parsed every one before refusing
    limits = Limits(bytes=2 * MB)

    refused, seconds, peak = measured(lambda: read_sheet(data, "big.xlsx", limits))

    assert isinstance(refused, FileTooLarge), refused
    assert refused.details["limit"] == "MATCHMAKER_IMPORT_MAX_BYTES"
    assert "unpacks to" in refused.message
    assert seconds < 1 and peak < 20 * MB


def test_a_csv_header_of_500000_columns_is_refused_in_bounded_memory() -> None:
    data = wide_csv(500_000, 100)  # finding 2: every row padded to 500,000 cells
    assert len(data) < 1_100_000

    refused, seconds, peak = measured(lambda: read_sheet(data, "wide.csv"))

    assert isinstance(refused, FileTooLarge), refused
    assert refused.details["limit"] == "MATCHMAKER_IMPORT_MAX_COLUMNS" and refused.details["row"] == 1
    assert peak < BOUND, f"{peak / MB:.0f} MB in {seconds:.1f}s"


def test_an_xlsx_value_beyond_the_column_cap_is_refused() -> None:
    data = xlsx_of(sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c>'
                             '<c r="XFD1"><v>1</v></c></row>', "A1:XFD1"))  # fmt: skip

    with pytest.raises(FileTooLarge, match="column 16,384") as caught:
        read_sheet(data, "far.xlsx")

    assert caught.value.details["limit"] == "MATCHMAKER_IMPORT_MAX_COLUMNS"


def test_blank_styled_cells_far_to_the_right_are_ignored() -> None:
    data = xlsx_of(sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c><c r="XFD1" s="0"/></row>'
                             '<row r="3"><c r="A3" t="inlineStr"><is><t>Row</t></is></c></row>', "A1:XFD3"))  # fmt: skip

    sheet = read_sheet(data, "styled.xlsx")

    assert sheet.headers == ["Title"] and sheet.rows == [(3, ["Row"])]


@pytest.mark.parametrize("length", [20_001, 200_000])
def test_a_cell_past_the_length_cap_is_refused(length: int) -> None:
    data = csv_bytes(HEADER, ["IMP-L-1", "KEN", "t" * length])

    with pytest.raises(FileTooLarge) as caught:
        read_sheet(data, "long.csv")

    assert caught.value.details["limit"] == "MATCHMAKER_IMPORT_MAX_CELL_CHARS"
    assert caught.value.details["row"] == 2


def test_rows_past_the_cap_are_refused_and_the_bench_size_is_read() -> None:
    rows = [[f"IMP-R-{i}", "KEN", "A title"] for i in range(20_000)]
    data = csv_bytes(["Reference", "State", "Title"], *rows)

    assert len(read_sheet(data, "bench.csv").rows) == 20_000
    with pytest.raises(FileTooLarge, match="more than 19,999 rows") as caught:
        read_sheet(data, "bench.csv", Limits(rows=19_999))
    assert caught.value.details["row"] == 20_001


def test_the_api_answers_413_naming_the_cap(client: TestClient, session: Session, settings: Settings) -> None:
    settings.import_max_rows = 1_000
    team = auth(make_user(session))

    started = time.perf_counter()
    answer = client.post(
        "/api/imports/requests",
        params={"dry_run": "true"},
        files={"file": ("bomb.xlsx", dimension_bomb(1_500), "application/octet-stream")},
        headers=team,
    )

    assert answer.status_code == 413, answer.text
    body = answer.json()
    assert body["error"] == "file_too_large" and body["field"] == "file"
    assert body["details"]["limit"] == "MATCHMAKER_IMPORT_MAX_ROWS" and body["details"]["maximum"] == 1_000
    assert "MATCHMAKER_IMPORT_MAX_ROWS" in body["detail"] and body["details"]["reason"]
    assert time.perf_counter() - started < 30  # today: tens of seconds and gigabytes for the 250k file


def test_an_unterminated_quote_is_refused_naming_its_line() -> None:
    data = (
        b"Reference,State,Title,Description\r\n"
        b'IMP-Q-1,KEN,"unterminated quote,Some description\r\n'
        b"IMP-Q-2,KEN,Second row title,Another description\r\n"
    )

    with pytest.raises(DataFileError, match="line 2 is never closed") as caught:
        read_sheet(data, "quote.csv")

    assert caught.value.details["row"] == 2


def test_an_unterminated_quote_after_a_legal_multiline_cell_names_its_own_line() -> None:
    data = (
        b"Reference,State,Title,Description\r\n"
        b'IMP-Q-1,KEN,"A title\r\nover two lines",fine\r\n'
        b'IMP-Q-2,KEN,Title,"never ""closed\r\n'
        b"IMP-Q-3,KEN,Third,row\r\n"
    )

    with pytest.raises(DataFileError, match="line 4 is never closed") as caught:
        read_sheet(data, "quote.csv")

    assert caught.value.details["row"] == 3


def test_legal_multiline_quoted_cells_still_import(session: Session) -> None:
    data = (
        b"Reference,State,Title,Description\r\n"
        b'IMP-Q-1,KEN,Drafting a law against terrorist financing,"First line\r\nsecond line, with a ""quote"""\r\n'
        b"IMP-Q-2,KEN,Training of border police officers,Courses for immigration officers on forged passports\r\n"
    )

    sheet = read_sheet(data, "multi.csv")
    report = run(session, "requests", data, name="multi.csv", dry_run=True)

    assert sheet.rows[0][1][3] == 'First line\r\nsecond line, with a "quote"'
    assert [number for number, _ in sheet.rows] == [2, 3]
    assert report.counts["new"] == 2 and not report.problems, (report.counts, report.problems)


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9b"])
def test_control_characters_in_a_csv_cell_are_a_row_problem(session: Session, char: str) -> None:
    data = csv_bytes(HEADER, ["IMP-C-1", "KEN", f"Training{char}course", "", "", "", "A", ""],
                     ["IMP-C-2", "KEN", "A clean title", "", "", "", "A", ""])  # fmt: skip

    report = run(session, "requests", data, name="control.csv", dry_run=True)

    assert [(p.row, p.column) for p in report.problems] == [(2, "Title")]
    assert f"U+{ord(char):04X}" in report.problems[0].reason
    assert report.counts["rejected"] == 1


@pytest.mark.parametrize("cell", ["Title\x1f", "\x1cTitle", "Title\x85"])
def test_control_characters_that_python_counts_as_spaces_are_refused(cell: str) -> None:
    with pytest.raises(CellError, match="control character"):
        clean(cell)


def test_tabs_and_line_breaks_are_kept() -> None:
    assert clean("a\tb\r\nc\nd") == "a\tb\r\nc\nd"


def test_control_characters_in_an_xlsx_cell_are_a_row_problem() -> None:
    data = xlsx_of(sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row>'
                             '<row r="2"><c r="A2" t="inlineStr"><is><t>Bad&#x9B;title</t></is></c></row>',
                             "A1:A2"))  # fmt: skip

    rows, problems, _ = read_rows(read_sheet(data, "control.xlsx"), RequestKind.columns)

    assert rows[0].problems and rows[0].problems[0].column == "Title"
    assert "U+009B" in rows[0].problems[0].reason
