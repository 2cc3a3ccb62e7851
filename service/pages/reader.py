"""The reader's pages (an account granted on application, source paragraph 28): the circulated editions of
the matrix, each to open as a printable page or download as the workbook that was circulated. The team sees
them too, as a reader would."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.editions import queries
from service.http.deps import SessionDep
from service.http.schemas import IdQuery, download, printable
from service.pages.deps import ReaderPage
from service.pages.templating import render

router = APIRouter(prefix="/matrix", include_in_schema=False)

FORMATS = {"html": "Printable page", "xlsx": "Excel workbook"}
assert tuple(sorted(FORMATS)) == tuple(sorted(queries.READER_FORMATS))


@router.get("")
def matrix(request: Request, session: SessionDep, user: ReaderPage) -> Response:
    return render(
        request,
        "reader/matrix.html",
        title="The Assistance Matrix",
        editions=queries.circulated(session),
        formats=FORMATS,
        expires_at=user.expires_at,
    )


@router.get("/{month}/export")
def export(
    month: str,
    session: SessionDep,
    user: ReaderPage,
    format: Literal["html", "xlsx"] = "html",
    revision: IdQuery = None,
) -> Response:
    del user
    result = queries.circulated_export(session, month, format, revision)
    if format == "html":
        return printable(result.data, result.media_type, result.filename)
    return download(result.data, result.media_type, result.filename)
