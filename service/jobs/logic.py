"""Submitting a job and doing its work. A job's work runs in one transaction that also records its
completion (`finish`), so a worker killed half-way leaves nothing done and the retried job does it once.
The work of each kind is a plain function of (session, job, settings, progress)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.editions import logic as editions
from service.editions import schemas as edition_schemas
from service.editions import store
from service.errors import Conflict, InvalidInput
from service.jobs import queue
from service.jobs.schemas import JobIn
from service.matching.refresh import refresh
from service.models.base import utcnow
from service.settings import Settings

Progress = Callable[[str, int, int], None]


@dataclass
class Outcome:
    """What a job's work produced: a JSON result, and perhaps a file."""

    result: dict[str, Any]
    file: tuple[bytes, str, str] | None = field(default=None)  # data, filename, media type


# The work of kinds whose domain sits above the jobs (it submits jobs itself, as imports do), registered
# by that domain: the jobs never import it.
Work = Callable[[Session, m.Job, Settings, Progress], Outcome]
WORK: dict[str, Work] = {}


def register_work(kind: str) -> Callable[[Work], Work]:
    def register(work: Work) -> Work:
        WORK[kind] = work
        return work

    return register


class Superseded(Exception):
    """This attempt was taken to be dead and another took the job over: its work must not count."""


def job_key(body: JobIn) -> str:
    """The work a job does, as a key: two jobs with the same key never run at once."""
    if body.kind == "matching.refresh":
        return body.kind
    if body.kind == "edition.export":
        return f"{body.kind}:{body.month}:{body.format}:{body.revision or 'latest'}"
    return f"{body.kind}:{body.month}"


def submit(session: Session, user: m.User, body: JobIn, *, settings: Settings, on: date) -> m.Job:
    """Record the job and queue it once the caller's transaction commits (or, with `jobs_eager`, do it now
    in this transaction). The same work already queued or running is refused (409), not queued twice."""
    if body.kind != "matching.refresh" and not body.month:
        raise InvalidInput(f"{body.kind} needs the month (YYYY-MM)", field="month")
    params = body.model_dump(exclude={"kind"}, exclude_none=True)
    return queue_job(session, user, body.kind, job_key(body), params, settings=settings, on=on)


def queue_job(
    session: Session,
    user: m.User,
    kind: str,
    key: str,
    params: dict[str, Any],
    *,
    settings: Settings,
    on: date,
    upload: bytes | None = None,
) -> m.Job:
    """Record a job of any kind under its key (409 while the same key is queued or running) and queue it."""
    running = session.scalar(select(m.Job.id).where(m.Job.active_key == key))
    if running is not None:
        raise Conflict(f"job {running} is already doing this", field="kind", details={"job": running})
    params = params | {"on": on.isoformat()}
    job = m.Job(kind=kind, active_key=key, owner_id=user.id, params=params, state="queued", upload=upload)
    try:
        with session.begin_nested():  # two submissions racing: the unique key lets one through
            session.add(job)
            session.flush()
    except IntegrityError:
        raise Conflict("the same job was just queued", field="kind") from None
    record(session, user, "job.queued", "job", job.id, after={"kind": job.kind, "params": params})
    if settings.jobs_eager:
        run_here(session, job, settings)
    else:
        job_id = job.id
        event.listen(session, "after_commit", lambda _s: queue.enqueue(settings, job_id), once=True)
    return job


def perform(session: Session, job: m.Job, settings: Settings, progress: Progress) -> Outcome:
    """Do the job's work in `session` (its caller commits, or rolls back on any error)."""
    params = job.params
    on = date.fromisoformat(params["on"])
    actor = session.get(m.User, job.owner_id) if job.owner_id else None
    if job.kind == "matching.refresh":
        report = refresh(session, settings=settings, on=on, actor=actor, progress=progress)
        return Outcome(report.model_dump())
    if job.kind in WORK:
        return WORK[job.kind](session, job, settings, progress)
    month = str(params["month"])
    if job.kind == "edition.build":
        progress("building", 0, 1)
        edition = store.build(session, month, actor=actor, on=on, reason=params.get("reason"))
        return Outcome(edition_schemas.EditionOut.model_validate(edition).model_dump(mode="json"))
    if job.kind == "edition.export":
        progress("exporting", 0, 1)
        export = editions.export(session, month, params.get("format", "xlsx"), params.get("revision"))
        return Outcome({"filename": export.filename}, (export.data, export.filename, export.media_type))
    if job.kind == "edition.circulate":
        if actor is None:
            raise InvalidInput("the job's owner is gone: circulate again", field="owner")
        party = params.get("party")
        body = edition_schemas.CirculateIn(
            confirm=True, resend_reason=params.get("reason"), parties=[party] if party else None
        )
        circulation = editions.circulate_edition(
            session, month, body, settings=settings, actor=actor, progress=progress
        )
        return Outcome(edition_schemas.CirculationOut.model_validate(circulation).model_dump(mode="json"))
    raise InvalidInput(f"unknown job kind {job.kind!r}", field="kind")


def finish(session: Session, job_id: int, attempt: int, outcome: Outcome) -> None:
    """Record completion in the work's own transaction, fenced by the attempt: if this attempt was
    superseded, nothing of its work is committed."""
    data, name, media = outcome.file or (None, None, None)
    done = session.execute(
        update(m.Job)
        .where(m.Job.id == job_id, m.Job.attempts == attempt, m.Job.state == "running")
        .values(
            state="done",
            active_key=None,
            result=outcome.result,
            output=data,
            output_name=name,
            output_type=media,
            step="done",
            done=m.Job.total,
            finished_at=utcnow(),
            heartbeat_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if not done.rowcount:  # type: ignore[attr-defined]
        raise Superseded(f"job {job_id} attempt {attempt} was superseded")


def one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", None) or exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:500]


def fail(session: Session, job_id: int, attempt: int, error: str) -> None:
    session.execute(
        update(m.Job)
        .where(m.Job.id == job_id, m.Job.attempts == attempt)
        .values(state="failed", active_key=None, error=error, finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def run_here(session: Session, job: m.Job, settings: Settings) -> None:
    """Eager mode: do the job now, in a savepoint of the caller's transaction (a failure is recorded)."""
    job.state, job.attempts, job.heartbeat_at = "running", job.attempts + 1, utcnow()
    session.flush()

    def progress(label: str, done: int, total: int) -> None:
        job.step, job.done, job.total = label[:80], done, total

    try:
        with session.begin_nested():
            outcome = perform(session, job, settings, progress)
            finish(session, job.id, job.attempts, outcome)
    except Exception as exc:  # any failure of the work is the job's result, in one line
        fail(session, job.id, job.attempts, one_line(exc))
    session.refresh(job)
