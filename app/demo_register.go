package app

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// The demo register: each accelerator's organisations and the programme's 26 projects (Glasgow City Region 11,
// Greater Manchester 10, West Midlands 5) in every state of the workflow. The businesses, research centres and
// charities are invented, and every identifier is fictional though well-formed; universities and public bodies
// are named only as the kind of partner such projects have, not as a record of what they did.

// demoApprover decides and closes the demo projects; each accelerator's partnership manager submits them.
const demoApprover = "demo-funding-approver"

// demoApproval is the reason given for approving a demo project that names none of its own.
const demoApproval = "Recommended by the local board; meets the programme's assessment criteria and offers value for money."

// demoStep is one workflow step of a demo project and who takes it.
type demoStep struct {
	by     string
	step   Transition
	reason string
}

// demoSeeder adds the register through the services, acting as the demo users, so every rule applies and each
// project's history reads as it would have happened: the manager submits, the funding approver decides, each
// on a plausible day.
type demoSeeder struct {
	organisations *Organisations
	projects      *Projects
	people        map[string]Principal // by demo subject
	clock         *demoClock
}

// demoClock is the day the seeding has reached in the register's story. It never passes the real now, and never
// goes back within a project's story.
type demoClock struct {
	at, now time.Time
}

func (c *demoClock) time() time.Time { return c.at }

// start begins a story on a day (or now, if that day has not come).
func (c *demoClock) start(day time.Time) { c.at = earliest(day, c.now) }

