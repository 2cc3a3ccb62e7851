"""Issue 13: every page each audience can reach by its links — not a chosen list — passes axe-core's WCAG 2
A/AA rules (no serious or critical violation) and fits a 390-px phone without scrolling sideways. The
pages are found by following same-site links from each audience's home (one page per address shape: ids
and query values collapsed), so a new page is checked without being listed here."""

from __future__ import annotations

import re
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import Live, sign_in
from tests.browser.test_pages_look import _severe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
HOMES = {None: "/", "team": "/team/queue", "provider": "/provider/needs", "state": "/state/requests",
         "reader": "/matrix"}  # fmt: skip
# Never followed: leaving the session, downloads, the API docs (a vendored page of their own).
SKIP = re.compile(r"sign-out|/static/|/export|/download|/packages|/api/|/docs|/redoc|\.(xlsx|csv|zip|json)$")
LIMIT = 60


def _shape(path: str) -> str:
    """One address per page kind: /team/requests/412 and /team/requests/7 are the same page."""
    return re.sub(r"/\d+", "/{id}", urlsplit(path).path)


def _pages(page: Any, home: str) -> list[str]:
    seen: dict[str, str] = {}
    queue = deque([home])
    while queue and len(seen) < LIMIT:
        path = queue.popleft()
        shape = _shape(path)
        if shape in seen:
            continue
        response = page.goto(path)
        if response is None or response.status != 200 or urlsplit(page.url).path == "/sign-in":
            continue
        seen[shape] = path
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urlsplit(href or "")
            if target.netloc or not target.path.startswith("/") or SKIP.search(target.path):
                continue
            queue.append(target.path)
    return list(seen.values())


@pytest.mark.parametrize("who", list(HOMES))
def test_every_reachable_page_is_accessible_and_fits_a_phone(new_page: Any, live: Live, who: str | None) -> None:
    page = new_page(viewport=PHONE)
    if who:
        sign_in(page, getattr(live, who))
    pages = _pages(page, HOMES[who])
    assert len(pages) >= 2, pages  # the walk found the audience's pages, not only its home
    problems: dict[str, list[str]] = {}
    for path in pages:
        page.goto(path)
        found = _severe_violations(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            found.append(f"scrolls sideways by {overflow} px at 390 px")
        if found:
            problems[path] = found
    assert not problems, problems
