"""Shared pydantic shapes: pages of results, versions for optimistic concurrency, messages."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Path, Query
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

# Ids are 32-bit integers in both databases; a larger one is refused as invalid input (422), never sent
# to the database to overflow there.
MAX_ID = 2_147_483_647
DbId = Annotated[int, Field(ge=1, le=MAX_ID)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]
# An optional id in a query string (e.g. ?revision=, ?programme=).
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]


# Text input: no control characters but tab (and in multi-line text newline and carriage return); no lone
# surrogates (PostgreSQL refuses NUL and cannot encode a surrogate, so either would otherwise be a 500).
LINE_ALLOWED = frozenset("\t")
TEXT_ALLOWED = frozenset("\t\n\r")
# Characters that do not count towards a minimum length: whitespace and the zero-width ones.
INVISIBLE = "\u200b\u200c\u200d\ufeff"


def bad_character(value: str, allowed: frozenset[str] = TEXT_ALLOWED) -> str | None:
    """The first character text input may not hold, or None."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs") and char not in allowed:
            return char
    return None


def refusal(char: str) -> str:
    return f"must not contain the control character U+{ord(char):04X}"


def visible_length(value: str) -> int:
    return len("".join(c for c in value if not c.isspace() and c not in INVISIBLE))


def _checked(allowed: frozenset[str]) -> Callable[[str], str]:
    def check(value: str) -> str:
        char = bad_character(value, allowed)
        if char is not None:
            raise ValueError(refusal(char))
        return value

    return check


def min_visible(length: int) -> AfterValidator:
    """A minimum length counted without whitespace and zero-width characters (so "   " is not a title)."""

    def check(value: str) -> str:
        if visible_length(value) < length:
            raise ValueError(f"must have at least {length} visible characters")
        return value

    return AfterValidator(check)


# One line of text (a title, a name) and multi-line text (a description); bound each with Field(max_length=)
# and, where it must not be blank, min_visible(n).
Line = Annotated[str, AfterValidator(_checked(LINE_ALLOWED))]
Text = Annotated[str, AfterValidator(_checked(TEXT_ALLOWED))]


T = TypeVar("T")
# A SELECT of any columns (SQLAlchemy 2.1 types a Select by the tuple of what it returns).
AnySelect = Select[*tuple[Any, ...]]


class Problem(BaseModel):
    field: str | None
    reason: str


class ErrorBody(BaseModel):
    """Every error the API returns: a code, one sentence, the field at fault, and for 422 each problem."""

    error: str = Field(examples=["invalid"])
    detail: str = Field(examples=["title: String should have at least 3 characters"])
    field: str | None = Field(default=None, examples=["title"])
    problems: list[Problem] | None = None
    details: Any = None


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (401, "Not signed in, or the token expired or was revoked"),
        (403, "Another party's data, or a role that may not do this"),
        (404, "No such record"),
        (409, "A stale version, an illegal move, or a conflict with existing data"),
        (413, "The body is over the size limit"),
        (422, "Invalid input: the field and the reason"),
        (429, "Too many sign-in attempts or applications; Retry-After says when to try again"),
        (503, "The database cannot be reached"),
    )
}


# Counting every row of a long list costs more than reading a page of it; past this, "10,000+".
COUNT_CAP = 10_000


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
    total_capped: bool = Field(
        default=False,
        description=f"true when there are more than `total` items (counting stops at {COUNT_CAP:,})",
    )


def count_capped(session: Session, query: AnySelect, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows the query returns, counting at most `cap` of them."""
    bounded = query.order_by(None).limit(cap + 1).subquery()
    total = session.scalar(select(func.count()).select_from(bounded)) or 0
    return min(total, cap), total > cap


class Versioned(BaseModel):
    version: int = Field(
        ge=1, le=MAX_ID, description="The version you read; a stale one is refused with 409."
    )


class ORM(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Message(BaseModel):
    detail: str


def printable(data: bytes, media_type: str, filename: str) -> Response:
    """A page the browser opens (to read or print) rather than saves; it runs nothing and loads nothing."""
    return Response(
        data,
        media_type=media_type,
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            "X-Content-Type-Options": "nosniff",
        },
    )


def download(data: bytes, media_type: str, filename: str) -> Response:
    """A file the browser saves under `filename`."""
    return Response(
        data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
