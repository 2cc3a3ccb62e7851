"""editions and circulation

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Monthly editions of the Assistance Matrix and the circulation log. The database refuses any UPDATE of
either table: an edition is frozen (a correction is a new revision), a circulation is a fact.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FROZEN = ("editions", "circulations")


def upgrade() -> None:
    op.create_table('editions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('cutoff', sa.DateTime(timezone=True), nullable=False),
    sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('built_by_id', sa.Integer(), nullable=True),
    sa.Column('built_by', sa.String(length=80), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('requests', sa.Integer(), nullable=False),
    sa.Column('gaps', sa.Integer(), nullable=False),
    sa.CheckConstraint('revision >= 1', name=op.f('ck_editions_revision_positive')),
    sa.CheckConstraint('revision = 1 OR reason IS NOT NULL', name=op.f('ck_editions_correction_has_reason')),
    sa.CheckConstraint('length(checksum) = 64', name=op.f('ck_editions_checksum_length')),
    sa.ForeignKeyConstraint(['built_by_id'], ['users.id'], name=op.f('fk_editions_built_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_editions')),
    sa.UniqueConstraint('month', 'revision', name=op.f('uq_editions_month_revision'))
    )
    with op.batch_alter_table('editions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_editions_month'), ['month'], unique=False)

    op.create_table('circulations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('party_kind', sa.String(length=16), nullable=False),
    sa.Column('party', sa.String(length=32), nullable=False),
    sa.Column('recipients', sa.JSON(), nullable=False),
    sa.Column('attachment', sa.String(length=200), nullable=False),
    sa.Column('attachment_sha256', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('message_id', sa.String(length=200), nullable=False),
    sa.Column('circulated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('circulated_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint("party_kind IN ('state', 'provider')", name=op.f('ck_circulations_party_kind')),
    sa.CheckConstraint("channel IN ('outbox', 'smtp')", name=op.f('ck_circulations_channel')),
    sa.ForeignKeyConstraint(['edition_id'], ['editions.id'], name=op.f('fk_circulations_edition_id_editions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circulations'))
    )
    with op.batch_alter_table('circulations', schema=None) as batch_op:
        batch_op.create_index('ix_circulations_edition_party', ['edition_id', 'party'], unique=False)

    _create_no_update_triggers()


def _create_no_update_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in FROZEN:
            op.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are frozen'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION refuse_update() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION '% rows are frozen', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
    )
    for table in FROZEN:
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_update()"
        )


def _drop_no_update_triggers() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in FROZEN:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update" + ("" if sqlite else f" ON {table}"))
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS refuse_update()")


def downgrade() -> None:
    _drop_no_update_triggers()
    with op.batch_alter_table('circulations', schema=None) as batch_op:
        batch_op.drop_index('ix_circulations_edition_party')

    op.drop_table('circulations')
    with op.batch_alter_table('editions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_editions_month'))

    op.drop_table('editions')
