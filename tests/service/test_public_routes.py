"""The explicit list of what anyone may reach without signing in. A route is public when it declares no
user, which is easy to do by accident; here every route of the app is called without credentials (path
parameters filled with 1, empty bodies) and the ones that do not ask for them — an API operation that does
not answer 401, a page that does not send the browser to sign in — must be exactly the lists below. A new
public route fails this test until it is added here on purpose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount

# API operations (under /api, and /health) that answer without a bearer token.
PUBLIC_API = {
    ("GET", "/health"),
    ("POST", "/api/auth/token"),
    ("POST", "/api/access-requests"),  # applying for an account
    ("GET", "/api/programmes"),
    ("GET", "/api/programmes/{programme_id}"),
    ("GET", "/api/directory/entries"),
    ("GET", "/api/directory/contacts"),
}

# Everything else the app serves that needs no session cookie: pages, forms and the OpenAPI docs.
PUBLIC_PAGES = {
    ("GET", "/"),
    ("GET", "/sign-in"),
    ("POST", "/sign-in"),
    ("POST", "/sign-out"),
    ("GET", "/directory"),
    ("GET", "/directory/contacts"),
    ("GET", "/directory/programmes/{programme_id}"),
    ("GET", "/access"),
    ("POST", "/access"),  # the account application form
    ("GET", "/set-password"),  # an approved applicant's one-time link
    ("POST", "/set-password"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
    ("GET", "/favicon.ico"),
}

# Whole applications mounted under a path (nothing in them is checked here).
PUBLIC_MOUNTS = {"/static", "/static/api-docs"}


def flat_routes(app: FastAPI) -> Iterator[Any]:
    """Every route with its full path, whichever way this FastAPI keeps included routers."""
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI ≥ 0.13x: included routers stay nested
    except ImportError:  # older FastAPI copies included routes into app.routes
        yield from app.routes
    else:
        yield from iter_route_contexts(app.routes)


def operations(app: FastAPI) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in flat_routes(app)
        for method in (getattr(route, "methods", None) or ())
        if method != "HEAD"  # Starlette's automatic twin of GET
    }


def is_api(path: str) -> bool:
    return path == "/health" or path.startswith("/api/")


def asks_for_credentials(client: TestClient, method: str, path: str) -> bool:
    url = re.sub(r"\{[^}]+\}", "1", path)
    body: dict[str, Any] = {} if method == "GET" else {"json": {}} if is_api(path) else {"data": {}}
    response = client.request(method, url, follow_redirects=False, **body)
    if is_api(path):
        return response.status_code == 401
    return response.status_code == 303 and response.headers["location"].startswith("/sign-in")


def test_exactly_the_listed_routes_answer_without_credentials(app: FastAPI, client: TestClient) -> None:
    found = operations(app)
    assert ("GET", "/api/me") in found and ("GET", "/team/queue") in found  # the walk sees included routers
    public = {op for op in found if not asks_for_credentials(client, *op)}

    assert {op for op in public if is_api(op[1])} == PUBLIC_API
    assert {op for op in public if not is_api(op[1])} == PUBLIC_PAGES
    assert len(found - public) > 40  # and the rest, most of the app, does ask


def test_nothing_else_is_mounted(app: FastAPI) -> None:
    mounted = {r.path for r in flat_routes(app) if isinstance(getattr(r, "original_route", r), Mount)}
    assert mounted == PUBLIC_MOUNTS
