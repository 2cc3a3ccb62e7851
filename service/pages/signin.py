"""Signing in and out of the pages: the password check of the API (and its limits), then a server-side
session whose opaque id rides in an HttpOnly cookie; signing out revokes it on the server."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.accounts.logic import authenticate
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
