"""The FastAPI application: routers, error rendering, and the health check."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service.errors import AppError
from service.settings import get_settings


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        title="Matchmaker",
        summary="Counter-terrorism technical-assistance requests matched with providers' programmes.",
        version="0.1.0",
    )
    app.state.settings = settings

    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return JSONResponse(exc.to_body(), status_code=exc.status_code)

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

    @app.get("/health", tags=["public"])
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
