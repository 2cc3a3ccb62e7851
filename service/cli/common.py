"""Helpers every command group shares: the consoles, one-line errors, and the checked database URL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console

from service import clock
from service.db import check_connection, engine_for
from service.errors import AppError, ConfigurationError
from service.settings import Settings

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def clean_errors(func: F) -> F:
    """Turn domain errors into one line on stderr and a non-zero exit, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AppError as exc:
            err.print(f"[red]error:[/red] {exc.message}", highlight=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def database_url() -> str:
    url = settings().database_url
    check_connection(engine_for(url))
    return url


def settings() -> Settings:
    """The settings from the environment, read afresh by each command (never a cached global); a bad
    setting is a ConfigurationError, one line, never a traceback."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigurationError(str(first["msg"]).removeprefix("Value error, ")) from None


def today() -> date:
    return clock.today(settings())
