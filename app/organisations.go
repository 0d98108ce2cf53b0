package app

import (
	"context"
	"errors"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// Organisations keeps the register of universities, businesses and other bodies that lead or partner in
// projects. Each belongs to a tenant; central government sees them all.
type Organisations struct {
	store *models.Store
	now   func() time.Time
}

// NewOrganisations returns the service.
func NewOrganisations(store *models.Store, now func() time.Time) *Organisations {
	return &Organisations{store: store, now: orNow(now)}
}

// OrganisationInput is what a person types about an organisation. Identifiers are optional.
type OrganisationInput struct {
	Name                 string
	Kind                 string
	CompaniesHouseNumber string
	UKPRN                string
	CharityNumber        string
	Town                 string
	LocalAuthorityCode   string
	Version              int // the version read before editing; 0 skips the check (only for creation)
}

// visibleScope is the set of tenants whose records the principal may read.
func visibleScope(p Principal) models.Scope {
	if p.IsCentral() {
		return models.AllTenants()
	}
	return models.InTenant(p.TenantID)
}

// List returns the organisations the principal may see; tenantID narrows a central principal's view.
func (s *Organisations) List(ctx context.Context, p Principal, tenantID int64) ([]models.Organisation, error) {
	if !p.Can(ActionViewOrganisations) {
		return nil, ErrForbidden
	}
	scope := visibleScope(p)
	if tenantID != 0 {
		if !p.Reaches(tenantID) {
			return nil, ErrNotFound
		}
		scope = models.InTenant(tenantID)
	}
	orgs, err := s.store.Organisations(ctx, scope)
	return orgs, fromStore(err, "list organisations")
}

// Get returns one organisation the principal may see.
func (s *Organisations) Get(ctx context.Context, p Principal, id int64) (models.Organisation, error) {
	if !p.Can(ActionViewOrganisations) {
		return models.Organisation{}, ErrForbidden
	}
	o, err := s.store.Organisation(ctx, visibleScope(p), id)
	return o, fromStore(err, "read organisation")
}

// Create registers an organisation in the principal's own tenant.
func (s *Organisations) Create(ctx context.Context, p Principal, in OrganisationInput) (models.Organisation, error) {
	if !p.CanIn(ActionManageOrganisations, p.TenantID) {
		return models.Organisation{}, ErrForbidden
	}
	now := s.now()
	o := models.Organisation{TenantID: p.TenantID, CreatedAt: now, UpdatedAt: now}
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		if err := s.applyInput(ctx, tx, &o, in); err != nil {
			return err
		}
		if err := tx.CreateOrganisation(ctx, &o); err != nil {
			return err
		}
		return appendAudit(ctx, tx, now, auditRecord{Actor: p.UserID, Tenant: o.TenantID, Action: "organisation.created",
			EntityType: "organisation", EntityID: idString(o.ID), After: o})
	})
	return o, organisationWriteError(err)
}

// Update changes an organisation of the principal's own tenant, if nobody changed it since it was read.
func (s *Organisations) Update(ctx context.Context, p Principal, id int64, in OrganisationInput) (models.Organisation, error) {
	var o models.Organisation
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		var err error
		if o, err = tx.Organisation(ctx, visibleScope(p), id); err != nil {
			return fromStore(err, "read organisation")
		}
		if !s.MayEdit(p, o) {
			return ErrForbidden
		}
		if in.Version != o.Version {
			return staleEdit()
		}
		before := o
		if err := s.applyInput(ctx, tx, &o, in); err != nil {
			return err
		}
		o.UpdatedAt = s.now()
		if err := tx.UpdateOrganisation(ctx, &o); err != nil {
			return err
		}
		return appendAudit(ctx, tx, o.UpdatedAt, auditRecord{Actor: p.UserID, Tenant: o.TenantID, Action: "organisation.updated",
			EntityType: "organisation", EntityID: idString(o.ID), Before: before, After: o})
	})
	return o, organisationWriteError(err)
}

// MayEdit reports whether the principal may change an organisation: one of their own tenant's, with a role
// that manages organisations.
func (s *Organisations) MayEdit(p Principal, o models.Organisation) bool {
	return p.CanIn(ActionManageOrganisations, o.TenantID) && o.TenantID == p.TenantID
}

