"""An upgrade that fails half-way leaves the schema as it was (found when a first `make run` was
interrupted during `db upgrade`: the next run stopped on "table editions already exists")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from service.migrate import MIGRATIONS, alembic_config
from tests.conftest import fresh_database_url

FAILING = '''"""A test revision that creates a table, then fails."""

import sqlalchemy as sa
from alembic import op

revision = "9999_fails"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    raise RuntimeError("killed half-way")


def downgrade() -> None:
    op.drop_table("half_done")
'''


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_failed_upgrade_leaves_the_schema_as_it_was(backend: str, tmp_path: Path) -> None:
    url = fresh_database_url(backend, tmp_path)  # migrated to head
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts)
    config = alembic_config(url)
    config.set_main_option("script_location", str(scripts))
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(config).get_current_head()
    (scripts / "versions" / "9999_fails.py").write_text(FAILING.replace("{head}", str(head)))
    with pytest.raises(RuntimeError, match="killed half-way"):
        command.upgrade(config, "head")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert "half_done" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
    engine.dispose()
