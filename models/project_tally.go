package models

import (
	"context"

	"gorm.io/gorm"
)

// ProjectTally is how many of a tenant's projects are in one status and the grant they ask for: one row of
// the aggregate that the home pages and the decision page read in a single grouped query.
type ProjectTally struct {
	TenantID   int64
	Status     ProjectStatus
	Projects   int64
	GrantPence int64 // the grant requested, summed over the projects that give one
	// AwaitingOthers counts the submitted projects that someone other than TallyQuery.DecidedBy submitted:
	// those that person may decide on.
	AwaitingOthers int64
}

// TallyQuery says whose projects to tally.
type TallyQuery struct {
	Scope     Scope
	DecidedBy int64 // the person whose queue AwaitingOthers counts (0: count every submitted project)
}

// ProjectTallies counts the projects within the scope by tenant and status, with their grant, in one
// grouped query however many tenants there are.
func (s *Store) ProjectTallies(ctx context.Context, q TallyQuery) ([]ProjectTally, error) {
	var tallies []ProjectTally
	err := s.inScope(ctx, q.Scope, func(db *gorm.DB) error {
		return q.Scope.where(db.Table("projects"), "projects").
			Select(`projects.tenant_id, projects.status, COUNT(*) AS projects,
				COALESCE(SUM(projects.grant_requested_pence), 0) AS grant_pence,
				COALESCE(SUM(CASE WHEN projects.status = ? AND (projects.submitted_by_user_id IS NULL OR projects.submitted_by_user_id <> ?)
					THEN 1 ELSE 0 END), 0) AS awaiting_others`, StatusSubmitted, q.DecidedBy).
			Group("projects.tenant_id, projects.status").
			Order("projects.tenant_id, projects.status").
			Scan(&tallies).Error
	})
	return tallies, translate(err)
}

// LedProject is a project someone leads, as their home page lists it.
type LedProject struct {
	Project
	LeadOrganisationName string
}

// ProjectsLedBy lists the projects of a tenant that a person leads, in one query: those waiting for them
// first (sent back, then drafts), then those waiting for others, each most recently changed first.
func (s *Store) ProjectsLedBy(ctx context.Context, scope Scope, userID int64, limit int) ([]LedProject, error) {
	var rows []LedProject
	err := s.inScope(ctx, scope, func(db *gorm.DB) error {
		return scope.where(db.Table("projects"), "projects").
			Select("projects.*, COALESCE(organisations.name, '') AS lead_organisation_name").
			Joins("JOIN project_leads ON project_leads.project_id = projects.id AND project_leads.user_id = ?", userID).
			Joins("LEFT JOIN organisations ON organisations.id = projects.lead_organisation_id").
			Order("CASE projects.status WHEN 'changes_requested' THEN 0 WHEN 'draft' THEN 1 WHEN 'submitted' THEN 2 ELSE 3 END").
			Order("projects.updated_at DESC, projects.id DESC").Limit(limit).
			Scan(&rows).Error
	})
	return rows, translate(err)
}

// OrganisationProject is a project an organisation leads or partners in.
type OrganisationProject struct {
	Project
	Leads bool // the organisation leads it (else it is a partner)
}

// ProjectsOfOrganisation lists the projects within the scope that an organisation leads or partners in, by
// reference; with ledBy set, only those that person leads.
func (s *Store) ProjectsOfOrganisation(ctx context.Context, scope Scope, organisationID, ledBy int64) ([]OrganisationProject, error) {
	var rows []OrganisationProject
	err := s.inScope(ctx, scope, func(db *gorm.DB) error {
		q := scope.where(db.Table("projects"), "projects").
			Select("projects.*, COALESCE(projects.lead_organisation_id = ?, FALSE) AS leads", organisationID).
			Where(`projects.lead_organisation_id = ? OR EXISTS (SELECT 1 FROM project_partners pp
				WHERE pp.project_id = projects.id AND pp.organisation_id = ?)`, organisationID, organisationID)
		if ledBy != 0 {
			q = q.Where("EXISTS (SELECT 1 FROM project_leads pl WHERE pl.project_id = projects.id AND pl.user_id = ?)", ledBy)
		}
		return q.Order("projects.reference").Scan(&rows).Error
	})
	return rows, translate(err)
}
