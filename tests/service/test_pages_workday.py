"""Issue 13, pages a team can live in all day (checked without a browser): blank filters mean "any" and a
bad one is a 422 naming the field; a decision comes back to the same filters and the next card with an
Undo that works; the request page is the hub (suggestions with decisions, delivery, duplicates only above
the threshold with a confirmation); a provider records delivery; the small fixes."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service import models as m
from tests.service.conftest import make_programme, make_request, make_user
from tests.service.test_pages import csrf_of, sign_in


def _match(session: Session, request: m.Request, programme: m.Programme, score: float = 0.5) -> m.Match:
    match = m.Match(
        request_id=request.id, programme_id=programme.id, score=score, status="suggested", explanation={}
    )
    session.add(match)
    session.flush()
    return match


def _queue(session: Session) -> list[m.Match]:
    programme = make_programme(session)
    return [
        _match(
            session, make_request(session, title=f"Need number {i}", stage="B" if i else "A"), programme, s
        )
        for i, s in enumerate((0.9, 0.8, 0.7))
    ]


def test_blank_filters_mean_any_and_a_bad_one_names_its_field(client: TestClient, session: Session) -> None:
    _queue(session)
    sign_in(client, make_user(session, role="ta"))
    page = client.get("/team/queue", params={"area": "", "region": "", "stage": "B", "min_score": ""})
    assert page.status_code == 200 and "Need number 1" in page.text and "Need number 0" not in page.text
    bad = client.get("/team/queue", params={"min_score": "lots"})
    assert bad.status_code == 422 and "min_score" in bad.text
    assert 'href="/team/queue"' in bad.text  # a way back: the page without its filters


def test_the_need_list_takes_a_blank_programme(client: TestClient, session: Session) -> None:
    provider = make_user(session, role="provider", party="UNODC")
    sign_in(client, provider)
    page = client.get("/provider/needs", params={"programme": "", "area": "financing", "stage": ""})
    assert page.status_code == 200
    bad = client.get("/provider/needs", params={"programme": "x"})
    assert bad.status_code == 422 and "programme" in bad.text


def test_a_decision_keeps_the_filters_moves_to_the_next_card_and_can_be_undone(
    client: TestClient, session: Session
) -> None:
    first, second, _ = _queue(session)
    sign_in(client, make_user(session, role="ta"))
    page = client.get("/team/queue?stage=B")
    back = re.search(r'name="back" value="([^"]+#m\d+)"', page.text)
    assert back and back.group(1).startswith("/team/queue?stage=B#m")
    token = csrf_of(client, "/team/queue?stage=B")
    done = client.post(
        f"/matches/{second.id}/decision",
        data={"csrf_token": token, "version": second.version, "action": "accept", "back": back.group(1)},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].startswith("/team/queue?stage=B#m")
    shown = client.get(done.headers["location"])
    assert "Accepted:" in shown.text and ">Undo</button>" in shown.text
    undo = re.search(
        r'<form method="post" action="/matches/(\d+)/decision" class="inline undo".*?</form>',
        shown.text,
        re.S,
    )
    assert undo and int(undo.group(1)) == second.id
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', undo.group(0)))
    undone = client.post(f"/matches/{second.id}/decision", data=fields, follow_redirects=False)
    assert undone.headers["location"] == f"/team/queue?stage=B#m{second.id}"
    session.expire_all()
    assert session.get(m.Match, second.id).status == "suggested"  # type: ignore[union-attr]
    assert first.status == "suggested"


def test_a_stale_decision_says_what_the_match_became(client: TestClient, session: Session) -> None:
    match = _queue(session)[0]
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, "/team/queue")
    client.post(
        f"/matches/{match.id}/decision",
        data={"csrf_token": token, "version": 1, "action": "accept", "back": "/team/queue"},
    )
    stale = client.post(
        f"/matches/{match.id}/decision",
        data={"csrf_token": token, "version": 1, "action": "reject", "reason": "x", "back": "/team/queue"},
    )
    assert "someone else changed this match" in stale.text and "Accepted" in stale.text
    assert "shown as it stands now" not in stale.text


def test_the_queue_filters_by_state_and_request(client: TestClient, session: Session) -> None:
    matches = _queue(session)
    other = _match(
        session, make_request(session, state="NGA", title="Nigerian need"), make_programme(session)
    )
    sign_in(client, make_user(session, role="ta"))
    by_state = client.get("/team/queue", params={"state": "NGA"})
    assert "Nigerian need" in by_state.text and "Need number 0" not in by_state.text
    one = client.get("/team/queue", params={"request": str(matches[0].request_id)})
    assert "Need number 0" in one.text and "Need number 1" not in one.text and other.id


def test_triaging_reasonable_scores_the_request_and_its_page_offers_the_decisions(
    client: TestClient, session: Session
) -> None:
    make_programme(session)
    request = make_request(session, status="submitted")
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, f"/team/requests/{request.id}")
    done = client.post(
        f"/team/requests/{request.id}/triage",
        data={"csrf_token": token, "version": request.version, "outcome": "reasonable"},
    )
    assert "1 suggestions for this request" in done.text
    assert 'value="accept"' in done.text and 'value="reject"' in done.text
    assert f'href="/team/queue?request={request.id}"' in done.text


def test_duplicates_show_only_above_the_threshold_and_ask_first(client: TestClient, session: Session) -> None:
    request = make_request(session, status="submitted")
    twin = make_request(session, title=request.title, description=request.description)
    unrelated = make_request(session, title="Aviation security audit", description="Airport screening.")
    sign_in(client, make_user(session, role="ta"))
    page = client.get(f"/team/requests/{request.id}")
    assert twin.ref in page.text and unrelated.ref not in page.text
    assert 'name="outcome" value="duplicate"' not in page.text  # no one-click marking
    confirm = client.get(f"/team/requests/{request.id}/duplicate-of/{twin.id}")
    assert confirm.status_code == 200 and "Yes, mark it a duplicate" in confirm.text
    assert f'name="duplicate_of" value="{twin.id}"' in confirm.text
    other_state = make_request(session, state="NGA")
    refused = client.get(f"/team/requests/{request.id}/duplicate-of/{other_state.id}")
    assert refused.status_code == 422 and "duplicate_of" in refused.text


def test_a_provider_starts_and_completes_a_delivery_and_the_team_closes_as_met(
    client: TestClient, session: Session
) -> None:
    request = make_request(session, status="matched")
    match = _match(session, request, make_programme(session))
    match.status = "consented"  # delivery starts once the state agreed to the offer
    session.flush()
    sign_in(client, make_user(session, role="provider", party="UNODC"))
    token = csrf_of(client, "/provider/deliveries")
    page = client.get("/provider/deliveries")
    assert "Start delivery" in page.text and "Delivery starts on" in page.text
    started = client.post(
        f"/matches/{match.id}/decision",
        data={
            "csrf_token": token,
            "version": match.version,
            "action": "start_delivery",
            "on": "2003-06-02",
            "back": "/provider/deliveries",
        },
    )
    assert "Delivery started" in started.text and "Record completion" in started.text
    session.expire_all()
    bad = client.post(
        f"/matches/{match.id}/decision",
        data={
            "csrf_token": token,
            "version": match.version,
            "action": "complete_delivery",
            "outcome": "complete",
            "on": "2003-05-01",
            "back": "/provider/deliveries",
        },
    )
    assert "Not done: Delivery cannot end before it started (field: on)" in bad.text
    done = client.post(
        f"/matches/{match.id}/decision",
        data={
            "csrf_token": token,
            "version": match.version,
            "action": "complete_delivery",
            "outcome": "complete",
            "on": "2003-06-20",
            "note": "Law drafted",
            "back": "/provider/deliveries",
        },
    )
    assert "Delivery completed" in done.text and "Law drafted" in done.text
    session.expire_all()
    assert session.get(m.Match, match.id).status == "delivered"  # type: ignore[union-attr]


def test_autocomplete_attributes_are_not_escaped(client: TestClient) -> None:
    page = client.get("/access")
    assert 'autocomplete="name"' in page.text and "&#34;" not in page.text


def test_the_access_confirmation_replaces_the_form(client: TestClient, session: Session) -> None:
    token = csrf_of(client, "/access")
    sent = client.post(
        "/access",
        data={
            "csrf_token": token,
            "requester_name": "Ana Ruiz",
            "organization": "Institute",
            "email": "ana@example.org",
            "reason": "Research on assistance flows.",
        },
    )
    assert sent.status_code == 200 and "Application received" in sent.text
    assert 'action="/access"' not in sent.text and "Received;" not in sent.text


def test_a_party_code_in_small_letters_is_accepted(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, "/team/users")
    added = client.post(
        "/team/users",
        data={
            "csrf_token": token,
            "username": "nigeria",
            "password": "long-enough-pw",
            "role": "state",
            "party": "nga",
        },
    )
    assert "User nigeria added" in added.text
    assert session.query(m.User).filter_by(username="nigeria").one().party == "NGA"


def test_a_signed_in_user_on_a_missing_page_keeps_their_header(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="ta"))
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "Sign out" in missing.text and ">Sign in</a>" not in missing.text


def test_favicon_docs_and_redoc_are_served_locally(client: TestClient) -> None:
    assert client.get("/favicon.ico").status_code == 200
    for path, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        page = client.get(path)
        assert f"/static/api-docs/{asset}" in page.text and "cdn" not in page.text.lower()
        assert client.get(f"/static/api-docs/{asset}").status_code == 200


def test_the_tagger_says_which_language_the_text_is_in(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="state", party="KEN"))
    said = client.get(
        "/pages/tag",
        params={"text": "نحتاج إلى المساعدة في صياغة قانون يجرم تمويل الإرهاب", "language": "en"},
    )
    assert said.json()["language"] == "ar"


def test_priority_and_stage_are_said_in_words(client: TestClient, session: Session) -> None:
    _queue(session)
    sign_in(client, make_user(session, role="ta"))
    page = client.get("/team/queue")
    assert "state&#39;s priority" in page.text or "state's priority" in page.text
    assert "stage A — legislation and financing first" in page.text
