"""Bulk import over HTTP for the team (upload a CSV or XLSX, dry run or for real) and the blank templates
for anyone signed in (states and providers fill them in too, and send them to the team)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from service.errors import AppError
from service.http.deps import CurrentUser, SessionDep, SettingsDep, TeamUser, Today
from service.imports import ImportReport, kind_named, run_import
from service.imports.background import submit_import
from service.imports.sheets import Limits
from service.imports.templates import FORMATS, template
from service.jobs.queries import job_out
from service.jobs.schemas import JobOut

KindName = Literal["requests", "programmes", "contacts", "reports"]


class ImportRejected(AppError):
    """A real import with rejected rows: nothing was written; `details` is the full report."""

    status_code = 422
    code = "import_rejected"


# Bodies over settings.max_body_bytes never reach these routes: the app's BodySizeLimit answers 413.
router = APIRouter(prefix="/api/imports", tags=["imports"])


class ProblemOut(BaseModel):
    row: int | None
    column: str | None
    reason: str


class DuplicateOut(BaseModel):
    reference: str
    title: str
    similarity: float


class RowOut(BaseModel):
    row: int
    reference: str
    outcome: Literal["new", "updated", "unchanged", "rejected"]
    changes: list[str]
    notes: list[str]
    duplicates: list[DuplicateOut]


class ImportReportOut(BaseModel):
    kind: str
    file: str
    dry_run: bool
    applied: bool
    counts: dict[str, int]
    summary: str
    rows: list[RowOut]
    problems: list[ProblemOut]
    ignored_columns: list[str]


class ErrorOut(BaseModel):
    error: str
    detail: str


class RejectedOut(ErrorOut):
    """The app's 422 body: a bad parameter (field, problems) or a rejected file (details: the report)."""

    field: str | None = None
    problems: list[dict[str, Any]] | None = None
    details: dict[str, Any] | None = None


def _out(report: ImportReport) -> ImportReportOut:
    return ImportReportOut.model_validate(report.to_dict())


@router.post(
    "/{kind}",
    response_model=ImportReportOut,
    responses={
        202: {
            "model": JobOut,
            "description": "a large file (over MATCHMAKER_IMPORT_JOB_BYTES): imported as a job",
        },
        413: {
            "model": RejectedOut,
            "description": "the file is larger than the upload limit, or past an import cap (rows, columns, "
            "cell length, unpacked size: details name the setting)",
        },
        415: {"model": ErrorOut, "description": "not a CSV or XLSX file"},
        422: {"model": RejectedOut, "description": "rows rejected (nothing written), or bad parameters"},
    },
)
def upload(
    kind: KindName,
    session: SessionDep,
    team: TeamUser,
    settings: SettingsDep,
    today: Today,
    file: UploadFile = File(description="a .csv (UTF-8) or .xlsx file laid out as the template"),
    dry_run: bool = Query(False, description="only report what would change; write nothing"),
) -> ImportReportOut:
    """Import one file: every row is checked first, and one rejected row means nothing is written (the
    422 body names each row, column and reason). Importing the same file again changes nothing. A file
    over MATCHMAKER_IMPORT_JOB_BYTES is imported by a background job: 202 with the job to follow."""
    data = file.file.read()
    name = file.filename or "upload"
    if not dry_run and len(data) > settings.import_job_bytes:
        job = submit_import(session, team, kind, data, name, settings=settings, on=today)
        body = job_out(job).model_dump(mode="json")
        return JSONResponse(body, status_code=202, headers={"Location": f"/api/jobs/{job.id}"})  # type: ignore[return-value]
    report = run_import(
        session, kind_named(kind), data, name, dry_run=dry_run, actor=team, limits=Limits.of(settings)
    )
    if report.problems and not dry_run:
        raise ImportRejected(report.summary(), details=report.to_dict())
    return _out(report)


@router.get(
    "/templates/{kind}",
    response_class=Response,
    responses={200: {"content": {media: {} for media in FORMATS.values()}, "description": "the template"}},
)
def download_template(kind: KindName, _: CurrentUser, format: Literal["csv", "xlsx"] = "xlsx") -> Response:
    """The blank template of a kind, with the columns in plain words (XLSX adds a how-to sheet)."""
    return Response(
        template(kind, format),
        media_type=FORMATS[format],
        headers={"Content-Disposition": f'attachment; filename="matchmaker-{kind}.{format}"'},
    )
