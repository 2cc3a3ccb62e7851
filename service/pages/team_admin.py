"""The team's administration pages: applications to see the matrix (approve, with the reader account's end
date, or refuse, with the reason) and user accounts (add, deactivate or reactivate, sign out everywhere)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.accounts import logic, queries
from service.accounts.schemas import AccessDecision, UserCreate, UserUpdate
from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import IdPath
from service.pages import forms
from service.pages.deps import Form, TeamPage
from service.pages.templating import redirect, render

router = APIRouter(prefix="/team", include_in_schema=False)

USER_FIELDS = ("username", "password", "role", "party", "display_name", "email")
ROLES = {"state": "State", "provider": "Provider", "ta": "Technical Assistance Team"}
ALL_ROLES = {**ROLES, "reader": "Reader"}  # readers are made by approving an application, never here


@router.get("/access")
def applications(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: TeamPage,
    status: str | None = None,
) -> Response:
    rows = queries.list_applications(session, user, status or None)
    return render(
        request,
        "team/access.html",
        title="Access requests",
        applications=rows,
        readers=queries.usernames(session, [a.user_id for a in rows if a.user_id is not None]),
        default_end=today + timedelta(days=settings.reader_days),
        tomorrow=today + timedelta(days=1),
        statuses={"pending": "Pending", "approved": "Approved", "refused": "Refused"},
    )


@router.post("/access/{application_id}")
def decide(
    request: Request,
    application_id: IdPath,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: TeamPage,
    form: Form,
) -> Response:
    data = forms.values(form)
    approving = data.get("decision") == "approved"
    try:
        body = forms.parse(
            AccessDecision,
            {
                "version": data.get("version"),
                "decision": data.get("decision"),
                "note": data.get("note") or None,
                # The end date goes with an approval only; a refusal ignores the field the form holds.
                "expires_on": (data.get("expires_on") or None) if approving else None,
            },
        )
        done = forms.run(
            session, lambda: logic.decide(session, user, application_id, body, settings=settings, on=today)
        )
    except forms.FormProblem as problem:
        return redirect(request, "/team/access", f"Not recorded: {problem}", "error")
    if done.status == "approved":
        text = "approved: a reader account was made and its sign-in link e-mailed"
    else:
        text = done.status
    return redirect(request, "/team/access", f"Application from {done.organization}: {text}.")


def _users_page(
    request: Request,
    session: SessionDep,
    user: TeamPage,
    form: forms.FormView | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "team/users.html",
        status=status,
        title="Users",
        users=queries.list_users(session, user),
        form=form or forms.FormView(values={"role": "state"}),
        roles=ROLES,
        role_names=ALL_ROLES,
    )


@router.get("/users")
def users(request: Request, session: SessionDep, user: TeamPage) -> Response:
    return _users_page(request, session, user)


@router.post("/users")
def add_user(request: Request, session: SessionDep, user: TeamPage, form: Form) -> Response:
    # Every field of the form is present (even if the browser left one out), so each refusal is shown
    # beside its field rather than in a banner.
    data = {k: "" for k in USER_FIELDS} | forms.values(form)
    # Party codes are stored in capitals (KEN, UNODC); "nga" means NGA.
    data["party"] = data["party"].strip().upper()
    try:
        body = forms.parse(UserCreate, {k: data[k] for k in USER_FIELDS if data.get(k)})
        added = forms.run(session, lambda: logic.add_user(session, user, body))
    except forms.FormProblem as problem:
        data["password"] = ""  # never echoed back, but still the field its message belongs to
        return _users_page(request, session, user, problem.view(data), problem.status)
    return redirect(request, "/team/users", f"User {added.username} added.")


@router.post("/users/{user_id}/active")
def set_active(
    request: Request, user_id: IdPath, session: SessionDep, user: TeamPage, form: Form
) -> Response:
    data = forms.values(form)
    try:
        body = forms.parse(UserUpdate, {"version": data.get("version"), "active": data.get("active")})
        changed = forms.run(session, lambda: logic.update_user(session, user, user_id, body))
    except forms.FormProblem as problem:
        return redirect(request, "/team/users", f"Not changed: {problem}", "error")
    state = "reactivated" if changed.active else "deactivated"
    return redirect(request, "/team/users", f"User {changed.username} {state}.")


@router.post("/users/{user_id}/revoke")
def revoke(request: Request, user_id: IdPath, session: SessionDep, user: TeamPage, form: Form) -> Response:
    del form
    changed = logic.revoke_user_tokens(session, user, user_id)
    return redirect(request, "/team/users", f"User {changed.username} is signed out everywhere.")
