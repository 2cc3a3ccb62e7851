"""One form target for every decision on a match — the team accepts, rejects, undoes or acknowledges an
offer, a provider offers or declines, starts and completes delivery, a state consents or declines (the team
records it with a note) — through the same workflow as the API; then back to the page (and filters) the
decision was made on, with an Undo button in the message after an accept or reject."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import IdPath
from service.matching import logic, queries, schemas
from service.pages import forms
from service.pages.deps import Form, PageUser
from service.pages.templating import HOME, redirect, safe_next
from service.vocab import LABELS

router = APIRouter(include_in_schema=False)

# The steps the workflow can reverse (MOVES["undo"] returns accepted and rejected matches to the queue).
UNDOABLE = ("accept", "reject")

DONE = {
    "accept": "Accepted",
    "reject": "Rejected",
    "undo": "Returned to the queue",
    "offer": "Offered; the state is asked to consent",
    "decline": "Declined",
    "acknowledge": "Offer acknowledged; the state is asked to consent",
    "consent": "Consent recorded",
    "refuse": "Offer declined",
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
                "on": data.get("on") or None,
                "outcome": data.get("outcome") or None,
                "note": data.get("note") or None,
            },
        )
        forms.run(
            session,
            lambda: logic.apply_decision(session, user, match, body, settings=settings, today=today),
        )
    except forms.FormProblem as problem:
        detail = "; ".join(f"{v.rstrip('.')} (field: {k})" if k else v for k, v in problem.errors.items())
        detail = detail or problem.message or "refused"
        if problem.conflict:
            session.refresh(match)
            detail = (
                f"someone else changed this match since you opened the page; it is now "
                f"“{LABELS.get(match.status, match.status)}”"
            )
        return redirect(request, back, f"Not done: {detail}.", "error")
    # A provider names a confidential request as it sees it: by its areas and region, not by its state.
    out = queries.read_out(user, queries.visible_match(session, user, match_id))
    what = f"{DONE[body.action]}: {row[3].title} for {out.state_name or 'a confidential request'}"
    what += f" ({row[1].ref})." if out.state_name else "."
    undo = None
    if body.action in UNDOABLE:
        # The undo comes back to the card it reverses, on the same filters.
        undo = {"match": match.id, "version": match.version, "back": f"{back.split('#')[0]}#m{match.id}"}
    return redirect(request, back, what, undo=undo)
