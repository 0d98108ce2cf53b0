-- Programme administrators edit the programme and its accelerators in the browser: a version on each
-- lets a save refuse to overwrite someone else's change made since the form was read.

-- +goose Up
ALTER TABLE programmes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tenants ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE tenants DROP COLUMN version;
ALTER TABLE programmes DROP COLUMN version;
