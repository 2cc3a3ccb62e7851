"""Ready-to-send e-mail: messages with their attachments, written as .eml files (the outbox a person can open)
and sent through SMTP only when a server is configured. Used by circulation and by the accounts' sign-in
links alike."""

from __future__ import annotations

import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from service.settings import Settings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    media_type: str = XLSX


def compose(
    *, sender: str, recipients: list[str], subject: str, body: str, attachments: Sequence[Attachment] = ()
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    for item in attachments:
        maintype, subtype = item.media_type.split(";")[0].split("/")
        message.add_attachment(item.data, maintype=maintype, subtype=subtype, filename=item.filename)
    return message


def write(message: EmailMessage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(message.as_bytes())


def send(messages: Iterable[tuple[str, EmailMessage]], host: str, port: int) -> dict[str, str]:
    """Send each (key, message), read one at a time; returns the failures by key. One refused address must
    not stop the rest, and a server that cannot be reached (or drops the line) fails every message not yet
    sent with the reason rather than the whole run."""
    failures: dict[str, str] = {}
    pending = iter(messages)
    current: str | None = None
    try:
        with smtplib.SMTP(host, port, timeout=30) as smtp:
            for current, message in pending:
                try:
                    smtp.send_message(message)
                except smtplib.SMTPRecipientsRefused as exc:
                    failures[current] = f"refused: {', '.join(exc.recipients)}"
                except smtplib.SMTPResponseException as exc:
                    error = exc.smtp_error
                    text = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
                    failures[current] = f"{exc.smtp_code} {text}"
                current = None
    except (OSError, smtplib.SMTPException) as exc:
        reason = f"mail server {host}:{port}: {exc or type(exc).__name__}"
        if current is not None:
            failures[current] = reason
        failures.update({key: reason for key, _ in pending})
    return failures


def deliver(message: EmailMessage, path: Path, settings: Settings) -> str | None:
    """One message: written to `path`, then sent when SMTP is set. Returns the failure's reason, or None."""
    write(message, path)
    if not settings.smtp_host:
        return None
    return send([("one", message)], settings.smtp_host, settings.smtp_port).get("one")
