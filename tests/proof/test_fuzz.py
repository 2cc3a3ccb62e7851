"""Issue 7, proof by fuzzing: Schemathesis generates requests for every operation of the app's own OpenAPI
schema, as the public and as each audience, in-process (ASGI) against a SQLite database holding the demo
data. No response may be a server error, and every response must match the schema documented for its
status. Bounded and deterministic: 15 examples per operation and role, derandomised, and each example's
writes rolled back so every example meets the same database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.app import create_app
from service.http.deps import get_session
from service.settings import Settings
from tests.conftest import rolled_back
from tests.proof.conftest import EXAMPLES
from tests.service.conftest import TEST_SECRET

ROLES = ("anonymous", "team", "state", "provider")
EXAMPLES_PER_OPERATION = 15


def _settings(url: str) -> Settings:
    # Sign-in is rate limited per client, and the fuzzer is one client sending thousands of requests.
    return Settings(
        database_url=url, secret_key=TEST_SECRET, environment="test", login_attempts_per_minute=100_000
    )


# The schema is read when the module is collected, so each operation is a test of its own; the app's
# database is only bound (to the demo database, through the session dependency) when the tests run.
APP = create_app(_settings("sqlite://"))
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture(scope="module")
def bound_app(demo_url: str, demo_engine: Engine) -> Iterator[None]:
    def one_session() -> Iterator[Session]:
        with rolled_back(demo_engine) as session:
            yield session
            session.flush()

    APP.state.settings = _settings(demo_url)
    APP.dependency_overrides[get_session] = one_session
    yield
    APP.dependency_overrides.clear()


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_server_error_and_every_response_matches_its_schema(
    operation: schemathesis.APIOperation, role: str, role_headers: dict[str, dict[str, str]], bound_app: None
) -> None:
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def example(case: schemathesis.Case) -> None:
        EXAMPLES[f"fuzz as {role}"] += 1
        case.call_and_validate(
            headers=role_headers[role], checks=[not_a_server_error, response_schema_conformance]
        )

    example()
