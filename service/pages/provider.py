"""A provider's need list: one row per open, reasonable request its programmes may serve, with the fitting
programmes inside (offer or decline each), filtered by area, region, stage, language or programme; and
its offers so far with the state's answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.http.deps import SessionDep
from service.http.schemas import Offset
from service.matching import queries
from service.pages import choices, filters
from service.pages.deps import ProviderPage
from service.pages.templating import render
from service.programmes import queries as programme_queries

router = APIRouter(prefix="/provider", include_in_schema=False)

PER_PAGE = 25


@router.get("/needs")
def needs(
    request: Request,
    session: SessionDep,
    user: ProviderPage,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    language: str | None = None,
    programme: Annotated[str | None, Query(max_length=12)] = None,
    offset: Offset = 0,
) -> Response:
    found = queries.need_list(
        session,
        user.provider_id,
        area=area or None,
        region=region or None,
        stage=stage or None,
        language=language or None,
        programme_id=filters.whole(programme, "programme"),
        limit=PER_PAGE,
        offset=offset,
    )
    own = programme_queries.list_programmes(session, provider=user.provider_id, limit=500, offset=0)
    return render(
        request,
        "provider/needs.html",
        title="Need list",
        needs=found,
        taken=queries.commitments(session, user.provider_id, limit=100),
        programme_choices={str(p.id): p.title for p in own.items},
        regions=choices.regions(session),
        stages=choices.stages(),
    )
