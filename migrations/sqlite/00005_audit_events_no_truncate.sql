-- TRUNCATE skips row triggers on PostgreSQL, which 00005 closes there. SQLite has no TRUNCATE: its
-- "DELETE FROM audit_events" already fires the append-only trigger of 00001. Nothing to do; the file keeps
-- the two dialects' migration numbers in step.

-- +goose Up

-- +goose Down
