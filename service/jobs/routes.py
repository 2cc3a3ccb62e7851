"""Background jobs over HTTP (team only): submit one (202 with the job), follow it, fetch its file."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from service.errors import Conflict
from service.http.deps import SessionDep, SettingsDep, TeamUser, Today
from service.http.schemas import IdPath, download
from service.jobs import logic, queries, schemas

router = APIRouter(prefix="/api", tags=["jobs"])


@router.post("/jobs", status_code=202, response_model=schemas.JobOut)
def submit_job(
    body: schemas.JobIn, session: SessionDep, settings: SettingsDep, today: Today, team: TeamUser
) -> JSONResponse:
    """Run a full refresh, an edition build, an export or a circulation in the background. Answers 202 with
    the job (Location: /api/jobs/{id}); the same work already queued or running is refused (409)."""
    job = logic.submit(session, team, body, settings=settings, on=today)
    out = queries.job_out(job)
    return JSONResponse(
        out.model_dump(mode="json"), status_code=202, headers={"Location": f"/api/jobs/{job.id}"}
    )


@router.get("/jobs/{job_id}", response_model=schemas.JobOut)
def get_job(job_id: IdPath, session: SessionDep, team: TeamUser) -> schemas.JobOut:
    """A job of yours: its state (queued, running, done, failed), progress, and result or error."""
    return queries.job_out(queries.own_job(session, team, job_id))


@router.get("/jobs/{job_id}/file")
def job_file(job_id: IdPath, session: SessionDep, team: TeamUser) -> Response:
    """The file a finished job made (an export, the ZIP of a circulation)."""
    job = queries.own_job(session, team, job_id)
    if job.output is None or not job.output_name:
        raise Conflict(f"job {job.id} is {job.state} and has no file", field="state")
    return download(job.output, job.output_type or "application/octet-stream", job.output_name)
