"""What the team does with an edition beyond building it: export it, and circulate its packages as one ZIP
of what went out."""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from service import models as m
from service.editions import schemas, store
from service.editions.circulate import circulate
from service.editions.compare import changes
from service.editions.exports import Export, render
from service.settings import Settings


def export(session: Session, month: str, format: str, revision: int | None = None) -> Export:
    sealed = store.get(session, month, revision)
    return render(sealed, changes(session, sealed), format)


@dataclass(frozen=True)
class Archive:
    data: bytes
    filename: str
    media_type: str = "application/zip"


def circulate_as_zip(
    session: Session, month: str, *, settings: Settings, actor: m.User, party: str | None = None
) -> Archive:
    """Build every tailored package and the outbox (sent through SMTP when configured), log the
    circulation, and return it all as one ZIP file (packages/, outbox/, circulation.json)."""
    with tempfile.TemporaryDirectory(prefix="matchmaker-packages-") as folder:
        out = Path(folder)
        report = circulate(session, month, out, settings=settings, actor=actor, party=party)
        summary = schemas.CirculationOut.model_validate(report).model_dump_json(indent=2)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(out).as_posix())
            archive.writestr("circulation.json", summary)
    name = report.edition.replace(" revision ", "-r")
    return Archive(buffer.getvalue(), f"packages-{name}.zip")
