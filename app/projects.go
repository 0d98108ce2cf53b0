package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// Projects keeps the project register and its approval workflow.
type Projects struct {
	store    *models.Store
	now      func() time.Time
	workflow workflow[models.ProjectStatus, models.Project]
}

// NewProjects returns the service.
func NewProjects(store *models.Store, now func() time.Time) *Projects {
	return &Projects{store: store, now: orNow(now), workflow: projectWorkflow()}
}

// ProjectDetail is everything a project page shows, and what the principal may do next. LeadOrganisation
// and LocalAuthority are zero while a draft has not named them.
type ProjectDetail struct {
	Project          models.Project
	TenantName       string
	LeadOrganisation models.Organisation
	Partners         []models.Organisation
	LocalAuthority   models.LocalAuthority
	Targets          []TargetView
	Leads            []models.User
	History          []models.HistoryEntry
	Allowed          ProjectActions
	// DecidedBy is who made the project's latest decision, by name ("" when undecided).
	DecidedBy string
	// Missing is what the project still needs before it can be submitted, by field.
	Missing map[string]string
}

// SentBack reports whether the project waits for changes an approver asked for.
func (d ProjectDetail) SentBack() bool { return d.Project.Status == models.StatusChangesRequested }

// TargetView is a target with its indicator, ready to show.
type TargetView struct {
	Indicator models.Indicator
	Value     int64
	Text      string
}

// Get returns a project the principal may see: in their tenant (every tenant for central government), and
// for a project lead only one they lead. Anything else is ErrNotFound.
func (s *Projects) Get(ctx context.Context, p Principal, id int64) (ProjectDetail, error) {
	var d ProjectDetail
	err := s.store.Reads(ctx, func(tx *models.Store) error {
		project, err := s.visible(ctx, tx, p, id)
		if err != nil {
			return err
		}
		d = ProjectDetail{Project: project, Allowed: s.allowed(p, project), Missing: MissingForSubmission(project).Fields}
		if err := fillDetail(ctx, tx, &d); err != nil {
			return fmt.Errorf("read project %d: %w", id, err)
		}
		return nil
	})
	return d, err
}

// GetByReference returns a visible project by its reference.
func (s *Projects) GetByReference(ctx context.Context, p Principal, reference string) (ProjectDetail, error) {
	if !p.Can(ActionViewProjects) {
		return ProjectDetail{}, ErrForbidden
	}
	project, err := s.store.ProjectByReference(ctx, visibleScope(p), reference)
	if err != nil {
		return ProjectDetail{}, fromStore(err, "read project "+reference)
	}
	return s.Get(ctx, p, project.ID)
}

// visible reads a project the principal may see, inside tx.
func (s *Projects) visible(ctx context.Context, tx *models.Store, p Principal, id int64) (models.Project, error) {
	if !p.Can(ActionViewProjects) {
		return models.Project{}, ErrForbidden
	}
	project, err := tx.Project(ctx, visibleScope(p), id)
	if err != nil {
		return project, fromStore(err, fmt.Sprintf("read project %d", id))
	}
	if p.OnlyOwnProjects() {
		leads, err := tx.IsProjectLead(ctx, project.TenantID, project.ID, p.UserID)
		if err != nil {
			return project, err
		}
		if !leads {
			return models.Project{}, fmt.Errorf("project %d is not led by user %d: %w", id, p.UserID, ErrNotFound)
		}
	}
	return project, nil
}

func fillDetail(ctx context.Context, store *models.Store, d *ProjectDetail) error {
	pr := d.Project
	tenant, err := store.Tenant(ctx, pr.TenantID)
	if err != nil {
		return err
	}
	d.TenantName = tenant.Name
	if pr.LeadOrganisationID != nil {
		if d.LeadOrganisation, err = store.Organisation(ctx, models.InTenant(pr.TenantID), *pr.LeadOrganisationID); err != nil {
			return err
		}
	}
	if d.Partners, err = store.ProjectPartners(ctx, pr.TenantID, pr.ID); err != nil {
		return err
	}
	if pr.LocalAuthorityCode != nil {
		if d.LocalAuthority, err = store.LocalAuthority(ctx, *pr.LocalAuthorityCode); err != nil {
			return err
		}
	}
	if pr.DecidedByUserID != nil {
		decider, err := store.User(ctx, *pr.DecidedByUserID)
		if err != nil {
			return err
		}
		d.DecidedBy = cmp.Or(decider.DisplayName, decider.Email)
	}
	if d.Targets, err = targetViews(ctx, store, pr); err != nil {
		return err
	}
	if d.Leads, err = store.ProjectLeads(ctx, pr.TenantID, pr.ID); err != nil {
		return err
	}
	d.History, err = store.History(ctx, pr.TenantID, "project", idString(pr.ID))
	return err
}

func targetViews(ctx context.Context, store *models.Store, pr models.Project) ([]TargetView, error) {
	targets, err := store.ProjectTargets(ctx, pr.TenantID, pr.ID)
	if err != nil {
		return nil, err
	}
	indicators, err := store.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	values := map[string]int64{}
	for _, t := range targets {
		values[t.IndicatorCode] = t.Target
	}
	var views []TargetView
	for _, ind := range indicators {
		if v, ok := values[ind.Code]; ok {
			views = append(views, TargetView{Indicator: ind, Value: v, Text: FormatIndicatorValue(ind.Unit, v)})
		}
	}
	return views, nil
}

// FormChoices are the options a project form offers the principal: their tenant's organisations, project
// leads and the local authorities of its region.
type FormChoices struct {
	Organisations    []models.Organisation
	ProjectLeads     []models.Member
	Indicators       []models.Indicator
	LocalAuthorities []models.LocalAuthority
}

// Choices returns what the principal's project form offers.
func (s *Projects) Choices(ctx context.Context, p Principal) (FormChoices, error) {
	if !p.CanIn(ActionEditProjects, p.TenantID) {
		return FormChoices{}, ErrForbidden
	}
	var c FormChoices
	var err error
	if c.Organisations, err = s.store.Organisations(ctx, models.InTenant(p.TenantID)); err != nil {
		return c, err
	}
	members, err := s.store.Members(ctx, p.TenantID)
	if err != nil {
		return c, err
	}
	for _, m := range members {
		if m.Role == models.RoleProjectLead {
			c.ProjectLeads = append(c.ProjectLeads, m)
		}
	}
	if c.Indicators, err = s.store.Indicators(ctx); err != nil {
		return c, err
	}
	c.LocalAuthorities, err = s.placesOf(ctx, p.TenantID)
	return c, err
}

// placesOf lists the local authorities in a tenant's ITL1 region, or every one for a tenant with no region.
func (s *Projects) placesOf(ctx context.Context, tenantID int64) ([]models.LocalAuthority, error) {
	tenant, err := s.store.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	all, err := s.store.LocalAuthorities(ctx)
	if err != nil || tenant.ITL1Region == "" {
		return all, err
	}
	var inRegion []models.LocalAuthority
	for _, la := range all {
		if la.ITL1Region == tenant.ITL1Region {
			inRegion = append(inRegion, la)
		}
	}
	return inRegion, nil
}

// projectWriteError explains the data layer's refusals of a project write.
func projectWriteError(err error) error {
	if errors.Is(err, models.ErrConflict) {
		return staleEdit()
	}
	return err
}
