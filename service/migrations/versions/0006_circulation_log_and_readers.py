"""Circulation done right and readers: each circulation row says what became of one recipient's copy (sent,
in the outbox, failed with its reason), which files it held, and a re-send's reason, and a recipient is a
state or an organization; reader accounts (with an expiry) granted on application, with one-time sign-in
links.

Revision ID: 0006
Revises: 0004 (re-chained after 0005 at merge)
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FIRST_COPY = "status <> 'failed' AND resend_reason IS NULL"
MIGRATED_RESEND = "sent again before a re-send needed a reason (recorded by migration 0006)"
OLD_BINDING = (
    "(role = 'ta' AND state_iso3 IS NULL AND provider_id IS NULL) OR "
    "(role = 'state' AND state_iso3 IS NOT NULL AND provider_id IS NULL) OR "
    "(role = 'provider' AND provider_id IS NOT NULL AND state_iso3 IS NULL)"
)
NEW_BINDING = (
    OLD_BINDING
    + " OR (role = 'reader' AND state_iso3 IS NULL AND provider_id IS NULL AND expires_at IS NOT NULL)"
)

circulations = sa.table(
    "circulations",
    sa.column("id", sa.Integer),
    sa.column("edition_id", sa.Integer),
    sa.column("party", sa.String),
    sa.column("attachment", sa.String),
    sa.column("attachment_sha256", sa.String),
    sa.column("attachments", sa.JSON),
    sa.column("resend_reason", sa.Text),
)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _drop_frozen_trigger() -> None:
    op.execute("DROP TRIGGER IF EXISTS circulations_no_update" + ("" if _sqlite() else " ON circulations"))


def _create_frozen_trigger() -> None:
    if _sqlite():
        op.execute(
            "CREATE TRIGGER circulations_no_update BEFORE UPDATE ON circulations "
            "BEGIN SELECT RAISE(ABORT, 'circulations are frozen'); END"
        )
    else:  # refuse_update() is 0002's, shared with editions
        op.execute(
            "CREATE TRIGGER circulations_no_update BEFORE UPDATE ON circulations "
            "FOR EACH ROW EXECUTE FUNCTION refuse_update()"
        )


def upgrade() -> None:
    _drop_frozen_trigger()  # the rows below are rewritten once, then frozen again
    with op.batch_alter_table("circulations") as batch:
        batch.drop_constraint(op.f("ck_circulations_party_kind"), type_="check")
        batch.add_column(sa.Column("attachments", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("status", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("error", sa.Text(), nullable=True))
        batch.add_column(sa.Column("resend_reason", sa.Text(), nullable=True))
    op.execute(
        "UPDATE circulations SET party_kind = COALESCE((SELECT CASE WHEN p.kind = 'state' THEN 'state' "
        "ELSE 'organization' END FROM providers p WHERE p.id = circulations.party), 'organization') "
        "WHERE party_kind = 'provider'"
    )
    op.execute("UPDATE circulations SET status = CASE WHEN channel = 'smtp' THEN 'sent' ELSE 'outbox' END")
    bind = op.get_bind()
    seen: set[tuple[int, str]] = set()
    rows = bind.execute(sa.select(circulations).order_by(circulations.c.id)).fetchall()
    for row in rows:
        # The old log let a second click send everything again; those copies count as re-sends now.
        again = (row.edition_id, row.party) in seen
        seen.add((row.edition_id, row.party))
        bind.execute(
            circulations.update()
            .where(circulations.c.id == row.id)
            .values(
                attachments={row.attachment: row.attachment_sha256},
                resend_reason=MIGRATED_RESEND if again else None,
            )
        )
    with op.batch_alter_table("circulations") as batch:
        batch.alter_column("attachments", existing_type=sa.JSON(), nullable=False)
        batch.alter_column("status", existing_type=sa.String(length=16), nullable=False)
        batch.drop_column("attachment")
        batch.drop_column("attachment_sha256")
        batch.create_check_constraint(
            op.f("ck_circulations_party_kind"), "party_kind IN ('state', 'organization')"
        )
        batch.create_check_constraint(
            op.f("ck_circulations_status"), "status IN ('sent', 'outbox', 'failed')"
        )
        batch.create_check_constraint(
            op.f("ck_circulations_failure_has_reason"), "status <> 'failed' OR error IS NOT NULL"
        )
    op.create_index(
        "uq_circulations_first_copy",
        "circulations",
        ["edition_id", "party"],
        unique=True,
        sqlite_where=sa.text(FIRST_COPY),
        postgresql_where=sa.text(FIRST_COPY),
    )
    _create_frozen_trigger()

    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.drop_constraint(op.f("ck_users_party_binding"), type_="check")
        batch.create_check_constraint(op.f("ck_users_role"), "role IN ('ta', 'provider', 'state', 'reader')")
        batch.create_check_constraint(op.f("ck_users_party_binding"), NEW_BINDING)

    op.execute(
        "UPDATE access_requests SET decision_note = '(no reason recorded)', version = version + 1 "
        "WHERE status = 'refused' AND decision_note IS NULL"
    )
    with op.batch_alter_table("access_requests") as batch:
        batch.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_access_requests_user_id_users"), "users", ["user_id"], ["id"])
        batch.create_check_constraint(
            op.f("ck_access_requests_refusal_has_reason"), "status <> 'refused' OR decision_note IS NOT NULL"
        )

    op.create_table(
        "sign_in_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sign_in_links_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sign_in_links_token_hash")),
    )
    op.create_index(op.f("ix_sign_in_links_user_id"), "sign_in_links", ["user_id"])


def downgrade() -> None:
    readers = op.get_bind().scalar(sa.text("SELECT count(*) FROM users WHERE role = 'reader'"))
    if readers:
        raise RuntimeError(
            f"{readers} reader accounts exist; the schema before 0006 cannot hold them. Remove them first."
        )
    op.drop_index(op.f("ix_sign_in_links_user_id"), table_name="sign_in_links")
    op.drop_table("sign_in_links")
    with op.batch_alter_table("access_requests") as batch:
        batch.drop_constraint(op.f("ck_access_requests_refusal_has_reason"), type_="check")
        batch.drop_constraint(op.f("fk_access_requests_user_id_users"), type_="foreignkey")
        batch.drop_column("user_id")
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_party_binding"), type_="check")
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.drop_column("expires_at")
        batch.create_check_constraint(op.f("ck_users_role"), "role IN ('ta', 'provider', 'state')")
        batch.create_check_constraint(op.f("ck_users_party_binding"), OLD_BINDING)

    _drop_frozen_trigger()
    op.drop_index("uq_circulations_first_copy", table_name="circulations")
    op.execute("DELETE FROM circulations WHERE status = 'failed'")  # the old log held deliveries only
    with op.batch_alter_table("circulations") as batch:
        batch.drop_constraint(op.f("ck_circulations_failure_has_reason"), type_="check")
        batch.drop_constraint(op.f("ck_circulations_status"), type_="check")
        batch.drop_constraint(op.f("ck_circulations_party_kind"), type_="check")
        batch.add_column(sa.Column("attachment", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("attachment_sha256", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    for row in bind.execute(sa.select(circulations.c.id, circulations.c.attachments)).fetchall():
        name, digest = next(iter((row.attachments or {"": "0" * 64}).items()))
        bind.execute(
            circulations.update()
            .where(circulations.c.id == row.id)
            .values(attachment=name[:200], attachment_sha256=digest)
        )
    op.execute("UPDATE circulations SET party_kind = 'provider' WHERE party_kind = 'organization'")
    with op.batch_alter_table("circulations") as batch:
        batch.alter_column("attachment", existing_type=sa.String(length=200), nullable=False)
        batch.alter_column("attachment_sha256", existing_type=sa.String(length=64), nullable=False)
        batch.drop_column("attachments")
        batch.drop_column("status")
        batch.drop_column("error")
        batch.drop_column("resend_reason")
        batch.create_check_constraint(
            op.f("ck_circulations_party_kind"), "party_kind IN ('state', 'provider')"
        )
    _create_frozen_trigger()
