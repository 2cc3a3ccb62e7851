"""Background jobs as records: what was asked, by whom, how far it got and how it ended. The task queue
(huey) only carries a job's id; this row is the truth every process and page reads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, utcnow
from service.vocab import JobState, check_in


class Job(Base):
    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    # Set while the job is queued or running, cleared when it ends: unique, so the same work (one edition's
    # build) is never queued twice at once.
    active_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    step: Mapped[str] = mapped_column(String(80), default="")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    result: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    error: Mapped[str | None] = mapped_column(Text)
    # The file an import job reads (uploads above `import_job_bytes` are imported in the background).
    upload: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # A file the job made (an export, a ZIP of packages), served by GET /api/jobs/{id}/file.
    output: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    output_name: Mapped[str | None] = mapped_column(String(200))
    output_type: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint(check_in("state", JobState), name="state"),
        Index("ix_jobs_state_heartbeat", "state", "heartbeat_at"),
    )
