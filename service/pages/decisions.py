"""One form target for every decision on a match — the team accepts or rejects, a provider takes up or
declines — through the same workflow as the API; then back to the page the decision was made on."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import IdPath
from service.matching import logic, queries, schemas
from service.pages import forms
from service.pages.deps import Form, PageUser
from service.pages.templating import HOME, redirect, safe_next

router = APIRouter(include_in_schema=False)

DONE = {
    "accept": "Accepted",
    "reject": "Rejected",
    "undo": "Returned to the queue",
    "take_up": "Taken up",
    "decline": "Declined",
    "start_delivery": "Delivery started",
    "complete_delivery": "Delivery completed",
}


@router.post("/matches/{match_id}/decision")
def decide(
    request: Request,
    match_id: IdPath,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: PageUser,
    form: Form,
) -> Response:
    data = forms.values(form)
    back = safe_next(data.get("back"), HOME[user.role])
    row = queries.visible_match(session, user, match_id)
    match = row[0]
    try:
        body = forms.parse(
            schemas.Decision,
            {
                "action": data.get("action"),
                "version": data.get("version"),
                "reason": data.get("reason") or None,
                "outcome": data.get("outcome") or None,
                "note": data.get("note") or None,
            },
        )
        forms.run(
            session,
            lambda: logic.apply_decision(session, user, match, body, settings=settings, today=today),
        )
    except forms.FormProblem as problem:
        detail = "; ".join(problem.errors.values()) or problem.message or "refused"
        if problem.conflict:
            detail = "it changed since you opened the page; it is shown as it stands now"
        return redirect(request, back, f"Not done: {detail}", "error")
    what = f"{DONE[body.action]}: {row[3].title} for {row[2]} ({row[1].ref})."
    return redirect(request, back, what)
