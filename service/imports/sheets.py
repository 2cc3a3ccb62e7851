"""Reading an uploaded file into rows: CSV (UTF-8, comma, semicolon or tab separated) or XLSX (first
sheet), streamed under hard caps on rows, columns, cell length and unpacked size. Anything else is refused
with a message that says what to save the file as."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from service.errors import AppError, DataFileError
from service.settings import Settings

EXTENSIONS = (".csv", ".xlsx")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls and other Office 97 files
# Appended after a CSV's last line: it comes back as a record of its own unless the file ends inside a
# quoted cell, which then swallows it (a noncharacter, so no real cell ends with it).
_END = "\ufdd0matchmaker-end-of-file\ufdd0"


class UnsupportedFile(AppError):
    """A file that is not a CSV or XLSX spreadsheet at all."""

    status_code = 415
    code = "unsupported_file"


class FileTooLarge(DataFileError):
    """A file past one of the import caps: refused before it is read whole. `details` name the setting
    (limit) and its value (maximum) besides the file, row and reason."""

    status_code = 413
    code = "file_too_large"

    def __init__(
        self, file: str, row: int | None, reason: str, *, limit: str, maximum: int, column: str | None = None
    ) -> None:
        super().__init__(file, row, f"{reason} (the limit, {limit}, is {maximum:,})")
        self.field = "file"
        self.details.update(column=column, limit=limit, maximum=maximum)


_DEFAULTS = Settings.model_fields


@dataclass(frozen=True)
class Limits:
    """The import caps (settings MATCHMAKER_IMPORT_MAX_*)."""

    rows: int = _DEFAULTS["import_max_rows"].default
    columns: int = _DEFAULTS["import_max_columns"].default
    cell_chars: int = _DEFAULTS["import_max_cell_chars"].default
    bytes: int = _DEFAULTS["import_max_bytes"].default

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            settings.import_max_rows,
            settings.import_max_columns,
            settings.import_max_cell_chars,
            settings.import_max_bytes,
        )


@dataclass
class Sheet:
    """The cells of one table as typed: the header row, then each data row with its row number as a
    spreadsheet shows it (the header is row 1)."""

    file: str
    headers: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)


def read_sheet(data: bytes, filename: str, limits: Limits | None = None) -> Sheet:
    limits = limits or Limits()
    name = PurePath(filename).name or "upload"
    suffix = PurePath(name).suffix.lower()
    if data.startswith(_OLE_MAGIC) or suffix == ".xls":
        raise UnsupportedFile(f"{name} is an old Excel (.xls) workbook; save it as .xlsx or as CSV UTF-8")
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, name, limits)
    if suffix == ".xlsx":
        raise UnsupportedFile(f"{name} is named .xlsx but is not an Excel workbook")
    if suffix not in (".csv", ".txt", ""):
        raise UnsupportedFile(f"{name}: only CSV (.csv) and Excel (.xlsx) files can be imported")
    return _read_csv(data, name, limits)


def _too_big(name: str, size: int, limits: Limits, what: str) -> None:
    if size > limits.bytes:
        raise FileTooLarge(
            name,
            None,
            f"{what} {size:,} bytes; split it into smaller files",
            limit="MATCHMAKER_IMPORT_MAX_BYTES",
            maximum=limits.bytes,
        )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DataFileError(name, None, "is not readable UTF-16 text") from None
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


def _read_csv(data: bytes, name: str, limits: Limits) -> Sheet:
    _too_big(name, len(data), limits, "is")
    text = _decode(data, name)
    end = text.find("\n")
    first_line = text[: end if end >= 0 else len(text)][:10_000]
    # A NUL in the header row is a binary file (or UTF-16 without its mark); in a cell it is refused
    # there, with its row and column, like any other control character.
    if "\x00" in first_line:
        raise UnsupportedFile(f"{name} holds binary data, not CSV text")
    # Only the separator is guessed: a header without quotes would make the sniffer turn off "" as an
    # escaped quote, and the cells below it would keep both quotes.
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    dialect = _Excel(delimiter)
    # The csv module's own cap on a cell is process-wide; it must not be below ours.
    if csv.field_size_limit() < limits.cell_chars + len(_END) + 2:
        csv.field_size_limit(limits.cell_chars + len(_END) + 2)
    reader = csv.reader(io.StringIO(text + "\r\n" + _END, newline=""), dialect)
    return _collect(name, _csv_records(reader, text, name, limits, dialect), limits)


class _Excel(csv.excel):
    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter
        super().__init__()


def _csv_records(
    reader: Any, text: str, name: str, limits: Limits, dialect: csv.Dialect
) -> Iterator[tuple[int, list[object]]]:
    number = 0
    while True:
        starts_on = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise FileTooLarge(
                    name,
                    number + 1,
                    f"has a cell longer than {limits.cell_chars:,} characters in the row that starts on "
                    f"line {starts_on} (is a quote opened there and never closed?)",
                    limit="MATCHMAKER_IMPORT_MAX_CELL_CHARS",
                    maximum=limits.cell_chars,
                ) from None
            raise DataFileError(name, None, f"is not well-formed CSV ({exc})") from None
        number += 1
        if record == [_END]:
            return
        if record and record[-1].endswith(_END):
            raise DataFileError(
                name, number, _unclosed_quote(text, record[-1][: -len(_END)], dialect, starts_on)
            )
        yield number, list(record)


def _unclosed_quote(text: str, value: str, dialect: csv.Dialect, starts_on: int) -> str:
    """Where the quoted cell that runs to the end of the file opened: the cell's value is the file's
    tail (its doubled quotes read as one), so the opening quote sits just before that tail."""
    value = value.removesuffix("\r\n")
    quote = dialect.quotechar or '"'
    raw = len(value) + (value.count(quote) if dialect.doublequote else 0)
    opened = len(text) - raw - 1
    line = text.count("\n", 0, opened) + 1 if 0 <= opened < len(text) and text[opened] == quote else starts_on
    return (
        f"a quote ({quote}) opened on line {line} is never closed, so every line after it would be read "
        "into that one cell; close the quote or remove it"
    )


# What a damaged workbook raises from zipfile, zlib, ElementTree (ParseError is a SyntaxError) and
# openpyxl; any of them means "not a readable workbook".
_UNREADABLE = (
    zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, OSError, ValueError, TypeError,
    AttributeError, SyntaxError,
)  # fmt: skip


def _read_xlsx(data: bytes, name: str, limits: Limits) -> Sheet:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The sizes the archive declares bound what zipfile will unpack (it stops there), so checking
            # them first refuses a zip bomb before a byte of it is inflated.
            parts = archive.infolist()
            unpacked = sum(part.file_size for part in parts)
        _too_big(name, unpacked, limits, "unpacks to")
        if len(parts) > 10_000:
            raise UnsupportedFile(f"{name} holds {len(parts):,} parts: not an ordinary workbook")
        # read_only streams the rows; data_only=False keeps formulas visible so they can be refused.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (*_UNREADABLE, zipfile.LargeZipFile) as exc:
        raise UnsupportedFile(f"{name} is not a readable Excel (.xlsx) workbook ({exc})") from None
    try:
        if not workbook.worksheets:
            raise UnsupportedFile(f"{name} has no worksheet")
        return _collect(name, _xlsx_records(workbook, name, limits), limits)
    except _UNREADABLE as exc:
        raise UnsupportedFile(f"{name} is not a readable Excel (.xlsx) workbook ({exc})") from None
    finally:
        workbook.close()


def _xlsx_records(workbook: Any, name: str, limits: Limits) -> Iterator[tuple[int, list[object]]]:
    """The first sheet's rows as its XML holds them. openpyxl's own iter_rows pads every row to the
    sheet's declared dimension (a 3 KB file can declare 16,384 columns × 1,048,576 rows) and yields
    every missing row in between; here only the cells present are read, and a value beyond the column
    cap refuses the file at once."""
    from openpyxl.worksheet._reader import WorkSheetParser

    worksheet = workbook.worksheets[0]
    with workbook._archive.open(worksheet._worksheet_path) as source:
        parser = WorkSheetParser(
            source,
            worksheet._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            values: dict[int, object] = {}
            for cell in cells:
                value = cell["value"]
                if _blank(value):
                    continue
                column = cell["column"]
                if column > limits.columns:
                    _too_wide(name, number, column, limits)
                values[column] = value
            if values:
                record: list[object] = [None] * max(values)
                for column, value in values.items():
                    record[column - 1] = value
                yield number, record


def _too_wide(name: str, row: int | None, width: int, limits: Limits) -> None:
    raise FileTooLarge(
        name,
        row,
        f"has a value in column {width:,}; at most {limits.columns:,} columns are read",
        limit="MATCHMAKER_IMPORT_MAX_COLUMNS",
        maximum=limits.columns,
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trimmed(record: list[object]) -> list[object]:
    end = len(record)
    while end and _blank(record[end - 1]):
        end -= 1
    return record if end == len(record) else record[:end]


def _collect(name: str, records: Iterable[tuple[int, list[object]]], limits: Limits) -> Sheet:
    """The header row (the first that is not blank) and the data rows under it, numbered as the
    spreadsheet shows them (blank lines above the header are harmless), within the caps."""
    sheet: Sheet | None = None
    for number, raw in records:
        record = _trimmed(raw)
        if not record:
            continue
        if len(record) > limits.columns:
            _too_wide(name, number, len(record), limits)
        for index, value in enumerate(record):
            if isinstance(value, str) and len(value) > limits.cell_chars:
                header = sheet.headers[index] if sheet and index < len(sheet.headers) else None
                raise FileTooLarge(
                    name,
                    number,
                    f"has a cell of {len(value):,} characters"
                    + (f" in column {header!r}" if header else f" in column {index + 1}"),
                    limit="MATCHMAKER_IMPORT_MAX_CELL_CHARS",
                    maximum=limits.cell_chars,
                    column=header,
                )
        if sheet is None:
            sheet = Sheet(name, ["" if v is None else str(v).strip() for v in record])
            continue
        width = len(sheet.headers)
        if len(record) > width:
            raise DataFileError(name, number, "has values beyond the last named column; give them a header")
        if len(sheet.rows) >= limits.rows:
            raise FileTooLarge(
                name,
                number,
                f"has more than {limits.rows:,} rows; split it into smaller files",
                limit="MATCHMAKER_IMPORT_MAX_ROWS",
                maximum=limits.rows,
            )
        sheet.rows.append((number, record + [None] * (width - len(record))))
    if sheet is None:
        raise DataFileError(name, None, "is empty: expected a header row and one row per item")
    return sheet
