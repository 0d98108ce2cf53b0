-- Rate-limit counters, shared by every portal process: one row per limit, subject and fixed window,
-- counted up with an atomic upsert. The subject (a client address or a person) is stored only as a hash.
-- Not tenant-owned: the counters are about requests, not anyone's records.

-- +goose Up
CREATE TABLE rate_limit_windows (
    limit_name   TEXT        NOT NULL CHECK (limit_name <> ''),
    subject_hash TEXT        NOT NULL CHECK (subject_hash <> ''),
    window_start BIGINT      NOT NULL,
    hits         BIGINT      NOT NULL CHECK (hits > 0),
    expires_at   DATETIME NOT NULL,
    PRIMARY KEY (limit_name, subject_hash, window_start)
);
CREATE INDEX rate_limit_windows_expires ON rate_limit_windows (expires_at);

-- +goose Down
DROP TABLE rate_limit_windows;
