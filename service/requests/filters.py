"""The request filters every list shares (area, M49 region, stage, language), for any query that joins
Request and its State."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, select

from service import models as m


def in_region(region: str) -> ColumnElement[bool]:
    """A state in an M49 region, sub-region or intermediate region of that name."""
    return (
        (m.State.region == region) | (m.State.subregion == region) | (m.State.intermediate_region == region)
    )


def filter_requests(
    query: Select[Any],
    *,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    language: str | None = None,
) -> Select[Any]:
    if area:
        query = query.where(
            m.Request.id.in_(select(m.RequestArea.request_id).where(m.RequestArea.area_id == area))
        )
    if region:
        query = query.where(in_region(region))
    if stage:
        query = query.where(m.Request.stage == stage)
    if language:
        query = query.where(m.Request.language == language)
    return query
