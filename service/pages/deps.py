"""Who is looking at a page: the user of the session cookie (never the API's bearer header), role-scoped
aliases that show the "not allowed" page, and the CSRF-checked form of a POST."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from service import models as m
from service.accounts.sessions import session_user
from service.errors import Forbidden
from service.http.deps import SessionDep, SettingsDep
from service.pages.security import CSRF_FIELD, csrf_valid, session_token

ROLE_NAMES = {
    "ta": "the Technical Assistance Team",
    "state": "states",
    "provider": "providers",
    "reader": "readers of the circulated matrix",
}


class SignInRequired(Exception):
    """No valid session: the page handler sends the browser to sign in, then back here."""


class FormExpired(Forbidden):
    """A form without a valid CSRF token for this session (forged, or left open too long)."""


@dataclass(frozen=True)
class Viewer:
    """Who the page is shown to, as plain values the layout can still read after the session closed."""

    role: str
    username: str
    display_name: str
    party: str | None


def page_user_or_none(request: Request, session: SessionDep, settings: SettingsDep) -> m.User | None:
    token = session_token(request)
    if not token:
        return None
    # Signed out, timed out, revoked or deactivated (or not a session id at all): treated as signed out.
    user = session_user(session, token, settings)
    if user is not None:
        name = user.display_name or user.username
        request.state.viewer = Viewer(user.role, user.username, name, user.party)
    return user


MaybeUser = Annotated[m.User | None, Depends(page_user_or_none)]


def signed_in_page(user: MaybeUser) -> m.User:
    if user is None:
        raise SignInRequired()
    return user


def page_user(user: Annotated[m.User, Depends(signed_in_page)]) -> m.User:
    """A page for any signed-in user but a reader, who passes only the pages that name readers."""
    if user.role == "reader":
        raise Forbidden("This page is not for readers: your account sees the circulated editions only.")
    return user


def require_page(*roles: str) -> Callable[[m.User], m.User]:
    def check(user: Annotated[m.User, Depends(signed_in_page)]) -> m.User:
        if user.role not in roles:
            audience = " and ".join(ROLE_NAMES[r] for r in roles)
            raise Forbidden(f"This page is for {audience}.")
        return user

    return check


async def checked_form(request: Request) -> FormData:
    form = await request.form()
    token = form.get(CSRF_FIELD)
    if not csrf_valid(request, token if isinstance(token, str) else None):
        raise FormExpired(
            "This form has expired or did not come from this site. Go back, reload the page and try again."
        )
    return form


PageUser = Annotated[m.User, Depends(page_user)]
TeamPage = Annotated[m.User, Depends(require_page("ta"))]
StatePage = Annotated[m.User, Depends(require_page("state"))]
ProviderPage = Annotated[m.User, Depends(require_page("provider"))]
PartyPage = Annotated[m.User, Depends(require_page("state", "provider"))]
# The reader's pages (circulated editions only), which the team sees too.
ReaderPage = Annotated[m.User, Depends(require_page("reader", "ta"))]
Form = Annotated[FormData, Depends(checked_form)]
