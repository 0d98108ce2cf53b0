package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// Outcome says what a set-up command did, so that running it twice is safe and says so.
type Outcome string

const (
	Created   Outcome = "created"
	Updated   Outcome = "updated"
	Unchanged Outcome = "unchanged"
)

// The central tenant `portal programme init` makes alongside the programme, unless told otherwise.
const (
	DefaultCentralName     = "Central government"
	DefaultCentralLeadBody = "Department for Science, Innovation and Technology"
)

// ProgrammeInit is what `portal programme init` did: to the programme, and to the central tenant whose
// people (officials) oversee it.
type ProgrammeInit struct {
	Programme models.Programme
	Outcome   Outcome
	Central   models.Tenant
	Created   bool // whether the central tenant was made now
}

// CentralInput names the central tenant when init makes it.
type CentralInput struct {
	Name, LeadBody string
}

// InitFromCommandLine sets the programme up for the operator running `portal programme init`: it creates
// the programme and the central tenant, or brings an existing programme's envelope and years to what is
// given. The portal runs one programme: a different name is refused rather than taken for a second one.
// Running it again with the same values changes nothing.
func (s *Programmes) InitFromCommandLine(ctx context.Context, in ProgrammeInput, central CentralInput) (ProgrammeInit, error) {
	var result ProgrammeInit
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		var err error
		if result.Programme, result.Outcome, err = s.initProgramme(ctx, tx, in); err != nil {
			return err
		}
		result.Central, result.Created, err = s.initCentral(ctx, tx, result.Programme, central)
		return err
	})
	return result, setUpWriteError(err)
}

func (s *Programmes) initProgramme(ctx context.Context, tx *models.Store, in ProgrammeInput) (models.Programme, Outcome, error) {
	wanted, verr := validateProgramme(in)
	if err := verr.OrNil(); err != nil {
		return models.Programme{}, "", err
	}
	existing, err := tx.FirstProgramme(ctx)
	switch {
	case errors.Is(err, models.ErrNotFound):
		now := s.now()
		wanted.CreatedAt, wanted.UpdatedAt = now, now
		if err := tx.CreateProgramme(ctx, &wanted); err != nil {
			return wanted, "", err
		}
		return wanted, Created, appendAudit(ctx, tx, now, auditRecord{Action: "programme.created",
			EntityType: "programme", EntityID: idString(wanted.ID), After: wanted, Detail: detailFor(0)})
	case err != nil:
		return existing, "", err
	case existing.Name != wanted.Name:
		return existing, "", conflict(fmt.Sprintf("The portal already runs the programme %q, and runs only one. To change its envelope or years, give its name: --name %q. To rename it, use the programme page.", existing.Name, existing.Name))
	case existing.EnvelopePence == wanted.EnvelopePence && existing.FirstFinancialYear == wanted.FirstFinancialYear &&
		existing.LastFinancialYear == wanted.LastFinancialYear:
		return existing, Unchanged, nil
	}
	in.Version = existing.Version
	return existing, Updated, s.saveProgramme(ctx, tx, 0, &existing, in)
}

// initCentral makes the central tenant of the programme unless it has one.
func (s *Programmes) initCentral(ctx context.Context, tx *models.Store, programme models.Programme, in CentralInput) (models.Tenant, bool, error) {
	existing, err := tx.TenantBySlug(ctx, CentralTenantSlug)
	if !errors.Is(err, models.ErrNotFound) {
		return existing, false, err
	}
	verr := &ValidationError{}
	checkTexts(verr, map[string]string{"central_name": in.Name, "central_lead_body": in.LeadBody})
	t := models.Tenant{ProgrammeID: programme.ID, Kind: models.TenantCentral, Slug: CentralTenantSlug,
		Name: strings.TrimSpace(in.Name), LeadBody: strings.TrimSpace(in.LeadBody)}
	if t.Name == "" || len(t.Name) > 100 {
		verr.Add("central_name", "Enter central government's name, up to 100 characters")
	}
	if len(t.LeadBody) > 200 {
		verr.Add("central_lead_body", "Lead body must be 200 characters or fewer")
	}
	if err := verr.OrNil(); err != nil {
		return t, false, err
	}
	now := s.now()
	t.CreatedAt, t.UpdatedAt = now, now
	if err := tx.CreateTenant(ctx, &t); err != nil {
		return t, false, err
	}
	return t, true, appendAudit(ctx, tx, now, auditRecord{Tenant: t.ID, Action: "tenant.created",
		EntityType: "tenant", EntityID: idString(t.ID), After: t, Detail: detailFor(0)})
}

// CreateAcceleratorFromCommandLine adds an accelerator for the operator running `portal tenants create`.
// Running it again with the same details changes nothing; an accelerator of that slug with other details
// is refused, naming them, since its page is where it is changed.
func (s *Programmes) CreateAcceleratorFromCommandLine(ctx context.Context, in AcceleratorInput) (models.Tenant, Outcome, error) {
	var t models.Tenant
	outcome := Created
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		programme, err := tx.FirstProgramme(ctx)
		if errors.Is(err, models.ErrNotFound) {
			return conflict("There is no programme yet: set it up first with portal programme init.")
		}
		if err != nil {
			return err
		}
		existing, err := s.existingTenant(ctx, tx, in)
		switch {
		case err == nil:
			t, outcome = existing, Unchanged
			return sameAccelerator(existing, in)
		case !errors.Is(err, models.ErrNotFound):
			return err
		}
		t, err = s.createAccelerator(ctx, tx, 0, programme, in)
		return err
	})
	return t, outcome, setUpWriteError(err)
}

// existingTenant finds the tenant of the slug asked for (or made from the name); ErrNotFound when there
// is none, or when the slug is not text at all (validation then says why).
func (s *Programmes) existingTenant(ctx context.Context, tx *models.Store, in AcceleratorInput) (models.Tenant, error) {
	slug := strings.ToLower(strings.TrimSpace(in.Slug))
	if slug == "" {
		slug = SlugFrom(in.Name)
	}
	if slug == "" || TextProblem(slug) != "" {
		return models.Tenant{}, models.ErrNotFound
	}
	return tx.TenantBySlug(ctx, slug)
}

// sameAccelerator refuses to call an existing tenant the one asked for when any detail given differs.
func sameAccelerator(existing models.Tenant, in AcceleratorInput) error {
	var differences []string
	differ := func(what, have, asked string) {
		if asked = strings.TrimSpace(asked); asked != "" && !strings.EqualFold(have, asked) {
			differences = append(differences, fmt.Sprintf("its %s is %q, not %q", what, have, asked))
		}
	}
	if existing.Kind != models.TenantAccelerator {
		differences = append(differences, "it is central government, not an accelerator")
	}
	differ("name", existing.Name, in.Name)
	differ("lead body", existing.LeadBody, in.LeadBody)
	differ("region", existing.ITL1Region, in.Region)
	differ("reference prefix", existing.ReferencePrefix, in.ReferencePrefix)
	if len(differences) == 0 {
		return nil
	}
	return conflict(fmt.Sprintf("There is already a tenant %q, and %s. Change it on its page in the portal, or choose another --slug.",
		existing.Slug, strings.Join(differences, "; ")))
}
