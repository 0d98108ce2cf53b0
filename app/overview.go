package app

import (
	"context"
	"fmt"

	"github.com/innovation-accelerators/portal/models"
)

// Overview answers the home pages: the programme at a glance for central roles, one place for everyone else.
type Overview struct {
	store *models.Store
}

// NewOverview returns the service.
func NewOverview(store *models.Store) *Overview {
	return &Overview{store: store}
}

// Home is what a principal's home page shows. Accelerators is filled only for those who may view the whole
// programme.
type Home struct {
	Programme    models.Programme
	Tenant       models.Tenant
	Accelerators []AcceleratorSummary
	PeopleCount  int
}

// AcceleratorSummary is one accelerator as the programme overview lists it.
type AcceleratorSummary struct {
	Tenant      models.Tenant
	RegionName  string
	PeopleCount int
}

// Home returns the principal's home page data.
func (o *Overview) Home(ctx context.Context, p Principal) (Home, error) {
	if !p.CanIn(ActionViewTenant, p.TenantID) {
		return Home{}, ErrForbidden
	}
	tenant, err := o.store.Tenant(ctx, p.TenantID)
	if err != nil {
		return Home{}, fromStore(err, "read tenant")
	}
	programme, err := o.store.Programme(ctx, tenant.ProgrammeID)
	if err != nil {
		return Home{}, fromStore(err, "read programme")
	}
	home := Home{Programme: programme, Tenant: tenant}
	if home.PeopleCount, err = o.peopleCount(ctx, tenant.ID); err != nil {
		return Home{}, err
	}
	if p.Can(ActionViewProgramme) {
		if home.Accelerators, err = o.accelerators(ctx, programme.ID); err != nil {
			return Home{}, err
		}
	}
	return home, nil
}

func (o *Overview) accelerators(ctx context.Context, programmeID int64) ([]AcceleratorSummary, error) {
	tenants, err := o.store.Tenants(ctx)
	if err != nil {
		return nil, fmt.Errorf("list tenants: %w", err)
	}
	var summaries []AcceleratorSummary
	for _, t := range tenants {
		if t.Kind != models.TenantAccelerator || t.ProgrammeID != programmeID {
			continue
		}
		count, err := o.peopleCount(ctx, t.ID)
		if err != nil {
			return nil, err
		}
		summaries = append(summaries, AcceleratorSummary{Tenant: t, RegionName: ITL1RegionName(t.ITL1Region), PeopleCount: count})
	}
	return summaries, nil
}

func (o *Overview) peopleCount(ctx context.Context, tenantID int64) (int, error) {
	members, err := o.store.Members(ctx, tenantID)
	if err != nil {
		return 0, fmt.Errorf("count people: %w", err)
	}
	seen := map[int64]bool{}
	for _, m := range members {
		seen[m.ID] = true
	}
	return len(seen), nil
}
