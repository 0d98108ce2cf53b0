-- TRUNCATE skips row triggers, so the append-only rule of 00001 did not stop it emptying the audit trail.

-- +goose Up
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TRIGGER audit_events_no_truncate ON audit_events;
