-- Drafts save as people go: a draft (or a project sent back for changes, or one withdrawn before it was
-- complete) may lack any of the facts a submission needs. Those columns become nullable, with "not given"
-- stored as NULL rather than a made-up value, and the database still refuses a project that has left the
-- drafting states without them.

-- +goose Up
ALTER TABLE projects
    ALTER COLUMN title SET DEFAULT '',
    ALTER COLUMN sector SET DEFAULT '',
    ALTER COLUMN lead_organisation_id DROP NOT NULL,
    ALTER COLUMN local_authority_code DROP NOT NULL,
    ALTER COLUMN start_date DROP NOT NULL,
    ALTER COLUMN end_date DROP NOT NULL,
    ALTER COLUMN total_cost_pence DROP NOT NULL,
    ALTER COLUMN grant_requested_pence DROP NOT NULL,
    ALTER COLUMN private_co_investment_pence DROP NOT NULL;
ALTER TABLE projects DROP CONSTRAINT projects_title_check;
ALTER TABLE projects ADD CONSTRAINT projects_complete_unless_drafting CHECK (
    status IN ('draft', 'changes_requested', 'withdrawn')
    OR (title <> '' AND sector <> '' AND lead_organisation_id IS NOT NULL AND local_authority_code IS NOT NULL
        AND start_date IS NOT NULL AND end_date IS NOT NULL AND total_cost_pence IS NOT NULL
        AND grant_requested_pence IS NOT NULL AND private_co_investment_pence IS NOT NULL));

-- +goose Down
ALTER TABLE projects DROP CONSTRAINT projects_complete_unless_drafting;
ALTER TABLE projects ADD CONSTRAINT projects_title_check CHECK (title <> '');
ALTER TABLE projects
    ALTER COLUMN title DROP DEFAULT,
    ALTER COLUMN sector DROP DEFAULT,
    ALTER COLUMN lead_organisation_id SET NOT NULL,
    ALTER COLUMN local_authority_code SET NOT NULL,
    ALTER COLUMN start_date SET NOT NULL,
    ALTER COLUMN end_date SET NOT NULL,
    ALTER COLUMN total_cost_pence SET NOT NULL,
    ALTER COLUMN grant_requested_pence SET NOT NULL,
    ALTER COLUMN private_co_investment_pence SET NOT NULL;
