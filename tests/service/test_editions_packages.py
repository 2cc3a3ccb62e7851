"""Issue 5: tailored packages hold only eligible, open, reasonable requests (providers) or the party's own
requests (states); the outbox parses as e-mail to the right people with the right attachment; the
circulation is logged, sent through SMTP only when configured, and locks the month."""

from __future__ import annotations

import email
import io
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.editions import store
from service.editions.circulate import circulate
from service.editions.packages import plan, workbooks
from service.errors import Conflict
from service.settings import Settings
from tests.service.conftest import make_programme, make_request
from tests.service.test_editions_helpers import SECRET, TODAY, Months, at, constructed, june_2003, match  # noqa: F401

pytestmark = pytest.mark.usefixtures("june_2003")
SETTINGS = Settings(smtp_sender="ctc-tat@example.org")


def _contact(session: Session, party: str, address: str, *, published: bool = True) -> None:
    is_state = session.get(m.State, party) is not None
    session.add(
        m.Contact(
            state_iso3=party if is_state else None,
            organization_id=None if is_state else party,
            name=f"Focal point {party}",
            email=address,
            published=published,
        )
    )
    session.flush()


def _rows(path: Path, sheet: str) -> list[dict]:  # type: ignore[type-arg]
    book = load_workbook(path)
    rows = list(book[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _all_text(path: Path) -> str:
    book = load_workbook(path)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row)


def _write_all(session: Session, month: str, out: Path) -> None:
    """Every party's package, as `matchmaker edition packages` writes them (nothing sent)."""
    (out / "packages").mkdir(parents=True, exist_ok=True)
    for item, data in workbooks(plan(store.get(session, month))):
        (out / "packages" / item.filename).write_bytes(data)


def _may(session: Session, tmp_path: Path, settings: Settings = SETTINGS) -> tuple[Months, Path]:
    c = constructed(session)
    _contact(session, "KEN", "focal.point@kenya.example")
    _contact(session, "KEN", "second@kenya.example")
    _contact(session, "PAK", "hidden@pakistan.example", published=False)
    _contact(session, "UNODC", "tat@unodc.example")
    store.build(session, "2003-05", actor=None, on=TODAY)
    circulate(session, "2003-05", tmp_path, settings=settings, actor=None)
    _write_all(session, "2003-05", tmp_path)
    return c, tmp_path


def test_provider_need_lists_hold_only_eligible_open_reasonable_requests(
    session: Session, tmp_path: Path
) -> None:
    c, out = _may(session, tmp_path)
    files = sorted(p.name for p in (out / "packages").iterdir())
    assert files == [
        "assistance-matrix-2003-05-r1.xlsx",
        "need-list-IMF-2003-05-r1.xlsx",
        "need-list-UNODC-2003-05-r1.xlsx",
        "status-sheet-KEN-2003-05-r1.xlsx",
        "status-sheet-NGA-2003-05-r1.xlsx",
        "status-sheet-PAK-2003-05-r1.xlsx",
    ]
    unodc = _rows(out / "packages" / "need-list-UNODC-2003-05-r1.xlsx", "Need list")
    # r1 is matched already, r3 has no programme, r4 is met, r7 is untriaged: only r2 is a need for UNODC.
    assert [(r["Request ref"], r["Your programme ref"], r["Fit"]) for r in unodc] == [(c.r2.ref, c.p1.ref, "strong")]
    assert unodc[0]["What this line is"] == "Suggested by the system"
    # Written for the provider: no score, no matched terms, no reviewer's path through the reference data.
    assert "Score" not in unodc[0] and "Why this programme" not in unodc[0]
    assert "shares areas with" not in _all_text(out / "packages" / "need-list-UNODC-2003-05-r1.xlsx")
    imf = _rows(out / "packages" / "need-list-IMF-2003-05-r1.xlsx", "Need list")
    assert [r["Your programme ref"] for r in imf] == [c.p2.ref]  # the rejected p4 match is not a need
    for name in ("need-list-IMF-2003-05-r1.xlsx", "need-list-UNODC-2003-05-r1.xlsx"):
        assert SECRET not in _all_text(out / "packages" / name)


def test_state_status_sheets_hold_only_their_own_requests(session: Session, tmp_path: Path) -> None:
    c, out = _may(session, tmp_path)
    kenya = _rows(out / "packages" / "status-sheet-KEN-2003-05-r1.xlsx", "Status sheet")
    assert {r["Request ref"] for r in kenya} == {c.r1.ref, c.r2.ref, c.r4.ref}
    assert next(r for r in kenya if r["Request ref"] == c.r2.ref)["Team's note"] == SECRET
    pakistan = out / "packages" / "status-sheet-PAK-2003-05-r1.xlsx"
    assert [r["Request ref"] for r in _rows(pakistan, "Status sheet")] == [c.r3.ref]
    text = _all_text(pakistan)
    assert SECRET not in text and c.r1.ref not in text and c.r2.ref not in text and "KEN" not in text


def test_state_status_sheets_show_what_was_recommended_offered_and_delivered_never_suggestions(
    session: Session, tmp_path: Path
) -> None:
    c, out = _may(session, tmp_path)
    path = out / "packages" / "status-sheet-KEN-2003-05-r1.xlsx"
    kenya = {r["Request ref"]: r for r in _rows(path, "Status sheet")}
    # r1: the offer of p1 Kenya agreed to is on its sheet; the system's suggestion of p2 is not.
    assert kenya[c.r1.ref]["What this line is"] == "Agreed by the state"
    programmes = kenya[c.r1.ref]["Programmes recommended, offered or delivering"]
    assert c.p1.ref in programmes and "Agreed by the state" in programmes and c.p2.ref not in programmes
    # r2 has only unreviewed suggestions: to Kenya it still needs a provider.
    assert kenya[c.r2.ref]["What this line is"] == "No provider yet — further means needed"
    assert kenya[c.r2.ref]["Further means needed"] == "Yes"
    assert kenya[c.r2.ref]["Programmes recommended, offered or delivering"] is None
    assert kenya[c.r4.ref]["What this line is"] == "Met"
    text = _all_text(path)
    assert "score" not in text.lower() and "shares areas with" not in text and "0.9" not in text
    # Sorted by the state's priority, unranked (closed) requests last.
    assert [r["Request ref"] for r in _rows(path, "Status sheet")] == [c.r2.ref, c.r1.ref, c.r4.ref]


def test_outbox_message_says_what_the_lines_of_its_package_are(session: Session, tmp_path: Path) -> None:
    _c, out = _may(session, tmp_path)
    body = _message(out / "outbox" / "state-KEN-2003-05-r1.eml").get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "What the 3 lines of status-sheet-KEN-2003-05-r1.xlsx are:" in text
    for words in ("Agreed by the state", "No provider yet — further means needed", "Met"):
        assert f"1  {words}" in text


def test_need_lists_rank_by_fit_then_by_the_states_priority(session: Session, tmp_path: Path) -> None:
    c = constructed(session)
    osce = make_programme(session, provider="OSCE", title="Police training")
    kenyan = make_request(session, state="KEN", priority=3)
    pakistani = make_request(session, state="PAK", priority=2)
    for r in (kenyan, pakistani):
        r.submitted_at, r.triaged_at = at("2003-04-25"), at("2003-04-26")
    match(session, kenyan, osce, score=0.5)
    match(session, pakistani, osce, score=0.5)
    match(session, c.r2, osce, score=0.9)
    store.build(session, "2003-05", actor=None, on=TODAY)
    _write_all(session, "2003-05", tmp_path)
    rows = _rows(tmp_path / "packages" / "need-list-OSCE-2003-05-r1.xlsx", "Need list")
    assert [(r["Rank"], r["Request ref"]) for r in rows] == [
        (1, c.r2.ref),
        (2, pakistani.ref),
        (3, kenyan.ref),
    ]


def _message(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


def test_outbox_messages_parse_with_recipients_and_attachment(session: Session, tmp_path: Path) -> None:
    _c, out = _may(session, tmp_path)
    # Only parties with a published point of contact get a message.
    assert sorted(p.name for p in (out / "outbox").iterdir()) == [
        "organization-UNODC-2003-05-r1.eml",
        "state-KEN-2003-05-r1.eml",
    ]
    message = _message(out / "outbox" / "state-KEN-2003-05-r1.eml")
    assert message["From"] == "ctc-tat@example.org"
    assert [a.addr_spec for a in message["To"].addresses] == [
        "focal.point@kenya.example",
        "second@kenya.example",
    ]
    assert "2003-05" in message["Subject"] and "Kenya" in message["Subject"]
    matrix, attachment = list(message.iter_attachments())  # the full matrix, then the state's own part
    assert matrix.get_filename() == "assistance-matrix-2003-05-r1.xlsx"
    assert "By state" in load_workbook(io.BytesIO(matrix.get_content())).sheetnames
    assert attachment.get_filename() == "status-sheet-KEN-2003-05-r1.xlsx"
    data = attachment.get_content()
    assert data == (out / "packages" / "status-sheet-KEN-2003-05-r1.xlsx").read_bytes()
    assert load_workbook(io.BytesIO(data)).sheetnames == ["Status sheet", "About"]
    assert "not for publication" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_circulation_is_logged_and_locks_the_month(session: Session, tmp_path: Path) -> None:
    _may(session, tmp_path)
    log = session.scalars(select(m.Circulation).order_by(m.Circulation.party)).all()
    assert [(c.party_kind, c.party, c.channel, c.status) for c in log] == [
        ("state", "KEN", "outbox", "outbox"),
        ("organization", "UNODC", "outbox", "outbox"),
    ]
    assert log[0].recipients == ["focal.point@kenya.example", "second@kenya.example"]
    assert list(log[0].attachments) == [
        "assistance-matrix-2003-05-r1.xlsx",
        "status-sheet-KEN-2003-05-r1.xlsx",
    ]
    assert all(len(digest) == 64 for digest in log[0].attachments.values())
    with pytest.raises(Conflict):
        store.build(session, "2003-05", actor=None, on=TODAY)


class FakeSMTP:
    sent: list[EmailMessage] = []

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host = host

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *args: object) -> None:
        pass

    def send_message(self, message: EmailMessage) -> None:
        FakeSMTP.sent.append(message)


def test_smtp_is_used_only_when_configured(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeSMTP.sent = []
    monkeypatch.setattr("service.editions.outbox.smtplib.SMTP", FakeSMTP)
    _may(session, tmp_path / "quiet")
    assert FakeSMTP.sent == []
    settings = Settings(smtp_sender="ctc-tat@example.org", smtp_host="mail.example.org")
    # Already in everyone's outbox: a second circulation sends nothing without a reason …
    report = circulate(session, "2003-05", tmp_path / "loud", settings=settings, actor=None)
    assert FakeSMTP.sent == [] and report.count("skipped") == 2
    # … and with one it sends again, logged with the reason.
    report = circulate(
        session, "2003-05", tmp_path / "loud", settings=settings, actor=None, resend_reason="SMTP now set up"
    )
    assert report.channel == "smtp" and report.count("sent") == 2
    assert sorted(str(msg["To"]) for msg in FakeSMTP.sent)[0].startswith("focal.point@kenya.example")
    rows = session.execute(select(m.Circulation.channel, m.Circulation.resend_reason)).all()
    assert sorted(rows, key=str) == sorted(
        [("outbox", None), ("outbox", None), ("smtp", "SMTP now set up"), ("smtp", "SMTP now set up")],
        key=str,
    )