// after moves the story on by some days, stopping at now.
func (c *demoClock) after(days int) {
	c.at = earliest(c.at.Add(time.Duration(days)*24*time.Hour), c.now)
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// demoBoardsMet is when the local boards chose the first projects (March 2023): the organisations date from then.
func demoBoardsMet() time.Time { return time.Date(2023, 3, 14, 10, 30, 0, 0, time.UTC) }

// seedDemoRegister adds the demo organisations and projects that are not there yet: organisations are known
// by name and projects by title within their accelerator, so seeding again changes nothing.
func seedDemoRegister(ctx context.Context, tx *models.Store, issuer string, tenants map[string]models.Tenant, now time.Time) error {
	people, err := demoPrincipals(ctx, tx, issuer, tenants)
	if err != nil {
		return err
	}
	clock := &demoClock{now: now}
	s := demoSeeder{organisations: NewOrganisations(tx, clock.time), projects: NewProjects(tx, clock.time), people: people, clock: clock}
	for _, reg := range demoRegisters {
		if err := s.seedTenant(ctx, reg); err != nil {
			return fmt.Errorf("seed the register of %s: %w", reg.tenant, err)
		}
	}
	return nil
}

func demoPrincipals(ctx context.Context, tx *models.Store, issuer string, tenants map[string]models.Tenant) (map[string]Principal, error) {
	people := map[string]Principal{}
	for _, person := range DemoPeople {
		user, err := tx.UserByIdentity(ctx, issuer, person.Subject)
		if err != nil {
			return nil, fmt.Errorf("demo user %s: %w", person.Subject, err)
		}
		memberships, err := tx.MembershipsOfUser(ctx, user.ID)
		if err != nil {
			return nil, err
		}
		tenant := tenants[person.Tenant]
		people[person.Subject] = newPrincipal(user, tenant, rolesIn(memberships, tenant.ID))
	}
	return people, nil
}

func (s demoSeeder) seedTenant(ctx context.Context, reg demoTenantRegister) error {
	manager := s.people[reg.manager]
	s.clock.start(demoBoardsMet())
	organisations, err := s.seedOrganisations(ctx, manager, reg.organisations)
	if err != nil {
		return err
	}
	titles := map[string]bool{}
	err = s.projects.Export(ctx, manager, ProjectFilter{}, func(row ExportedProject) error {
		titles[row.Title] = true
		return nil
	})
	if err != nil {
		return err
	}
	for _, dp := range reg.projects {
		if titles[dp.title] {
			continue
		}
		if err := s.seedProject(ctx, reg.manager, organisations, dp); err != nil {
			return fmt.Errorf("project %q: %w", dp.title, err)
		}
	}
	return nil
}

// seedOrganisations creates the organisations the tenant lacks and returns the IDs of all of them by name.
func (s demoSeeder) seedOrganisations(ctx context.Context, manager Principal, orgs []demoOrganisation) (map[string]int64, error) {
	existing, err := s.organisations.List(ctx, manager, 0)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	for _, o := range existing {
		ids[o.Name] = o.ID
	}
	for _, o := range orgs {
		if ids[o.name] != 0 {
			continue
		}
		created, err := s.organisations.Create(ctx, manager, OrganisationInput{Name: o.name, Kind: o.kind,
			CompaniesHouseNumber: o.companiesHouse, UKPRN: o.ukprn, CharityNumber: o.charity, Town: o.town, LocalAuthorityCode: o.place})
		if err != nil {
			return nil, fmt.Errorf("organisation %q: %w", o.name, err)
		}
		ids[o.name] = created.ID
	}
	return ids, nil
}

func (s demoSeeder) seedProject(ctx context.Context, managerSubject string, organisations map[string]int64, dp demoProject) error {
	author := s.people[cmp.Or(dp.author, managerSubject)]
	start, err := time.Parse(time.DateOnly, dp.start)
	if err != nil {
		return err
	}
	// Registered some three months before it starts, at a time of day that differs from project to project.
	vary := len(dp.title) % 17
	s.clock.start(start.Add(time.Duration(-95-vary)*24*time.Hour + time.Duration(9*60+vary*23)*time.Minute))
	project, err := s.projects.Create(ctx, author, s.input(organisations, dp))
	if err != nil {
		return err
	}
	for _, step := range dp.steps(managerSubject) {
		s.clock.after(demoStepDays(step.step, vary))
		if project, err = s.projects.Transition(ctx, s.people[step.by], project.ID, step.step, step.reason, project.Version); err != nil {
			return fmt.Errorf("%s: %w", step.step, err)
		}
	}
	return nil
}

func (s demoSeeder) input(organisations map[string]int64, dp demoProject) ProjectInput {
	sector, other, _ := strings.Cut(dp.sector, ":")
	in := ProjectInput{Title: dp.title, Summary: dp.summary, LeadOrganisationID: organisations[dp.lead],
		Sector: sector, SectorOther: other, LocalAuthorityCode: dp.place, StartDate: dp.start, EndDate: dp.end,
		TotalCost: dp.cost, GrantRequested: dp.grant, PrivateCoInvestment: dp.private, Targets: map[string]string{}}
	for _, name := range strings.Split(dp.partners, "; ") {
		in.PartnerOrganisationIDs = append(in.PartnerOrganisationIDs, organisations[name])
	}
	for _, target := range strings.Fields(dp.targets) {
		code, value, _ := strings.Cut(target, "=")
		in.Targets[code] = value
	}
	for _, subject := range dp.leads {
		in.LeadUserIDs = append(in.LeadUserIDs, s.people[subject].UserID)
	}
	return in
}

// demoStepDays is how long after the step before it a demo step is taken: a fortnight or so to submit, some
// weeks to decide, months before an approved project is closed.
func demoStepDays(step Transition, vary int) int {
	switch step {
	case TransitionSubmit:
		return 10 + vary%6
	case TransitionWithdraw:
		return 15 + vary
	case TransitionClose:
		return 300 + vary
	}
	return 18 + vary
}

// steps is the path from draft to the project's outcome: the manager submits and withdraws, the funding
// approver decides and closes.
func (dp demoProject) steps(manager string) []demoStep {
	if dp.outcome == models.StatusDraft {
		return nil
	}
	steps := []demoStep{{manager, TransitionSubmit, ""}}
	if dp.revised != "" {
		steps = append(steps, demoStep{demoApprover, TransitionRequestChanges, dp.revised}, demoStep{manager, TransitionSubmit, ""})
	}
	switch dp.outcome {
	case models.StatusChangesRequested:
		steps = append(steps, demoStep{demoApprover, TransitionRequestChanges, dp.reason})
	case models.StatusRejected:
		steps = append(steps, demoStep{demoApprover, TransitionReject, dp.reason})
	case models.StatusWithdrawn:
		steps = append(steps, demoStep{manager, TransitionWithdraw, dp.reason})
	case models.StatusApproved:
		steps = append(steps, demoStep{demoApprover, TransitionApprove, cmp.Or(dp.reason, demoApproval)})
	case models.StatusClosed:
		steps = append(steps, demoStep{demoApprover, TransitionApprove, demoApproval}, demoStep{demoApprover, TransitionClose, dp.reason})
	}
	return steps
}
