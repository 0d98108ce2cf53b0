-- The portal serves as an application role that owns nothing, so that it cannot change the schema, switch
-- row-level security or triggers off, or rewrite the audit trail. Migrations run as the owner of the tables
-- and grant the group role portal_app exactly what the application does with each table; the login role in
-- PORTAL_DATABASE_URL is made a member of portal_app (see docs/architecture.md, "Database roles").
-- Every later migration that adds a table grants it here too, in its own file.

-- +goose Up
-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_app') THEN
        CREATE ROLE portal_app NOLOGIN;
    END IF;
EXCEPTION
    -- Two schemas migrated at once (tests, or two deployments on one cluster) may race to create it.
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
-- +goose StatementEnd
-- +goose StatementBegin
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO portal_app', current_schema());
END
$$;
-- +goose StatementEnd

-- The portal checks at start-up that no migration is pending.
GRANT SELECT ON goose_db_version TO portal_app;
GRANT SELECT, INSERT, UPDATE ON programmes TO portal_app;
GRANT SELECT, INSERT, UPDATE ON tenants TO portal_app;
GRANT SELECT, INSERT, UPDATE ON users TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO portal_app;
GRANT SELECT, INSERT, DELETE ON login_transactions TO portal_app;
-- The audit trail: written and read, never changed (00009 makes changes detectable as well).
GRANT SELECT, INSERT ON audit_events TO portal_app;
GRANT SELECT ON local_authorities, indicators TO portal_app;
GRANT SELECT, INSERT, UPDATE ON organisations TO portal_app;
GRANT SELECT, INSERT, UPDATE ON project_reference_counters TO portal_app;
GRANT SELECT, INSERT, UPDATE ON projects TO portal_app;
GRANT SELECT, INSERT, DELETE ON project_partners, project_targets, project_leads TO portal_app;
GRANT SELECT, INSERT, UPDATE ON api_tokens TO portal_app;
GRANT USAGE ON SEQUENCE programmes_id_seq, tenants_id_seq, users_id_seq, memberships_id_seq, invitations_id_seq,
    audit_events_id_seq, organisations_id_seq, projects_id_seq, api_tokens_id_seq TO portal_app;

-- +goose Down
REVOKE ALL ON goose_db_version, programmes, tenants, users, memberships, invitations, sessions, login_transactions, audit_events,
    local_authorities, indicators, organisations, project_reference_counters, projects, project_partners,
    project_targets, project_leads, api_tokens FROM portal_app;
REVOKE ALL ON SEQUENCE programmes_id_seq, tenants_id_seq, users_id_seq, memberships_id_seq, invitations_id_seq,
    audit_events_id_seq, organisations_id_seq, projects_id_seq, api_tokens_id_seq FROM portal_app;
-- +goose StatementBegin
DO $$
BEGIN
    EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM portal_app', current_schema());
END
$$;
-- +goose StatementEnd
