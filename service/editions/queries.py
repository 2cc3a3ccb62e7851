"""Reading editions: the list with how many parties received each, and one edition's verified record."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.editions import schemas, store


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
