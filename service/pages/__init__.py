"""Server-rendered web pages for the three audiences and the public, over the same logic as the API.

Pages authenticate with their own HttpOnly session cookie (never the API's bearer header), check a CSRF
token on every form, and render HTML errors; `install` adds them to the app."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from service.pages import (
    contacts,
    decisions,
    deliveries,
    programmes,
    provider,
    public,
    reader,
    signin,
    state,
    tagging,
    team_admin,
    team_editions,
    team_goal,
    team_jobs,
    team_queue,
    team_requests,
)
from service.pages.errors import install_error_pages

STATIC = Path(__file__).resolve().parents[1] / "static"

ROUTERS = [
    signin.router,
    public.router,
    state.router,
    provider.router,
    deliveries.router,
    programmes.router,
    contacts.router,
    decisions.router,
    tagging.router,
    team_queue.router,
    team_requests.router,
    team_goal.router,
    team_editions.router,
    team_jobs.router,
    team_admin.router,
    reader.router,
]


def install(app: FastAPI) -> None:
    """Mount the static files and render errors on page paths as HTML (call after the API's handlers)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        # Browsers ask for it whatever the page's <link rel=icon> says; answer rather than log a 404.
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    install_error_pages(app)
