package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// ProjectStatus is where a project is in its approval workflow. The values are stored.
type ProjectStatus string

const (
	StatusDraft            ProjectStatus = "draft"
	StatusSubmitted        ProjectStatus = "submitted"
	StatusApproved         ProjectStatus = "approved"
	StatusRejected         ProjectStatus = "rejected"
	StatusChangesRequested ProjectStatus = "changes_requested"
	StatusClosed           ProjectStatus = "closed"
	StatusWithdrawn        ProjectStatus = "withdrawn"
)

// AllProjectStatuses lists the statuses in workflow order.
var AllProjectStatuses = []ProjectStatus{
	StatusDraft, StatusSubmitted, StatusChangesRequested, StatusApproved, StatusRejected, StatusClosed, StatusWithdrawn,
}

// Project is one funded (or proposed) piece of work of an accelerator. A draft saves whatever has been
// given so far: the facts a submission needs are nil (or "" for text) until someone gives them, and the
// database refuses a project beyond the drafting states without them.
type Project struct {
	ID                       int64
	TenantID                 int64
	Reference                string
	Title                    string
	Summary                  string
	LeadOrganisationID       *int64
	Sector                   string
	SectorOther              string
	LocalAuthorityCode       *string
	StartDate                *time.Time `gorm:"type:date"`
	EndDate                  *time.Time `gorm:"type:date"`
	TotalCostPence           *int64
	GrantRequestedPence      *int64
	PrivateCoInvestmentPence *int64
	Status                   ProjectStatus
	Version                  int
	CreatedByUserID          int64
	SubmittedByUserID        *int64
	SubmittedAt              *time.Time
	DecidedByUserID          *int64
	DecidedAt                *time.Time
	DecisionReason           string
	CreatedAt                time.Time
	UpdatedAt                time.Time
}

// ProjectPartner links a partner organisation to a project.
type ProjectPartner struct {
	TenantID       int64
	ProjectID      int64 `gorm:"primaryKey"`
	OrganisationID int64 `gorm:"primaryKey"`
}

// ProjectTarget is a project's target for one indicator, in the indicator's unit.
type ProjectTarget struct {
	TenantID      int64
	ProjectID     int64  `gorm:"primaryKey"`
	IndicatorCode string `gorm:"primaryKey"`
	Target        int64
}

// ProjectLead names a person with the project lead role as a lead of a project.
type ProjectLead struct {
	TenantID  int64
	ProjectID int64 `gorm:"primaryKey"`
	UserID    int64 `gorm:"primaryKey"`
}

// ProjectReferenceCounter is the last number given to a tenant's projects in a year.
type ProjectReferenceCounter struct {
	TenantID int64 `gorm:"primaryKey"`
	Year     int   `gorm:"primaryKey"`
	Last     int
}

// Project returns one project within the scope.
func (s *Store) Project(ctx context.Context, scope Scope, id int64) (Project, error) {
	var p Project
	err := s.inScope(ctx, scope, func(db *gorm.DB) error {
		return scope.where(db.Table("projects"), "projects").Where("projects.id = ?", id).Take(&p).Error
	})
	return p, translate(err)
}

// ProjectByReference returns one project within the scope by its reference.
func (s *Store) ProjectByReference(ctx context.Context, scope Scope, reference string) (Project, error) {
	var p Project
	err := s.inScope(ctx, scope, func(db *gorm.DB) error {
		return scope.where(db.Table("projects"), "projects").Where("projects.reference = ?", reference).Take(&p).Error
	})
	return p, translate(err)
}

// CreateProject stores a new project.
func (s *Store) CreateProject(ctx context.Context, p *Project) error {
	p.Version = 1
	return translate(s.inScope(ctx, InTenant(p.TenantID), func(db *gorm.DB) error { return db.Create(p).Error }))
}

// UpdateProject saves every field of a project if its version is still the one read, and bumps the version.
// A stale version, or a project moved to another status meanwhile, is ErrConflict. UpdatedAt is stored as
// given: the caller's clock decides it, not GORM's.
func (s *Store) UpdateProject(ctx context.Context, p *Project, expectedStatus ProjectStatus) error {
	err := s.inScope(ctx, InTenant(p.TenantID), func(db *gorm.DB) error {
		res := db.Model(&Project{}).
			Where("tenant_id = ? AND id = ? AND version = ? AND status = ?", p.TenantID, p.ID, p.Version, expectedStatus).
			Select("*").Omit("id", "tenant_id", "reference", "created_by_user_id", "created_at").
			UpdateColumns(withVersion(p))
		if res.Error == nil && res.RowsAffected != 1 {
			return ErrConflict
		}
		return res.Error
	})
	if err != nil {
		return translate(err)
	}
	p.Version++
	return nil
}

func withVersion(p *Project) Project {
	next := *p
	next.Version = p.Version + 1
	return next
}

// NextProjectNumber takes the next number for a tenant's project references in a year. Call it in the
// transaction that creates the project, so a number is never given twice or lost.
func (s *Store) NextProjectNumber(ctx context.Context, tenantID int64, year int) (int, error) {
	// One statement that both dialects run atomically: concurrent creators each get their own number.
	var last int
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Raw(`INSERT INTO project_reference_counters (tenant_id, year, last) VALUES (?, ?, 1)
			ON CONFLICT (tenant_id, year) DO UPDATE SET last = project_reference_counters.last + 1
			RETURNING last`, tenantID, year).Scan(&last).Error
	})
	return last, translate(err)
}
