"""Signing in and out of the pages: the password check of the API, a token in an HttpOnly cookie."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.accounts.logic import authenticate
from service.errors import TooManyRequests, Unauthorized
from service.http.deps import SessionDep
from service.http.tokens import issue_token
from service.pages import forms
from service.pages.deps import Form, MaybeUser
from service.pages.security import end_session, start_session
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
def sign_in(request: Request, session: SessionDep, form: Form) -> Response:
    data = forms.values(form)
    target = safe_next(data.get("next"), "")
    try:
        username = data.get("username", "").strip()
        request.app.state.login_limiter.check(request.client.host if request.client else "?", username)
        user = authenticate(session, username, data.get("password", ""))
    except (Unauthorized, TooManyRequests) as exc:
        view = forms.FormView(values={"username": data.get("username", "")}, message=exc.message.capitalize())
        return render(
            request, "sign_in.html", status=exc.status_code, title="Sign in", form=view, next=target
        )
    settings = request.app.state.settings
    token, _ = issue_token(user.id, settings.secret_key, settings.token_minutes)
    response = redirect(request, target or HOME[user.role])
    start_session(response, request, token)
    return response


@router.post("/sign-out")
def sign_out(request: Request, form: Form) -> Response:
    del form  # checked for its CSRF token: no one signs you out from another site
    response = redirect(request, "/", "You are signed out.")
    end_session(response)
    return response
