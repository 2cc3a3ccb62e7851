"""The append-only event log: every state change goes through record()."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from service import models as m


def record(
    session: Session,
    actor: m.User | None,
    action: str,
    entity: str,
    entity_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
) -> m.Event:
    event = m.Event(
        actor_id=actor.id if actor else None,
        actor=actor.username if actor else "system",
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=before,
        after=after,
        note=note,
    )
    session.add(event)
    return event
