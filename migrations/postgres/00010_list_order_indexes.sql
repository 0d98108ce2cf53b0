-- Keyset pagination: every order the register and the organisations list offer has an index that ends in
-- the row's id, for central government (every tenant) and for one tenant, so that a page after any row
-- is read straight from the index however deep it is. The indexes they replace were prefixes of these.

-- +goose Up
CREATE INDEX projects_tenant_updated_id ON projects (tenant_id, updated_at, id);
DROP INDEX projects_tenant_updated;
CREATE INDEX projects_status_updated_id ON projects (status, updated_at, id);
DROP INDEX projects_status_updated;
CREATE INDEX projects_tenant_status_id ON projects (tenant_id, status, id);
DROP INDEX projects_tenant_status;
CREATE INDEX projects_status_id ON projects (status, id);
CREATE INDEX projects_reference_id ON projects (reference, id);
CREATE INDEX projects_tenant_reference_id ON projects (tenant_id, reference, id);
CREATE INDEX projects_title_id ON projects (title, id);
CREATE INDEX projects_tenant_title_id ON projects (tenant_id, title, id);
CREATE INDEX projects_grant_id ON projects ((COALESCE(grant_requested_pence, 0)), id);
CREATE INDEX projects_tenant_grant_id ON projects (tenant_id, (COALESCE(grant_requested_pence, 0)), id);
CREATE INDEX organisations_name_id ON organisations (name, id);
CREATE INDEX organisations_tenant_name_id ON organisations (tenant_id, name, id);
DROP INDEX organisations_tenant;

-- +goose Down
CREATE INDEX organisations_tenant ON organisations (tenant_id, name);
DROP INDEX organisations_tenant_name_id;
DROP INDEX organisations_name_id;
DROP INDEX projects_tenant_grant_id;
DROP INDEX projects_grant_id;
DROP INDEX projects_tenant_title_id;
DROP INDEX projects_title_id;
DROP INDEX projects_tenant_reference_id;
DROP INDEX projects_reference_id;
DROP INDEX projects_status_id;
CREATE INDEX projects_tenant_status ON projects (tenant_id, status);
DROP INDEX projects_tenant_status_id;
CREATE INDEX projects_status_updated ON projects (status, updated_at);
DROP INDEX projects_status_updated_id;
CREATE INDEX projects_tenant_updated ON projects (tenant_id, updated_at);
DROP INDEX projects_tenant_updated_id;
