"""The pages' browser session: the HttpOnly cookie that carries the opaque id of a server-side session
(service/accounts/sessions.py; never an API token), CSRF tokens tied to that session (or, before sign-in,
to a random nonce cookie), and one-shot flash messages."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from itsdangerous import BadData, URLSafeTimedSerializer

SESSION_COOKIE = "mm_session"
NONCE_COOKIE = "mm_nonce"
FLASH_COOKIE = "mm_flash"
CSRF_FIELD = "csrf_token"
# A form left open longer than a working day must be reloaded.
CSRF_MAX_AGE = 12 * 3600


def _serializer(request: Request, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.settings.secret_key, salt=f"matchmaker.pages.{purpose}")


def _secure(request: Request) -> bool:
    return bool(request.app.state.settings.environment == "production")


def _cookie(response: Response, request: Request, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="lax", secure=_secure(request), path="/"
    )


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


def start_session(response: Response, request: Request, token: str) -> None:
    minutes = int(request.app.state.settings.session_max_minutes)
    _cookie(response, request, SESSION_COOKIE, token, minutes * 60)


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def _binding(request: Request) -> str | None:
    """What a CSRF token is tied to: a digest of the session token, or the anonymous nonce."""
    token = session_token(request)
    if token:
        return hashlib.sha256(token.encode()).hexdigest()[:32]
    return request.cookies.get(NONCE_COOKIE) or getattr(request.state, "new_nonce", None)


def csrf_token(request: Request) -> str:
    binding = _binding(request)
    if binding is None:  # first visit, signed out: the response will set this nonce (see remember_nonce)
        binding = request.state.new_nonce = secrets.token_urlsafe(24)
    return str(_serializer(request, "csrf").dumps(binding))


def remember_nonce(response: Response, request: Request) -> None:
    nonce = getattr(request.state, "new_nonce", None)
    if nonce:
        _cookie(response, request, NONCE_COOKIE, nonce, None)


def csrf_valid(request: Request, token: str | None) -> bool:
    binding = _binding(request)
    if not token or binding is None:
        return False
    try:
        signed = _serializer(request, "csrf").loads(token, max_age=CSRF_MAX_AGE)
    except BadData:
        return False
    return hmac.compare_digest(str(signed), binding)


def set_flash(
    response: Response, request: Request, text: str, kind: str = "ok", undo: dict[str, Any] | None = None
) -> None:
    """Leave a message for the next page; `undo` (the fields of a form that reverses the step) adds an Undo
    button to it."""
    payload = [kind, text, undo] if undo else [kind, text]
    _cookie(response, request, FLASH_COOKIE, _serializer(request, "flash").dumps(payload), 120)


def pop_flash(request: Request) -> dict[str, Any] | None:
    """The message left by the previous step, if any (the render step deletes the cookie)."""
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        kind, text, *rest = _serializer(request, "flash").loads(raw, max_age=600)
    except (BadData, ValueError):
        return None
    return {"kind": kind, "text": text, "undo": rest[0] if rest else None}
