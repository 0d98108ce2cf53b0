-- People administration: an invitation can be withdrawn by an administrator or declined by the person it is
-- for, and a session remembers the e-mail address its provider verified at sign-in, so that a person who
-- already works in the portal can accept an invitation later, from their account, rather than having it bound
-- to them silently.

-- +goose Up
ALTER TABLE invitations ADD COLUMN ended_at TIMESTAMPTZ NULL;
ALTER TABLE invitations ADD COLUMN ended_reason TEXT NOT NULL DEFAULT '' CHECK (ended_reason IN ('', 'withdrawn', 'declined'));
DROP INDEX invitations_open;
CREATE UNIQUE INDEX invitations_open ON invitations (tenant_id, email, role) WHERE accepted_at IS NULL AND ended_at IS NULL;

ALTER TABLE sessions ADD COLUMN verified_email TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE sessions DROP COLUMN verified_email;
DROP INDEX invitations_open;
CREATE UNIQUE INDEX invitations_open ON invitations (tenant_id, email, role) WHERE accepted_at IS NULL;
ALTER TABLE invitations DROP COLUMN ended_reason;
ALTER TABLE invitations DROP COLUMN ended_at;
