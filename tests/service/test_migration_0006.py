"""Migration 0006 on a database with data, on both backends: the old circulation log becomes the new one
(a provider's copy is an organization's, a second click's copy a re-send), users and their events survive
the rebuilt users table on SQLite, and the way down and up again works."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from service.db import engine_for
from service.migrate import downgrade, upgrade
from tests.conftest import fresh_database_url

SHA = "b" * 64


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_0006_keeps_the_log_and_the_users(backend: str, tmp_path: Path) -> None:
    url = fresh_database_url(backend, tmp_path)
    downgrade(url, "0005")
    engine = engine_for(url)
    with engine.begin() as c:
        c.execute(text(
            "INSERT INTO users (username, display_name, password_hash, role, active, tokens_valid_after, "
            "version, created_at, updated_at) VALUES ('t', 't', 'x', 'ta', true, '2003-01-01', 1, "
            "'2003-01-01', '2003-01-01')"
        ))  # fmt: skip
        c.execute(text(
            "INSERT INTO events (at, actor_id, actor, action, entity, entity_id) "
            "SELECT '2003-01-01', id, 't', 'x', 'user', '1' FROM users"
        ))  # fmt: skip
        c.execute(text(
            "INSERT INTO editions (month, revision, cutoff, built_at, built_by, content, checksum, requests, "
            f"gaps) VALUES ('2003-05', 1, '2003-05-31', '2003-06-01', 'system', '{{}}', '{'a' * 64}', 0, 0)"
        ))  # fmt: skip
        for _ in range(2):  # the old double click
            c.execute(text(
                "INSERT INTO circulations (edition_id, party_kind, party, recipients, attachment, "
                "attachment_sha256, channel, message_id, circulated_at, circulated_by) SELECT id, 'provider', "
                f"'UNODC', '[]', 'x.xlsx', '{SHA}', 'outbox', 'm', '2003-06-01', 'system' FROM editions"
            ))  # fmt: skip
    upgrade(url)
    with engine.begin() as c:
        rows = c.execute(text("SELECT party_kind, status, resend_reason FROM circulations ORDER BY id")).all()
        assert [(kind, status) for kind, status, _ in rows] == [("organization", "outbox")] * 2
        assert rows[0][2] is None and "migration 0006" in rows[1][2]
        assert c.execute(text("SELECT count(*) FROM events WHERE actor_id IS NOT NULL")).scalar() == 1
    downgrade(url, "0005")
    with engine.begin() as c:
        assert (
            c.execute(text("SELECT party_kind, attachment FROM circulations")).all()
            == [("provider", "x.xlsx")] * 2
        )
    upgrade(url)
