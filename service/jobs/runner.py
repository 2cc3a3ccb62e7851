"""A worker doing one job: claim it (fenced by the attempt number), do its work and record completion in
one transaction, report progress on the side, record a failure in one line. And finding the jobs whose
worker died (running, silent for `jobs_stale_seconds`) or whose message was lost, to queue them again."""

from __future__ import annotations

import logging
import time

from sqlalchemy import or_, select, update
from sqlalchemy.exc import DBAPIError, OperationalError

from service import models as m
from service.db import session_scope
from service.jobs.logic import Progress, Superseded, fail, finish, one_line, perform
from service.jobs.queue import stale_after
from service.models.base import utcnow
from service.settings import Settings

log = logging.getLogger("matchmaker.jobs")
PROGRESS_EVERY = 0.5  # seconds between progress writes (the last step is always written)


def claim(settings: Settings, job_id: int) -> int | None:
    """Take the job if it is queued, or running but silent too long (its worker died). Returns this
    attempt's number, or None when the job is done or another live worker has it."""
    stale = utcnow() - stale_after(settings)
    with session_scope(settings.database_url) as session:
        taken = session.execute(
            update(m.Job)
            .where(
                m.Job.id == job_id,
                or_(m.Job.state == "queued", (m.Job.state == "running") & (m.Job.heartbeat_at < stale)),
            )
            .values(state="running", attempts=m.Job.attempts + 1, heartbeat_at=utcnow(), step="started")
            .execution_options(synchronize_session=False)
        )
        if not taken.rowcount:  # type: ignore[attr-defined]
            return None
        return session.scalar(select(m.Job.attempts).where(m.Job.id == job_id))


def _reporter(settings: Settings, job_id: int, attempt: int) -> Progress:
    """Progress written to the job row by this attempt, at most every PROGRESS_EVERY seconds."""
    last = [0.0]

    def progress(label: str, done: int, total: int) -> None:
        # Its own short transaction, so pages see it while the work's transaction is open. Best effort: on
        # SQLite the work may hold the write lock, and a skipped step is no harm.
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY and done < total:
            return
        last[0] = now
        try:
            with session_scope(settings.database_url) as session:
                session.execute(
                    update(m.Job)
                    .where(m.Job.id == job_id, m.Job.attempts == attempt)
                    .values(step=label[:80], done=done, total=total, heartbeat_at=utcnow())
                    .execution_options(synchronize_session=False)
                )
        except OperationalError:
            log.debug("job %s: progress not recorded (database busy)", job_id)

    return progress


def run(settings: Settings, job_id: int) -> None:
    attempt = claim(settings, job_id)
    if attempt is None:
        return
    log.info("job %s: attempt %s", job_id, attempt)
    try:
        with session_scope(settings.database_url) as session:
            job = session.get(m.Job, job_id)
            assert job is not None
            outcome = perform(session, job, settings, _reporter(settings, job_id, attempt))
            finish(session, job_id, attempt, outcome)
    except Superseded:
        log.warning("job %s: attempt %s was superseded; its work is rolled back", job_id, attempt)
    except (OperationalError, DBAPIError) as exc:
        if getattr(exc, "connection_invalidated", False) or isinstance(exc, OperationalError):
            raise  # the database went away: huey retries, and recovery re-queues it if that fails too
        _record_failure(settings, job_id, attempt, exc)
    except Exception as exc:  # the work failed: record why, in one line; the owner may submit it again
        _record_failure(settings, job_id, attempt, exc)


def _record_failure(settings: Settings, job_id: int, attempt: int, exc: BaseException) -> None:
    log.warning("job %s failed: %s", job_id, one_line(exc))
    with session_scope(settings.database_url) as session:
        fail(session, job_id, attempt, one_line(exc))


def stranded(settings: Settings) -> list[int]:
    """Jobs to queue again: running but silent past the stale limit, or queued that long (a lost
    message). Queuing one twice is harmless: only one claim succeeds."""
    cutoff = utcnow() - stale_after(settings)
    with session_scope(settings.database_url) as session:
        return list(
            session.scalars(
                select(m.Job.id).where(
                    or_(
                        (m.Job.state == "running") & (m.Job.heartbeat_at < cutoff),
                        (m.Job.state == "queued") & (m.Job.created_at < cutoff),
                    )
                )
            )
        )
