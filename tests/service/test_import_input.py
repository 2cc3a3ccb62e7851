"""Issue 7, bad input to the importer: malformed UTF-8, wrong file types, formulas, control characters,
look-alike letters, Excel's own encodings and separators. Each is refused (or read) with a clear message."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from service.errors import DataFileError
from service.imports.cells import CellError, clean, identifier, mixed_script_words, title_text
from service.imports.columns import read_rows
from service.imports.kinds.requests import RequestKind
from service.imports.sheets import UnsupportedFile, read_sheet
from service.imports.templates import template


@pytest.mark.parametrize(
    "cell",
    ["=1+1", '=HYPERLINK("http://evil")', "+cmd|' /c calc'!A0", "@SUM(A1:A2)", "-2+3|x", " =A1"],
)
def test_formula_like_cells_are_refused(cell: str) -> None:
    with pytest.raises(CellError, match="formula"):
        clean(cell)


@pytest.mark.parametrize(
    ("cell", "kept"),
    [("+254 20 123 4567", "+254 20 123 4567"), ("- training of trainers", "- training of trainers"),
     ("'=1+1", "=1+1"), ("  Kenya  ", "Kenya"), (3.0, "3"), ("e\u0301", "é")],
)  # fmt: skip
def test_plain_cells_are_kept_and_normalised(cell: object, kept: str) -> None:
    assert clean(cell) == kept


def test_control_characters_are_refused() -> None:
    with pytest.raises(CellError, match="control character"):
        clean("Training\x00 course")


def test_look_alike_letters_are_refused_in_codes_names_and_titles_only() -> None:
    assert mixed_script_words("Кenya") == ["Кenya"]
    assert mixed_script_words("Обучение FATF 反恐 training") == []
    with pytest.raises(CellError, match="mixes alphabets"):
        identifier("KЕN-1", max_length=40)  # Cyrillic Е
    with pytest.raises(CellError, match="mixes alphabets"):
        title_text("Training for Кenya")
    assert title_text("Подготовка по FATF") == "Подготовка по FATF"


def test_malformed_utf8_names_the_line() -> None:
    data = b"Reference,State,Title\nR-1,KEN,ok\n" + b"R-2,KEN,caf\xe9\n"

    with pytest.raises(DataFileError) as caught:
        read_sheet(data, "latin1.csv")

    assert caught.value.details["row"] == 3
    assert "UTF-8" in caught.value.message


def test_excel_unicode_text_and_semicolons_are_read() -> None:
    data = "Reference;State;Title\r\nR-1;Côte d'Ivoire;Формирование\r\n".encode("utf-16")

    sheet = read_sheet(data, "export.csv")

    assert sheet.headers == ["Reference", "State", "Title"]
    assert sheet.rows == [(2, ["R-1", "Côte d'Ivoire", "Формирование"])]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls", "old Excel"),
     (b"%PDF-1.4 something", "scan.pdf", "only CSV"),
     (b"not a zip", "fake.xlsx", "not an Excel workbook"),
     (b"PK\x03\x04 broken zip", "broken.xlsx", "not a readable Excel"),
     (b"Reference\x00,State", "binary.csv", "binary")],
)  # fmt: skip
def test_wrong_file_types_are_refused_with_415(data: bytes, name: str, message: str) -> None:
    with pytest.raises(UnsupportedFile, match=message) as caught:
        read_sheet(data, name)
    assert caught.value.status_code == 415


def test_xlsx_formula_cells_are_refused_per_cell() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Reference", "State", "Title"])
    sheet.append(["R-1", "KEN", '=CONCAT("a","b")'])
    out = io.BytesIO()
    workbook.save(out)

    rows, problems, _ = read_rows(read_sheet(out.getvalue(), "f.xlsx"), RequestKind.columns)

    assert problems == []
    (problem,) = rows[0].problems
    assert (problem.row, problem.column) == (2, "Title") and "formula" in problem.reason


def test_headers_in_plain_words_any_case_and_unknown_columns_ignored() -> None:
    data = b"reference,COUNTRY,title,Notes for us\nR-1,KEN,Training,call back\n"

    rows, problems, ignored = read_rows(read_sheet(data, "r.csv"), RequestKind.columns)

    assert problems == [] and ignored == ["Notes for us"]
    assert rows[0].cells == {"ref": "R-1", "state": "KEN", "title": "Training"}


def test_missing_and_repeated_required_columns_are_file_problems() -> None:
    data = b"Reference,Title,Ref\nR-1,Training,R-2\n"

    _, problems, _ = read_rows(read_sheet(data, "r.csv"), RequestKind.columns)

    assert {(p.row, p.column) for p in problems} == {(1, "Ref"), (1, "State")}


def test_templates_read_back_with_every_column_recognised() -> None:
    for fmt in ("csv", "xlsx"):
        sheet = read_sheet(template("requests", fmt), f"t.{fmt}")
        assert sheet.headers == [c.header for c in RequestKind.columns]
        _, problems, ignored = read_rows(sheet, RequestKind.columns)
        assert ignored == [] and [p.reason for p in problems] == [
            "has no rows under the header row: one row per item"
        ]
