"""Issue 5: every export of an edition read back and checked against the database; formula injection
neutralised; the XLSX converts to PDF in LibreOffice when it is installed."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.editions import store
from service.editions.compare import changes
from service.editions.exports import render
from service.editions.exports.tables import Lookup
from service.vocab import LABELS, LINE_STATUS
from tests.service.test_editions_helpers import TODAY, Months, constructed, june_2003  # noqa: F401

pytestmark = pytest.mark.usefixtures("june_2003")


def _may(session: Session) -> tuple[Months, store.Sealed, dict | None]:  # type: ignore[type-arg]
    c = constructed(session)
    store.build(session, "2003-04", actor=None, on=TODAY)
    store.build(session, "2003-05", actor=None, on=TODAY)
    sealed = store.get(session, "2003-05")
    return c, sealed, changes(session, sealed)


def _sheet(book, name: str) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_xlsx_matches_the_database(session: Session) -> None:
    c, sealed, delta = _may(session)
    book = load_workbook(io.BytesIO(render(sealed, delta, "xlsx").data))
    assert book.sheetnames == ["By state", "By area", "Gaps", "Changes since last month", "Summary"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        assert all(sheet.column_dimensions[col].width >= 8 for col in ("A", "B"))

    rows = {row["Request ref"]: row for row in _sheet(book, "By state")}
    in_edition = [c.r1, c.r2, c.r3, c.r4, c.r7]
    assert set(rows) == {r.ref for r in in_edition}
    for request in in_edition:
        row, state = rows[request.ref], session.get(m.State, request.state_iso3)
        assert state is not None
        assert (row["State code"], row["State"], row["Region"]) == (state.iso3, state.name, state.region)
        assert row["Stage"] == request.stage and row["Stage meaning"].startswith(("Legislation", "Executive"))
        assert row["Area ids"] == ", ".join(request.areas)
        titles = [session.get(m.Area, a).title for a in request.areas]  # type: ignore[union-attr]
        assert row["Areas"] == "; ".join(titles)
    r1 = rows[c.r1.ref]
    assert (r1["Status code"], r1["Status"]) == ("matched", LABELS["matched"])
    assert r1["State's priority (1 = most urgent)"] == 2
    provider = session.get(m.Provider, c.p1.provider_id)
    assert provider is not None
    assert (r1["Programme ref"], r1["Provider id"], r1["Provider"]) == (c.p1.ref, provider.id, provider.name)
    assert r1["Score"] == 0.9 and r1["Match status"] == LABELS["consented"]
    assert r1["What this line is"] == LINE_STATUS["consented"] == "Agreed by the state"
    assert r1["Fit"] == "strong"
    assert r1["Why this programme"] == f"shares areas with {c.p1.ref}"
    assert c.p2.ref in r1["Other programmes"]
    assert rows[c.r4.ref]["Status"] == "Met" and rows[c.r7.ref]["Triage outcome"] == "Not yet triaged"
    assert [g["Request ref"] for g in _sheet(book, "Gaps")] == [c.r3.ref]
    assert rows[c.r3.ref]["Further means needed"] == "Yes"

    by_area = _sheet(book, "By area")
    assert {(r["Area id"], r["Request ref"]) for r in by_area} == {
        (a, r.ref) for r in in_edition for a in r.areas
    }
    kinds = {(r["Change code"], r["Ref"]) for r in _sheet(book, "Changes since last month")}
    assert ("new_request", c.r3.ref) in kinds and ("retired_programme", c.p4.ref) in kinds
    summary = {r["Item"]: r["Value"] for r in _sheet(book, "Summary")}
    assert summary["Checksum (SHA-256 of the JSON export)"] == sealed.edition.checksum
    assert summary["Further means needed (gaps)"] == 1 and summary["Compared with"] == "2003-04 revision 1"


def test_xlsx_keeps_formula_looking_text_as_text(session: Session) -> None:
    c, sealed, delta = _may(session)
    book = load_workbook(io.BytesIO(render(sealed, delta, "xlsx").data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    cell = next(cell for row in book["By state"].iter_rows() for cell in row if cell.value == c.r1.title)
    assert cell.quotePrefix and cell.data_type == "s"


def test_csv_is_excel_friendly_and_neutralised(session: Session) -> None:
    c, sealed, delta = _may(session)
    data = render(sealed, delta, "csv").data
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    by_ref = {r["Request ref"]: r for r in rows}
    assert set(by_ref) == {c.r1.ref, c.r2.ref, c.r3.ref, c.r4.ref, c.r7.ref}
    assert by_ref[c.r1.ref]["Request"] == "'" + c.r1.title
    assert by_ref[c.r1.ref]["Programme"] == "'" + c.p1.title
    assert by_ref[c.r2.ref]["Status"] == LABELS["open"]


def test_json_is_the_sealed_content(session: Session) -> None:
    _c, sealed, delta = _may(session)
    data = render(sealed, delta, "json").data
    assert hashlib.sha256(data).hexdigest() == sealed.edition.checksum
    content = json.loads(data)
    refs = set(
        session.scalars(select(m.Request.ref).where(m.Request.id.in_([r["id"] for r in content["requests"]])))
    )
    assert refs == {r["ref"] for r in content["requests"]}


def test_html_is_a_printable_escaped_page(session: Session) -> None:
    c, sealed, delta = _may(session)
    page = render(sealed, delta, "html").data.decode()
    assert "@page" in page and "@media print" in page and "Assistance Matrix — 2003-05" in page
    assert c.r3.ref in page and sealed.edition.checksum in page
    assert "-cmd|&#39; /C calc&#39;!A0" in page  # escaped, never raw markup


def test_printable_matrix_says_what_each_line_is_in_state_name_order(session: Session) -> None:
    c, sealed, delta = _may(session)
    page = render(sealed, delta, "html").data.decode()
    by_state = page.split("<h2>By state")[1].split("</table>")[0]
    header = by_state.split("</thead>")[0]
    assert "<th>What this line is</th>" in header and "<th>Fit</th>" in header
    assert "Score" not in header and "Why this programme" not in header  # the printed page circulates
    rows = [row for row in by_state.split("<tr>")[2:]]
    # r2 is open with only the system's suggestions: its provider is printed as that, not as an assignment.
    r2 = next(row for row in rows if c.r2.ref in row)
    assert "<td>Suggested by the system</td>" in r2 and "<td>strong</td>" in r2
    r3 = next(row for row in rows if c.r3.ref in row)
    assert "<td>No provider yet — further means needed</td>" in r3
    # By state name (Kenya, Nigeria, Pakistan), then the state's priority.
    order = [ref for row in rows for ref in (c.r2.ref, c.r1.ref, c.r4.ref, c.r7.ref, c.r3.ref) if f"<td>{ref}</td>" in row]
    assert order == [c.r2.ref, c.r1.ref, c.r4.ref, c.r7.ref, c.r3.ref]


def test_matrix_sorts_by_state_name_not_code() -> None:
    look = Lookup(
        {
            "states": {"DEU": {"name": "Germany"}, "AUT": {"name": "Austria"}, "CHE": {"name": "Switzerland"}},
            "areas": {}, "stages": {}, "providers": {}, "programmes": [],
        }
    )
    requests = [
        {"state": "DEU", "priority": 2, "ref": "a"},
        {"state": "CHE", "priority": 1, "ref": "b"},
        {"state": "DEU", "priority": None, "ref": "c"},
        {"state": "DEU", "priority": 1, "ref": "d"},
        {"state": "AUT", "priority": 3, "ref": "e"},
    ]
    assert [r["ref"] for r in look.order(requests)] == ["e", "d", "a", "c", "b"]


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    _soffice() is None, reason="LibreOffice (soffice) is not installed: cannot check the XLSX opens"
)
def test_libreoffice_converts_the_xlsx_to_pdf(session: Session, tmp_path: Path) -> None:
    _c, sealed, delta = _may(session)
    source = tmp_path / "matrix.xlsx"
    source.write_bytes(render(sealed, delta, "xlsx").data)
    subprocess.run(
        [_soffice() or "soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "matrix.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
