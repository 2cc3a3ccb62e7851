"""Issue 7, bulk import of requests: names resolved, untagged rows tagged as suggestions, near-duplicates
flagged, dry run, all-or-nothing, idempotent re-import, priorities and events. Every test runs on SQLite
and PostgreSQL."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.imports import ImportReport, kind_named, run_import
from tests.service.conftest import make_request

HEADER = ["Reference", "State", "Title", "Description", "Language", "Areas", "Stage", "Priority"]


def csv_bytes(header: list[str], *rows: list[object]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(header: list[str], *rows: list[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(
    session: Session, kind: str, data: bytes, *, name: str = "file.csv", dry_run: bool = False
) -> ImportReport:
    return run_import(session, kind_named(kind), data, name, dry_run=dry_run)


def requests_of(session: Session, state: str) -> dict[str, m.Request]:
    return {r.ref: r for r in session.scalars(select(m.Request).where(m.Request.state_iso3 == state))}


def count(session: Session, model: type[m.Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


ROWS = [
    ["IMP-1", "Kenya", "Drafting a law against the financing of terrorism",
     "Help to draft legislation that criminalises terrorist financing and freezes assets.", "en",
     "financing, legislation", "A", "1"],
    ["IMP-2", "KEN", "Training of border police on travel document fraud",
     "Courses for immigration officers on forged passports.", "", "", "B", ""],
    ["IMP-3", "Republique du Senegal", "Formation des douaniers aux mouvements transfrontaliers d'espèces",
     "Renforcer le contrôle des passeurs de fonds aux frontières.", "fr", "", "", ""],
]  # fmt: skip


def test_import_creates_requests_from_csv_and_xlsx_alike(session: Session) -> None:
    report = run(session, "requests", xlsx_bytes(HEADER, *ROWS), name="requests.xlsx")

    assert report.ok and report.applied
    assert report.counts == {"new": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    kenya = requests_of(session, "KEN")
    assert set(kenya) == {"IMP-1", "IMP-2"}
    assert kenya["IMP-1"].areas == ["financing", "legislation"]
    assert all(not link.suggested for link in kenya["IMP-1"].area_links)
    assert kenya["IMP-2"].language == "en"  # detected from the text when left blank
    senegal = requests_of(session, "SEN")["IMP-3"]
    assert senegal.stage == "A" and senegal.status == "submitted" and senegal.priority == 1
    # The same rows as CSV are the same requests: nothing changes.
    again = run(session, "requests", csv_bytes(HEADER, *ROWS))
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 3, "rejected": 0}


def test_untagged_rows_get_suggested_areas_and_a_note(session: Session) -> None:
    report = run(session, "requests", csv_bytes(HEADER, *ROWS))

    request = requests_of(session, "SEN")["IMP-3"]
    assert "customs" in request.areas
    assert all(link.suggested for link in request.area_links)
    note = next(r for r in report.rows if r.reference == "IMP-3").notes
    assert any("suggested by the tagger" in n and "customs" in n for n in note)


def test_reimport_is_idempotent_no_events_no_version_bumps(session: Session) -> None:
    run(session, "requests", csv_bytes(HEADER, *ROWS))
    events = count(session, m.Event)
    versions = {r.ref: r.version for r in requests_of(session, "KEN").values()}

    report = run(session, "requests", csv_bytes(HEADER, *ROWS))

    assert report.counts["unchanged"] == 3 and not report.changed
    assert count(session, m.Event) == events
    assert {r.ref: r.version for r in requests_of(session, "KEN").values()} == versions


def test_created_and_updated_rows_are_recorded_as_events(session: Session) -> None:
    run(session, "requests", csv_bytes(HEADER, *ROWS))
    created = session.scalars(select(m.Event).where(m.Event.action == "request.created")).all()
    assert len(created) == 3 and all("row" in (e.note or "") for e in created)

    changed = [list(r) for r in ROWS]
    changed[1][2] = "Training of border police on forged travel documents"
    report = run(session, "requests", csv_bytes(HEADER, *changed))

    assert report.counts == {"new": 0, "updated": 1, "unchanged": 2, "rejected": 0}
    (change,) = report.rows[1].changes
    assert change.startswith("Title: Training of border police on travel") and " → Training of" in change
    request = requests_of(session, "KEN")["IMP-2"]
    assert request.version == 2
    event = session.scalars(select(m.Event).where(m.Event.action == "request.updated")).one()
    assert event.entity_id == str(request.id)
    assert event.before is not None and event.after is not None
    assert event.before["title"] != event.after["title"] == request.title


def test_one_bad_row_means_nothing_is_written_and_each_problem_is_named(session: Session) -> None:
    before = (count(session, m.Request), count(session, m.Event))
    rows = [*ROWS, ["IMP-4", "Atlantis", "Something", "", "en", "", "D", "0"]]

    report = run(session, "requests", csv_bytes(HEADER, *rows))

    assert not report.applied
    assert (count(session, m.Request), count(session, m.Event)) == before
    assert report.counts == {"new": 3, "updated": 0, "unchanged": 0, "rejected": 1}
    assert {(p.row, p.column) for p in report.problems} == {(5, "State"), (5, "Stage"), (5, "Priority")}
    assert "Atlantis" in next(p.reason for p in report.problems if p.column == "State")
    assert "Nothing was written" in report.summary()


def test_dry_run_reports_without_writing(session: Session) -> None:
    before = (count(session, m.Request), count(session, m.Event))

    report = run(session, "requests", csv_bytes(HEADER, *ROWS), dry_run=True)

    assert report.counts["new"] == 3 and not report.applied
    assert (count(session, m.Request), count(session, m.Event)) == before


def test_ambiguous_and_unknown_names_are_errors_listing_candidates(session: Session) -> None:
    rows = [
        ["IMP-9", "Congo", "Strengthening the financial intelligence unit", "", "en", "financing", "A", ""]
    ]

    report = run(session, "requests", csv_bytes(HEADER, *rows))

    (problem,) = report.problems
    assert problem.column == "State" and "COD" in problem.reason and "COG" in problem.reason


def test_a_state_name_with_look_alike_letters_is_refused_not_guessed(session: Session) -> None:
    rows = [["IMP-12", "\u041aenya", "Strengthening the financial intelligence unit", "", "en", "", "A", ""]]

    report = run(session, "requests", csv_bytes(HEADER, *rows))

    (problem,) = report.problems
    assert problem.column == "State" and "mixes alphabets" in problem.reason


def test_near_duplicates_of_stored_requests_are_flagged_not_merged(session: Session) -> None:
    stored = make_request(
        session,
        state="KEN",
        title="Drafting a law against the financing of terrorism",
        description="We need help drafting legislation to criminalise terrorist financing and freeze assets.",
    )
    rows = [["IMP-5", "Kenya", "Drafting a law against the financing of terrorism",
             "We need help to draft legislation criminalising terrorist financing and freezing assets.", "en",
             "financing", "A", ""],
            ["IMP-6", "Kenya", "Maritime port security equipment", "Scanners for container inspection.", "en",
             "maritime", "C", ""]]  # fmt: skip

    report = run(session, "requests", csv_bytes(HEADER, *rows))

    flagged = {r.reference: r.duplicates for r in report.rows}
    assert [d.reference for d in flagged["IMP-5"]] == [stored.ref]
    assert flagged["IMP-5"][0].similarity >= 0.7
    assert flagged["IMP-6"] == []
    assert {"IMP-5", stored.ref} <= set(requests_of(session, "KEN"))  # both kept


def test_file_priorities_become_ranks_and_others_keep_their_order(session: Session) -> None:
    first = make_request(session, state="UGA", title="Customs training on cash couriers")
    second = make_request(session, state="UGA", title="Aviation security screening")
    assert (first.priority, second.priority) == (1, 2)
    rows = [["IMP-7", "Uganda", "Legislative drafting on terrorist financing", "", "en", "financing", "A", "1"],
            ["IMP-8", "Uganda", "Port security assessment", "", "en", "maritime", "C", ""]]  # fmt: skip

    report = run(session, "requests", csv_bytes(HEADER, *rows))
    session.expire_all()

    ranks = {ref: r.priority for ref, r in requests_of(session, "UGA").items()}
    assert ranks == {"IMP-7": 1, first.ref: 2, second.ref: 3, "IMP-8": 4}
    moved = session.scalars(select(m.Event).where(m.Event.action == "request.priority")).all()
    assert {e.entity_id for e in moved} == {str(first.id), str(second.id)}
    again = run(session, "requests", csv_bytes(HEADER, *rows))
    assert again.counts["unchanged"] == 2 and not again.changed
    assert report.ok


def test_two_rows_of_a_state_cannot_share_a_priority(session: Session) -> None:
    rows = [["IMP-10", "Uganda", "Legislative drafting", "", "en", "legislation", "A", "1"],
            ["IMP-11", "Uganda", "Border control", "", "en", "immigration", "B", "1"]]  # fmt: skip

    report = run(session, "requests", csv_bytes(HEADER, *rows))

    (problem,) = report.problems
    assert (problem.row, problem.column) == (3, "Priority") and "row 2" in problem.reason


def test_a_request_cannot_move_state_or_change_once_past_triage(session: Session) -> None:
    run(session, "requests", csv_bytes(HEADER, *ROWS))
    kenya = requests_of(session, "KEN")
    kenya["IMP-1"].status = "matched"
    session.flush()
    moved = [list(r) for r in ROWS]
    moved[1][1] = "Uganda"
    moved[0][3] = "A new description"

    report = run(session, "requests", csv_bytes(HEADER, *moved))

    reasons = {p.row: p.reason for p in report.problems}
    assert "matched" in reasons[2] and "description" in reasons[2]
    assert "cannot move" in reasons[3]
    assert requests_of(session, "KEN")["IMP-1"].description != "A new description"


def test_blank_cells_keep_what_is_stored(session: Session) -> None:
    run(session, "requests", csv_bytes(HEADER, *ROWS))
    sparse = [[row[0], row[1], "", "", "", "", "", ""] for row in ROWS]

    report = run(session, "requests", csv_bytes(HEADER, *sparse))

    assert report.counts["unchanged"] == 3
    assert requests_of(session, "KEN")["IMP-1"].areas == ["financing", "legislation"]


def test_confirming_suggested_areas_is_an_update(session: Session) -> None:
    run(session, "requests", csv_bytes(HEADER, *ROWS))
    confirmed = [list(r) for r in ROWS]
    confirmed[2][5] = "customs"

    report = run(session, "requests", csv_bytes(HEADER, *confirmed))

    assert report.counts["updated"] == 1
    links = requests_of(session, "SEN")["IMP-3"].area_links
    assert [(link.area_id, link.suggested) for link in links] == [("customs", False)]
