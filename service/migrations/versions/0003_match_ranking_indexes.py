"""Indexes that let the review queue and need lists read the best suggestions first.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_matches_status_score", "matches", ["status", sa.text("score DESC"), "id"])
    op.create_index("ix_matches_programme_status_score", "matches", ["programme_id", "status", sa.text("score DESC")])


def downgrade() -> None:
    op.drop_index("ix_matches_programme_status_score", table_name="matches")
    op.drop_index("ix_matches_status_score", table_name="matches")
