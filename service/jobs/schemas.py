"""Bodies and responses of the jobs API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

JobKind = Literal["matching.refresh", "edition.build", "edition.export", "edition.circulate"]


class JobIn(BaseModel):
    """What to run: the kind, and the fields that kind reads (the month for edition work)."""

    model_config = ConfigDict(extra="forbid")

    kind: JobKind
    month: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$", examples=["2003-05"])
    reason: str | None = Field(default=None, max_length=2000)
    format: Literal["xlsx", "csv", "json", "html"] = "xlsx"
    revision: int | None = Field(default=None, ge=1, le=1_000_000)
    party: str | None = Field(default=None, max_length=40)


class JobOut(BaseModel):
    """A job as its owner follows it: state, progress (`done` of `total` steps, the current `step`), and
    its result, file or one-line error once it ends."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    state: str
    attempts: int
    step: str
    done: int
    total: int
    result: dict[str, Any] | None
    error: str | None
    file: str | None = Field(default=None, description="where to download the file the job made")
    created_at: datetime
    finished_at: datetime | None
