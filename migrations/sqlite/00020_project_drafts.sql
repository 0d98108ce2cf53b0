-- Drafts save as people go: a draft (or a project sent back for changes, or one withdrawn before it was
-- complete) may lack any of the facts a submission needs. Those columns become nullable, with "not given"
-- stored as NULL rather than a made-up value, and the database still refuses a project that has left the
-- drafting states without them.
--
-- SQLite cannot drop NOT NULL from a column, so the table is rebuilt as its documentation describes
-- (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"): foreign keys
-- off on this connection, then in one transaction a new table, a copy of every row, the old table dropped,
-- the new one renamed and its indexes made again. With foreign keys off, dropping the old table leaves the
-- partners, targets and leads that point at it alone. Any index or column that an earlier migration adds to
-- projects must be carried here too (TestMigrations_BothDialectsGiveTheSameIndexes notices a lost index).

-- +goose NO TRANSACTION
-- +goose Up
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE projects_rebuilt (
    id                          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant_id                   BIGINT      NOT NULL REFERENCES tenants (id),
    reference                   TEXT        NOT NULL UNIQUE,
    title                       TEXT        NOT NULL DEFAULT '',
    summary                     TEXT        NOT NULL DEFAULT '',
    lead_organisation_id        BIGINT      NULL REFERENCES organisations (id),
    sector                      TEXT        NOT NULL DEFAULT '',
    sector_other                TEXT        NOT NULL DEFAULT '',
    local_authority_code        TEXT        NULL REFERENCES local_authorities (code),
    start_date                  DATE        NULL,
    end_date                    DATE        NULL CHECK (end_date >= start_date),
    total_cost_pence            BIGINT      NULL CHECK (total_cost_pence >= 0),
    grant_requested_pence       BIGINT      NULL CHECK (grant_requested_pence >= 0),
    private_co_investment_pence BIGINT      NULL CHECK (private_co_investment_pence >= 0),
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
    CHECK (grant_requested_pence <= total_cost_pence),
    CONSTRAINT projects_complete_unless_drafting CHECK (
        status IN ('draft', 'changes_requested', 'withdrawn')
        OR (title <> '' AND sector <> '' AND lead_organisation_id IS NOT NULL AND local_authority_code IS NOT NULL
            AND start_date IS NOT NULL AND end_date IS NOT NULL AND total_cost_pence IS NOT NULL
            AND grant_requested_pence IS NOT NULL AND private_co_investment_pence IS NOT NULL))
);

INSERT INTO projects_rebuilt (id, tenant_id, reference, title, summary, lead_organisation_id, sector, sector_other,
    local_authority_code, start_date, end_date, total_cost_pence, grant_requested_pence, private_co_investment_pence,
    status, version, created_by_user_id, submitted_by_user_id, submitted_at, decided_by_user_id, decided_at,
    decision_reason, created_at, updated_at)
SELECT id, tenant_id, reference, title, summary, lead_organisation_id, sector, sector_other,
    local_authority_code, start_date, end_date, total_cost_pence, grant_requested_pence, private_co_investment_pence,
    status, version, created_by_user_id, submitted_by_user_id, submitted_at, decided_by_user_id, decided_at,
    decision_reason, created_at, updated_at
FROM projects;

DROP TABLE projects;
ALTER TABLE projects_rebuilt RENAME TO projects;

-- The indexes and triggers of migrations 00006 (the project's tenant key, and its lead organisation held to
-- its tenant, which a draft may not have chosen yet), 00010 (the register's orders) and 00011 (search).
CREATE UNIQUE INDEX projects_tenant_key ON projects (tenant_id, id);
CREATE INDEX projects_updated ON projects (updated_at, id);
CREATE INDEX projects_lead_organisation ON projects (lead_organisation_id);
CREATE INDEX projects_tenant_updated_id ON projects (tenant_id, updated_at, id);
CREATE INDEX projects_status_updated_id ON projects (status, updated_at, id);
CREATE INDEX projects_tenant_status_id ON projects (tenant_id, status, id);
CREATE INDEX projects_status_id ON projects (status, id);
CREATE INDEX projects_reference_id ON projects (reference, id);
CREATE INDEX projects_tenant_reference_id ON projects (tenant_id, reference, id);
CREATE INDEX projects_title_id ON projects (title, id);
CREATE INDEX projects_tenant_title_id ON projects (tenant_id, title, id);
CREATE INDEX projects_grant_id ON projects ((COALESCE(grant_requested_pence, 0)), id);
CREATE INDEX projects_tenant_grant_id ON projects (tenant_id, (COALESCE(grant_requested_pence, 0)), id);

-- +goose StatementBegin
CREATE TRIGGER projects_lead_organisation_in_tenant_insert BEFORE INSERT ON projects
WHEN NEW.lead_organisation_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.tenant_id = NEW.tenant_id AND o.id = NEW.lead_organisation_id)
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: lead organisation of another tenant');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_lead_organisation_in_tenant_update BEFORE UPDATE OF tenant_id, lead_organisation_id ON projects
WHEN NEW.lead_organisation_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.tenant_id = NEW.tenant_id AND o.id = NEW.lead_organisation_id)
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: lead organisation of another tenant');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER projects_search_insert AFTER INSERT ON projects BEGIN
    INSERT INTO projects_search (rowid, head, summary) VALUES (new.id, new.reference || ' ' || new.title, new.summary);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_search_update AFTER UPDATE OF reference, title, summary ON projects BEGIN
    UPDATE projects_search SET head = new.reference || ' ' || new.title, summary = new.summary WHERE rowid = new.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_search_delete AFTER DELETE ON projects BEGIN
    DELETE FROM projects_search WHERE rowid = old.id;
END;
-- +goose StatementEnd

COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
-- Going back would need every draft complete; restore from a backup instead.
SELECT 1;
