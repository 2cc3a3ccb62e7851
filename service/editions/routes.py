"""The monthly editions over HTTP: for the Technical Assistance Team, build, list, read, compare, export,
verify, circulate; for readers (and the team), the circulated editions only, listed and downloaded."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import Response

from service import models as m
from service.editions import logic, queries, schemas, store
from service.editions.compare import changes
from service.errors import NotFound
from service.http.deps import ReaderOrTeam, SessionDep, SettingsDep, TeamUser, Today
from service.http.schemas import IdQuery, download

router = APIRouter(prefix="/api", tags=["editions"])
reader_router = APIRouter(prefix="/api/circulated", tags=["circulated editions"])


@router.post("/editions", status_code=201, response_model=schemas.EditionOut)
def build_edition(
    body: schemas.BuildIn, session: SessionDep, team: TeamUser, today: Today
) -> schemas.EditionOut:
    """Freeze a month. A circulated month is refused (409) unless a reason makes it a correction."""
    edition = store.build(session, body.month, actor=team, on=today, reason=body.reason)
    return schemas.EditionOut.model_validate(edition)


@router.get("/editions", response_model=list[schemas.EditionOut])
def list_editions(session: SessionDep, team: TeamUser) -> list[schemas.EditionOut]:
    return queries.editions(session)


@router.get("/editions/{month}", response_model=schemas.EditionDetail)
def get_edition(
    month: str, session: SessionDep, team: TeamUser, revision: IdQuery = None
) -> schemas.EditionDetail:
    """An edition's record and summary, after its checksum is verified (a mismatch is a 500, never served)."""
    return queries.edition_detail(session, month, revision)


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
    revision: IdQuery = None,
) -> Response:
    result = logic.export(session, month, format, revision)
    return download(result.data, result.media_type, result.filename)


@router.get("/editions/{month}/verify", response_model=list[schemas.Verdict])
def verify_edition(month: str, session: SessionDep, team: TeamUser) -> list[schemas.Verdict]:
    """Recompute the checksum of every revision of the month; `ok` is false where content was altered."""
    return store.verify(session, month)


@router.get("/editions/{month}/packages")
def packages(month: str, session: SessionDep, team: TeamUser, revision: IdQuery = None) -> Response:
    """The full matrix and every tailored package as one ZIP, to look at before circulating: nothing is
    sent or logged."""
    archive = logic.packages_zip(session, month, revision)
    return download(archive.data, archive.media_type, archive.filename)


@router.get("/editions/{month}/circulation/preview", response_model=schemas.PreviewOut)
def circulation_preview(month: str, session: SessionDep, team: TeamUser) -> schemas.PreviewOut:
    """Who a circulation would reach (every state and organization with a published point of contact),
    at which addresses, with which files, and who already received this revision."""
    return logic.circulation_preview(session, month)


@router.post("/editions/{month}/circulation", response_model=schemas.CirculationOut)
def circulate_edition(
    month: str, body: schemas.CirculateIn, session: SessionDep, settings: SettingsDep, team: TeamUser
) -> schemas.CirculationOut:
    """Send the latest revision to every recipient that has not received it (`confirm: true` required).
    Sending it again to parties that did takes a `resend_reason`, for all or for the named `parties`."""
    report = logic.circulate_edition(session, month, body, settings=settings, actor=team)
    return schemas.CirculationOut.model_validate(report)


@router.get("/editions/{month}/circulation", response_model=list[schemas.CirculationLogOut])
def circulation_log(
    month: str, session: SessionDep, team: TeamUser, revision: IdQuery = None
) -> list[m.Circulation]:
    """Who received what and when, one row per copy, with what became of it."""
    return logic.circulation_log(session, month, revision)


@reader_router.get("", response_model=list[schemas.CirculatedOut])
def circulated(session: SessionDep, user: ReaderOrTeam) -> list[schemas.CirculatedOut]:
    """The revisions that were circulated, newest first: all a reader may see."""
    return queries.circulated(session)


@reader_router.get("/{month}/export")
def circulated_export(
    month: str,
    session: SessionDep,
    user: ReaderOrTeam,
    format: Literal["xlsx", "html"] = "xlsx",
    revision: IdQuery = None,
) -> Response:
    """The full matrix as circulated (XLSX) or its printable page, of the month's latest circulated
    revision (or the one named). A month never circulated is 404, whether or not it was built."""
    result = queries.circulated_export(session, month, format, revision)
    return download(result.data, result.media_type, result.filename)
