"""Circulating an edition (source ¶28: to all states and to international, regional and subregional
organizations): first the list of recipients — every state and organization with a published point of
contact, with the full matrix plus its tailored part (a state its status sheet, a provider its need list) —
then, once the team confirms, one message per recipient written to the outbox folder and sent when SMTP is
configured, each logged with what became of it. A revision reaches a party once; sending it again takes a
reason, to all or to named parties. A plain function with a progress callback, so a job can run it."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.editions import store
from service.editions.compare import changes
from service.editions.exports import render
from service.editions.exports.tables import LINE
from service.editions.outbox import Attachment, compose, send, write
from service.editions.packages import Plan, plan
from service.errors import Conflict, InvalidInput, NotFound
from service.settings import Settings

# (what is being done, recipients done, recipients in all)
Progress = Callable[[str, int, int], None]

BODY = """Dear colleagues,

Attached is the Counter-Terrorism Committee's Assistance Matrix for {month} (revision {revision}){parts}.
It is circulated to states and to international, regional and subregional organizations,
and is not for publication (S/2003/387, paragraph 28).
{lines}
To take up a request, or to correct your entries, reply to this message or contact the
Technical Assistance Team.

Technical Assistance Team, Counter-Terrorism Committee
"""
WHAT = {"provider": "your need list (the requests your programmes may serve)", "state": "your status sheet"}


@dataclass(frozen=True)
class Recipient:
    """One party the edition goes to, and what it gets."""

    kind: str  # "state" or "organization"
    party: str
    name: str
    addresses: list[str]
    parts: list[Plan]  # its tailored part: a state's status sheet, a provider's need list (or both)
    received_at: datetime | None  # when this revision last reached it, if it did

    def files(self, matrix: str) -> list[str]:
        return [matrix, *(p.filename for p in self.parts)]

    def gets(self) -> list[str]:
        return ["the full matrix", *(WHAT[p.party_kind] for p in self.parts)]


@dataclass(frozen=True)
class Preview:
    """Who would receive the edition, before anything is sent."""

    edition: str
    month: str
    revision: int
    matrix: str  # the full matrix's file name
    recipients: list[Recipient]
    without_contacts: list[tuple[str, str]]  # (party, name) of states and organizations nobody can be sent to

    @property
    def pending(self) -> list[Recipient]:
        return [r for r in self.recipients if r.received_at is None]


@dataclass(frozen=True)
class Delivery:
    """What became of one recipient's copy in this circulation."""

    kind: str
    party: str
    name: str
    addresses: list[str]
    files: list[str]
    status: str  # "sent", "outbox", "failed", or "skipped" (already received; not logged)
    error: str | None = None


@dataclass
class CirculationReport:
    edition: str
    channel: str = "outbox"
    resend_reason: str | None = None
    deliveries: list[Delivery] = field(default_factory=list)
    without_contacts: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(d.status == status for d in self.deliveries)

    @property
    def failed(self) -> dict[str, str]:
        return {d.party: d.error or "" for d in self.deliveries if d.status == "failed"}


def _addresses(session: Session) -> dict[str, list[str]]:
    by_party: dict[str, list[str]] = defaultdict(list)
    for contact in session.scalars(
        select(m.Contact).where(m.Contact.published.is_(True)).order_by(m.Contact.id)
    ):
        if contact.email not in by_party[contact.party]:
            by_party[contact.party].append(contact.email)
    return by_party


def received(session: Session, edition: m.Edition) -> dict[str, datetime]:
    """When each party last received this revision (sent or in the outbox; a failure is not a copy)."""
    query = (
        select(m.Circulation.party, func.max(m.Circulation.circulated_at))
        .where(m.Circulation.edition_id == edition.id, m.Circulation.status != "failed")
        .group_by(m.Circulation.party)
    )
    return {party: at for party, at in session.execute(query)}


def _preview(session: Session, sealed: store.Sealed) -> Preview:
    parts: dict[str, list[Plan]] = defaultdict(list)
    providers = {p.id: p.state_iso3 or p.organization_id or p.id for p in session.scalars(select(m.Provider))}
    for item in plan(sealed):
        parts[item.party if item.party_kind == "state" else providers.get(item.party, item.party)].append(
            item
        )
    addresses = _addresses(session)
    got = received(session, sealed.edition)
    parties = [("state", iso3, name) for iso3, name in session.execute(select(m.State.iso3, m.State.name))]
    parties += [("organization", o.id, o.name) for o in session.scalars(select(m.Organization))]
    recipients, nobody = [], []
    for kind, party, name in sorted(parties, key=lambda p: (p[0] != "state", p[2].casefold())):
        if addresses.get(party):
            mine = sorted(parts.get(party, []), key=lambda p: p.party_kind != "state")
            recipients.append(Recipient(kind, party, name, addresses[party], mine, got.get(party)))
        else:
            nobody.append((party, name))
    e = sealed.edition
    return Preview(
        sealed.label,
        e.month,
        e.revision,
        f"assistance-matrix-{e.month}-r{e.revision}.xlsx",
        recipients,
        nobody,
    )


def preview(session: Session, month: str, revision: int | None = None) -> Preview:
    return _preview(session, store.get(session, month, revision))


