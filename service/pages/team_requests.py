"""Triage for the team: the requests awaiting a decision (or any, filtered), and one request's page as the
hub for it: its facts beside near-duplicate candidates (only above the similarity threshold, marked only
after a confirmation), the triage decision (reasonable ones are scored at once), its suggestions with the
same decision and delivery forms as the queue, its history, and closing."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.core import DEFAULT_THRESHOLD
from service.errors import InvalidInput
from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import IdPath, Offset
from service.matching import queries as match_queries
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
    today: date,
    *,
    status: int = 200,
    triage_form: forms.FormView | None = None,
    close_form: forms.FormView | None = None,
) -> Response:
    row = visible_request(session, user, request_id)
    detail = request_detail(session, row, user)
    # Below the threshold the "candidates" are plainly unrelated (24–34 % on the demo): not shown.
    duplicates = [d for d in queries.duplicate_candidates(session, row) if d.similarity >= DEFAULT_THRESHOLD]
    return render(
        request,
        "team/request.html",
        status=status,
        title=f"Request {detail.ref}",
        item=detail,
        today=today,
        back=f"/team/requests/{request_id}#matches",
        threshold=DEFAULT_THRESHOLD,
        events=[(e, describe(e)) for e in history(session, row)],
        duplicates=duplicates,
        duplicate_choices={str(d.request.id): f"{d.request.ref} — {d.request.title}" for d in duplicates},
        can_triage=detail.status in EDITABLE_REQUEST_STATUSES,
        can_close=detail.status in ACTIVE_REQUEST_STATUSES and detail.status != "submitted",
        triage_form=triage_form or forms.FormView(values={"outcome": "reasonable"}),
        close_form=close_form or forms.FormView(values={"outcome": "closed_unmet"}, prefix="close-"),
    )


@router.get("/{request_id}")
def one(request: Request, request_id: IdPath, session: SessionDep, user: TeamPage, today: Today) -> Response:
    return _page(request, session, user, request_id, today)


@router.get("/{request_id}/duplicate-of/{other_id}")
def confirm_duplicate(
    request: Request, request_id: IdPath, other_id: IdPath, session: SessionDep, user: TeamPage
) -> Response:
    """The step before marking a duplicate: both requests side by side and one confirming button."""
    row = visible_request(session, user, request_id)
    other = visible_request(session, user, other_id)
    if other.state_iso3 != row.state_iso3 or other.id == row.id:
        raise InvalidInput("duplicate_of: only another request of the same state", field="duplicate_of")
    return render(
        request,
        "team/duplicate.html",
        title=f"Mark {row.ref} a duplicate?",
        item=request_detail(session, row, user),
        other=request_detail(session, other, user),
    )


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
            request, session, user, request_id, today, status=problem.status, triage_form=problem.view(data)
        )
    said = f"Triaged: {LABELS[row.status]}."
    if row.status == "open":
        # Triage scored it at once (requests.logic.triage): the suggestions are on this page and in the queue.
        found = match_queries.review_queue(session, request_id=row.id, limit=1).total
        said += f" {found} suggestions for this request." if found else " No programme fits it yet: a gap."
    return redirect(request, f"/team/requests/{request_id}", said)


@router.post("/{request_id}/close")
def close(
    request: Request, request_id: IdPath, session: SessionDep, user: TeamPage, today: Today, form: Form
) -> Response:
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
            today,
            status=problem.status,
            close_form=problem.view(data, prefix="close-"),
        )
    return redirect(request, f"/team/requests/{request_id}", f"Closed: {LABELS[row.status]}.")
