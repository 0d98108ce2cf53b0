-- The foundation: the programme, its tenants, the people who sign in and what they may do,
-- the sign-in and session records, and the append-only audit trail.

-- +goose Up
CREATE TABLE programmes (
    id                   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name                 TEXT        NOT NULL UNIQUE,
    envelope_pence       BIGINT      NOT NULL CHECK (envelope_pence >= 0),
    first_financial_year INTEGER     NOT NULL CHECK (first_financial_year BETWEEN 2000 AND 2100),
    last_financial_year  INTEGER     NOT NULL CHECK (last_financial_year >= first_financial_year),
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL
);

CREATE TABLE tenants (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    programme_id BIGINT      NOT NULL REFERENCES programmes (id),
    kind         TEXT        NOT NULL CHECK (kind IN ('central', 'accelerator')),
    slug         TEXT        NOT NULL UNIQUE CHECK (slug <> ''),
    name         TEXT        NOT NULL CHECK (name <> ''),
    lead_body    TEXT        NOT NULL DEFAULT '',
    itl1_region  TEXT        NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
-- Exactly one central tenant per programme.
CREATE UNIQUE INDEX tenants_one_central ON tenants (programme_id) WHERE kind = 'central';

CREATE TABLE users (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    issuer          TEXT        NOT NULL CHECK (issuer <> ''),
    subject         TEXT        NOT NULL CHECK (subject <> ''),
    email           TEXT        NOT NULL DEFAULT '',
    display_name    TEXT        NOT NULL DEFAULT '',
    disabled_at     DATETIME NULL,
    last_sign_in_at DATETIME NULL,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    UNIQUE (issuer, subject)
);

CREATE TABLE memberships (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id  BIGINT      NOT NULL REFERENCES tenants (id),
    role       TEXT        NOT NULL CHECK (role IN ('programme_admin', 'funding_approver', 'observer',
                                                    'partnership_manager', 'partnership_staff', 'project_lead')),
    created_at DATETIME NOT NULL,
    UNIQUE (user_id, tenant_id, role)
);
CREATE INDEX memberships_tenant ON memberships (tenant_id);

CREATE TABLE invitations (
    id                  INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant_id           BIGINT      NOT NULL REFERENCES tenants (id),
    email               TEXT        NOT NULL CHECK (email <> ''),
    role                TEXT        NOT NULL CHECK (role IN ('programme_admin', 'funding_approver', 'observer',
                                                             'partnership_manager', 'partnership_staff', 'project_lead')),
    provider            TEXT        NOT NULL CHECK (provider <> ''),
    invited_by_user_id  BIGINT      NULL REFERENCES users (id),
    expires_at          DATETIME NOT NULL,
    accepted_at         DATETIME NULL,
    accepted_by_user_id BIGINT      NULL REFERENCES users (id),
    created_at          DATETIME NOT NULL
);
-- One open invitation per person, tenant and role; inviting again renews it.
CREATE UNIQUE INDEX invitations_open ON invitations (tenant_id, email, role) WHERE accepted_at IS NULL;
CREATE INDEX invitations_email ON invitations (email);

-- Sessions and login transactions are keyed by the SHA-256 of the random value in the browser's cookie,
-- so a copy of the table cannot be replayed as cookies.
CREATE TABLE sessions (
    id_hash      TEXT        NOT NULL PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id    BIGINT      NOT NULL REFERENCES tenants (id),
    provider     TEXT        NOT NULL,
    id_token     TEXT        NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE login_transactions (
    id_hash       TEXT        NOT NULL PRIMARY KEY,
    state         TEXT        NOT NULL,
    nonce         TEXT        NOT NULL,
    code_verifier TEXT        NOT NULL,
    provider      TEXT        NOT NULL,
    return_to     TEXT        NOT NULL DEFAULT '/',
    created_at    DATETIME NOT NULL,
    expires_at    DATETIME NOT NULL
);
CREATE INDEX login_transactions_expires ON login_transactions (expires_at);

CREATE TABLE audit_events (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    occurred_at   DATETIME NOT NULL,
    actor_user_id BIGINT      NULL,
    tenant_id     BIGINT      NULL,
    action        TEXT        NOT NULL CHECK (action <> ''),
    entity_type   TEXT        NOT NULL DEFAULT '',
    entity_id     TEXT        NOT NULL DEFAULT '',
    before_state  TEXT        NULL,
    after_state   TEXT        NULL,
    detail        TEXT        NOT NULL DEFAULT '',
    request_id    TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, occurred_at);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id);

-- The audit trail is append-only, whatever the application asks for.
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_events;
DROP TABLE login_transactions;
DROP TABLE sessions;
DROP TABLE invitations;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE tenants;
DROP TABLE programmes;
