"""The team's job page: a background job's progress while it runs (the page reloads itself every two
seconds), then its result, its file or its error."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.http.deps import SessionDep
from service.http.schemas import IdPath
from service.jobs import queries
from service.pages.deps import TeamPage
from service.pages.templating import render
from service.vocab import UNFINISHED_JOB_STATES

router = APIRouter(prefix="/team", include_in_schema=False)

TITLES = {
    "matching.refresh": "Matching refreshed",
    "edition.build": "Edition built",
    "edition.export": "Edition exported",
    "edition.circulate": "Packages circulated",
}


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: IdPath, session: SessionDep, user: TeamPage) -> Response:
    job = queries.job_out(queries.own_job(session, user, job_id))
    return render(
        request,
        "team/job.html",
        title=f"Job {job.id}",
        job=job,
        running=job.state in UNFINISHED_JOB_STATES,
        done_title=TITLES.get(job.kind, job.kind),
    )
