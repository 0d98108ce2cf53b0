-- When each periodic job last started, so that a job runs once per interval across every portal process
-- (each process offers to run it; the first to claim the interval does).

-- +goose Up
CREATE TABLE scheduled_jobs (
    name            TEXT        PRIMARY KEY CHECK (name <> ''),
    last_started_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE scheduled_jobs;
