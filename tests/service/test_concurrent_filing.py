"""Issue 11 #8: several filings by one state at the same moment all succeed with distinct ranks (the
state's row is locked while the next rank is chosen), on real parallel connections."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service import models as m
from service.app import create_app
from service.db import session_scope
from service.seeding.reference import load_reference
from service.settings import Settings
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.conftest import TEST_SECRET, auth, make_request, make_user

FILINGS = 6


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_simultaneous_filings_by_one_state_all_succeed(backend: str, tmp_path: Path) -> None:
    url = fresh_database_url(backend, tmp_path)
    with session_scope(url) as s:
        load_reference(s, DATA_DIR)
        make_request(s, state="KEN")  # an existing rank 1, so the race is over "max + 1"
        header = auth(make_user(s, role="state", party="KEN"))
    app = create_app(Settings(database_url=url, secret_key=TEST_SECRET, environment="test"))
    barrier = threading.Barrier(FILINGS)
    codes: list[int] = []

    def file(i: int) -> None:
        with TestClient(app) as client:
            barrier.wait()
            body = {"title": f"Border control training, cohort {i}", "language": "en", "areas": ["immigration"]}
            codes.append(client.post("/api/requests", headers=header, json=body).status_code)

    threads = [threading.Thread(target=file, args=(i,)) for i in range(FILINGS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert codes == [201] * FILINGS, codes
    with session_scope(url) as s:
        ranks = sorted(s.scalars(select(m.Request.priority).where(m.Request.state_iso3 == "KEN")))
    assert ranks == list(range(1, FILINGS + 2))
