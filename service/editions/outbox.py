"""Ready-to-send e-mail: one message per party with its package attached, written as .eml files, and
sent through SMTP only when a server is configured."""

from __future__ import annotations

import smtplib
from collections import Counter
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from service.editions.exports import MEDIA_TYPES
from service.editions.exports.tables import LINE
from service.editions.packages import Plan

BODY = """Dear colleagues,

Attached is {what} from the Counter-Terrorism Committee's Assistance Matrix for {month}
(revision {revision}). It is circulated to you alone and is not for publication.

What its {rows} lines are:
{lines}

To take up a request, or to correct your entries, reply to this message or contact the
Technical Assistance Team.

Technical Assistance Team, Counter-Terrorism Committee
"""
WHAT = {"provider": "your need list: the requests your programmes may serve", "state": "your status sheet"}


@dataclass(frozen=True)
class Outgoing:
    plan: Plan
    recipients: list[str]
    message: EmailMessage
    path: Path


def _lines(plan: Plan) -> str:
    """The package's lines counted by what they are, in the words of the sheet's own status column."""
    sheet = plan.tables[0]
    column = sheet.columns.index(LINE)
    counts = Counter(row[column] for row in sheet.rows)
    return "\n".join(f"  {n:>5}  {words}" for words, n in sorted(counts.items(), key=lambda t: (-t[1], t[0])))


def compose(
    plan: Plan, data: bytes, *, sender: str, recipients: list[str], month: str, revision: int
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"Assistance Matrix {month} (revision {revision}) — {plan.name}"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    body = BODY.format(
        what=WHAT[plan.party_kind], month=month, revision=revision, rows=plan.rows, lines=_lines(plan)
    )
    message.set_content(body)
    maintype, subtype = MEDIA_TYPES["xlsx"].split("/")
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=plan.filename)
    return message


def write(message: EmailMessage, path: Path) -> None:
    path.write_bytes(message.as_bytes())


def send(outgoing: list[Outgoing], host: str, port: int) -> dict[str, str]:
    """Send each message; returns the failures by party (one refused address must not stop the rest)."""
    failures: dict[str, str] = {}
    with smtplib.SMTP(host, port, timeout=30) as smtp:
        for item in outgoing:
            try:
                smtp.send_message(item.message)
            except smtplib.SMTPException as exc:
                failures[item.plan.party] = str(exc)
    return failures
