"""Imports of large files as background jobs: the file is kept on the job row, and the work (registered
with the jobs) runs the same all-rows-or-none import as the upload route."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy.orm import Session

from service import models as m
from service.errors import InvalidInput
from service.imports.engine import run_import
from service.imports.kinds import kind_named
from service.imports.sheets import Limits
from service.jobs.logic import Outcome, Progress, queue_job, register_work
from service.settings import Settings


def submit_import(
    session: Session, user: m.User, kind: str, data: bytes, name: str, *, settings: Settings, on: date
) -> m.Job:
    """Queue the import of a large file. The same file of the same kind already being imported is refused
    (409), not imported twice."""
    key = f"import:{kind}:{hashlib.sha256(data).hexdigest()[:32]}"
    params = {"import_kind": kind, "file": name}
    return queue_job(session, user, "import", key, params, settings=settings, on=on, upload=data)


@register_work("import")
def import_work(session: Session, job: m.Job, settings: Settings, progress: Progress) -> Outcome:
    progress("importing", 0, 1)
    actor = session.get(m.User, job.owner_id) if job.owner_id else None
    report = run_import(
        session,
        kind_named(job.params["import_kind"]),
        job.upload or b"",
        job.params["file"],
        dry_run=False,
        actor=actor,
        limits=Limits.of(settings),
    )
    if report.problems:  # all rows or none: nothing is written, and the summary says why
        raise InvalidInput(report.summary(), field="file")
    return Outcome({"summary": report.summary(), "counts": report.counts})
