"""The monthly editions and the goal, for the Technical Assistance Team only: build, list, read, compare,
export, verify, circulate; the goal's figures and report."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from service import models as m
from service.editions import store
from service.editions.circulate import circulate
from service.editions.compare import changes
from service.editions.exports import render
from service.errors import NotFound
from service.goal.logic import figures
from service.goal.report import charts, html
from service.http.deps import SessionDep, TeamUser

router = APIRouter(prefix="/api", tags=["editions"])


class BuildIn(BaseModel):
    month: str = Field(examples=["2003-05"])
    reason: str | None = Field(
        default=None,
        max_length=2000,
        description="Why a circulated month is corrected: makes a new revision.",
    )


class EditionOut(BaseModel):
    month: str
    revision: int
    reason: str | None
    cutoff: datetime
    built_at: datetime
    built_by: str
    checksum: str
    requests: int
    gaps: int
    circulated_to: int


class EditionDetail(EditionOut):
    verified: bool
    summary: dict[str, Any]


class VerdictOut(BaseModel):
    month: str
    revision: int
    ok: bool
    stored: str
    actual: str
    problem: str | None


class CirculationOut(BaseModel):
    edition: str
    packages: int
    messages: int
    sent: int
    channel: str
    without_contacts: list[str]
    failed: dict[str, str]


def _out(edition: m.Edition, parties: int = 0) -> EditionOut:
    return EditionOut(
        month=edition.month,
        revision=edition.revision,
        reason=edition.reason,
        cutoff=edition.cutoff,
        built_at=edition.built_at,
        built_by=edition.built_by,
        checksum=edition.checksum,
        requests=edition.requests,
        gaps=edition.gaps,
        circulated_to=parties,
    )


def _download(data: bytes, media_type: str, filename: str) -> Response:
    return Response(
        data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


def _parties(session: Session, edition: m.Edition) -> int:
    return next((n for e, n in store.listing(session) if e.id == edition.id), 0)


@router.post("/editions", status_code=201, response_model=EditionOut)
def build_edition(body: BuildIn, session: SessionDep, team: TeamUser) -> EditionOut:
    """Freeze a month. A circulated month is refused (409) unless a reason makes it a correction."""
    return _out(store.build(session, body.month, actor=team, reason=body.reason))


@router.get("/editions", response_model=list[EditionOut])
def list_editions(session: SessionDep, team: TeamUser) -> list[EditionOut]:
    return [_out(e, n) for e, n in store.listing(session)]


@router.get("/editions/{month}", response_model=EditionDetail)
def get_edition(
    month: str, session: SessionDep, team: TeamUser, revision: int | None = None
) -> EditionDetail:
    """An edition's record and summary, after its checksum is verified (a mismatch is a 500, never served)."""
    sealed = store.get(session, month, revision)
    base = _out(sealed.edition, _parties(session, sealed.edition))
    return EditionDetail(**base.model_dump(), verified=True, summary=sealed.content["summary"])


@router.get("/editions/{month}/diff")
def diff_edition(
    month: str, session: SessionDep, team: TeamUser, against: str | None = None
) -> dict[str, Any]:
    sealed = store.get(session, month)
    delta = changes(session, sealed, against)
    if delta is None:
        raise NotFound(f"{sealed.label} is the first edition: there is nothing to compare it with")
    return delta


@router.get("/editions/{month}/export")
def export_edition(
    month: str,
    session: SessionDep,
    team: TeamUser,
    format: Literal["xlsx", "csv", "json", "html"] = "xlsx",
    revision: int | None = None,
) -> Response:
    sealed = store.get(session, month, revision)
    result = render(sealed, changes(session, sealed), format)
    return _download(result.data, result.media_type, result.filename)


@router.get("/editions/{month}/verify", response_model=list[VerdictOut])
def verify_edition(month: str, session: SessionDep, team: TeamUser) -> list[VerdictOut]:
    """Recompute the checksum of every revision of the month; `ok` is false where content was altered."""
    return [VerdictOut(**v.__dict__) for v in store.verify(session, month)]


@router.post("/editions/{month}/packages")
def circulate_edition(
    month: str, request: Request, session: SessionDep, team: TeamUser, party: str | None = None
) -> Response:
    """Build every tailored package and the outbox (sent through SMTP when configured), log the
    circulation, and return it all as one ZIP file (packages/, outbox/, circulation.json)."""
    with tempfile.TemporaryDirectory(prefix="matchmaker-packages-") as folder:
        out = Path(folder)
        settings = request.app.state.settings
        report = circulate(session, month, out, settings=settings, actor=team, party=party)
        summary = CirculationOut(**report.__dict__).model_dump_json(indent=2)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(out).as_posix())
            archive.writestr("circulation.json", summary)
    name = report.edition.replace(" revision ", "-r")
    return _download(buffer.getvalue(), "application/zip", f"packages-{name}.zip")


@router.get("/goal")
def goal_figures(session: SessionDep, team: TeamUser, month: str | None = None) -> dict[str, Any]:
    """The goal's figures at the end of the month (default: the current month, as things stand)."""
    return figures(session, month).as_dict()


@router.get("/goal/report", response_class=HTMLResponse)
def goal_report(session: SessionDep, team: TeamUser, month: str | None = None) -> HTMLResponse:
    """The goal report as one self-contained HTML page with its charts embedded."""
    goal = figures(session, month)
    return HTMLResponse(html(goal, charts(goal)))
