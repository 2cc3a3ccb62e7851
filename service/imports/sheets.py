"""Reading an uploaded file into rows: CSV (UTF-8, comma, semicolon or tab separated) or XLSX (first
sheet). Anything else is refused with a message that says what to save the file as."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from service.errors import AppError, DataFileError

# More rows than the world-scale data set (20,000 requests) needs ten times over; beyond it a file is a
# mistake or an attack (a small zipped workbook can unpack to millions of rows).
MAX_ROWS = 200_000
EXTENSIONS = (".csv", ".xlsx")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls and other Office 97 files


class UnsupportedFile(AppError):
    """A file that is not a CSV or XLSX spreadsheet at all."""

    status_code = 415
    code = "unsupported_file"


@dataclass
class Sheet:
    """The cells of one table as typed: the header row, then each data row with its row number as a
    spreadsheet shows it (the header is row 1)."""

    file: str
    headers: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)


def read_sheet(data: bytes, filename: str) -> Sheet:
    name = PurePath(filename).name or "upload"
    suffix = PurePath(name).suffix.lower()
    if data.startswith(_OLE_MAGIC) or suffix == ".xls":
        raise UnsupportedFile(f"{name} is an old Excel (.xls) workbook; save it as .xlsx or as CSV UTF-8")
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, name)
    if suffix == ".xlsx":
        raise UnsupportedFile(f"{name} is named .xlsx but is not an Excel workbook")
    if suffix not in (".csv", ".txt", ""):
        raise UnsupportedFile(f"{name}: only CSV (.csv) and Excel (.xlsx) files can be imported")
    return _read_csv(data, name)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFileError(
            name,
            line,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save the file as 'CSV UTF-8' and import it again",
        ) from None


def _read_csv(data: bytes, name: str) -> Sheet:
    text = _decode(data, name)
    if "\x00" in text:
        raise UnsupportedFile(f"{name} holds binary data, not CSV text")
    first_line = text.split("\n", 1)[0]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        records = list(_limited(csv.reader(io.StringIO(text, newline=""), dialect), name))
    except csv.Error as exc:
        raise DataFileError(name, None, f"is not well-formed CSV ({exc})") from None
    return _sheet(name, records)


def _read_xlsx(data: bytes, name: str) -> Sheet:
    from openpyxl import load_workbook

    try:
        # read_only streams the rows; data_only=False keeps formulas visible so they can be refused.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnsupportedFile(f"{name} is not a readable Excel (.xlsx) workbook ({exc})") from None
    try:
        worksheet = workbook.worksheets[0]
        records = list(_limited(worksheet.iter_rows(values_only=True), name))
    finally:
        workbook.close()
    return _sheet(name, records)


def _limited(records: Iterable[Sequence[object]], name: str) -> Iterator[list[object]]:
    for count, record in enumerate(records, start=1):
        if count > MAX_ROWS + 1:
            raise DataFileError(name, None, f"has more than {MAX_ROWS:,} rows; split it into smaller files")
        yield list(record)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet(name: str, records: list[list[object]]) -> Sheet:
    numbered = [(i, r) for i, r in enumerate(records, start=1) if not all(_blank(v) for v in r)]
    if not numbered:
        raise DataFileError(name, None, "is empty: expected a header row and one row per item")
    # Row numbers stay as the spreadsheet shows them, so blank lines above the header are harmless.
    _, header = numbered[0]
    while header and _blank(header[-1]):
        header = header[:-1]
    headers = ["" if v is None else str(v).strip() for v in header]
    sheet = Sheet(name, headers)
    for number, record in numbered[1:]:
        sheet.rows.append((number, list(record[: len(headers)]) + [None] * (len(headers) - len(record))))
        if any(not _blank(v) for v in record[len(headers) :]):
            raise DataFileError(name, number, "has values beyond the last named column; give them a header")
    return sheet
