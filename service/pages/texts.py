"""The full texts of the requests and programmes on a page, fetched in one query each (the match rows
carry titles only), for reading and for highlighting the matched terms."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m


def request_texts(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(select(m.Request.id, m.Request.description).where(m.Request.id.in_(wanted)))
    return {i: text for i, text in rows}


def programme_texts(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(select(m.Programme.id, m.Programme.description).where(m.Programme.id.in_(wanted)))
    return {i: text for i, text in rows}
