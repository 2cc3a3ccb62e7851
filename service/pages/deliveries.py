"""A provider's deliveries: what the states agreed it should deliver, with the forms to start delivery (on a
planned date) and to complete it (outcome, date and a result note) — the step the team's "Close as met"
waits for."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.http.deps import SessionDep, Today
from service.http.schemas import Offset
from service.matching import queries
from service.pages.deps import ProviderPage
from service.pages.templating import render

router = APIRouter(prefix="/provider", include_in_schema=False)

PER_PAGE = 50


@router.get("/deliveries")
def deliveries(
    request: Request, session: SessionDep, user: ProviderPage, today: Today, offset: Offset = 0
) -> Response:
    return render(
        request,
        "provider/deliveries.html",
        title="Deliveries",
        found=queries.commitments(session, user.provider_id, limit=PER_PAGE, offset=offset),
        today=today,
    )
