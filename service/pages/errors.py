"""Errors on page paths render as HTML pages (sign-in redirect, "not allowed", "not found", …); the API
paths keep their JSON handlers. install() wraps the app's handlers with that dispatch."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Generator
from typing import Any, cast
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException

from service.clock import Clock
from service.errors import AppError, TooManyRequests, Unauthorized
from service.http.deps import get_session
from service.http.limits import lost_race
from service.pages.deps import SignInRequired, page_user_or_none
from service.pages.security import session_token
from service.pages.templating import redirect, render

Handler = Callable[[Request, Any], Awaitable[Response] | Response]

NOT_PAGES = ("/api", "/static", "/docs", "/redoc", "/openapi.json", "/health")

TITLES = {
    400: "This request could not be handled",
    401: "Please sign in",
    403: "Not allowed",
    404: "Not found",
    405: "Not possible here",
    409: "Changed in the meantime",
    422: "Please check what you entered",
    429: "Too many attempts",
    500: "Something went wrong",
    503: "Service unavailable",
}


def is_page(request: Request) -> bool:
    return not request.url.path.startswith(NOT_PAGES)


def _back_here(request: Request) -> str:
    """Where to return after signing in: this page, or for a form post the page that held the form."""
    if request.method == "GET":
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path.startswith("/"):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return "/"


def sign_in_redirect(request: Request) -> Response:
    target = _back_here(request)
    return redirect(request, "/sign-in?" + urlencode({"next": target}))


def _know_the_viewer(request: Request) -> None:
    """A route that does not exist never ran the page-user dependency: look the session up here, so a
    signed-in user's error page still shows their name and navigation (not "Sign in")."""
    if getattr(request.state, "viewer", None) is not None or not session_token(request):
        return
    settings = request.app.state.settings
    # The app's own session provider (tests replace it), used as the dependency system would.
    provider = request.app.dependency_overrides.get(get_session, get_session)
    offered = {"settings": settings, "clock": Clock.from_settings(settings)}
    wanted = inspect.signature(provider).parameters
    made = provider(**{name: value for name, value in offered.items() if name in wanted})
    sessions = cast(Generator[Session, None, None], made)  # both providers are generator functions
    try:
        page_user_or_none(request, next(sessions), settings)
    except OperationalError:  # the database is down: the error page still renders, signed out
        pass
    finally:
        sessions.close()


def error_page(request: Request, status: int, detail: str) -> Response:
    _know_the_viewer(request)
    # A way back: the same page without what was entered in its address (for a refused filter), or the
    # page that held the refused form.
    back = request.url.path if request.method == "GET" and request.url.query else _back_here(request)
    return render(
        request,
        "error.html",
        status=status,
        title=TITLES.get(status, "Error"),
        detail=detail,
        code=status,
        back=back if status in (409, 422) else None,
    )


def _html(request: Request, exc: Exception) -> Response:
    if isinstance(exc, SignInRequired | Unauthorized):
        return sign_in_redirect(request)
    if isinstance(exc, AppError):
        page = error_page(request, exc.status_code, exc.message)
        if isinstance(exc, TooManyRequests):
            page.headers.update(exc.headers)
        return page
    if isinstance(exc, RequestValidationError):
        fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        named = f" ({', '.join(fields)})" if fields else ""
        return error_page(request, 422, f"Some of the values in the address or form are not valid{named}.")
    if isinstance(exc, StaleDataError):
        return error_page(request, 409, "Someone else changed this at the same time. Reload and try again.")
    if isinstance(exc, IntegrityError):
        return error_page(request, 409, "The change conflicts with existing data.")
    if isinstance(exc, OperationalError) and lost_race(exc):
        return error_page(request, 409, "Someone else changed this at the same time. Reload and try again.")
    if isinstance(exc, OperationalError):
        return error_page(request, 503, "The database cannot be reached. Try again in a moment.")
    if isinstance(exc, HTTPException):
        detail = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
        return error_page(request, exc.status_code, detail)
    return error_page(request, 500, "Something went wrong on our side. Nothing was changed; try again.")


def _dispatch(api: Handler) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handle(request: Request, exc: Exception) -> Response:
        if is_page(request):
            return _html(request, exc)
        result = api(request, exc)
        return await result if isinstance(result, Awaitable) else result

    return handle


def install_error_pages(app: FastAPI) -> None:
    handlers = dict(app.exception_handlers)
    for kind in (AppError, RequestValidationError, StaleDataError, IntegrityError, OperationalError):
        if kind in handlers:
            app.add_exception_handler(kind, _dispatch(handlers[kind]))
    app.add_exception_handler(HTTPException, _dispatch(handlers.get(HTTPException, http_exception_handler)))
    app.add_exception_handler(SignInRequired, _dispatch(lambda r, e: sign_in_redirect(r)))
    # Anything unexpected: a page still answers in HTML (the error stays in the server log); the API keeps
    # Starlette's plain 500.
    app.add_exception_handler(
        Exception, _dispatch(lambda r, e: PlainTextResponse("Internal Server Error", status_code=500))
    )
