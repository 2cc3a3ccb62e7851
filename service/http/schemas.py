"""Shared pydantic shapes: pages of results, versions for optimistic concurrency, messages."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

# Ids are 32-bit integers in both databases; a larger one is refused as invalid input (422), never sent
# to the database to overflow there.
MAX_ID = 2_147_483_647
DbId = Annotated[int, Field(ge=1, le=MAX_ID)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]


T = TypeVar("T")


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


def count_capped(session: Session, query: Select[Any], cap: int = COUNT_CAP) -> tuple[int, bool]:
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


def download(data: bytes, media_type: str, filename: str) -> Response:
    """A file the browser saves under `filename`."""
    return Response(
        data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
