"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26

Every table of the first release, and triggers that keep the event log append-only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('areas',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('paragraphs', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_areas'))
    )
    op.create_table('organizations',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('acronym', sa.String(length=32), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('parent_id', sa.String(length=32), nullable=True),
    sa.Column('members_as_of', sa.Date(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('international', 'regional', 'subregional', 'specialised_agency', 'donor_agency')", name=op.f('ck_organizations_kind')),
    sa.ForeignKeyConstraint(['parent_id'], ['organizations.id'], name=op.f('fk_organizations_parent_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations'))
    )
    op.create_table('states',
    sa.Column('iso3', sa.String(length=3), nullable=False),
    sa.Column('iso2', sa.String(length=2), nullable=False),
    sa.Column('m49', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('official_name', sa.String(length=200), nullable=False),
    sa.Column('un_member', sa.Boolean(), nullable=False),
    sa.Column('un_admission_year', sa.Integer(), nullable=True),
    sa.Column('region', sa.String(length=60), nullable=False),
    sa.Column('subregion', sa.String(length=60), nullable=False),
    sa.Column('intermediate_region', sa.String(length=60), nullable=False),
    sa.CheckConstraint('length(iso3) = 3', name=op.f('ck_states_iso3_length')),
    sa.PrimaryKeyConstraint('iso3', name=op.f('pk_states')),
    sa.UniqueConstraint('iso2', name=op.f('uq_states_iso2')),
    sa.UniqueConstraint('m49', name=op.f('uq_states_m49'))
    )
    op.create_table('contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=True),
    sa.Column('organization_id', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=60), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('last_verified', sa.Date(), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(state_iso3 IS NULL) <> (organization_id IS NULL)', name=op.f('ck_contacts_one_party')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_contacts_organization_id_organizations')),
    sa.ForeignKeyConstraint(['state_iso3'], ['states.iso3'], name=op.f('fk_contacts_state_iso3_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_state_iso3'), ['state_iso3'], unique=False)

    op.create_table('directory_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=True),
    sa.Column('areas', sa.JSON(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('programme', 'model_law', 'best_practice', 'standard', 'regional_action_plan')", name=op.f('ck_directory_entries_kind')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_directory_entries_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_entries')),
    sa.UniqueConstraint('ref', name=op.f('uq_directory_entries_ref'))
    )
    op.create_table('organization_memberships',
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('member_id', sa.String(length=32), nullable=False),
    sa.CheckConstraint('organization_id <> member_id', name=op.f('ck_organization_memberships_not_self')),
    sa.ForeignKeyConstraint(['member_id'], ['organizations.id'], name=op.f('fk_organization_memberships_member_id_organizations')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_organization_memberships_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organization_id', 'member_id', name=op.f('pk_organization_memberships'))
    )
    op.create_table('providers',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=True),
    sa.Column('organization_id', sa.String(length=32), nullable=True),
    sa.CheckConstraint("(kind = 'state' AND state_iso3 IS NOT NULL AND organization_id IS NULL) OR (kind = 'organization' AND organization_id IS NOT NULL AND state_iso3 IS NULL)", name=op.f('ck_providers_one_party')),
    sa.CheckConstraint("kind IN ('state', 'organization')", name=op.f('ck_providers_kind')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_providers_organization_id_organizations')),
    sa.ForeignKeyConstraint(['state_iso3'], ['states.iso3'], name=op.f('fk_providers_state_iso3_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_providers')),
    sa.UniqueConstraint('organization_id', name=op.f('uq_providers_organization_id')),
    sa.UniqueConstraint('state_iso3', name=op.f('uq_providers_state_iso3'))
    )
    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('received', sa.Date(), nullable=True),
    sa.Column('review_status', sa.String(length=16), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("review_status IN ('pending', 'under_review', 'reviewed')", name=op.f('ck_reports_review_status')),
    sa.CheckConstraint('round >= 1', name=op.f('ck_reports_round_positive')),
    sa.ForeignKeyConstraint(['state_iso3'], ['states.iso3'], name=op.f('fk_reports_state_iso3_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('state_iso3', 'round', name=op.f('uq_reports_state_iso3_round'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_state_iso3'), ['state_iso3'], unique=False)

    op.create_table('requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('stage', sa.String(length=1), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('triage_outcome', sa.String(length=16), nullable=True),
    sa.Column('triage_reason', sa.Text(), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('source_report', sa.String(length=60), nullable=True),
    sa.Column('demo', sa.Boolean(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('triaged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('matched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivery_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('met_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(triage_outcome = 'duplicate') = (duplicate_of_id IS NOT NULL)", name=op.f('ck_requests_duplicate_has_original')),
    sa.CheckConstraint("stage IN ('A', 'B', 'C')", name=op.f('ck_requests_stage')),
    sa.CheckConstraint("status IN ('submitted', 'open', 'matched', 'in_delivery', 'met', 'withdrawn', 'closed_unmet', 'not_reasonable', 'duplicate')", name=op.f('ck_requests_status')),
    sa.CheckConstraint("triage_outcome IS NULL OR triage_outcome IN ('reasonable', 'not_reasonable', 'duplicate')", name=op.f('ck_requests_triage_outcome')),
    sa.CheckConstraint('duplicate_of_id IS NULL OR duplicate_of_id <> id', name=op.f('ck_requests_not_own_duplicate')),
    sa.CheckConstraint('priority IS NULL OR priority >= 1', name=op.f('ck_requests_priority_positive')),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['requests.id'], name=op.f('fk_requests_duplicate_of_id_requests')),
    sa.ForeignKeyConstraint(['state_iso3'], ['states.iso3'], name=op.f('fk_requests_state_iso3_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requests')),
    sa.UniqueConstraint('ref', name=op.f('uq_requests_ref')),
    sa.UniqueConstraint('state_iso3', 'priority', name=op.f('uq_requests_state_iso3_priority'))
    )
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requests_state_iso3'), ['state_iso3'], unique=False)
        batch_op.create_index(batch_op.f('ix_requests_status'), ['status'], unique=False)

    op.create_table('state_memberships',
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_state_memberships_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['state_iso3'], ['states.iso3'], name=op.f('fk_state_memberships_state_iso3_states')),
    sa.PrimaryKeyConstraint('organization_id', 'state_iso3', name=op.f('pk_state_memberships'))
    )
    with op.batch_alter_table('state_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_state_memberships_state_iso3'), ['state_iso3'], unique=False)

    op.create_table('programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('provider_id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('scope_values', sa.JSON(), nullable=False),
    sa.Column('modality', sa.String(length=40), nullable=True),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('capacity_per_quarter', sa.Integer(), nullable=True),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_to', sa.Date(), nullable=True),
    sa.Column('demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("scope_kind IN ('global', 'members_of', 'states', 'regions')", name=op.f('ck_programmes_scope_kind')),
    sa.CheckConstraint('active_to IS NULL OR active_from IS NULL OR active_to >= active_from', name=op.f('ck_programmes_period')),
    sa.CheckConstraint('capacity_per_quarter IS NULL OR capacity_per_quarter >= 0', name=op.f('ck_programmes_capacity')),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_programmes_provider_id_providers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programmes')),
    sa.UniqueConstraint('ref', name=op.f('uq_programmes_ref'))
    )
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programmes_provider_id'), ['provider_id'], unique=False)

    op.create_table('request_areas',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.String(length=32), nullable=False),
    sa.Column('suggested', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_request_areas_area_id_areas')),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_request_areas_request_id_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'area_id', name=op.f('pk_request_areas'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('state_iso3', sa.String(length=3), nullable=True),
    sa.Column('provider_id', sa.String(length=32), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('tokens_valid_after', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(role = 'ta' AND state_iso3 IS NULL AND provider_id IS NULL) OR (role = 'state' AND state_iso3 IS NOT NULL AND provider_id IS NULL) OR (role = 'provider' AND provider_id IS NOT NULL AND state_iso3 IS NULL)", name=op.f('ck_users_party_binding')),
    sa.CheckConstraint("role IN ('ta', 'provider', 'state')", name=op.f('ck_users_role')),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_users_provider_id_providers')),
    sa.ForeignKeyConstraint(['state_iso3'], ['states.iso3'], name=op.f('fk_users_state_iso3_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('access_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requester_name', sa.String(length=200), nullable=False),
    sa.Column('organization', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'approved', 'refused')", name=op.f('ck_access_requests_status')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_access_requests_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_requests'))
    )
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_events_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_at'), ['at'], unique=False)
        batch_op.create_index('ix_events_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('offered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivery_started', sa.Date(), nullable=True),
    sa.Column('delivery_completed', sa.Date(), nullable=True),
    sa.Column('delivery_outcome', sa.String(length=16), nullable=True),
    sa.Column('result_note', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("delivery_outcome IS NULL OR delivery_outcome IN ('complete', 'partial', 'not_delivered')", name=op.f('ck_matches_delivery_outcome')),
    sa.CheckConstraint("status IN ('suggested', 'accepted', 'rejected', 'retired', 'offered', 'declined', 'delivering', 'delivered')", name=op.f('ck_matches_status')),
    sa.CheckConstraint('score >= 0 AND score <= 1', name=op.f('ck_matches_score_range')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_matches_decided_by_id_users')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_matches_programme_id_programmes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_matches_request_id_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matches')),
    sa.UniqueConstraint('request_id', 'programme_id', name=op.f('uq_matches_request_id_programme_id'))
    )
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matches_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index('ix_matches_request_status', ['request_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_status'), ['status'], unique=False)

    op.create_table('programme_areas',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_programme_areas_area_id_areas')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_areas_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('programme_id', 'area_id', name=op.f('pk_programme_areas'))
    )

    _create_append_only_triggers()


def _create_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events "
                "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION events_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'events are append-only'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION events_append_only()"
        )


def _drop_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
        op.execute("DROP TRIGGER IF EXISTS events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_no_change ON events")
        op.execute("DROP FUNCTION IF EXISTS events_append_only()")


def downgrade() -> None:
    _drop_append_only_triggers()
    op.drop_table('programme_areas')
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matches_status'))
        batch_op.drop_index('ix_matches_request_status')
        batch_op.drop_index(batch_op.f('ix_matches_programme_id'))

    op.drop_table('matches')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_entity')
        batch_op.drop_index(batch_op.f('ix_events_at'))
        batch_op.drop_index(batch_op.f('ix_events_actor_id'))

    op.drop_table('events')
    op.drop_table('access_requests')
    op.drop_table('users')
    op.drop_table('request_areas')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programmes_provider_id'))

    op.drop_table('programmes')
    with op.batch_alter_table('state_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_state_memberships_state_iso3'))

    op.drop_table('state_memberships')
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requests_status'))
        batch_op.drop_index(batch_op.f('ix_requests_state_iso3'))

    op.drop_table('requests')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_state_iso3'))

    op.drop_table('reports')
    op.drop_table('providers')
    op.drop_table('organization_memberships')
    op.drop_table('directory_entries')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_state_iso3'))
        batch_op.drop_index(batch_op.f('ix_contacts_organization_id'))

    op.drop_table('contacts')
    op.drop_table('states')
    op.drop_table('organizations')
    op.drop_table('areas')
