"""A provider's programmes: its list, and the add and edit forms (messages next to the fields; a stale edit
shows the conflict and the current values)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import IdPath
from service.pages import choices, forms
from service.pages.deps import Form, ProviderPage
from service.pages.templating import redirect, render
from service.programmes import logic, schemas
from service.programmes import queries as programme_queries

router = APIRouter(prefix="/provider/programmes", include_in_schema=False)

# The schema's only whole-model check is the period, so its message goes beside the end date.
ALIASES = {
    "scope": "scope_values",
    "scope.values": "scope_values",
    "scope.kind": "scope_kind",
    "__root__": "active_to",
}
LISTS = ("areas", "languages")


def _split(text: str) -> list[str]:
    return [v.strip() for v in text.replace(";", ",").split(",") if v.strip()]


def _body(data: dict[str, Any]) -> dict[str, Any]:
    """Form fields → the API's programme body (empty optional fields become None)."""
    return {
        "title": data.get("title", ""),
        "description": data.get("description", ""),
        "language": data.get("language") or None,
        "areas": data.get("areas", []),
        "scope": {"kind": data.get("scope_kind") or "global", "values": _split(data.get("scope_values", ""))},
        "modality": data.get("modality") or None,
        "languages": data.get("languages", []),
        "capacity_per_quarter": data.get("capacity_per_quarter") or None,
        "active_from": data.get("active_from") or None,
        "active_to": data.get("active_to") or None,
    }


def _as_form(p: schemas.ProgrammeOut) -> dict[str, Any]:
    return {
        "title": p.title,
        "description": p.description,
        "language": p.language or "",
        "areas": p.areas,
        "scope_kind": p.scope.kind,
        "scope_values": ", ".join(p.scope.values),
        "modality": p.modality or "",
        "languages": p.languages,
        "capacity_per_quarter": "" if p.capacity_per_quarter is None else str(p.capacity_per_quarter),
        "active_from": p.active_from.isoformat() if p.active_from else "",
        "active_to": p.active_to.isoformat() if p.active_to else "",
        "version": str(p.version),
    }


def _form_page(
    request: Request, form: forms.FormView, *, editing: schemas.ProgrammeOut | None = None, status: int = 200
) -> Response:
    modality = form.values.get("modality")
    modalities = choices.modalities()
    if modality and modality not in modalities:  # a code from an import: keep it selectable
        modalities[modality] = modality.replace("_", " ").capitalize()
    return render(
        request,
        "provider/programme_form.html",
        status=status,
        title=f"Edit {editing.title}" if editing else "New programme",
        form=form,
        editing=editing,
        scope_kinds=choices.SCOPE_KINDS,
        modalities=modalities,
    )


@router.get("")
def my_programmes(request: Request, session: SessionDep, user: ProviderPage) -> Response:
    own = programme_queries.list_programmes(session, provider=user.provider_id, limit=500, offset=0)
    return render(
        request,
        "provider/programmes.html",
        title="Our programmes",
        programmes=own.items,
        scope_kinds=choices.SCOPE_KINDS,
    )


@router.get("/new")
def new_form(request: Request, user: ProviderPage) -> Response:
    del user
    blank = {"scope_kind": "global", "languages": ["en"], "language": "en", "areas": []}
    return _form_page(request, forms.FormView(values=blank))


@router.post("/new")
def add(
    request: Request, session: SessionDep, settings: SettingsDep, today: Today, user: ProviderPage, form: Form
) -> Response:
    data = forms.values(form, lists=LISTS)
    try:
        body = forms.parse(schemas.ProgrammeCreate, _body(data), ALIASES)
        added = forms.run(
            session, lambda: logic.create_programme(session, user, body, settings=settings, on=today), ALIASES
        )
    except forms.FormProblem as problem:
        return _form_page(request, problem.view(data), status=problem.status)
    return redirect(request, "/provider/programmes", f"Programme added: {added.title}.")


@router.get("/{programme_id}")
def edit_form(request: Request, programme_id: IdPath, session: SessionDep, user: ProviderPage) -> Response:
    found = logic.programme_out(logic.editable_programme(session, user, programme_id))
    return _form_page(request, forms.FormView(values=_as_form(found)), editing=found)


@router.post("/{programme_id}")
def edit(
    request: Request,
    programme_id: IdPath,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: ProviderPage,
    form: Form,
) -> Response:
    programme = logic.editable_programme(session, user, programme_id)
    data = forms.values(form, lists=LISTS)
    try:
        body = forms.parse(schemas.ProgrammeUpdate, {**_body(data), "version": data.get("version")}, ALIASES)
        forms.run(
            session,
            lambda: logic.update_programme(session, user, programme, body, settings=settings, on=today),
            ALIASES,
        )
    except forms.FormProblem as problem:
        current = logic.programme_out(programme)
        view = problem.view(data, _as_form(current))
        if problem.conflict:  # saving again, having seen theirs, deliberately replaces it
            view.values["version"] = str(current.version)
        return _form_page(request, view, editing=current, status=problem.status)
    return redirect(request, "/provider/programmes", f"Programme saved: {programme.title}.")
