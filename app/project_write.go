package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/innovation-accelerators/portal/models"
)

// Create registers a draft project in the principal's own tenant, with a new reference such as GM-2024-007.
// A project lead who creates a project leads it.
func (s *Projects) Create(ctx context.Context, p Principal, in ProjectInput) (models.Project, error) {
	if !p.CanIn(ActionEditProjects, p.TenantID) {
		return models.Project{}, ErrForbidden
	}
	in.LeadUserIDs = keepSelfAsLead(p, in.LeadUserIDs)
	now := s.now()
	project := models.Project{TenantID: p.TenantID, Status: models.StatusDraft, CreatedByUserID: p.UserID, CreatedAt: now, UpdatedAt: now}
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		parts, err := s.applyInput(ctx, tx, &project, in)
		if err != nil {
			return err
		}
		if project.Reference, err = s.nextReference(ctx, tx, p.TenantID); err != nil {
			return err
		}
		if err := tx.CreateProject(ctx, &project); err != nil {
			return err
		}
		if err := tx.ReplaceProjectParts(ctx, project.TenantID, project.ID, parts.partners, parts.targets, parts.leads); err != nil {
			return err
		}
		return appendAudit(ctx, tx, now, auditRecord{Actor: p.UserID, Tenant: project.TenantID, Action: "project.created",
			EntityType: "project", EntityID: idString(project.ID), After: projectAuditState(project, parts)})
	})
	return project, projectWriteError(err)
}

// keepSelfAsLead keeps a project lead among a project's leads when they create or edit it: otherwise they
// would lose sight of the project they are working on.
func keepSelfAsLead(p Principal, leads []int64) []int64 {
	if p.HasRole(models.RoleProjectLead) && !slices.Contains(leads, p.UserID) {
		return append(leads, p.UserID)
	}
	return leads
}

// Update replaces the details of a draft (or a project sent back for changes) that the principal may edit,
// if nobody changed it since the version they read. Whatever the input leaves empty is cleared.
func (s *Projects) Update(ctx context.Context, p Principal, id int64, in ProjectInput) (models.Project, error) {
	return s.change(ctx, p, id, in.Version, func(ProjectInput) ProjectInput { return in })
}

// Patch changes only the details the patch names, keeping the rest as they are, on the same terms as Update.
func (s *Projects) Patch(ctx context.Context, p Principal, id int64, patch ProjectPatch) (models.Project, error) {
	return s.change(ctx, p, id, patch.Version, patch.applyTo)
}

// change edits a project: it reads the project and its parts as they are, asks edit for the new input,
// and saves that as Update would, with an audit event holding both.
func (s *Projects) change(ctx context.Context, p Principal, id int64, version int, edit func(current ProjectInput) ProjectInput) (models.Project, error) {
	var project models.Project
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		var err error
		if project, err = s.visible(ctx, tx, p, id); err != nil {
			return err
		}
		if err := s.checkEdit(p, project); err != nil {
			return err
		}
		if err := checkVersion(version, project.Version); err != nil {
			return err
		}
		before, beforeParts, err := s.snapshot(ctx, tx, project)
		if err != nil {
			return err
		}
		current, err := s.inputOf(ctx, tx, before, beforeParts)
		if err != nil {
			return err
		}
		in := edit(current)
		in.LeadUserIDs = keepSelfAsLead(p, in.LeadUserIDs)
		parts, err := s.applyInput(ctx, tx, &project, in)
		if err != nil {
			return err
		}
		project.UpdatedAt = s.now()
		if err := tx.UpdateProject(ctx, &project, project.Status); err != nil {
			return err
		}
		if err := tx.ReplaceProjectParts(ctx, project.TenantID, project.ID, parts.partners, parts.targets, parts.leads); err != nil {
			return err
		}
		return appendAudit(ctx, tx, project.UpdatedAt, auditRecord{Actor: p.UserID, Tenant: project.TenantID, Action: "project.updated",
			EntityType: "project", EntityID: idString(project.ID),
			Before: projectAuditState(before, beforeParts), After: projectAuditState(project, parts)})
	})
	return project, projectWriteError(err)
}

// EditRefusal says why the principal may not edit the project's details now, as a Refusal; nil when they may.
func (s *Projects) EditRefusal(p Principal, project models.Project) error {
	return s.checkEdit(p, project)
}

// checkEdit says whether the principal may edit the project's details now.
func (s *Projects) checkEdit(p Principal, project models.Project) error {
	if !p.CanIn(ActionEditProjects, project.TenantID) || project.TenantID != p.TenantID {
		return forbidden("Your role cannot change this project.")
	}
	if !editable(project.Status) {
		return conflict(fmt.Sprintf("This project is %s, so it cannot be changed. Only drafts and projects sent back for changes can be edited.", StatusLabel(project.Status)))
	}
	return nil
}

func editable(status models.ProjectStatus) bool {
	return status == models.StatusDraft || status == models.StatusChangesRequested
}

// nextReference makes the project's reference from the tenant's prefix, the year and the next number.
func (s *Projects) nextReference(ctx context.Context, tx *models.Store, tenantID int64) (string, error) {
	tenant, err := tx.Tenant(ctx, tenantID)
	if err != nil {
		return "", err
	}
	if tenant.ReferencePrefix == "" {
		return "", conflict(tenant.Name + " has no project reference prefix yet; ask the programme team to set one.")
	}
	year := s.now().Year()
	n, err := tx.NextProjectNumber(ctx, tenantID, year)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s-%d-%03d", tenant.ReferencePrefix, year, n), nil
}

// snapshot reads a project's parts, for the audit record's "before".
func (s *Projects) snapshot(ctx context.Context, tx *models.Store, project models.Project) (models.Project, projectParts, error) {
	var parts projectParts
	partners, err := tx.ProjectPartners(ctx, project.TenantID, project.ID)
	if err != nil {
		return project, parts, err
	}
	for _, o := range partners {
		parts.partners = append(parts.partners, o.ID)
	}
	if parts.targets, err = tx.ProjectTargets(ctx, project.TenantID, project.ID); err != nil {
		return project, parts, err
	}
	leads, err := tx.ProjectLeads(ctx, project.TenantID, project.ID)
	for _, u := range leads {
		parts.leads = append(parts.leads, u.ID)
	}
	return project, parts, err
}

// projectAuditState is what the audit trail keeps of a project: its fields and parts.
func projectAuditState(p models.Project, parts projectParts) map[string]any {
	targets := map[string]int64{}
	for _, t := range parts.targets {
		targets[t.IndicatorCode] = t.Target
	}
	return map[string]any{"project": p, "partners": parts.partners, "targets": targets, "leads": parts.leads}
}
