-- PostgreSQL's application role and its grants. SQLite has no roles: the portal is the only user of its file.
-- The file keeps the two dialects' migration numbers in step.

-- +goose Up

-- +goose Down
