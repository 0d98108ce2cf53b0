-- The portal's database and its two roles, for a new PostgreSQL server (docs/architecture.md, "Database roles").
-- Run once as a superuser, e.g. psql -v ON_ERROR_STOP=1 -f deploy/postgres/roles.sql, after changing the
-- example passwords. docker-compose.yml runs it when its PostgreSQL starts for the first time.
--
--   portal_owner  owns the database's schema and tables and runs the migrations (PORTAL_MIGRATE_DATABASE_URL)
--   portal_app    the group the migrations grant to: exactly what the portal does with each table
--   portal        the portal's own login (PORTAL_DATABASE_URL): a member of portal_app that owns nothing,
--                 is no superuser and cannot bypass row-level security

CREATE ROLE portal_owner LOGIN PASSWORD 'example-owner-password-change-me';
-- portal_app may exist already: the migrations create it when the owner may create roles.
DO $$ BEGIN
    CREATE ROLE portal_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE ROLE portal LOGIN PASSWORD 'example-app-password-change-me' IN ROLE portal_app;

CREATE DATABASE portal OWNER portal_owner;
REVOKE ALL ON DATABASE portal FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE portal TO portal_owner, portal_app;
