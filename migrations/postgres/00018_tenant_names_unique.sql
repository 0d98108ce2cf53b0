-- Two accelerators with one name could not be told apart on any page; letter case does not make a
-- name different.

-- +goose Up
CREATE UNIQUE INDEX tenants_name ON tenants (lower(name));

-- +goose Down
DROP INDEX tenants_name;
