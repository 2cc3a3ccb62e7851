"""Issue 7, bulk import of programmes, contacts and reports: providers and scopes written in words,
identity by reference / party and e-mail / state and round, idempotent re-import."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from tests.service.test_import import csv_bytes, run

PROGRAMME_HEADER = ["Reference", "Provider", "Title", "Description", "Languages", "Areas", "Modality", "Scope",
                    "Capacity per quarter", "Active from", "Active to"]  # fmt: skip
PROGRAMMES = [
    ["PRG-1", "United Nations Office on Drugs and Crime", "Legislative drafting on terrorist financing",
     "Advice on laws that criminalise terrorist financing.", "en, French", "financing, legislation",
     "Legal and technical advice", "global", "12", "2003-01-01", "2004-12-31"],
    ["PRG-2", "Interpol", "Border police training on stolen travel documents", "Courses for border police.",
     "en", "", "training", "members of: African Union, IGAD", "", "", ""],
    ["PRG-3", "Japan", "Port security equipment", "Container scanners.", "en", "maritime", "equipment",
     "regions: South-eastern Asia", "", "", ""],
]  # fmt: skip


def programmes(session: Session) -> dict[str, m.Programme]:
    query = select(m.Programme).where(m.Programme.ref.like("PRG-%"))
    return {p.ref: p for p in session.scalars(query)}


def test_programmes_resolve_providers_and_scopes(session: Session) -> None:
    report = run(session, "programmes", csv_bytes(PROGRAMME_HEADER, *PROGRAMMES))

    assert report.ok, report.problems
    stored = programmes(session)
    assert stored["PRG-1"].provider_id == "UNODC" and stored["PRG-1"].modality == "advisory"
    assert stored["PRG-1"].languages == ["en", "fr"] and stored["PRG-1"].capacity_per_quarter == 12
    assert (stored["PRG-2"].scope_kind, stored["PRG-2"].scope_values) == ("members_of", ["AU", "IGAD"])
    assert stored["PRG-2"].areas  # tagged from the text
    assert any("tagger" in n for n in report.rows[1].notes)
    # A donor state becomes a provider on its first programme.
    assert session.get(m.Provider, "JPN") is not None
    assert stored["PRG-3"].scope_values == ["South-eastern Asia"]
    assert run(session, "programmes", csv_bytes(PROGRAMME_HEADER, *PROGRAMMES)).counts["unchanged"] == 3


def test_programme_rows_with_bad_scope_or_period_are_rejected(session: Session) -> None:
    rows = [["PRG-4", "UNODC", "Training", "", "en", "financing", "", "members of: Kenya", "", "", ""],
            ["PRG-5", "UNODC", "Training again", "", "en", "financing", "", "planets: Mars", "-1",
             "2004-01-01", "2003-01-01"]]  # fmt: skip

    report = run(session, "programmes", csv_bytes(PROGRAMME_HEADER, *rows))

    found = {(p.row, p.column) for p in report.problems}
    assert found == {(2, "Scope"), (3, "Scope"), (3, "Capacity per quarter"), (3, "Active to")}
    assert programmes(session) == {}


def test_a_programme_cannot_move_to_another_provider(session: Session) -> None:
    run(session, "programmes", csv_bytes(PROGRAMME_HEADER, *PROGRAMMES))
    moved = [list(r) for r in PROGRAMMES]
    moved[0][1] = "OSCE"

    report = run(session, "programmes", csv_bytes(PROGRAMME_HEADER, *moved))

    assert [(p.row, p.column) for p in report.problems] == [(2, "Provider")]


CONTACT_HEADER = ["State or organization", "E-mail", "Name", "Role", "Phone", "Languages", "Published"]
CONTACTS = [
    ["Kenya", "focal.point@example.go.ke", "Amina Odhiambo", "CT focal point", "+254 20 123 4567", "en", "yes"],
    ["OSCE", "atu@example.org", "Jan Novak", "Action against terrorism unit", "", "en, ru", "no"],
]  # fmt: skip


def test_contacts_are_identified_by_party_and_email(session: Session) -> None:
    report = run(session, "contacts", csv_bytes(CONTACT_HEADER, *CONTACTS))

    assert report.counts["new"] == 2, report.problems
    kenya = session.scalars(select(m.Contact).where(m.Contact.state_iso3 == "KEN")).one()
    assert kenya.phone == "+254 20 123 4567"  # a phone number is not a formula
    osce = session.scalars(select(m.Contact).where(m.Contact.organization_id == "OSCE")).one()
    assert osce.published is False and osce.languages == ["en", "ru"]
    renamed = [list(r) for r in CONTACTS]
    renamed[0][2] = "Amina W. Odhiambo"
    renamed[1][1] = "ATU@example.org"  # the same address in other capitals is the same contact
    again = run(session, "contacts", csv_bytes(CONTACT_HEADER, *renamed))
    assert again.counts == {"new": 0, "updated": 1, "unchanged": 1, "rejected": 0}


def test_contact_rows_need_a_real_email(session: Session) -> None:
    rows = [["Kenya", "not-an-address", "Someone", "", "", "", ""]]

    report = run(session, "contacts", csv_bytes(CONTACT_HEADER, *rows))

    assert [(p.row, p.column) for p in report.problems] == [(2, "E-mail")]


REPORT_HEADER = ["State", "Round", "Due", "Received", "Review status", "Document symbol"]


def test_reports_are_identified_by_state_and_round(session: Session) -> None:
    rows = [["Kenya", "1", "2002-12-27", "2003-01-10", "under review", "S/2003/100"],
            ["Uganda", "1", "2002-12-27", "", "", ""]]  # fmt: skip
    assert run(session, "reports", csv_bytes(REPORT_HEADER, *rows)).counts["new"] == 2

    rows[1][3], rows[1][4] = "2003-02-01", "reviewed"
    report = run(session, "reports", csv_bytes(REPORT_HEADER, *rows))

    assert report.counts == {"new": 0, "updated": 1, "unchanged": 1, "rejected": 0}
    uganda = session.scalars(select(m.Report).where(m.Report.state_iso3 == "UGA")).one()
    assert (uganda.review_status, str(uganda.received)) == ("reviewed", "2003-02-01")
    assert report.rows[1].reference == "UGA report 1"


def test_a_new_report_needs_its_due_date(session: Session) -> None:
    report = run(session, "reports", csv_bytes(REPORT_HEADER, ["Kenya", "2", "", "", "", ""]))

    assert [(p.row, p.column, p.reason) for p in report.problems] == [
        (2, "Due", "is required for a new report")
    ]
