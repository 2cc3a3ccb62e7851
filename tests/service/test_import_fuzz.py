"""Issue 11, fuzzing the CSV and XLSX readers with random bytes and mutated valid files: the only
exceptions are the importer's own file errors (AppError: 413, 415, 422), and no input costs more than a
bounded amount of memory. Fast here (50 examples each); `-m slow` runs the long version."""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.errors import AppError
from service.imports.columns import read_rows
from service.imports.kinds.requests import RequestKind
from service.imports.sheets import Limits, read_sheet
from service.imports.templates import template
from tests.service.test_import import HEADER, ROWS, csv_bytes, xlsx_bytes
from tests.service.test_import_limits import dimension_bomb

BOUND = 200 * 1024 * 1024
# Small caps, so a mutation that multiplies rows or columns meets them quickly.
LIMITS = Limits(rows=2_000, columns=100, cell_chars=20_000, bytes=8 * 1024 * 1024)
SEEDS = [
    csv_bytes(HEADER, *ROWS),
    'Reference;State;Title\r\nR-1;KEN;"two\r\nlines"\r\n'.encode("utf-16"),
    xlsx_bytes(HEADER, *ROWS),
    template("requests", "xlsx"),
    dimension_bomb(50),
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid file with a few bytes flipped, inserted, deleted or repeated, or cut short."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "cut"]))
        if action == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif action == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(2, 50))
        else:
            del data[at:]
    return bytes(data)


def _read(data: bytes, name: str) -> None:
    tracemalloc.start()
    try:
        try:
            sheet = read_sheet(data, name, LIMITS)
            read_rows(sheet, RequestKind.columns)
        except AppError:
            pass  # the importer's own refusal: a 4xx with a message
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < BOUND, f"{peak / 2**20:.0f} MB for {len(data)} bytes"


NAMES = st.sampled_from(["f.csv", "f.xlsx", "f.txt", "f"])
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=3_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(data=st.binary(max_size=4096), name=NAMES)
def test_random_bytes_are_read_or_refused(data: bytes, name: str) -> None:
    _read(data, name)


@FAST
@given(data=mutated(), name=NAMES)
def test_mutated_files_are_read_or_refused(data: bytes, name: str) -> None:
    _read(data, name)


@pytest.mark.slow
@LONG
@given(data=st.one_of(st.binary(max_size=65536), mutated()), name=NAMES)
def test_long_fuzz_of_both_readers(data: bytes, name: str) -> None:
    _read(data, name)
