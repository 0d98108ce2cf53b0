package models

import (
	"context"
	"time"
)

// TenantKind separates the one central tenant (officials who see everything) from the accelerators.
type TenantKind string

const (
	TenantCentral     TenantKind = "central"
	TenantAccelerator TenantKind = "accelerator"
)

// Tenant is an organisation whose records are kept apart from every other's.
type Tenant struct {
	ID          int64
	ProgrammeID int64
	Kind        TenantKind
	Slug        string
	Name        string
	LeadBody    string
	ITL1Region  string `gorm:"column:itl1_region"`
	// ReferencePrefix starts the accelerator's project references, e.g. "GM" in GM-2023-004.
	ReferencePrefix string
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// IsCentral reports whether people of this tenant oversee the whole programme.
func (t Tenant) IsCentral() bool { return t.Kind == TenantCentral }

// Tenant returns one tenant by ID.
func (s *Store) Tenant(ctx context.Context, id int64) (Tenant, error) {
	if err := requireTenant(id); err != nil {
		return Tenant{}, err
	}
	var t Tenant
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&t).Error
	return t, translate(err)
}

// TenantBySlug returns one tenant by its slug.
func (s *Store) TenantBySlug(ctx context.Context, slug string) (Tenant, error) {
	var t Tenant
	err := s.db.WithContext(ctx).Where("slug = ?", slug).Take(&t).Error
	return t, translate(err)
}

// Tenants lists every tenant, central first, then accelerators by name.
func (s *Store) Tenants(ctx context.Context) ([]Tenant, error) {
	var ts []Tenant
	err := s.db.WithContext(ctx).
		Order("CASE WHEN kind = 'central' THEN 0 ELSE 1 END").Order("name").
		Find(&ts).Error
	return ts, translate(err)
}

// CreateTenant stores a new tenant at version 1.
func (s *Store) CreateTenant(ctx context.Context, t *Tenant) error {
	t.Version = 1
	return translate(s.db.WithContext(ctx).Create(t).Error)
}

// UpdateTenant saves what may change about a tenant (its name, lead body and region; never its kind,
// slug or reference prefix, which sign-in settings and project references rely on) if its version is
// still the one read, and bumps the version. A stale version is ErrConflict.
func (s *Store) UpdateTenant(ctx context.Context, t *Tenant) error {
	if err := requireTenant(t.ID); err != nil {
		return err
	}
	res := s.db.WithContext(ctx).Model(&Tenant{}).Where("id = ? AND version = ?", t.ID, t.Version).
		Updates(map[string]any{
			"name": t.Name, "lead_body": t.LeadBody, "itl1_region": t.ITL1Region,
			"updated_at": t.UpdatedAt, "version": t.Version + 1,
		})
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected != 1 {
		return ErrConflict
	}
	t.Version++
	return nil
}
