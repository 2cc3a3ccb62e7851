"""The FastAPI application: routers, error rendering, and the health check."""

from __future__ import annotations

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from service import api_docs, pages
from service.accounts import routes as accounts_routes
from service.allocation import routes as allocation_routes
from service.audit import routes as audit_routes
from service.directory import routes as directory_routes
from service.editions import routes as edition_routes
from service.errors import AppError, TooManyRequests
from service.goal import routes as goal_routes
from service.http.inputs import refuse_control_characters
from service.http.limits import BodySizeLimit, StrictTransportSecurity, lost_race
from service.http.schemas import ERROR_RESPONSES
from service.imports import routes as import_routes
from service.jobs import routes as job_routes
from service.matching import routes as matching_routes
from service.parties import routes as party_routes
from service.programmes import routes as programme_routes
from service.requests import routes as request_routes
from service.settings import Settings, get_settings

ROUTERS = [
    accounts_routes.router,
    request_routes.router,
    matching_routes.router,
    programme_routes.router,
    directory_routes.router,
    party_routes.router,
    accounts_routes.access_router,
    audit_routes.router,
    edition_routes.router,
    edition_routes.reader_router,
    goal_routes.router,
    allocation_routes.router,
    import_routes.router,
    job_routes.router,
    *pages.ROUTERS,
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Matchmaker",
        summary="Counter-terrorism technical-assistance requests matched with providers' programmes.",
        version="0.1.0",
        # Every route documents the one error shape the handlers below render.
        responses=ERROR_RESPONSES,
        # Every path, query string, form and JSON body is checked for control characters in one place.
        dependencies=[Depends(refuse_control_characters)],
        # /docs and /redoc are served below from packaged files, never from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.environment == "production":  # behind a TLS-terminating proxy (see the README)
        app.add_middleware(StrictTransportSecurity)
    for router in ROUTERS:
        app.include_router(router)

    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        headers = exc.headers if isinstance(exc, TooManyRequests) else None
        return JSONResponse(exc.to_body(), status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]), "reason": e["msg"]}
            for e in exc.errors()
        ]
        first = problems[0] if problems else {"field": None, "reason": "invalid input"}
        body = {
            "error": "invalid",
            "detail": f"{first['field']}: {first['reason']}",
            "field": first["field"],
            "problems": problems,
        }
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StaleDataError)
    async def _stale(_: Request, exc: StaleDataError) -> JSONResponse:
        # Two writers read the same version; the database let exactly one of them through.
        body = {"error": "conflict", "detail": "someone else changed this at the same time; reload and retry"}
        return JSONResponse(body, status_code=409)

    @app.exception_handler(IntegrityError)
    async def _integrity(_: Request, exc: IntegrityError) -> JSONResponse:
        body = {"error": "conflict", "detail": "the change conflicts with existing data"}
        return JSONResponse(body, status_code=409)

    @app.exception_handler(OperationalError)
    async def _database_down(_: Request, exc: OperationalError) -> JSONResponse:
        if lost_race(exc):  # SQLite: another writer held the database past the busy timeout
            body = {"error": "conflict", "detail": "someone else changed this at the same time; retry"}
            return JSONResponse(body, status_code=409)
        body = {
            "error": "database_unavailable",
            "detail": "the database cannot be reached; try again shortly",
        }
        return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})

    @app.get("/health", tags=["public"])
    def health() -> dict[str, str]:
        return {"status": "ok"}

    api_docs.install(app)
    pages.install(app)  # /static, and HTML error pages for page paths (the JSON handlers above stay for /api)
    return app
