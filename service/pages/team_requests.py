"""Triage for the team: the requests awaiting a decision (or any, filtered), one request beside its
near-duplicate candidates, the triage decision (reasonable, not reasonable, duplicate) and closing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import IdPath, Offset
from service.pages import choices, forms
from service.pages.deps import Form, TeamPage
from service.pages.history import describe
from service.pages.templating import redirect, render
from service.requests import logic, queries, schemas
from service.requests.queries import history, request_detail, visible_request
from service.vocab import ACTIVE_REQUEST_STATUSES, EDITABLE_REQUEST_STATUSES, LABELS, RequestStatus, values

router = APIRouter(prefix="/team/requests", include_in_schema=False)

PER_PAGE = 25
STATUSES = {s: LABELS[s] for s in values(RequestStatus)}


@router.get("")
def requests(
    request: Request,
    session: SessionDep,
    user: TeamPage,
    status: str = "submitted",
    state: str | None = None,
    area: str | None = None,
    region: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Offset = 0,
) -> Response:
    found = queries.list_requests(
        session,
        user,
        status=[status] if status else None,
        state=state or None,
        area=area or None,
        region=region or None,
        q=q or None,
        sort="oldest",
        limit=PER_PAGE,
        offset=offset,
    )
    return render(
        request,
        "team/requests.html",
        title="Triage",
        found=found,
        statuses=STATUSES,
        status_filter=status,
        states=choices.states(session),
        regions=choices.regions(session),
    )


def _page(
    request: Request,
    session: SessionDep,
    user: TeamPage,
    request_id: int,
    *,
    status: int = 200,
    triage_form: forms.FormView | None = None,
    close_form: forms.FormView | None = None,
) -> Response:
    row = visible_request(session, user, request_id)
    detail = request_detail(session, row, user)
    duplicates = queries.duplicate_candidates(session, row)
    return render(
        request,
        "team/request.html",
        status=status,
        title=f"Triage {detail.ref}",
        item=detail,
        events=[(e, describe(e)) for e in history(session, row)],
        duplicates=duplicates,
        duplicate_choices={str(d.request.id): f"{d.request.ref} — {d.request.title}" for d in duplicates},
        can_triage=detail.status in EDITABLE_REQUEST_STATUSES,
        can_close=detail.status in ACTIVE_REQUEST_STATUSES and detail.status != "submitted",
        triage_form=triage_form or forms.FormView(values={"outcome": "reasonable"}),
        close_form=close_form or forms.FormView(values={"outcome": "closed_unmet"}, prefix="close-"),
    )


@router.get("/{request_id}")
def one(request: Request, request_id: IdPath, session: SessionDep, user: TeamPage) -> Response:
    return _page(request, session, user, request_id)


@router.post("/{request_id}/triage")
def triage(
    request: Request,
    request_id: IdPath,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: TeamPage,
    form: Form,
) -> Response:
    row = visible_request(session, user, request_id)
    data = forms.values(form)
    try:
        body = forms.parse(
            schemas.Triage,
            {
                "version": data.get("version"),
                "outcome": data.get("outcome"),
                "reason": data.get("reason") or None,
                "duplicate_of": data.get("duplicate_of") or None,
            },
        )
        forms.run(session, lambda: logic.triage(session, user, row, body, settings=settings, on=today))
    except forms.FormProblem as problem:
        return _page(
            request, session, user, request_id, status=problem.status, triage_form=problem.view(data)
        )
    return redirect(request, f"/team/requests/{request_id}", f"Triaged: {LABELS[row.status]}.")


@router.post("/{request_id}/close")
def close(request: Request, request_id: IdPath, session: SessionDep, user: TeamPage, form: Form) -> Response:
    row = visible_request(session, user, request_id)
    data = forms.values(form)
    try:
        body = forms.parse(
            schemas.Close,
            {
                "version": data.get("version"),
                "outcome": data.get("outcome"),
                "reason": data.get("reason") or None,
            },
        )
        forms.run(session, lambda: logic.close(session, user, row, body))
    except forms.FormProblem as problem:
        return _page(
            request,
            session,
            user,
            request_id,
            status=problem.status,
            close_form=problem.view(data, prefix="close-"),
        )
    return redirect(request, f"/team/requests/{request_id}", f"Closed: {LABELS[row.status]}.")
