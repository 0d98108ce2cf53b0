package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// OrganisationKind is what sort of body an organisation is.
type OrganisationKind string

const (
	KindUniversity OrganisationKind = "university"
	KindBusiness   OrganisationKind = "business"
	KindRTO        OrganisationKind = "rto" // research and technology organisation
	KindCatapult   OrganisationKind = "catapult"
	KindPublicBody OrganisationKind = "public_body"
	KindCharity    OrganisationKind = "charity"
)

// Organisation is a university, business or other body that leads or partners in projects, owned by a tenant.
type Organisation struct {
	ID                   int64
	TenantID             int64
	Name                 string
	Kind                 OrganisationKind
	CompaniesHouseNumber string
	UKPRN                string `gorm:"column:ukprn"`
	CharityNumber        string
	Town                 string
	LocalAuthorityCode   *string
	Version              int
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// Organisation returns one organisation within the scope.
func (s *Store) Organisation(ctx context.Context, scope Scope, id int64) (Organisation, error) {
	var o Organisation
	err := s.inScope(ctx, scope, func(db *gorm.DB) error {
		return scope.where(db.Table("organisations"), "organisations").Where("organisations.id = ?", id).Take(&o).Error
	})
	return o, translate(err)
}

// Organisations lists the organisations within the scope, by name.
func (s *Store) Organisations(ctx context.Context, scope Scope) ([]Organisation, error) {
	var os []Organisation
	err := s.inScope(ctx, scope, func(db *gorm.DB) error {
		return scope.where(db.Table("organisations"), "organisations").Order("organisations.name, organisations.id").Find(&os).Error
	})
	return os, translate(err)
}

// OrganisationsByIdentifier finds a tenant's organisations that already use any of the given identifiers.
func (s *Store) OrganisationsByIdentifier(ctx context.Context, tenantID int64, companiesHouse, ukprn, charity string) ([]Organisation, error) {
	var os []Organisation
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Where("tenant_id = ?", tenantID).
			Where("(companies_house_number <> '' AND companies_house_number = ?) OR (ukprn <> '' AND ukprn = ?) OR (charity_number <> '' AND charity_number = ?)",
				companiesHouse, ukprn, charity).
			Order("id").Find(&os).Error
	})
	return os, translate(err)
}

// CreateOrganisation stores a new organisation.
func (s *Store) CreateOrganisation(ctx context.Context, o *Organisation) error {
	o.Version = 1
	return translate(s.inScope(ctx, InTenant(o.TenantID), func(db *gorm.DB) error { return db.Create(o).Error }))
}

// UpdateOrganisation saves an organisation's fields if nobody changed it since it was read (its version),
// and bumps the version. A stale version is ErrConflict.
func (s *Store) UpdateOrganisation(ctx context.Context, o *Organisation) error {
	err := s.inScope(ctx, InTenant(o.TenantID), func(db *gorm.DB) error {
		res := db.Model(&Organisation{}).
			Where("tenant_id = ? AND id = ? AND version = ?", o.TenantID, o.ID, o.Version).
			Updates(map[string]any{
				"name": o.Name, "kind": o.Kind, "companies_house_number": o.CompaniesHouseNumber, "ukprn": o.UKPRN,
				"charity_number": o.CharityNumber, "town": o.Town, "local_authority_code": o.LocalAuthorityCode,
				"version": o.Version + 1, "updated_at": o.UpdatedAt,
			})
		if res.Error == nil && res.RowsAffected != 1 {
			return ErrConflict
		}
		return res.Error
	})
	if err != nil {
		return translate(err)
	}
	o.Version++
	return nil
}
