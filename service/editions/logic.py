"""What the team does with an edition beyond building it: export it, preview and circulate it (the outbox is
the settings' folder), read its circulation log, and download every package as one ZIP."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.editions import schemas, store
from service.editions.circulate import CirculationReport, Preview, Progress, circulate, preview
from service.editions.compare import changes
from service.editions.exports import Export, render
from service.editions.months import parse_month
from service.editions.packages import plan, workbooks
from service.settings import Settings


def export(session: Session, month: str, format: str, revision: int | None = None) -> Export:
    sealed = store.get(session, month, revision)
    return render(sealed, changes(session, sealed), format)


def outbox_folder(settings: Settings, month: str) -> Path:
    """Where a month's circulated packages and messages are kept: packages/ and outbox/ under it."""
    return settings.outbox_dir / "editions" / str(parse_month(month))


def preview_out(found: Preview) -> schemas.PreviewOut:
    return schemas.PreviewOut(
        edition=found.edition,
        month=found.month,
        revision=found.revision,
        recipients=[
            schemas.RecipientOut(
                kind=r.kind,
                party=r.party,
                name=r.name,
                addresses=r.addresses,
                files=r.files(found.matrix),
                gets=r.gets(),
                received_at=r.received_at,
            )
            for r in found.recipients
        ],
        pending=len(found.pending),
        without_contacts=[party for party, _name in found.without_contacts],
    )


def circulation_preview(session: Session, month: str) -> schemas.PreviewOut:
    return preview_out(preview(session, month))


def circulate_edition(
    session: Session,
    month: str,
    body: schemas.CirculateIn,
    *,
    settings: Settings,
    actor: m.User | None,
    progress: Progress | None = None,
) -> CirculationReport:
    """The confirmed circulation (the body's validator refuses `confirm: false`)."""
    return circulate(
        session,
        month,
        outbox_folder(settings, month),
        settings=settings,
        actor=actor,
        parties=body.parties,
        resend_reason=body.resend_reason,
        progress=progress,
    )


def circulation_log(session: Session, month: str, revision: int | None = None) -> list[m.Circulation]:
    sealed = store.get(session, month, revision)
    return list(
        session.scalars(
            select(m.Circulation)
            .where(m.Circulation.edition_id == sealed.edition.id)
            .order_by(m.Circulation.circulated_at, m.Circulation.id)
        )
    )


@dataclass(frozen=True)
class Archive:
    data: bytes
    filename: str
    media_type: str = "application/zip"


def packages_zip(session: Session, month: str, revision: int | None = None) -> Archive:
    """The full matrix and every tailored package as one ZIP, for the team to look at: nothing is sent or
    logged."""
    sealed = store.get(session, month, revision)
    matrix = render(sealed, changes(session, sealed), "xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(matrix.filename, matrix.data)
        for item, data in workbooks(plan(sealed)):
            archive.writestr(f"packages/{item.filename}", data)
    return Archive(buffer.getvalue(), f"packages-{sealed.edition.month}-r{sealed.edition.revision}.zip")
