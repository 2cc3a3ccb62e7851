"""Rendering pages: the Jinja2 environment with its filters, the navigation of each role, and the two
responses every page route ends in (render a template, or redirect with a flash message)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from service.pages import choices
from service.pages.security import FLASH_COOKIE, csrf_token, pop_flash, remember_nonce, set_flash
from service.vocab import LABELS, fit_band

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

NAV: dict[str | None, list[tuple[str, str]]] = {
    "ta": [
        ("/team/queue", "Review queue"),
        ("/team/requests", "Triage"),
        ("/team/goal", "Goal"),
        ("/team/editions", "Editions"),
        ("/team/access", "Access requests"),
        ("/team/users", "Users"),
    ],
    "provider": [
        ("/provider/needs", "Need list"),
        ("/provider/deliveries", "Deliveries"),
        ("/provider/programmes", "Programmes"),
        ("/contacts", "Contacts"),
    ],
    "state": [
        ("/state/requests", "Requests"),
        ("/state/requests/new", "New request"),
        ("/state/reports", "Reporting"),
        ("/contacts", "Contacts"),
    ],
    "reader": [("/matrix", "Assistance Matrix")],
    None: [],
}
PUBLIC_NAV = [("/directory", "Directory"), ("/directory/contacts", "Points of contact")]
HOME = {"ta": "/team/queue", "provider": "/provider/needs", "state": "/state/requests", "reader": "/matrix"}

# Status words → badge tone (the words are always shown; colour only repeats them).
TONES = {
    "submitted": "info",
    "open": "info",
    "suggested": "info",
    "pending": "info",
    "under_review": "info",
    "matched": "good",
    "accepted": "good",
    "offered": "info",
    "consented": "good",
    "approved": "good",
    "in_delivery": "good",
    "delivering": "good",
    "met": "done",
    "delivered": "done",
    "reviewed": "done",
    "rejected": "bad",
    "declined": "bad",
    "refused_by_state": "bad",
    "refused": "bad",
    "not_reasonable": "bad",
    "closed_unmet": "bad",
    "late": "bad",
    "overdue": "bad",
    "on_time": "good",
    "withdrawn": "muted",
    "duplicate": "muted",
    "retired": "muted",
}
EXTRA_LABELS = {
    "pending": "Pending",
    "under_review": "Under review",
    "reviewed": "Reviewed",
    "approved": "Approved",
    "refused": "Refused",
    "late": "Received late",
    "overdue": "Overdue",
    "on_time": "On time",
}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def highlight(text: str | None, terms: Iterable[str]) -> Markup:
    """`text`, escaped, with each occurrence of `terms` (any case) wrapped in <mark>."""
    words = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not text:
        return Markup("")
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, last = [], 0
    for found in pattern.finditer(text):
        out.append(escape(text[last : found.start()]))
        out.append(Markup("<mark>%s</mark>") % found.group(0))
        last = found.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def when(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def label(value: str | None) -> str:
    if value is None:
        return "—"
    return LABELS.get(value) or EXTRA_LABELS.get(value) or value.replace("_", " ").capitalize()


def query(params: Mapping[str, Any], **changes: Any) -> str:
    """The query string of `params` with `changes` applied (None drops a key): for filters and paging."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged, doseq=True) if merged else "?"


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    """The Jinja2 environment, built on first use."""
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters.update(highlight=highlight, when=when, label=label, fit_band=fit_band)
    env.globals.update(
        tones=TONES,
        area_names=choices.areas(),
        area_title=choices.area_title,
        languages=choices.LANGUAGES,
        score_parts=choices.SCORE_PARTS,
        stage_names=choices.STAGE_SHORT,
        query=query,
    )
    return templates


def render(request: Request, name: str, *, status: int = 200, **context: Any) -> Response:
    """The template with the layout's context: the viewer (set by the page-user dependency), their
    navigation, the CSRF token for forms, and the flash message left by the previous step."""
    viewer = getattr(request.state, "viewer", None)
    nav = NAV[viewer.role if viewer else None]
    path = request.url.path
    flash = pop_flash(request)
    context.update(
        viewer=viewer,
        nav=nav,
        public_nav=PUBLIC_NAV,
        nav_active=max(
            (h for h, _ in nav + PUBLIC_NAV if path == h or path.startswith(h + "/")), key=len, default=None
        ),
        csrf=csrf_token(request),
        flash=flash,
        params=dict(request.query_params),
        # Forms send back `path` + query so a decision returns to the same filters (absolute, see safe_next).
        path=path,
    )
    response = templates().TemplateResponse(request, name, context, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    if viewer is not None:
        response.headers["Cache-Control"] = "no-store"
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    remember_nonce(response, request)
    return response


def redirect(
    request: Request, url: str, flash: str | None = None, kind: str = "ok", undo: dict[str, Any] | None = None
) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    if flash:
        set_flash(response, request, flash, kind, undo)
    return response


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a local path may be a redirect target (never //host or a scheme)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default
