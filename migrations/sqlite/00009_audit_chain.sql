-- The audit trail becomes tamper-evident: each event stores a SHA-256 hash over its own content and the hash of
-- the event before it in its chain (one chain per tenant, and one for events that concern no tenant), and its
-- place in that chain. Changing, removing or slipping in an event breaks the links after it, which
-- `portal audit verify` finds (docs/architecture.md, "The audit chain"). Events recorded before this migration
-- have no place in a chain; verification counts them and checks none was added after the chain began.

-- +goose Up
ALTER TABLE audit_events ADD COLUMN chain_seq BIGINT NULL;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
-- One event per place in a chain: two writers that raced past the chain's lock would collide here.
CREATE UNIQUE INDEX audit_events_chain ON audit_events (COALESCE(tenant_id, 0), chain_seq) WHERE chain_seq IS NOT NULL;

-- +goose Down
DROP INDEX audit_events_chain;
ALTER TABLE audit_events DROP COLUMN hash;
ALTER TABLE audit_events DROP COLUMN prev_hash;
ALTER TABLE audit_events DROP COLUMN chain_seq;
