"""A state's pages: its requests in priority order (re-ordered atomically), one request with its status and
history, the new-request and edit forms (areas suggested by the tagger), and its reporting status."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import IdPath
from service.pages import choices, forms
from service.pages.deps import Form, StatePage
from service.pages.history import describe
from service.pages.templating import redirect, render
from service.parties import queries as party_queries
from service.requests import logic, queries, schemas
from service.requests.queries import history, request_detail, visible_request
from service.vocab import ACTIVE_REQUEST_STATUSES, EDITABLE_REQUEST_STATUSES

router = APIRouter(prefix="/state", include_in_schema=False)

REQUEST_FIELDS = ("title", "description", "language", "stage", "source_report")


@router.get("/requests")
def my_requests(request: Request, session: SessionDep, user: StatePage) -> Response:
    listed = queries.list_requests(session, user, sort="priority", limit=500, offset=0)
    active = [r for r in listed.items if r.status in ACTIVE_REQUEST_STATUSES]
    closed = [r for r in listed.items if r.status not in ACTIVE_REQUEST_STATUSES]
    return render(request, "state/requests.html", title="Our requests", active=active, closed=closed)


def _new_order(data: dict[str, Any]) -> list[int]:
    """The posted order, with the one requested move (`id:up` or `id:down`) applied."""
    order = [int(v) for v in data["order"] if v.isdigit()]
    request_id, _, direction = data.get("move", "").partition(":")
    if request_id.isdigit() and int(request_id) in order:
        i = order.index(int(request_id))
        j = i - 1 if direction == "up" else i + 1
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
    return order


@router.post("/requests/order")
def reorder(request: Request, session: SessionDep, user: StatePage, form: Form) -> Response:
    data = forms.values(form, lists=("order",))
    order = _new_order(data)
    state = user.state_iso3 or ""
    try:
        ordered = forms.run(session, lambda: logic.reprioritise(session, user, state, order))
    except forms.FormProblem as problem:
        return redirect(request, "/state/requests", f"Priorities not saved: {problem}", "error")
    top = ordered[0].title if ordered else ""
    return redirect(request, "/state/requests", f"Priorities saved. Priority 1: {top}")


def _request_form(
    request: Request, form: forms.FormView | None, *, status: int = 200, editing: Any = None
) -> Response:
    return render(
        request,
        "state/request_form.html",
        status=status,
        title="Edit request" if editing else "New request",
        form=form or forms.FormView(values={"language": "en", "stage": "A", "areas": []}),
        editing=editing,
        stages=choices.stages(),
        suggested=[g.area for g in _guesses(form.values if form else {})],
    )


def _guesses(values: dict[str, Any]) -> list[Any]:
    text = f"{values.get('title', '')}\n{values.get('description', '')}".strip()
    return choices.catalogue().tag(text, values.get("language") or None)[:3] if text else []


@router.get("/requests/new")
def new_request_form(request: Request, user: StatePage) -> Response:
    del user
    return _request_form(request, None)


@router.post("/requests/new")
def file_request(
    request: Request, session: SessionDep, user: StatePage, today: Today, form: Form
) -> Response:
    data = forms.values(form, lists=("areas",))
    if "suggest" in data:  # without script: show the tagger's suggestions and keep the input
        return _request_form(request, forms.FormView(values=data))
    try:
        body = forms.parse(schemas.RequestCreate, {**_fields(data), "areas": data["areas"]})
        filed = forms.run(session, lambda: logic.create_request(session, user, body, on=today))
    except forms.FormProblem as problem:
        return _request_form(request, problem.view(data), status=problem.status)
    return redirect(
        request, f"/state/requests/{filed.id}", f"Request filed as {filed.ref}, priority {filed.priority}."
    )


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: (data.get(k) or None) if k == "source_report" else data.get(k, "") for k in REQUEST_FIELDS}
    # An unticked checkbox is not posted at all: absent means "not confidential".
    return {**fields, "confidential": bool(data.get("confidential"))}


def _as_form(found: schemas.RequestOut) -> dict[str, Any]:
    return {
        "title": found.title,
        "description": found.description,
        "language": found.language,
        "stage": found.stage,
        "source_report": found.source_report or "",
        "confidential": found.confidential,
        "areas": [a.id for a in found.areas],
        "version": str(found.version),
    }


@router.get("/requests/{request_id}")
def one_request(request: Request, request_id: IdPath, session: SessionDep, user: StatePage) -> Response:
    row = visible_request(session, user, request_id)
    detail = request_detail(session, row, user)
    events = [(e, describe(e)) for e in history(session, row)]
    return render(
        request,
        "state/request.html",
        title=detail.title,
        item=detail,
        events=events,
        editable=detail.status in EDITABLE_REQUEST_STATUSES,
        active=detail.status in ACTIVE_REQUEST_STATUSES,
    )


@router.get("/requests/{request_id}/edit")
def edit_form(request: Request, request_id: IdPath, session: SessionDep, user: StatePage) -> Response:
    detail = request_detail(session, visible_request(session, user, request_id), user)
    return _request_form(request, forms.FormView(values=_as_form(detail)), editing=detail)


@router.post("/requests/{request_id}/edit")
def edit(
    request: Request,
    request_id: IdPath,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: StatePage,
    form: Form,
) -> Response:
    row = visible_request(session, user, request_id)
    data = forms.values(form, lists=("areas",))
    if "suggest" in data:
        return _request_form(request, forms.FormView(values=data), editing=request_detail(session, row, user))
    try:
        body = forms.parse(
            schemas.RequestUpdate, {**_fields(data), "areas": data["areas"], "version": data.get("version")}
        )
        forms.run(
            session, lambda: logic.update_request(session, user, row, body, settings=settings, on=today)
        )
    except forms.FormProblem as problem:
        current = request_detail(session, row, user)
        view = problem.view(data, _as_form(current))
        if problem.conflict:  # saving again, having seen theirs, deliberately replaces it
            view.values["version"] = str(current.version)
        return _request_form(request, view, status=problem.status, editing=current)
    return redirect(request, f"/state/requests/{request_id}", "Changes saved.")


@router.post("/requests/{request_id}/withdraw")
def withdraw(
    request: Request, request_id: IdPath, session: SessionDep, user: StatePage, form: Form
) -> Response:
    row = visible_request(session, user, request_id)
    data = forms.values(form)
    try:
        body = forms.parse(schemas.Withdraw, {"version": data.get("version"), "reason": data.get("reason")})
        forms.run(session, lambda: logic.withdraw(session, user, row, body))
    except forms.FormProblem as problem:
        return redirect(request, f"/state/requests/{request_id}", f"Not withdrawn: {problem}", "error")
    return redirect(request, f"/state/requests/{request_id}", "The request is withdrawn.")


@router.get("/reports")
def reports(request: Request, session: SessionDep, user: StatePage, today: Today) -> Response:
    rows = party_queries.state_reports(session, user, user.state_iso3 or "", on=today)
    return render(request, "state/reports.html", title="Reporting status", reports=rows)
