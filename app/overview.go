package app

import (
	"context"
	"fmt"

	"github.com/innovation-accelerators/portal/models"
)

// Overview answers the home pages: what each person must do next, and the programme or their accelerator at
// a glance. Each page's counts come from one grouped query, however many accelerators there are.
type Overview struct {
	store *models.Store
}

// NewOverview returns the service.
func NewOverview(store *models.Store) *Overview {
	return &Overview{store: store}
}

// HomeKind says which home page a principal gets.
type HomeKind string

const (
	HomeProgramme   HomeKind = "programme"   // central government: every accelerator
	HomeAccelerator HomeKind = "accelerator" // an accelerator's manager, staff or observer
	HomeLead        HomeKind = "lead"        // a project lead: their own projects
)

// Home is what a principal's home page shows.
type Home struct {
	Kind      HomeKind
	Programme models.Programme
	Tenant    models.Tenant
	// AwaitingYou is how many submitted projects the principal may decide on (approvers only).
	AwaitingYou int64
	// Accelerators is every accelerator of the programme with its projects by status (programme page).
	Accelerators []AcceleratorSummary
	// Totals is the projects by status of everything the principal sees (programme and accelerator pages).
	Totals StatusTotals
	// Led is the principal's own projects and what each needs (project leads).
	Led []LedProject
}

// StatusTotals counts projects and their grant requested by status.
type StatusTotals map[models.ProjectStatus]StatusTotal

// StatusTotal is the projects in one status and the grant they request.
type StatusTotal struct {
	Projects   int64
	GrantPence int64
}

// Count is how many projects are in a status.
func (t StatusTotals) Count(s models.ProjectStatus) int64 { return t[s].Projects }

// Grant is the grant requested by the projects in a status.
func (t StatusTotals) Grant(s models.ProjectStatus) int64 { return t[s].GrantPence }

// Approved is the grant of the approved and closed projects: what has been agreed.
func (t StatusTotals) Approved() int64 {
	return t[models.StatusApproved].GrantPence + t[models.StatusClosed].GrantPence
}

// ApprovedCount is how many projects are approved or closed.
func (t StatusTotals) ApprovedCount() int64 {
	return t[models.StatusApproved].Projects + t[models.StatusClosed].Projects
}

func (t StatusTotals) add(tally models.ProjectTally) {
	total := t[tally.Status]
	total.Projects += tally.Projects
	total.GrantPence += tally.GrantPence
	t[tally.Status] = total
}

// AcceleratorSummary is one accelerator as the programme page lists it.
type AcceleratorSummary struct {
	Tenant     models.Tenant
	RegionName string
	Totals     StatusTotals
}

// Home returns the principal's home page.
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
	home := Home{Programme: programme, Tenant: tenant, Totals: StatusTotals{}}
	switch {
	case p.Can(ActionViewProgramme):
		home.Kind = HomeProgramme
		err = o.programme(ctx, p, &home)
	case p.OnlyOwnProjects():
		home.Kind = HomeLead
		home.Led, err = o.led(ctx, p)
	default:
		home.Kind = HomeAccelerator
		err = o.tally(ctx, p, models.InTenant(p.TenantID), &home, nil)
	}
	return home, err
}

// programme fills the programme page: every accelerator of the programme, with or without projects.
func (o *Overview) programme(ctx context.Context, p Principal, home *Home) error {
	tenants, err := o.store.Tenants(ctx)
	if err != nil {
		return fmt.Errorf("list tenants: %w", err)
	}
	index := map[int64]int{}
	for _, t := range tenants {
		if t.Kind == models.TenantAccelerator && t.ProgrammeID == home.Programme.ID {
			index[t.ID] = len(home.Accelerators)
			home.Accelerators = append(home.Accelerators, AcceleratorSummary{Tenant: t, RegionName: ITL1RegionName(t.ITL1Region), Totals: StatusTotals{}})
		}
	}
	return o.tally(ctx, p, models.AllTenants(), home, func(tally models.ProjectTally) {
		if i, ok := index[tally.TenantID]; ok {
			home.Accelerators[i].Totals.add(tally)
		}
	})
}

// tally reads the grouped counts once and adds them up: into the page's totals, the approver's queue and,
// through each, wherever the page wants them per tenant.
func (o *Overview) tally(ctx context.Context, p Principal, scope models.Scope, home *Home, each func(models.ProjectTally)) error {
	tallies, err := o.store.ProjectTallies(ctx, models.TallyQuery{Scope: scope, DecidedBy: p.UserID})
	if err != nil {
		return fmt.Errorf("tally projects: %w", err)
	}
	for _, t := range tallies {
		home.Totals.add(t)
		if p.Can(ActionDecideProjects) {
			home.AwaitingYou += t.AwaitingOthers
		}
		if each != nil {
			each(t)
		}
	}
	return nil
}

// ledLimit bounds a project lead's home page list; the register lists the rest.
const ledLimit = 50

// LedProject is one of a project lead's projects and what it needs from them.
type LedProject struct {
	models.LedProject
	Missing int // answers still to give before it can be submitted (drafts and projects sent back)
}

func (o *Overview) led(ctx context.Context, p Principal) ([]LedProject, error) {
	rows, err := o.store.ProjectsLedBy(ctx, models.InTenant(p.TenantID), p.UserID, ledLimit)
	if err != nil {
		return nil, fmt.Errorf("list led projects: %w", err)
	}
	led := make([]LedProject, 0, len(rows))
	for _, r := range rows {
		led = append(led, LedProject{LedProject: r, Missing: len(MissingForSubmission(r.Project).Fields)})
	}
	return led, nil
}
