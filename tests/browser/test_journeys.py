"""Issue 6 in a real browser: a state files a request and moves it to priority 1; the team triages it,
refreshes matching and accepts a suggestion; the provider takes it up from its need list; the state sees
the new status. Plus the public directory search, a refused access, right-to-left text and narrow screens.
Each main page is saved as a screenshot in artifacts/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, Live, shoot, sign_in

pytestmark = pytest.mark.browser

TITLE = "Assistance to draft a law against terrorist financing"
DESCRIPTION = (
    "Kenya asks for legislative drafting assistance to criminalise the financing of terrorism, "
    "freeze terrorist assets without delay and set up a financial intelligence unit."
)


def _rank_of(page: Any, title: str) -> str:
    row = page.locator("table.reorder tbody tr", has_text=title)
    return str(row.locator(".rank").inner_text())


def test_request_from_filing_to_offer_consent_and_delivery(new_page: Any, live: Live) -> None:
    # The state files a request; the tagger suggests its areas as it is typed.
    state = new_page()
    sign_in(state, live.state)
    state.get_by_role("link", name="New request").first.click()
    state.get_by_label("Title").fill(TITLE)
    state.get_by_label("Description").fill(DESCRIPTION)
    state.wait_for_selector("text=Suggested from your text")
    assert "Counter-financing" in state.locator("[data-suggestions]").inner_text()
    state.get_by_role("button", name="Tick the suggested areas").click()
    assert state.get_by_label("Counter-financing").is_checked()
    shoot(state, "state-new-request")
    state.get_by_role("button", name="File request").click()
    state.wait_for_selector("text=Request filed")
    assert state.locator(".badge", has_text="Submitted, awaiting triage").count() == 1

    # ... and moves it to priority 1: one step with the arrow, the rest by dragging.
    state.get_by_role("link", name="Requests", exact=True).click()
    last = _rank_of(state, TITLE)
    assert last == "5"
    state.get_by_role("button", name=f"Move “{TITLE}” up").click()
    state.wait_for_selector("text=Priorities saved")
    assert _rank_of(state, TITLE) == "4"
    rows = state.locator("table.reorder tbody tr")
    rows.filter(has_text=TITLE).drag_to(rows.first, target_position={"x": 200, "y": 5})
    state.wait_for_selector(f"text=Priority 1: {TITLE}")
    assert _rank_of(state, TITLE) == "1"
    shoot(state, "state-requests")

    # The team triages it; the state's earlier look-alike (similarity 0.50) is below the core's duplicate
    # threshold (DEFAULT_THRESHOLD, 0.7), so no candidate is offered.
    team = new_page()
    sign_in(team, live.team)
    team.get_by_role("link", name="Triage").click()
    team.get_by_role("link", name=TITLE).click()
    duplicates = team.locator("section", has_text="Possible duplicates")
    assert duplicates.get_by_text("Law on the financing of terrorism").count() == 0
    assert duplicates.get_by_text("No other request of this state is that similar").count() == 1
    shoot(team, "team-triage")
    team.get_by_label("Outcome").select_option("reasonable")
    team.get_by_role("button", name="Record triage").click()
    team.wait_for_selector("text=Triaged: Open")

    # ... finds its suggestions already in the review queue (triage scored it), runs a full refresh as a
    # job anyway (its page shows the result), and accepts the suggestion with the keyboard (a).
    team.get_by_role("link", name="Review queue", exact=True).click()
    assert team.locator("article.suggestion", has_text=TITLE).count() > 0
    team.get_by_role("button", name="Refresh matching").click()
    team.wait_for_selector("text=Matching refreshed")
    team.get_by_role("link", name="Back to the review queue").click()
    card = team.locator("article.suggestion", has_text=TITLE).filter(has_text="Legislative assistance")
    assert card.locator("mark").count() > 0 and "Areas" in card.locator(".score-legend").inner_text()
    shoot(team, "team-review-queue")
    card.locator(".pair h3").first.click()
    team.keyboard.press("a")
    team.wait_for_selector("text=Accepted: Legislative assistance against the financing of terrorism")

    # The provider finds it in its need list, first and marked as recommended, and offers.
    provider = new_page()
    sign_in(provider, live.provider)
    need = provider.locator("article.need", has_text=TITLE)
    assert need.locator(".badge", has_text="Recommended by the team").count() == 1
    assert provider.locator("article.need").first.inner_text() == need.inner_text()
    shoot(provider, "provider-need-list")
    need.get_by_role("button", name="Offer").first.click()
    provider.wait_for_selector("text=Offered; the state is asked to consent")
    offers = provider.locator("table tr", has_text=TITLE)
    assert offers.locator(".badge", has_text="awaiting the state's consent").count() == 1

    # The state is asked: the request is not matched until it consents.
    state.get_by_role("link", name="Requests", exact=True).click()
    state.get_by_role("link", name=TITLE).click()
    assert state.locator(".facts .badge").inner_text() != "Matched with a provider"
    offer = state.locator("section", has_text="Offers from providers")
    assert offer.get_by_text("Legislative assistance against the financing of terrorism").count() == 1
    shoot(state, "state-offer")
    offer.get_by_role("button", name="Consent").click()
    state.wait_for_selector("text=Consent recorded")
    assert state.locator(".facts .badge").inner_text() == "Matched with a provider"

    # The provider delivers, and the request is met.
    provider.reload()
    row = provider.locator("table tr", has_text=TITLE)
    assert row.locator(".badge", has_text="Agreed by the state").count() == 1
    row.get_by_role("button", name="Start delivery").click()
    provider.wait_for_selector("text=Delivery started")
    row = provider.locator("table tr", has_text=TITLE)
    row.get_by_label("Outcome").select_option("complete")
    row.get_by_label("Result note").fill("Draft law delivered to the Ministry")
    row.get_by_role("button", name="Record delivery").click()
    provider.wait_for_selector("text=Delivery completed")

    # The state sees the new status and its history.
    state.reload()
    assert state.locator(".facts .badge").inner_text() == "Met"
    history = state.locator(".timeline").inner_text()
    assert "Matched with a provider" in history and "Priority 4 → 1" in history
    shoot(state, "state-request-detail")


def test_public_directory_search(new_page: Any) -> None:
    page = new_page()
    page.goto("/directory")
    page.get_by_role("searchbox", name="Search").fill("financing")
    page.get_by_label("Area", exact=True).select_option("financing")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"q=financing"))
    programmes = page.locator("section", has_text="Assistance programmes")
    assert programmes.get_by_text("Legislative assistance against the financing of terrorism").count() == 1
    assert programmes.get_by_text("Aviation security audit preparation").count() == 0
    assert page.get_by_text("Eight Special Recommendations on Terrorist Financing").count() == 1
    shoot(page, "public-directory")
    page.get_by_role("link", name="Points of contact").click()
    assert page.get_by_text("Amina Odhiambo").count() == 1
    shoot(page, "public-contacts")


def test_a_state_opening_a_team_page_is_refused(new_page: Any, live: Live) -> None:
    page = new_page()
    sign_in(page, live.state)
    response = page.goto("/team/queue")
    assert response is not None and response.status == 403
    assert page.get_by_role("heading", name="Not allowed").is_visible()
    shoot(page, "refused-access", full_page=False)


def test_text_in_six_languages_and_arabic_right_to_left(new_page: Any, live: Live) -> None:
    page = new_page()
    sign_in(page, live.state)
    arabic = page.get_by_role("link", name="صياغة قانون لمكافحة تمويل الإرهاب")
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    chinese = page.get_by_role("link", name="加强边境管制和旅行证件安全")
    assert chinese.evaluate("el => getComputedStyle(el).direction") == "ltr"
    for text in ("Обучение сотрудников таможни", "Seguridad de la aviación civil"):
        assert page.get_by_role("link", name=text).is_visible()


@pytest.mark.parametrize("who", ["state", "team", "provider", None])
def test_pages_are_usable_on_a_narrow_screen(new_page: Any, live: Live, who: str | None) -> None:
    page = new_page(PHONE)
    start = {
        "state": "/state/requests",
        "team": "/team/queue",
        "provider": "/provider/needs",
        None: "/directory",
    }
    if who:
        sign_in(page, getattr(live, who))
    page.goto(start[who])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{start[who]} scrolls sideways by {overflow}px at 390px"
    shoot(page, f"narrow-{who or 'public'}", full_page=False)
