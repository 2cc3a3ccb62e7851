"""Reading a job: only its owner (a member of the team) may, and every other id is refused alike."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service import models as m
from service.errors import Forbidden
from service.jobs.schemas import JobOut


def own_job(session: Session, user: m.User, job_id: int) -> m.Job:
    """The user's job; another's job and a missing one are refused with the same 403."""
    job = session.get(m.Job, job_id)
    if job is None or job.owner_id != user.id:
        raise Forbidden("this job is not yours")
    return job


def job_out(job: m.Job) -> JobOut:
    out = JobOut.model_validate(job)
    out.file = f"/api/jobs/{job.id}/file" if job.output_name else None
    return out
