"""The state's consent to an offer (match statuses `consented` and `refused_by_state`, when, by whom, with
what note) and a request's confidentiality from providers.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD = ("suggested", "accepted", "rejected", "retired", "offered", "declined", "delivering", "delivered")
NEW = (*OLD[:6], "consented", "refused_by_state", *OLD[6:])


def _in(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _statuses(values: tuple[str, ...]) -> None:
    # Batch mode rebuilds the table on SQLite, which cannot alter a CHECK constraint in place.
    with op.batch_alter_table("matches", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_matches_status"), type_="check")
        batch.create_check_constraint("status", _in(values))


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.add_column(sa.Column("confidential", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("matches") as batch:
        batch.add_column(sa.Column("consented_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("consent_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("consent_note", sa.Text(), nullable=True))
        batch.create_foreign_key(op.f("fk_matches_consent_by_id_users"), "users", ["consent_by_id"], ["id"])
    _statuses(NEW)


def downgrade() -> None:
    # The old lifecycle had no consent: an agreed offer reads as the provider's take-up again, a state's
    # refusal as a decline.
    op.execute("UPDATE matches SET status = 'offered' WHERE status = 'consented'")
    op.execute("UPDATE matches SET status = 'declined' WHERE status = 'refused_by_state'")
    _statuses(OLD)
    with op.batch_alter_table("matches") as batch:
        batch.drop_constraint(op.f("fk_matches_consent_by_id_users"), type_="foreignkey")
        batch.drop_column("consent_note")
        batch.drop_column("consent_by_id")
        batch.drop_column("consented_at")
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("confidential")
