-- The project register: organisations, projects with their partners, targets and leads, the reference
-- data they use (local authorities, the indicator catalogue), and personal API tokens.

-- +goose Up
-- A short code per accelerator, used in project references such as GM-2023-004.
ALTER TABLE tenants ADD COLUMN reference_prefix TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX tenants_reference_prefix ON tenants (reference_prefix) WHERE reference_prefix <> '';

CREATE TABLE local_authorities (
    code        TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    itl1_region TEXT NOT NULL
);

CREATE TABLE indicators (
    code        TEXT NOT NULL PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    name        TEXT    NOT NULL,
    unit        TEXT    NOT NULL CHECK (unit IN ('money', 'fte', 'count')),
    definition  TEXT    NOT NULL,
    aggregation TEXT    NOT NULL CHECK (aggregation IN ('sum', 'latest')),
    position    INTEGER NOT NULL
);

CREATE TABLE organisations (
    id                     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant_id              BIGINT      NOT NULL REFERENCES tenants (id),
    name                   TEXT        NOT NULL CHECK (name <> ''),
    kind                   TEXT        NOT NULL CHECK (kind IN ('university', 'business', 'rto', 'catapult', 'public_body', 'charity')),
    companies_house_number TEXT        NOT NULL DEFAULT '',
    ukprn                  TEXT        NOT NULL DEFAULT '',
    charity_number         TEXT        NOT NULL DEFAULT '',
    town                   TEXT        NOT NULL DEFAULT '',
    local_authority_code   TEXT        NULL REFERENCES local_authorities (code),
    version                INTEGER     NOT NULL DEFAULT 1,
    created_at             DATETIME NOT NULL,
    updated_at             DATETIME NOT NULL
);
CREATE INDEX organisations_tenant ON organisations (tenant_id, name);
-- An identifier names one organisation within a tenant.
CREATE UNIQUE INDEX organisations_companies_house ON organisations (tenant_id, companies_house_number) WHERE companies_house_number <> '';
CREATE UNIQUE INDEX organisations_ukprn ON organisations (tenant_id, ukprn) WHERE ukprn <> '';
CREATE UNIQUE INDEX organisations_charity ON organisations (tenant_id, charity_number) WHERE charity_number <> '';

-- The last project number used per tenant and year, for references like GM-2023-004.
CREATE TABLE project_reference_counters (
    tenant_id BIGINT  NOT NULL REFERENCES tenants (id),
    year      INTEGER NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, year)
);

CREATE TABLE projects (
    id                          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant_id                   BIGINT      NOT NULL REFERENCES tenants (id),
    reference                   TEXT        NOT NULL UNIQUE,
    title                       TEXT        NOT NULL CHECK (title <> ''),
    summary                     TEXT        NOT NULL DEFAULT '',
    lead_organisation_id        BIGINT      NOT NULL REFERENCES organisations (id),
    sector                      TEXT        NOT NULL,
    sector_other                TEXT        NOT NULL DEFAULT '',
    local_authority_code        TEXT        NOT NULL REFERENCES local_authorities (code),
    start_date                  DATE        NOT NULL,
    end_date                    DATE        NOT NULL CHECK (end_date >= start_date),
    total_cost_pence            BIGINT      NOT NULL CHECK (total_cost_pence >= 0),
    grant_requested_pence       BIGINT      NOT NULL CHECK (grant_requested_pence >= 0),
    private_co_investment_pence BIGINT      NOT NULL CHECK (private_co_investment_pence >= 0),
    status                      TEXT        NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected',
                                                                       'changes_requested', 'closed', 'withdrawn')),
    version                     INTEGER     NOT NULL DEFAULT 1,
    created_by_user_id          BIGINT      NOT NULL REFERENCES users (id),
    submitted_by_user_id        BIGINT      NULL REFERENCES users (id),
    submitted_at                DATETIME NULL,
    decided_by_user_id          BIGINT      NULL REFERENCES users (id),
    decided_at                  DATETIME NULL,
    decision_reason             TEXT        NOT NULL DEFAULT '',
    created_at                  DATETIME NOT NULL,
    updated_at                  DATETIME NOT NULL,
    CHECK (grant_requested_pence <= total_cost_pence)
);
CREATE INDEX projects_tenant_status ON projects (tenant_id, status);
CREATE INDEX projects_tenant_updated ON projects (tenant_id, updated_at);
CREATE INDEX projects_status_updated ON projects (status, updated_at);
-- The register's default order, newest change first, across every tenant (central government's view).
CREATE INDEX projects_updated ON projects (updated_at, id);
CREATE INDEX projects_lead_organisation ON projects (lead_organisation_id);

CREATE TABLE project_partners (
    project_id      BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (project_id, organisation_id)
);

CREATE TABLE project_targets (
    project_id     BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    indicator_code TEXT   NOT NULL REFERENCES indicators (code),
    target         BIGINT NOT NULL CHECK (target >= 0),
    PRIMARY KEY (project_id, indicator_code)
);

CREATE TABLE project_leads (
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_leads_user ON project_leads (user_id);

-- Personal API tokens act as the person who made them, in the tenant they made them in. Only a hash is kept.
CREATE TABLE api_tokens (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id    BIGINT      NOT NULL REFERENCES tenants (id),
    name         TEXT        NOT NULL CHECK (name <> ''),
    token_hash   TEXT        NOT NULL UNIQUE,
    prefix       TEXT        NOT NULL,
    expires_at   DATETIME NOT NULL,
    revoked_at   DATETIME NULL,
    last_used_at DATETIME NULL,
    created_at   DATETIME NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- +goose Down
DROP TABLE api_tokens;
DROP TABLE project_leads;
DROP TABLE project_targets;
DROP TABLE project_partners;
DROP TABLE projects;
DROP TABLE project_reference_counters;
DROP TABLE organisations;
DROP TABLE indicators;
DROP TABLE local_authorities;
DROP INDEX tenants_reference_prefix;
ALTER TABLE tenants DROP COLUMN reference_prefix;
