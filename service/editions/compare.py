"""An edition's changes against the previous edition, or against the month the reader names."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from service.editions import store
from service.editions.diff import diff
from service.errors import InvalidInput


def changes(session: Session, sealed: store.Sealed, against: str | None = None) -> dict[str, Any] | None:
    """The diff from the earlier edition to this one; None when there is no earlier edition to compare."""
    if against is None:
        earlier = store.previous(session, sealed.edition.month)
    else:
        earlier = store.get(session, against)
        if earlier.edition.month == sealed.edition.month:
            raise InvalidInput("compare an edition with another month's", field="against")
    return diff(earlier.content if earlier else None, sealed.content) if earlier else None
