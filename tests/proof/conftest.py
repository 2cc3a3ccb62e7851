"""Fixtures for the proofs: one SQLite database with the reference and demo data for the whole run, the
app in-process with each request's writes rolled back, and a bearer token for each role."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine

from service.db import engine_for, session_scope
from service.http.tokens import issue_token
from service.seeding.demo import load_demo
from service.seeding.reference import load_reference
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.conftest import TEST_SECRET, make_user

# How many generated requests each proof sent, printed in the run's summary (and quoted in the README).
EXAMPLES: Counter[str] = Counter()


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = fresh_database_url("sqlite", tmp_path_factory.mktemp("fuzz"))
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
        load_demo(session, DATA_DIR)
    return url


@pytest.fixture(scope="session")
def role_headers(demo_url: str) -> dict[str, dict[str, str]]:
    """A bearer header per audience (and none for the anonymous public)."""
    with session_scope(demo_url) as session:
        users = {
            "team": make_user(session, role="ta", username="fuzz-team"),
            "state": make_user(session, role="state", party="KEN", username="fuzz-state"),
            "provider": make_user(session, role="provider", party="UNODC", username="fuzz-provider"),
        }
        tokens = {role: issue_token(user.id, TEST_SECRET, 600)[0] for role, user in users.items()}
    return {"anonymous": {}} | {role: {"Authorization": f"Bearer {t}"} for role, t in tokens.items()}


@pytest.fixture(scope="session")
def demo_engine(demo_url: str) -> Engine:
    return engine_for(demo_url)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for proof, count in sorted(EXAMPLES.items()):
        terminalreporter.write_line(f"{proof}: {count} generated requests sent")


__all__ = ["EXAMPLES", "Path"]
