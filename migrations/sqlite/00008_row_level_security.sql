-- Row-level security is PostgreSQL's. On SQLite the store's own tenant conditions are the whole rule (the
-- portal is the only user of its file). The file keeps the two dialects' migration numbers in step.

-- +goose Up

-- +goose Down
