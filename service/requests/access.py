"""Who may see which request: the team all, a state its own (see service.access.guard)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service import models as m
from service.access import guard


def visible_request(session: Session, user: m.User, request_id: int) -> m.Request:
    return guard(
        user,
        session.get(m.Request, request_id),
        lambda r: user.role == "state" and r.state_iso3 == user.state_iso3,
        "request",
    )
