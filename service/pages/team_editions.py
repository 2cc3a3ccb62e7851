"""The monthly editions of the matrix, for the team: build (or correct) a month, read one with its changes
since the previous edition and its circulation log, download its exports, circulate its packages."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.editions import logic, queries, schemas, store
from service.editions.compare import changes
from service.editions.diff import KINDS
from service.errors import InvalidInput
from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import IdQuery, Offset, Page, download, printable
from service.pages import choices, forms
from service.pages.deps import Form, TeamPage
from service.pages.templating import redirect, render

router = APIRouter(prefix="/team/editions", include_in_schema=False)

FORMATS = {"xlsx": "Excel", "csv": "CSV", "json": "JSON", "html": "Printable page"}
CHANGES_PER_PAGE = 50


def _list_page(
    request: Request,
    session: SessionDep,
    today: Today,
    form: forms.FormView | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "team/editions.html",
        status=status,
        title="Editions",
        editions=queries.editions(session),
        form=form or forms.FormView(values={"month": today.strftime("%Y-%m")}),
        formats=FORMATS,
    )


@router.get("")
def editions(request: Request, session: SessionDep, user: TeamPage, today: Today) -> Response:
    del user
    return _list_page(request, session, today)


@router.post("")
def build(request: Request, session: SessionDep, user: TeamPage, today: Today, form: Form) -> Response:
    data = forms.values(form)
    try:
        body = forms.parse(
            schemas.BuildIn, {"month": data.get("month", ""), "reason": data.get("reason") or None}
        )
        built = forms.run(
            session, lambda: store.build(session, body.month, actor=user, on=today, reason=body.reason)
        )
    except forms.FormProblem as problem:
        return _list_page(request, session, today, problem.view(data), problem.status)
    return redirect(
        request,
        f"/team/editions/{built.month}",
        f"Edition {built.month} revision {built.revision} built: "
        f"{built.requests} requests, {built.gaps} gaps.",
    )


def _changes_page(delta: dict[str, Any] | None, kind: str | None, offset: int) -> Page[dict[str, Any]]:
    """One page of the changes, of one kind when asked (the chips above the table are the filter)."""
    if kind is not None and kind not in KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(KINDS)}", field="kind")
    every = (delta or {}).get("changes", [])
    chosen = [c for c in every if kind is None or c["kind"] == kind]
    return Page(
        items=chosen[offset : offset + CHANGES_PER_PAGE],
        total=len(chosen),
        limit=CHANGES_PER_PAGE,
        offset=offset,
    )


@router.get("/{month}")
def edition(
    request: Request,
    month: str,
    session: SessionDep,
    user: TeamPage,
    revision: IdQuery = None,
    kind: Annotated[str | None, Query(max_length=40)] = None,
    offset: Offset = 0,
) -> Response:
    del user
    detail = queries.edition_detail(session, month, revision)
    sealed = store.get(session, month, revision)
    delta = changes(session, sealed)
    return render(
        request,
        "team/edition.html",
        title=f"Edition {detail.month}",
        edition=detail,
        delta=delta,
        shown=_changes_page(delta, kind or None, offset),
        kind=kind or None,
        kinds=KINDS,
        state_names=choices.states(session),
        provider_names=choices.providers(session),
        circulations=logic.circulation_log(session, month, revision),
        formats=FORMATS,
    )


@router.get("/{month}/export")
def export(
    month: str,
    session: SessionDep,
    user: TeamPage,
    format: Literal["xlsx", "csv", "json", "html"] = "xlsx",
    revision: IdQuery = None,
) -> Response:
    del user
    result = logic.export(session, month, format, revision)
    if format == "html":  # the printable page opens in the browser (to read or print), not as a download
        return printable(result.data, result.media_type, result.filename)
    return download(result.data, result.media_type, result.filename)


@router.get("/{month}/packages")
def packages(month: str, session: SessionDep, user: TeamPage, revision: IdQuery = None) -> Response:
    del user
    archive = logic.packages_zip(session, month, revision)
    return download(archive.data, archive.media_type, archive.filename)


def _preview_page(
    request: Request,
    session: SessionDep,
    month: str,
    form: forms.FormView | None = None,
    status: int = 200,
) -> Response:
    found = logic.circulation_preview(session, month)
    return render(
        request,
        "team/circulation.html",
        status=status,
        title=f"Circulate {found.edition}",
        preview=found,
        form=form or forms.FormView(values={}),
    )


@router.get("/{month}/circulation")
def circulation_preview(request: Request, month: str, session: SessionDep, user: TeamPage) -> Response:
    """The recipients first: who gets what at which addresses, and who already received this revision."""
    del user
    return _preview_page(request, session, month)


@router.post("/{month}/circulate")
def circulate(
    request: Request, month: str, session: SessionDep, settings: SettingsDep, user: TeamPage, form: Form
) -> Response:
    """The confirmed circulation from the preview page; the edition page then shows the log."""
    data = forms.values(form)
    parties = [p.strip().upper() for p in str(data.get("parties") or "").replace(";", ",").split(",")]
    try:
        body = forms.parse(
            schemas.CirculateIn,
            {
                "confirm": data.get("confirm") == "yes",
                "resend_reason": data.get("resend_reason") or None,
                "parties": [p for p in parties if p] or None,
            },
        )
        report = forms.run(
            session,
            lambda: logic.circulate_edition(session, month, body, settings=settings, actor=user),
            aliases={"parties": "parties", "resend_reason": "resend_reason"},
        )
    except forms.FormProblem as problem:
        return _preview_page(request, session, month, problem.view(data), problem.status)
    done = {s: report.count(s) for s in ("sent", "outbox", "failed", "skipped")}
    if not any(done[s] for s in ("sent", "outbox", "failed")):
        message, kind = (
            f"Nothing sent: all {done['skipped']} recipients already received {report.edition}. "
            "To send it again, give a reason.",
            "error",
        )
    else:
        message = (
            f"{report.edition} circulated: {done['sent']} sent, {done['outbox']} in the outbox, "
            f"{done['failed']} failed"
            + (f", {done['skipped']} already had it" if done["skipped"] else "")
            + "."
        )
        kind = "error" if done["failed"] else "ok"
    return redirect(request, f"/team/editions/{month}", message, kind)
