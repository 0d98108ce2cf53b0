package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// ProjectQuery filters, sorts and pages the project register.
type ProjectQuery struct {
	Scope              Scope
	TenantID           int64 // within an all-tenants scope, only this tenant (0: every tenant)
	Statuses           []ProjectStatus
	Sector             string
	LeadOrganisationID int64
	Text               string // found in the reference, title or summary, ignoring case
	LedByUserID        int64  // only projects this person leads (for project leads)
	NotSubmittedBy     int64  // leave out projects this person submitted (an approver's queue)
	Sort               string // one of ProjectSorts; "" is newest first
	Limit, Offset      int
}

// ProjectRow is a project as the register lists it, with the names a person needs.
type ProjectRow struct {
	Project
	TenantName           string
	LeadOrganisationName string
}

// ProjectSorts maps the sort keys people may choose to their SQL; anything else is refused by the caller.
var ProjectSorts = map[string]string{
	"":           "projects.updated_at DESC, projects.id DESC",
	"updated":    "projects.updated_at ASC, projects.id ASC",
	"-updated":   "projects.updated_at DESC, projects.id DESC",
	"reference":  "projects.reference ASC",
	"-reference": "projects.reference DESC",
	"title":      "projects.title ASC, projects.id ASC",
	"-title":     "projects.title DESC, projects.id DESC",
	"grant":      "projects.grant_requested_pence ASC, projects.id ASC",
	"-grant":     "projects.grant_requested_pence DESC, projects.id DESC",
	"status":     "projects.status ASC, projects.id ASC",
	"-status":    "projects.status DESC, projects.id DESC",
}

// Projects returns one page of the register and the number of projects matching the query.
func (s *Store) Projects(ctx context.Context, q ProjectQuery) ([]ProjectRow, int64, error) {
	order, ok := ProjectSorts[q.Sort]
	if !ok {
		order = ProjectSorts[""]
	}
	var total int64
	var rows []ProjectRow
	err := s.inScope(ctx, q.Scope, func(db *gorm.DB) error {
		base := filteredProjects(db, q)
		if err := base.Session(&gorm.Session{}).Count(&total).Error; err != nil {
			return err
		}
		// A draft may not name its lead organisation yet, so the join keeps projects without one.
		return base.Select("projects.*, tenants.name AS tenant_name, COALESCE(organisations.name, '') AS lead_organisation_name").
			Joins("JOIN tenants ON tenants.id = projects.tenant_id").
			Joins("LEFT JOIN organisations ON organisations.id = projects.lead_organisation_id").
			Order(order).Limit(q.Limit).Offset(q.Offset).Scan(&rows).Error
	})
	return rows, total, translate(err)
}

func filteredProjects(db *gorm.DB, q ProjectQuery) *gorm.DB {
	db = q.Scope.where(db.Table("projects"), "projects")
	if q.TenantID != 0 {
		db = db.Where("projects.tenant_id = ?", q.TenantID)
	}
	if len(q.Statuses) > 0 {
		db = db.Where("projects.status IN ?", q.Statuses)
	}
	if q.Sector != "" {
		db = db.Where("projects.sector = ?", q.Sector)
	}
	if q.LeadOrganisationID != 0 {
		db = db.Where("projects.lead_organisation_id = ?", q.LeadOrganisationID)
	}
	if q.LedByUserID != 0 {
		db = db.Where("EXISTS (SELECT 1 FROM project_leads pl WHERE pl.project_id = projects.id AND pl.user_id = ?)", q.LedByUserID)
	}
	if q.NotSubmittedBy != 0 {
		db = db.Where("(projects.submitted_by_user_id IS NULL OR projects.submitted_by_user_id <> ?)", q.NotSubmittedBy)
	}
	if text := strings.TrimSpace(q.Text); text != "" {
		pattern := "%" + escapeLike(strings.ToLower(text)) + "%"
		db = db.Where(`(LOWER(projects.reference) LIKE ? ESCAPE '\' OR LOWER(projects.title) LIKE ? ESCAPE '\' OR LOWER(projects.summary) LIKE ? ESCAPE '\')`,
			pattern, pattern, pattern)
	}
	return db
}

// escapeLike makes % and _ in a person's search text match themselves.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
