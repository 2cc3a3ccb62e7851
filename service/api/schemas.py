"""Shared pydantic shapes: pages of results, versions for optimistic concurrency, messages."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")


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
    version: int = Field(ge=1, description="The version you read; a stale one is refused with 409.")


class ORM(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Message(BaseModel):
    detail: str
