"""A party's own points of contact (states and providers keep their entries accurate): list, add, edit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.http.deps import SessionDep, Today
from service.http.schemas import IdPath, IdQuery
from service.pages import forms
from service.pages.deps import Form, PartyPage
from service.pages.templating import redirect, render
from service.parties import logic, queries, schemas

router = APIRouter(prefix="/contacts", include_in_schema=False)


def _body(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": data.get("name", ""),
        "role": data.get("role", ""),
        "email": data.get("email", ""),
        "phone": data.get("phone", ""),
        "languages": data.get("languages", []),
        "published": data.get("published") == "on",
    }


def _as_form(contact: schemas.ContactOut) -> dict[str, Any]:
    return {
        "name": contact.name,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "languages": contact.languages,
        "published": "on" if contact.published else "",
        "version": str(contact.version),
    }


def _page(
    request: Request,
    session: SessionDep,
    user: PartyPage,
    *,
    adding: forms.FormView | None = None,
    editing: tuple[int, forms.FormView] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "contacts.html",
        status=status,
        title="Our points of contact",
        contacts=queries.my_contacts(session, user),
        adding=adding or forms.FormView(values={"published": "on", "languages": ["en"]}),
        editing=editing,
    )


@router.get("")
def contacts(request: Request, session: SessionDep, user: PartyPage, edit: IdQuery = None) -> Response:
    editing = None
    if edit is not None:
        found = next((c for c in queries.my_contacts(session, user) if c.id == edit), None)
        editing = (edit, forms.FormView(values=_as_form(found))) if found else None
    return _page(request, session, user, editing=editing)


@router.post("")
def add(request: Request, session: SessionDep, user: PartyPage, today: Today, form: Form) -> Response:
    data = forms.values(form, lists=("languages",))
    try:
        body = forms.parse(schemas.ContactIn, _body(data))
        added = forms.run(session, lambda: logic.add_contact(session, user, body, on=today))
    except forms.FormProblem as problem:
        return _page(request, session, user, adding=problem.view(data), status=problem.status)
    return redirect(request, "/contacts", f"Contact {added.name} added.")


@router.post("/{contact_id}")
def edit(
    request: Request, contact_id: IdPath, session: SessionDep, user: PartyPage, today: Today, form: Form
) -> Response:
    data = forms.values(form, lists=("languages",))
    try:
        body = forms.parse(schemas.ContactUpdate, {**_body(data), "version": data.get("version")})
        forms.run(session, lambda: logic.edit_contact(session, user, contact_id, body, on=today))
    except forms.FormProblem as problem:
        current = next((c for c in queries.my_contacts(session, user) if c.id == contact_id), None)
        view = problem.view(data, _as_form(current) if current else None)
        if problem.conflict and current:
            view.values["version"] = str(current.version)
        return _page(request, session, user, editing=(contact_id, view), status=problem.status)
    return redirect(request, "/contacts", "Contact saved.")
