"""Circulating an edition: write every tailored package into a folder, an outbox of .eml messages to each
party's published points of contact, send them when SMTP is configured, and log who received what."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.editions import store
from service.editions.outbox import Outgoing, compose, send, write
from service.editions.packages import Plan, plan, workbooks
from service.errors import InvalidInput, NotFound
from service.settings import Settings

Progress = Callable[[str, int, int], None]


@dataclass
class CirculationReport:
    edition: str
    packages: int = 0
    messages: int = 0
    sent: int = 0
    channel: str = "outbox"
    without_contacts: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def published_contacts(session: Session) -> dict[tuple[str, str], list[str]]:
    """E-mail addresses of each party's published points of contact, by (kind, party)."""
    by_party: dict[str, list[str]] = defaultdict(list)
    for contact in session.scalars(
        select(m.Contact).where(m.Contact.published.is_(True)).order_by(m.Contact.id)
    ):
        by_party[contact.party].append(contact.email)
    out: dict[tuple[str, str], list[str]] = {}
    for provider in session.scalars(select(m.Provider)):
        party = provider.organization_id or provider.state_iso3 or provider.id
        out[("provider", provider.id)] = by_party.get(party, [])
    for state in session.scalars(select(m.State.iso3)):
        out[("state", state)] = by_party.get(state, [])
    return out


def circulate(
    session: Session,
    month: str,
    out: Path,
    *,
    settings: Settings,
    actor: m.User | None,
    party: str | None = None,
    progress: Progress | None = None,
) -> CirculationReport:
    """Every party's package (or only `party`'s: a state code or a provider id)."""
    sealed = store.get(session, month)
    step = progress or (lambda _label, _done, _total: None)
    report = CirculationReport(store.label(sealed.edition))
    (out / "packages").mkdir(parents=True, exist_ok=True)
    (out / "outbox").mkdir(exist_ok=True)
    contacts = published_contacts(session)
    plans = plan(sealed)
    if party is not None:
        plans = _only(session, plans, party, sealed)
    outgoing: list[tuple[Outgoing, str]] = []
    for done, (item, data) in enumerate(workbooks(plans)):
        step(f"{item.party_kind} {item.party}", done, len(plans))
        (out / "packages" / item.filename).write_bytes(data)
        report.packages += 1
        recipients = contacts.get((item.party_kind, item.party), [])
        if not recipients:
            report.without_contacts.append(item.party)
            continue
        message = compose(
            item,
            data,
            sender=settings.smtp_sender,
            recipients=recipients,
            month=sealed.edition.month,
            revision=sealed.edition.revision,
        )
        path = out / "outbox" / item.filename.replace(".xlsx", ".eml")
        write(message, path)
        outgoing.append((Outgoing(item, recipients, message, path), hashlib.sha256(data).hexdigest()))
    report.messages = len(outgoing)
    if settings.smtp_host and outgoing:
        step("sending", len(plans), len(plans))
        report.failed = send([o for o, _ in outgoing], settings.smtp_host, settings.smtp_port)
        report.channel = "smtp"
    for prepared, digest in outgoing:
        if prepared.plan.party not in report.failed:
            _log(session, sealed.edition, prepared, digest, report.channel, actor)
    report.sent = report.messages - len(report.failed) if report.channel == "smtp" else 0
    record(
        session,
        actor,
        "edition.circulated",
        "edition",
        f"{sealed.edition.month}/{sealed.edition.revision}",
        after={"packages": report.packages, "messages": report.messages, "channel": report.channel},
    )
    step("done", len(plans), len(plans))
    return report


def _only(session: Session, plans: list[Plan], party: str, sealed: store.Sealed) -> list[Plan]:
    if session.get(m.State, party) is None and session.get(m.Provider, party) is None:
        raise NotFound(f"unknown party {party!r}: neither a state code nor a provider id", field="party")
    mine = [p for p in plans if p.party == party]
    if not mine:
        raise InvalidInput(f"{party} has no package in {store.label(sealed.edition)}", field="party")
    return mine


def _log(
    session: Session, edition: m.Edition, item: Outgoing, digest: str, channel: str, actor: m.User | None
) -> None:
    plan_: Plan = item.plan
    session.add(
        m.Circulation(
            edition_id=edition.id,
            party_kind=plan_.party_kind,
            party=plan_.party,
            recipients=item.recipients,
            attachment=plan_.filename,
            attachment_sha256=digest,
            channel=channel,
            message_id=str(item.message["Message-ID"]),
            circulated_by=actor.username if actor else "system",
        )
    )
