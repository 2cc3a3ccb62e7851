"""Programme bodies and responses."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from service.http.schemas import Line, Versioned, min_visible


class ScopeIn(BaseModel):
    kind: Literal["global", "members_of", "states", "regions"]
    values: list[str] = Field(default_factory=list, max_length=250)

    @model_validator(mode="after")
    def _values_match_kind(self) -> ScopeIn:
        if self.kind == "global" and self.values:
            raise ValueError("a global scope lists no values")
        if self.kind != "global" and not self.values:
            raise ValueError(f"a {self.kind} scope needs at least one value")
        return self


class ProgrammeFields(BaseModel):
    title: Annotated[Line, min_visible(3)] = Field(
        min_length=3, max_length=300, examples=["Travel document security workshops"]
    )
    description: str = Field(default="", max_length=20_000)
    language: str | None = Field(default="en", pattern=r"^[a-z]{2,3}$")
    areas: list[str] = Field(min_length=1, max_length=11, examples=[["immigration"]])
    scope: ScopeIn = Field(examples=[{"kind": "members_of", "values": ["OSCE"]}])
    modality: str | None = Field(default=None, max_length=40, examples=["training"])
    languages: list[str] = Field(default_factory=lambda: ["en"], max_length=20)
    capacity_per_quarter: int | None = Field(default=None, ge=0, le=100_000)
    active_from: date | None = None
    active_to: date | None = None

    @model_validator(mode="after")
    def _period(self) -> ProgrammeFields:
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValueError("active_to is before active_from")
        return self


class ProgrammeCreate(ProgrammeFields):
    provider: str | None = Field(default=None, description="team only: the provider offering it")


class ProgrammeUpdate(ProgrammeFields, Versioned):
    pass


class ProgrammeOut(BaseModel):
    id: int
    ref: str
    provider_id: str
    provider_name: str
    title: str
    description: str
    language: str | None
    areas: list[str]
    scope: ScopeIn
    modality: str | None
    languages: list[str]
    capacity_per_quarter: int | None
    active_from: date | None
    active_to: date | None
    version: int
