"""Signing in and out of the pages: the password check of the API (and its limits), then a server-side
session whose opaque id rides in an HttpOnly cookie; signing out revokes it on the server. And the first
password of a new account (a reader's), set once through the one-time link of its e-mail."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.accounts import links
from service.accounts.logic import MIN_PASSWORD, authenticate, set_password_by_link
from service.accounts.sessions import close_session, open_session
from service.errors import TooManyRequests, Unauthorized
from service.http.deps import SessionDep, SettingsDep
from service.http.ratelimit import client_address
from service.pages import forms
from service.pages.deps import Form, MaybeUser
from service.pages.security import end_session, session_token, start_session
from service.pages.templating import HOME, redirect, render, safe_next

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, viewer: MaybeUser) -> Response:
    if viewer is not None:
        return redirect(request, HOME[viewer.role])
    return render(request, "home.html", title="Technical assistance matching")


@router.get("/sign-in")
def sign_in_form(request: Request, viewer: MaybeUser, next: str | None = None) -> Response:
    if viewer is not None:
        return redirect(request, safe_next(next, HOME[viewer.role]))
    return render(request, "sign_in.html", title="Sign in", form=None, next=safe_next(next, ""))


@router.post("/sign-in")
def sign_in(request: Request, session: SessionDep, settings: SettingsDep, form: Form) -> Response:
    data = forms.values(form)
    target = safe_next(data.get("next"), "")
    username = data.get("username", "").strip()
    client = client_address(request, settings)
    try:
        user = authenticate(session, username, data.get("password", ""), client=client, settings=settings)
    except (Unauthorized, TooManyRequests) as exc:  # answered, so a failure's count is committed
        view = forms.FormView(values={"username": data.get("username", "")}, message=exc.message.capitalize())
        page = render(
            request, "sign_in.html", status=exc.status_code, title="Sign in", form=view, next=target
        )
        if isinstance(exc, TooManyRequests):
            page.headers.update(exc.headers)
        return page
    response = redirect(request, target or HOME[user.role])
    start_session(response, request, open_session(session, user, settings))
    return response


@router.post("/sign-out")
def sign_out(request: Request, session: SessionDep, form: Form) -> Response:
    del form  # checked for its CSRF token: no one signs you out from another site
    token = session_token(request)
    if token:
        close_session(session, token)
    response = redirect(request, "/", "You are signed out.")
    end_session(response)
    return response


def _set_password_page(
    request: Request, token: str, username: str, form: forms.FormView | None = None, status: int = 200
) -> Response:
    return render(
        request,
        "set_password.html",
        status=status,
        title="Set your password",
        form=form,
        token=token,
        username=username,
        min_password=MIN_PASSWORD,
    )


@router.get("/set-password")
def set_password_form(request: Request, session: SessionDep, token: str = "") -> Response:
    """The form behind an e-mailed link; a used, expired or unknown link gets a page saying which."""
    link = links.live(session, token)
    return _set_password_page(request, token, link.user.username)


@router.post("/set-password")
def set_password(request: Request, session: SessionDep, form: Form) -> Response:
    data = forms.values(form)
    token = data.get("token", "")
    username = links.live(session, token).user.username  # a dead link: its page, not the form again
    try:
        forms.run(session, lambda: set_password_by_link(session, token, data.get("password", "")))
    except forms.FormProblem as problem:
        return _set_password_page(request, token, username, problem.view({"password": ""}), problem.status)
    return redirect(request, "/sign-in", f"Your password is set. Sign in as {username}.")
