-- Partners, targets and leads belong to their project's tenant. Each row now carries that tenant, and composite
-- foreign keys on (tenant_id, …) keep it equal to the project's and to the partner organisation's, so a project
-- cannot point at another tenant's organisation even by a bug. A project's lead organisation is held to the
-- project's tenant the same way. Row-level security (00008) can then judge every row by its own tenant_id.

-- +goose Up
CREATE UNIQUE INDEX organisations_tenant_key ON organisations (tenant_id, id);
CREATE UNIQUE INDEX projects_tenant_key ON projects (tenant_id, id);

ALTER TABLE projects DROP CONSTRAINT projects_lead_organisation_id_fkey;
ALTER TABLE projects ADD CONSTRAINT projects_lead_organisation_in_tenant
    FOREIGN KEY (tenant_id, lead_organisation_id) REFERENCES organisations (tenant_id, id);

ALTER TABLE project_partners ADD COLUMN tenant_id BIGINT;
UPDATE project_partners SET tenant_id = p.tenant_id FROM projects p WHERE p.id = project_partners.project_id;
ALTER TABLE project_partners ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE project_partners DROP CONSTRAINT project_partners_project_id_fkey;
ALTER TABLE project_partners DROP CONSTRAINT project_partners_organisation_id_fkey;
ALTER TABLE project_partners ADD CONSTRAINT project_partners_project_in_tenant
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE project_partners ADD CONSTRAINT project_partners_organisation_in_tenant
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id);

ALTER TABLE project_targets ADD COLUMN tenant_id BIGINT;
UPDATE project_targets SET tenant_id = p.tenant_id FROM projects p WHERE p.id = project_targets.project_id;
ALTER TABLE project_targets ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE project_targets DROP CONSTRAINT project_targets_project_id_fkey;
ALTER TABLE project_targets ADD CONSTRAINT project_targets_project_in_tenant
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE project_leads ADD COLUMN tenant_id BIGINT;
UPDATE project_leads SET tenant_id = p.tenant_id FROM projects p WHERE p.id = project_leads.project_id;
ALTER TABLE project_leads ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE project_leads DROP CONSTRAINT project_leads_project_id_fkey;
ALTER TABLE project_leads ADD CONSTRAINT project_leads_project_in_tenant
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE;

-- +goose Down
ALTER TABLE project_leads DROP CONSTRAINT project_leads_project_in_tenant;
ALTER TABLE project_leads ADD FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE project_leads DROP COLUMN tenant_id;
ALTER TABLE project_targets DROP CONSTRAINT project_targets_project_in_tenant;
ALTER TABLE project_targets ADD FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE project_targets DROP COLUMN tenant_id;
ALTER TABLE project_partners DROP CONSTRAINT project_partners_organisation_in_tenant;
ALTER TABLE project_partners DROP CONSTRAINT project_partners_project_in_tenant;
ALTER TABLE project_partners ADD FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE project_partners ADD FOREIGN KEY (organisation_id) REFERENCES organisations (id);
ALTER TABLE project_partners DROP COLUMN tenant_id;
ALTER TABLE projects DROP CONSTRAINT projects_lead_organisation_in_tenant;
ALTER TABLE projects ADD FOREIGN KEY (lead_organisation_id) REFERENCES organisations (id);
DROP INDEX projects_tenant_key;
DROP INDEX organisations_tenant_key;