def _targets(
    found: Preview, parties: list[str] | None, resend_reason: str | None
) -> tuple[list[Recipient], list[Recipient]]:
    """(whom to send to, whom to skip because they already received this revision)."""
    chosen = found.recipients
    if parties:
        by_party = {r.party: r for r in found.recipients}
        nobody = {party for party, _name in found.without_contacts}
        unknown = [p for p in parties if p not in by_party and p not in nobody]
        if unknown:
            raise NotFound(f"unknown party {', '.join(unknown)}: neither a state code nor an organization id",
                           field="parties")  # fmt: skip
        silent = [p for p in parties if p in nobody]
        if silent:
            raise InvalidInput(f"no published point of contact for {', '.join(silent)}", field="parties")
        chosen = [by_party[p] for p in dict.fromkeys(parties)]
    if resend_reason:
        return chosen, []
    already = [r for r in chosen if r.received_at is not None]
    if parties and already:
        names = ", ".join(f"{r.party} ({r.received_at:%Y-%m-%d})" for r in already if r.received_at)
        raise Conflict(
            f"{found.edition} already reached {names}; a re-send needs a reason", field="resend_reason"
        )
    return [r for r in chosen if r.received_at is None], already


def _free(path: Path) -> Path:
    """The path, or the same name with -2, -3… when a re-send would overwrite an earlier copy."""
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


@dataclass(frozen=True)
class _Prepared:
    recipient: Recipient
    message_id: str
    digests: dict[str, str]


def circulate(
    session: Session,
    month: str,
    out: Path,
    *,
    settings: Settings,
    actor: m.User | None,
    parties: list[str] | None = None,
    resend_reason: str | None = None,
    progress: Progress | None = None,
) -> CirculationReport:
    """Send the edition to every recipient that has not received this revision (or, with a reason, again to
    all or to `parties`). Packages go to out/packages, messages to out/outbox; every copy is logged."""
    sealed = store.get(session, month)
    # Two circulations of one edition at once would both find nobody served yet: the second waits here
    # (PostgreSQL; SQLite serialises writers, and the unique index on first copies backs both).
    session.scalar(select(m.Edition.id).where(m.Edition.id == sealed.edition.id).with_for_update())
    resend_reason = (resend_reason or "").strip() or None
    found = _preview(session, sealed)
    targets, skipped = _targets(found, parties, resend_reason)
    step = progress or (lambda _label, _done, _total: None)
    report = CirculationReport(sealed.label, resend_reason=resend_reason)
    report.without_contacts = [party for party, _name in found.without_contacts]
    report.deliveries = [
        Delivery(r.kind, r.party, r.name, r.addresses, r.files(found.matrix), "skipped") for r in skipped
    ]
    if not targets:
        step("nothing to send", 0, 0)
        return report
    matrix = render(sealed, changes(session, sealed), "xlsx").data
    (out / "packages").mkdir(parents=True, exist_ok=True)
    (out / "packages" / found.matrix).write_bytes(matrix)
    prepared: dict[str, _Prepared] = {}

    def messages() -> Iterator[tuple[str, EmailMessage]]:
        # One message at a time: memory holds one recipient's workbooks, not every one of them.
        for done, r in enumerate(targets):
            step(f"{r.kind} {r.party}", done, len(targets))
            files = [Attachment(found.matrix, matrix)]
            for part in r.parts:
                data = part.workbook()
                (out / "packages" / part.filename).write_bytes(data)
                files.append(Attachment(part.filename, data))
            what = "".join(f", with {WHAT[p.party_kind]}" for p in r.parts)
            message = compose(
                sender=settings.smtp_sender,
                recipients=r.addresses,
                subject=f"Assistance Matrix {found.month} (revision {found.revision}) — {r.name}",
                body=BODY.format(
                    month=found.month,
                    revision=found.revision,
                    parts=what,
                    lines="".join(map(_lines, r.parts)),
                ),
                attachments=files,
            )
            write(message, _free(out / "outbox" / f"{r.kind}-{r.party}-{found.month}-r{found.revision}.eml"))
            digests = {f.filename: hashlib.sha256(f.data).hexdigest() for f in files}
            prepared[r.party] = _Prepared(r, str(message["Message-ID"]), digests)
            yield r.party, message

    if settings.smtp_host:
        report.channel = "smtp"
        failures = send(messages(), settings.smtp_host, settings.smtp_port)
    else:
        failures = {}
        for _ in messages():
            pass
    for party, item in prepared.items():
        r = item.recipient
        status = "failed" if party in failures else "sent" if report.channel == "smtp" else "outbox"
        report.deliveries.append(
            Delivery(r.kind, r.party, r.name, r.addresses, list(item.digests), status, failures.get(party))
        )
        session.add(
            m.Circulation(
                edition_id=sealed.edition.id,
                party_kind=r.kind,
                party=r.party,
                recipients=r.addresses,
                attachments=item.digests,
                channel=report.channel,
                status=status,
                error=failures.get(party),
                resend_reason=resend_reason,
                message_id=item.message_id,
                circulated_by=actor.username if actor else "system",
            )
        )
    session.flush()
    record(
        session,
        actor,
        "edition.resent" if resend_reason else "edition.circulated",
        "edition",
        f"{found.month}/{found.revision}",
        after={
            "recipients": len(prepared),
            "sent": report.count("sent"),
            "outbox": report.count("outbox"),
            "failed": report.count("failed"),
            "parties": sorted(parties) if parties else "all",
        },
        note=resend_reason,
    )
    step("done", len(targets), len(targets))
    return report


def _lines(part: Plan) -> str:
    """What the lines of a tailored part are, counted in the words of the sheet's own status column."""
    sheet = part.tables[0]
    column = sheet.columns.index(LINE)
    counts = Counter(row[column] for row in sheet.rows)
    ordered = sorted(counts.items(), key=lambda t: (-t[1], t[0]))
    listed = "\n".join(f"  {n:>5}  {words}" for words, n in ordered)
    return f"\nWhat the {len(sheet.rows)} lines of {part.filename} are:\n{listed}\n"
