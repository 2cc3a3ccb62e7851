"""Reading editions: the list with how many parties received each, one edition's verified record, and what
a reader may see: the circulated revisions only, and their exports."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from service import models as m
from service.editions import schemas, store
from service.editions.compare import changes
from service.editions.exports import Export, render
from service.editions.months import parse_month
from service.errors import NotFound

# What a reader downloads: the full matrix as circulated (XLSX) and its printable page.
READER_FORMATS = ("xlsx", "html")


def editions(session: Session) -> list[schemas.EditionOut]:
    return [
        schemas.EditionOut.model_validate(e).model_copy(update={"circulated_to": n})
        for e, n in store.listing(session)
    ]


def edition_detail(session: Session, month: str, revision: int | None = None) -> schemas.EditionDetail:
    """An edition's record and summary, after its checksum is verified (a mismatch is never served)."""
    sealed = store.get(session, month, revision)
    parties = next((n for e, n in store.listing(session) if e.id == sealed.edition.id), 0)
    base = schemas.EditionOut.model_validate(sealed.edition).model_copy(update={"circulated_to": parties})
    return schemas.EditionDetail(**base.model_dump(), verified=True, summary=sealed.content["summary"])


def _first_copies() -> Subquery:
    """Each edition's first copy that reached someone: a revision is circulated once one did (a failed
    copy reached no one)."""
    return (
        select(m.Circulation.edition_id, func.min(m.Circulation.circulated_at).label("at"))
        .where(m.Circulation.status != "failed")
        .group_by(m.Circulation.edition_id)
        .subquery()
    )


def circulated(session: Session) -> list[schemas.CirculatedOut]:
    """The circulated revisions, newest month first: everything a reader may see."""
    first = _first_copies()
    rows = session.execute(
        select(m.Edition, first.c.at)
        .join(first, first.c.edition_id == m.Edition.id)
        .order_by(m.Edition.month.desc(), m.Edition.revision.desc())
    )
    own = set(schemas.CirculatedOut.model_fields) - {"circulated_at"}
    return [
        schemas.CirculatedOut(**{name: getattr(edition, name) for name in own}, circulated_at=at)
        for edition, at in rows
    ]


def circulated_export(session: Session, month_text: str, fmt: str, revision: int | None = None) -> Export:
    """An export of a circulated revision (the latest circulated one by default). A month built but never
    circulated answers exactly as a month never built: a reader learns nothing of what is in the works."""
    month = str(parse_month(month_text))
    first = _first_copies()
    query = select(m.Edition.revision).join(first, first.c.edition_id == m.Edition.id)
    query = query.where(m.Edition.month == month)
    if revision is not None:
        query = query.where(m.Edition.revision == revision)
    found = session.scalar(query.order_by(m.Edition.revision.desc()).limit(1))
    if found is None:
        which = f"revision {revision} of {month}" if revision is not None else month
        raise NotFound(f"there is no circulated edition for {which}")
    sealed = store.get(session, month, found)
    return render(sealed, changes(session, sealed), fmt)
