"""Public pages, no sign-in: the directory of sources of assistance, the points-of-contact directory, and
the application to see the matrix (through the accounts logic)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.accounts import logic as accounts
from service.accounts.schemas import AccessApply, Acknowledgement
from service.directory import queries as directory
from service.errors import TooManyRequests
from service.http.deps import SessionDep, SettingsDep
from service.http.ratelimit import client_address
from service.http.schemas import IdPath, IdQuery, Offset
from service.pages import choices, forms
from service.pages.deps import Form, MaybeUser
from service.pages.templating import redirect, render
from service.programmes import queries as programme_queries

router = APIRouter(include_in_schema=False)

PER_PAGE = 20
Offset = Offset
Text = Annotated[str | None, Query(max_length=200)]
# The programmes are one type; the directory's own "programme" entry kind would list a second, empty
# "Assistance programme" beside it, so it is left out of the choice (and read as "programmes").
SOURCE_TYPES = {
    "programmes": "Assistance programmes",
    **{k: v for k, v in choices.ENTRY_KINDS.items() if k != "programme"},
}


@router.get("/directory")
def directory_page(
    request: Request,
    session: SessionDep,
    _: MaybeUser,
    q: Text = None,
    area: str | None = None,
    provider: str | None = None,
    region: str | None = None,
    kind: str | None = None,
    type: str | None = None,
    offset: Offset = 0,
    entries_offset: Offset = 0,
) -> Response:
    """Programmes (filtered by area, provider, provider kind, region reached) and the other sources of
    assistance (filtered by area, organization, type)."""
    q, area, provider, region, kind, type = (v or None for v in (q, area, provider, region, kind, type))
    if type == "programme":  # an address from before the duplicate type was dropped
        type = "programmes"
    show_programmes = type in (None, "programmes")
    show_entries = type != "programmes" and not region and not kind
    found = (
        programme_queries.list_programmes(
            session,
            q=q,
            area=area,
            provider=provider,
            kind=kind,
            region=region,
            limit=PER_PAGE,
            offset=offset,
        )
        if show_programmes
        else None
    )
    entries = (
        directory.entries(
            session,
            q=q,
            kind=None if type in (None, "programmes") else type,
            area=area,
            organization=provider,
            limit=PER_PAGE,
            offset=entries_offset,
        )
        if show_entries
        else None
    )
    return render(
        request,
        "public/directory.html",
        title="Directory of sources of assistance",
        programmes=found,
        entries=entries,
        providers=choices.providers(session),
        regions=choices.regions(session),
        provider_kinds=choices.PROVIDER_KINDS,
        source_types=SOURCE_TYPES,
        scope_kinds=choices.SCOPE_KINDS,
        modalities=choices.modalities(),
        entry_kinds=choices.ENTRY_KINDS,
    )


@router.get("/directory/programmes/{programme_id}")
def programme_page(request: Request, programme_id: IdPath, session: SessionDep, _: MaybeUser) -> Response:
    """One programme in full, with its provider's published points of contact."""
    found = programme_queries.get_programme(session, programme_id)
    return render(
        request,
        "public/programme.html",
        title=found.title,
        programme=found,
        contacts=directory.contacts(session, party=found.provider_id, limit=PER_PAGE).items,
        scope_kinds=choices.SCOPE_KINDS,
        modalities=choices.modalities(),
    )


@router.get("/directory/contacts")
def contacts_page(
    request: Request, session: SessionDep, _: MaybeUser, q: Text = None, offset: Offset = 0
) -> Response:
    """The points-of-contact directory: published contacts of states and organizations."""
    found = directory.contacts(session, q=q or None, limit=PER_PAGE * 2, offset=offset)
    return render(request, "public/contacts.html", title="Points of contact", contacts=found)


@router.get("/access")
def access_form(request: Request, _: MaybeUser, received: IdQuery = None) -> Response:
    title = "Application received" if received else "Apply to see the matrix"
    return render(request, "public/access.html", title=title, form=None, received=received)


@router.post("/access")
def access_apply(
    request: Request, session: SessionDep, settings: SettingsDep, _: MaybeUser, form: Form
) -> Response:
    data = forms.values(form)
    client = client_address(request, settings)
    try:
        body = forms.parse(AccessApply, data)
        sent = Acknowledgement.model_validate(
            forms.run(session, lambda: accounts.apply(session, body, client=client, settings=settings))
        )
    except forms.FormProblem as problem:
        page = render(
            request,
            "public/access.html",
            status=problem.status,
            title="Apply to see the matrix",
            form=problem.view(data),
        )
        if isinstance(problem.__cause__, TooManyRequests):
            page.headers.update(problem.__cause__.headers)
        return page
    # The confirmation replaces the form (not a message above an empty form).
    return redirect(request, f"/access?received={sent.id}")
