package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// Programmes sets up the programme and its accelerators: the programme administrator's pages and the
// operator's `portal programme init` and `portal tenants create` go through it alike.
type Programmes struct {
	store *models.Store
	now   func() time.Time
}

// NewProgrammes returns the service.
func NewProgrammes(store *models.Store, now func() time.Time) *Programmes {
	return &Programmes{store: store, now: orNow(now)}
}

// ProgrammeSetup is the programme with its accelerators, as the programme page shows them.
type ProgrammeSetup struct {
	Programme    models.Programme
	Accelerators []models.Tenant
}

// Setup returns the programme the principal administers, with its accelerators.
func (s *Programmes) Setup(ctx context.Context, p Principal) (ProgrammeSetup, error) {
	programme, err := s.programmeOf(ctx, s.store, p)
	if err != nil {
		return ProgrammeSetup{}, err
	}
	tenants, err := s.store.Tenants(ctx)
	if err != nil {
		return ProgrammeSetup{}, fromStore(err, "list tenants")
	}
	setup := ProgrammeSetup{Programme: programme}
	for _, t := range tenants {
		if t.Kind == models.TenantAccelerator && t.ProgrammeID == programme.ID {
			setup.Accelerators = append(setup.Accelerators, t)
		}
	}
	return setup, nil
}

// programmeOf returns the programme of the principal's tenant, if they may set it up.
func (s *Programmes) programmeOf(ctx context.Context, store *models.Store, p Principal) (models.Programme, error) {
	if !p.CanIn(ActionManageProgramme, p.TenantID) {
		return models.Programme{}, ErrForbidden
	}
	tenant, err := store.Tenant(ctx, p.TenantID)
	if err != nil {
		return models.Programme{}, fromStore(err, "read own tenant")
	}
	programme, err := store.Programme(ctx, tenant.ProgrammeID)
	return programme, fromStore(err, "read programme")
}

// Update changes the programme's name, envelope and years, if nobody changed them since they were read.
func (s *Programmes) Update(ctx context.Context, p Principal, in ProgrammeInput) (models.Programme, error) {
	var programme models.Programme
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		var err error
		if programme, err = s.programmeOf(ctx, tx, p); err != nil {
			return err
		}
		if in.Version != programme.Version {
			return staleEdit()
		}
		return s.saveProgramme(ctx, tx, p.UserID, &programme, in)
	})
	return programme, setUpWriteError(err)
}

// saveProgramme checks the input and saves it over the programme, recording the change.
func (s *Programmes) saveProgramme(ctx context.Context, tx *models.Store, actor int64, programme *models.Programme, in ProgrammeInput) error {
	changed, verr := validateProgramme(in)
	if err := verr.OrNil(); err != nil {
		return err
	}
	before := *programme
	programme.Name, programme.EnvelopePence = changed.Name, changed.EnvelopePence
	programme.FirstFinancialYear, programme.LastFinancialYear = changed.FirstFinancialYear, changed.LastFinancialYear
	programme.UpdatedAt = s.now()
	if err := tx.UpdateProgramme(ctx, programme); err != nil {
		return err
	}
	return appendAudit(ctx, tx, programme.UpdatedAt, auditRecord{Actor: actor, Action: "programme.updated",
		EntityType: "programme", EntityID: idString(programme.ID), Before: before, After: *programme, Detail: detailFor(actor)})
}

// Accelerator returns an accelerator the principal may set up. Another tenant than the principal's own,
// for anyone who is not central, is ErrNotFound, as everywhere.
func (s *Programmes) Accelerator(ctx context.Context, p Principal, id int64) (models.Tenant, error) {
	return s.accelerator(ctx, s.store, p, id)
}

func (s *Programmes) accelerator(ctx context.Context, store *models.Store, p Principal, id int64) (models.Tenant, error) {
	if !p.Reaches(id) {
		return models.Tenant{}, fmt.Errorf("tenant %d: %w", id, ErrNotFound)
	}
	t, err := store.Tenant(ctx, id)
	if err != nil || t.Kind != models.TenantAccelerator {
		return models.Tenant{}, fmt.Errorf("accelerator %d: %w", id, ErrNotFound)
	}
	if !p.CanIn(ActionManageProgramme, t.ID) {
		return models.Tenant{}, ErrForbidden
	}
	return t, nil
}

// AddAccelerator adds an accelerator to the principal's programme.
func (s *Programmes) AddAccelerator(ctx context.Context, p Principal, in AcceleratorInput) (models.Tenant, error) {
	var t models.Tenant
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		programme, err := s.programmeOf(ctx, tx, p)
		if err != nil {
			return err
		}
		t, err = s.createAccelerator(ctx, tx, p.UserID, programme, in)
		return err
	})
	return t, setUpWriteError(err)
}

func (s *Programmes) createAccelerator(ctx context.Context, tx *models.Store, actor int64, programme models.Programme, in AcceleratorInput) (models.Tenant, error) {
	tenants, err := tx.Tenants(ctx)
	if err != nil {
		return models.Tenant{}, err
	}
	t, verr := validateAccelerator(in, 0, tenants, true)
	if err := verr.OrNil(); err != nil {
		return models.Tenant{}, err
	}
	now := s.now()
	t.ProgrammeID, t.CreatedAt, t.UpdatedAt = programme.ID, now, now
	if err := tx.CreateTenant(ctx, &t); err != nil {
		return models.Tenant{}, err
	}
	return t, appendAudit(ctx, tx, now, auditRecord{Actor: actor, Tenant: t.ID, Action: "tenant.created",
		EntityType: "tenant", EntityID: idString(t.ID), After: t, Detail: detailFor(actor)})
}

// UpdateAccelerator changes an accelerator's name, lead body and region, if nobody changed them since
// they were read.
func (s *Programmes) UpdateAccelerator(ctx context.Context, p Principal, id int64, in AcceleratorInput) (models.Tenant, error) {
	var t models.Tenant
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		var err error
		if t, err = s.accelerator(ctx, tx, p, id); err != nil {
			return err
		}
		if in.Version != t.Version {
			return staleEdit()
		}
		return s.saveAccelerator(ctx, tx, p.UserID, &t, in)
	})
	return t, setUpWriteError(err)
}

func (s *Programmes) saveAccelerator(ctx context.Context, tx *models.Store, actor int64, t *models.Tenant, in AcceleratorInput) error {
	tenants, err := tx.Tenants(ctx)
	if err != nil {
		return err
	}
	changed, verr := validateAccelerator(in, t.ID, tenants, false)
	if err := verr.OrNil(); err != nil {
		return err
	}
	before := *t
	t.Name, t.LeadBody, t.ITL1Region, t.UpdatedAt = changed.Name, changed.LeadBody, changed.ITL1Region, s.now()
	if err := tx.UpdateTenant(ctx, t); err != nil {
		return err
	}
	return appendAudit(ctx, tx, t.UpdatedAt, auditRecord{Actor: actor, Tenant: t.ID, Action: "tenant.updated",
		EntityType: "tenant", EntityID: idString(t.ID), Before: before, After: *t, Detail: detailFor(actor)})
}

// detailFor says where a change came from when no person made it.
func detailFor(actor int64) string {
	if actor == 0 {
		return "command line"
	}
	return ""
}

// setUpWriteError explains a unique-index refusal that a concurrent save slipped past the checks.
func setUpWriteError(err error) error {
	if errors.Is(err, models.ErrConflict) && !errors.Is(err, ErrConflict) {
		return conflict("Someone else changed the programme or its accelerators at the same time. Check the programme page and try again.")
	}
	return err
}