// Tenants lists the tenants whose registers the principal may narrow a list to: every accelerator for
// central government, their own tenant for everyone else.
func (s *Organisations) Tenants(ctx context.Context, p Principal) ([]models.Tenant, error) {
	if !p.Can(ActionViewOrganisations) && !p.Can(ActionViewProjects) {
		return nil, ErrForbidden
	}
	all, err := s.store.Tenants(ctx)
	if err != nil {
		return nil, fromStore(err, "list tenants")
	}
	var reached []models.Tenant
	for _, t := range all {
		if p.Reaches(t.ID) && t.Kind == models.TenantAccelerator {
			reached = append(reached, t)
		}
	}
	return reached, nil
}

// LocalAuthorities lists the places an organisation can be in, for its form and page.
func (s *Organisations) LocalAuthorities(ctx context.Context, p Principal) ([]models.LocalAuthority, error) {
	if !p.Can(ActionViewOrganisations) {
		return nil, ErrForbidden
	}
	las, err := s.store.LocalAuthorities(ctx)
	return las, fromStore(err, "list local authorities")
}

// applyInput validates the input and copies it onto the organisation, refusing an identifier another
// organisation of the tenant already has.
func (s *Organisations) applyInput(ctx context.Context, tx *models.Store, o *models.Organisation, in OrganisationInput) error {
	clean, verr := validateOrganisation(in)
	if err := s.checkLocalAuthority(ctx, tx, clean.LocalAuthorityCode, verr); err != nil {
		return err
	}
	if err := verr.OrNil(); err != nil {
		return err
	}
	if err := s.checkDuplicates(ctx, tx, o, clean); err != nil {
		return err
	}
	o.Name, o.Kind, o.Town = clean.Name, models.OrganisationKind(clean.Kind), clean.Town
	o.CompaniesHouseNumber, o.UKPRN, o.CharityNumber = clean.CompaniesHouseNumber, clean.UKPRN, clean.CharityNumber
	o.LocalAuthorityCode = nil
	if clean.LocalAuthorityCode != "" {
		o.LocalAuthorityCode = &clean.LocalAuthorityCode
	}
	return nil
}

func (s *Organisations) checkLocalAuthority(ctx context.Context, tx *models.Store, code string, verr *ValidationError) error {
	if code == "" || verr.Fields["local_authority_code"] != "" {
		return nil
	}
	_, err := tx.LocalAuthority(ctx, code)
	if errors.Is(err, models.ErrNotFound) {
		verr.Add("local_authority_code", "Select a local authority from the list")
		return nil
	}
	return err
}

func (s *Organisations) checkDuplicates(ctx context.Context, tx *models.Store, o *models.Organisation, in OrganisationInput) error {
	existing, err := tx.OrganisationsByIdentifier(ctx, o.TenantID, in.CompaniesHouseNumber, in.UKPRN, in.CharityNumber)
	if err != nil {
		return err
	}
	verr := &ValidationError{}
	for _, other := range existing {
		if other.ID == o.ID {
			continue
		}
		if in.CompaniesHouseNumber != "" && other.CompaniesHouseNumber == in.CompaniesHouseNumber {
			verr.Add("companies_house_number", "This Companies House number is already registered for "+other.Name)
		}
		if in.UKPRN != "" && other.UKPRN == in.UKPRN {
			verr.Add("ukprn", "This UKPRN is already registered for "+other.Name)
		}
		if in.CharityNumber != "" && other.CharityNumber == in.CharityNumber {
			verr.Add("charity_number", "This charity number is already registered for "+other.Name)
		}
	}
	return verr.OrNil()
}

// organisationWriteError explains a unique-index refusal that a concurrent save slipped past the check.
func organisationWriteError(err error) error {
	if errors.Is(err, models.ErrConflict) {
		return conflict("Someone else saved this organisation or one with the same identifier at the same time. Check the register and try again.")
	}
	return err
}

func staleEdit() error {
	return &Refusal{Kind: ErrStale, Message: "Someone else changed this record after you opened it. Reload the page to see their changes, then make yours again."}
}

func orNow(now func() time.Time) func() time.Time {
	if now == nil {
		return func() time.Time { return time.Now().UTC() }
	}
	return now
}
