"""Sealing and reading editions: build a month's revision in one savepoint, refuse to rebuild what was
circulated, and verify the checksum on every read so a tampered edition is never served."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from service import models as m
from service.audit.logic import record
from service.clock import stamp
from service.editions import schemas
from service.editions.canonical import checksum, dumps
from service.editions.months import Month, cutoff, parse_month
from service.editions.snapshot import Step, freeze
from service.errors import AppError, Conflict, InvalidInput, NotFound


class EditionCorrupt(AppError):
    """The stored content no longer matches its checksum: someone changed it behind the service's back."""

    status_code = 500
    code = "edition_corrupt"


@dataclass(frozen=True)
class Sealed:
    """A verified edition: its row and its parsed content."""

    edition: m.Edition
    content: dict[str, Any]

    @property
    def label(self) -> str:
        return label(self.edition)


def label(edition: m.Edition) -> str:
    return f"{edition.month} revision {edition.revision}"


def _revisions(session: Session, month: str) -> list[m.Edition]:
    return list(
        session.scalars(select(m.Edition).where(m.Edition.month == month).order_by(m.Edition.revision))
    )


def first_circulation(session: Session, month: str) -> m.Circulation | None:
    return session.scalars(
        select(m.Circulation)
        .join(m.Edition, m.Edition.id == m.Circulation.edition_id)
        .where(m.Edition.month == month, m.Circulation.status != "failed")
        .order_by(m.Circulation.circulated_at)
        .limit(1)
    ).first()


def build(
    session: Session,
    month_text: str,
    *,
    actor: m.User | None,
    on: date,
    reason: str | None = None,
    step: Step | None = None,
) -> m.Edition:
    """Freeze the month. A month never circulated is rebuilt in place; a circulated one only takes a
    correction: a new revision, with its reason."""
    month = parse_month(month_text, not_after=on)
    reason = (reason or "").strip() or None
    with session.begin_nested():  # a failure half-way leaves no partial edition behind
        existing = _revisions(session, str(month))
        latest = existing[-1] if existing else None
        if latest is None:
            if reason:
                raise InvalidInput(
                    f"there is no edition of {month} to correct yet; build it without a reason"
                )
            revision = 1
        elif reason is None:
            sent = first_circulation(session, str(month))
            if sent is not None:
                raise Conflict(
                    f"{month} was circulated on {sent.circulated_at:%Y-%m-%d}; it cannot be rebuilt. "
                    f"A correction needs a reason and becomes revision {latest.revision + 1}",
                    field="reason",
                )
            # Never sent to anyone: the rebuild replaces it under the same number.
            revision, reason = latest.revision, latest.reason
            session.delete(latest)
            session.flush()
        else:
            revision = latest.revision + 1
        edition = _seal(session, month, revision, reason, actor, on, step)
    record(
        session,
        actor,
        "edition.built",
        "edition",
        f"{month}/{revision}",
        after={"checksum": edition.checksum, "requests": edition.requests, "gaps": edition.gaps},
        note=reason,
    )
    return edition


def _seal(
    session: Session,
    month: Month,
    revision: int,
    reason: str | None,
    actor: m.User | None,
    on: date,
    step: Step | None,
) -> m.Edition:
    at = cutoff(month, on=on)
    content = freeze(session, month, at, on=on, step=step)
    content["revision"] = revision
    content["reason"] = reason
    text = dumps(content)
    edition = m.Edition(
        month=str(month),
        revision=revision,
        reason=reason,
        cutoff=at or stamp(session),
        built_by_id=actor.id if actor else None,
        built_by=actor.username if actor else "system",
        content=text,
        checksum=checksum(text),
        requests=content["summary"]["requests"],
        gaps=content["summary"]["gaps"],
    )
    session.add(edition)
    session.flush()
    return edition


def _find(session: Session, month_text: str, revision: int | None) -> m.Edition:
    month = str(parse_month(month_text))
    query = select(m.Edition).options(undefer(m.Edition.content)).where(m.Edition.month == month)
    if revision is not None:
        query = query.where(m.Edition.revision == revision)
    edition = session.scalars(query.order_by(m.Edition.revision.desc()).limit(1)).first()
    if edition is None:
        which = f"revision {revision} of {month}" if revision else f"edition of {month}"
        raise NotFound(f"there is no {which}; build it with `matchmaker edition build {month}`")
    return edition


def check(edition: m.Edition) -> dict[str, Any]:
    """The edition's content, parsed, after proving it is what was sealed."""
    actual = checksum(edition.content)
    if actual != edition.checksum:
        raise EditionCorrupt(
            f"{label(edition)} fails its checksum (stored {edition.checksum[:12]}…, content hashes to "
            f"{actual[:12]}…): it was changed after it was built and will not be served"
        )
    content: dict[str, Any] = json.loads(edition.content)
    if content.get("month") != edition.month or content.get("revision") != edition.revision:
        raise EditionCorrupt(f"{label(edition)} holds the content of another edition")
    return content


def get(session: Session, month_text: str, revision: int | None = None) -> Sealed:
    edition = _find(session, month_text, revision)
    return Sealed(edition, check(edition))


def previous(session: Session, month: str) -> Sealed | None:
    """The latest revision of the latest month before this one, if any."""
    earlier = session.scalar(select(func.max(m.Edition.month)).where(m.Edition.month < month))
    return get(session, earlier) if earlier else None


def verify(session: Session, month_text: str | None = None) -> list[schemas.Verdict]:
    """Check every revision of the month (or of every month); a bad one is reported, not raised."""
    query = (
        select(m.Edition).options(undefer(m.Edition.content)).order_by(m.Edition.month, m.Edition.revision)
    )
    if month_text is not None:
        query = query.where(m.Edition.month == str(parse_month(month_text)))
    verdicts = []
    for edition in session.scalars(query):
        try:
            check(edition)
            problem = None
        except EditionCorrupt as exc:
            problem = exc.message
        verdicts.append(
            schemas.Verdict(
                month=edition.month,
                revision=edition.revision,
                ok=problem is None,
                stored=edition.checksum,
                actual=checksum(edition.content),
                problem=problem,
            )
        )
    if month_text is not None and not verdicts:
        raise NotFound(f"there is no edition of {month_text}")
    return verdicts


def listing(session: Session) -> list[tuple[m.Edition, int]]:
    """Every edition with how many distinct parties received it (a re-send or a failure adds none), newest
    first."""
    query = (
        select(m.Circulation.edition_id, func.count(m.Circulation.party.distinct()))
        .where(m.Circulation.status != "failed")
        .group_by(m.Circulation.edition_id)
    )
    counts: dict[int, int] = {edition_id: n for edition_id, n in session.execute(query)}
    editions = session.scalars(select(m.Edition).order_by(m.Edition.month.desc(), m.Edition.revision.desc()))
    return [(e, counts.get(e.id, 0)) for e in editions]
