"""Shared pydantic shapes: pages of results, versions for optimistic concurrency, messages."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Versioned(BaseModel):
    version: int = Field(ge=1, description="The version you read; a stale one is refused with 409.")


class ORM(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Message(BaseModel):
    detail: str
