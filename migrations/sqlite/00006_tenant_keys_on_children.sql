-- Partners, targets and leads belong to their project's tenant. Each row now carries that tenant, and composite
-- foreign keys on (tenant_id, …) keep it equal to the project's and to the partner organisation's, so a project
-- cannot point at another tenant's organisation even by a bug. SQLite cannot add a constraint to a table, so the
-- three child tables (which nothing references) are rebuilt; the project's lead organisation, which would need
-- the projects table rebuilt under its children, is held to the project's tenant by triggers instead.

-- +goose Up
CREATE UNIQUE INDEX organisations_tenant_key ON organisations (tenant_id, id);
CREATE UNIQUE INDEX projects_tenant_key ON projects (tenant_id, id);

-- +goose StatementBegin
CREATE TRIGGER projects_lead_organisation_in_tenant_insert BEFORE INSERT ON projects
WHEN NOT EXISTS (SELECT 1 FROM organisations o WHERE o.tenant_id = NEW.tenant_id AND o.id = NEW.lead_organisation_id)
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: lead organisation of another tenant');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_lead_organisation_in_tenant_update BEFORE UPDATE OF tenant_id, lead_organisation_id ON projects
WHEN NOT EXISTS (SELECT 1 FROM organisations o WHERE o.tenant_id = NEW.tenant_id AND o.id = NEW.lead_organisation_id)
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: lead organisation of another tenant');
END;
-- +goose StatementEnd

CREATE TABLE project_partners_new (
    tenant_id       BIGINT NOT NULL,
    project_id      BIGINT NOT NULL,
    organisation_id BIGINT NOT NULL,
    PRIMARY KEY (project_id, organisation_id),
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id)
);
INSERT INTO project_partners_new (tenant_id, project_id, organisation_id)
    SELECT p.tenant_id, pp.project_id, pp.organisation_id FROM project_partners pp JOIN projects p ON p.id = pp.project_id;
DROP TABLE project_partners;
ALTER TABLE project_partners_new RENAME TO project_partners;

CREATE TABLE project_targets_new (
    tenant_id      BIGINT NOT NULL,
    project_id     BIGINT NOT NULL,
    indicator_code TEXT   NOT NULL REFERENCES indicators (code),
    target         BIGINT NOT NULL CHECK (target >= 0),
    PRIMARY KEY (project_id, indicator_code),
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
);
INSERT INTO project_targets_new (tenant_id, project_id, indicator_code, target)
    SELECT p.tenant_id, pt.project_id, pt.indicator_code, pt.target FROM project_targets pt JOIN projects p ON p.id = pt.project_id;
DROP TABLE project_targets;
ALTER TABLE project_targets_new RENAME TO project_targets;

CREATE TABLE project_leads_new (
    tenant_id  BIGINT NOT NULL,
    project_id BIGINT NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (project_id, user_id),
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
);
INSERT INTO project_leads_new (tenant_id, project_id, user_id)
    SELECT p.tenant_id, pl.project_id, pl.user_id FROM project_leads pl JOIN projects p ON p.id = pl.project_id;
DROP TABLE project_leads;
ALTER TABLE project_leads_new RENAME TO project_leads;
CREATE INDEX project_leads_user ON project_leads (user_id);

-- +goose Down
CREATE TABLE project_leads_old (
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (project_id, user_id)
);
INSERT INTO project_leads_old (project_id, user_id) SELECT project_id, user_id FROM project_leads;
DROP TABLE project_leads;
ALTER TABLE project_leads_old RENAME TO project_leads;
CREATE INDEX project_leads_user ON project_leads (user_id);
CREATE TABLE project_targets_old (
    project_id     BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    indicator_code TEXT   NOT NULL REFERENCES indicators (code),
    target         BIGINT NOT NULL CHECK (target >= 0),
    PRIMARY KEY (project_id, indicator_code)
);
INSERT INTO project_targets_old (project_id, indicator_code, target) SELECT project_id, indicator_code, target FROM project_targets;
DROP TABLE project_targets;
ALTER TABLE project_targets_old RENAME TO project_targets;
CREATE TABLE project_partners_old (
    project_id      BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (project_id, organisation_id)
);
INSERT INTO project_partners_old (project_id, organisation_id) SELECT project_id, organisation_id FROM project_partners;
DROP TABLE project_partners;
ALTER TABLE project_partners_old RENAME TO project_partners;
DROP TRIGGER projects_lead_organisation_in_tenant_update;
DROP TRIGGER projects_lead_organisation_in_tenant_insert;
DROP INDEX projects_tenant_key;
DROP INDEX organisations_tenant_key;
