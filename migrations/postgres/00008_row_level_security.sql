-- Row-level security on every tenant-owned table: the database's own copy of the rule that a tenant sees only
-- its own records (docs/architecture.md, "Tenancy"). The store sets the transaction-local setting portal.tenant
-- from the Scope it was given, before any statement on a tenant-owned table:
--   a tenant's ID  -> that tenant's rows only;
--   'all'          -> every tenant's rows (central government's oversight, and system work such as clean-up);
--   'signin'       -> the sign-in path: reading sessions, API tokens, memberships and invitations of any tenant,
--                     and ending sessions, before the tenant is known (models/crosstenant.go); nothing else;
--   unset or other -> no rows, and no writes.
-- Policies are forced, so they bind the table owner too. A table added later calls
-- portal_protect_tenant_table in its own migration, and a test fails if any table with a tenant_id has no policy.

-- +goose Up
-- The tenant the setting names, or NULL. Written as a function so the policies read as a sentence; the
-- policies call it in a sub-select, which the planner evaluates once per statement rather than once per row.
-- +goose StatementBegin
CREATE FUNCTION portal_scope_tenant() RETURNS BIGINT LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN setting ~ '^[1-9][0-9]{0,17}$' THEN setting::BIGINT END
    FROM current_setting('portal.tenant', true) AS setting
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION portal_scope_is(name TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('portal.tenant', true) = name, false)
$$;
-- +goose StatementEnd

-- portal_protect_tenant_table turns row-level security on, forced, for a table with a tenant_id column, with
-- the one policy every tenant-owned table shares: reads and writes only within the scope's tenant, or all.
-- +goose StatementBegin
CREATE FUNCTION portal_protect_tenant_table(tbl REGCLASS) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    rule CONSTANT TEXT := 'tenant_id = (SELECT portal_scope_tenant()) OR (SELECT portal_scope_is(''all''))';
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('CREATE POLICY tenant_scope ON %s USING (%s) WITH CHECK (%s)', tbl, rule, rule);
END
$$;
-- +goose StatementEnd

SELECT portal_protect_tenant_table('memberships');
SELECT portal_protect_tenant_table('invitations');
SELECT portal_protect_tenant_table('sessions');
SELECT portal_protect_tenant_table('api_tokens');
SELECT portal_protect_tenant_table('audit_events');
SELECT portal_protect_tenant_table('organisations');
SELECT portal_protect_tenant_table('project_reference_counters');
SELECT portal_protect_tenant_table('projects');
SELECT portal_protect_tenant_table('project_partners');
SELECT portal_protect_tenant_table('project_targets');
SELECT portal_protect_tenant_table('project_leads');

-- The sign-in path reads who a session or token belongs to, which tenants a person is in and which
-- invitations await them, and ends a browser's previous session; it sees nothing else.
CREATE POLICY signin_reads ON sessions FOR SELECT USING ((SELECT portal_scope_is('signin')));
CREATE POLICY signin_ends ON sessions FOR DELETE USING ((SELECT portal_scope_is('signin')));
CREATE POLICY signin_reads ON api_tokens FOR SELECT USING ((SELECT portal_scope_is('signin')));
CREATE POLICY signin_reads ON memberships FOR SELECT USING ((SELECT portal_scope_is('signin')));
CREATE POLICY signin_reads ON invitations FOR SELECT USING ((SELECT portal_scope_is('signin')));

-- +goose Down
DROP POLICY signin_reads ON invitations;
DROP POLICY signin_reads ON memberships;
DROP POLICY signin_reads ON api_tokens;
DROP POLICY signin_ends ON sessions;
DROP POLICY signin_reads ON sessions;
-- +goose StatementBegin
DO $$
DECLARE
    tbl TEXT;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['memberships', 'invitations', 'sessions', 'api_tokens', 'audit_events', 'organisations',
        'project_reference_counters', 'projects', 'project_partners', 'project_targets', 'project_leads'] LOOP
        EXECUTE format('DROP POLICY tenant_scope ON %I', tbl);
        EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', tbl);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', tbl);
    END LOOP;
END
$$;
-- +goose StatementEnd
DROP FUNCTION portal_protect_tenant_table(REGCLASS);
DROP FUNCTION portal_scope_is(TEXT);
DROP FUNCTION portal_scope_tenant();
