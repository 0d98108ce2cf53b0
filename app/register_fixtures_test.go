package app_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// Fixtures for the register tests: the demo people over an empty register, and builders that create
// organisations and projects through the services with valid defaults that options change.

var sequence atomic.Int64

// unique returns a value nobody else in this run has, e.g. "Project 7".
func unique(prefix string) string { return fmt.Sprintf("%s %d", prefix, sequence.Add(1)) }

// seededAccounts fills db with the demo programme, tenants and users, but no organisations or projects.
func seededAccounts(t *testing.T, db *models.Database) *models.Store {
	t.Helper()
	store := models.NewStore(db.Gorm)
	if err := app.SeedDemoAccounts(context.Background(), store, devIssuer, testNow); err != nil {
		t.Fatalf("seed demo accounts: %v", err)
	}
	return store
}

// register is the register's services over a database holding the demo accounts, on the test clock.
type register struct {
	store    *models.Store
	orgs     *app.Organisations
	projects *app.Projects
	leadOrgs map[int64]int64 // a lead organisation per tenant, made on first use
}

func newRegister(t *testing.T, db *models.Database) *register {
	t.Helper()
	store := seededAccounts(t, db)
	return &register{store: store, orgs: app.NewOrganisations(store, clock), projects: app.NewProjects(store, clock), leadOrgs: map[int64]int64{}}
}

// as returns the principal of a demo user.
func (r *register) as(t *testing.T, subject string) app.Principal {
	t.Helper()
	return principalOf(t, r.store, subject)
}

// newOrganisation creates a business in p's tenant, with a unique name and no identifiers unless options say.
func newOrganisation(t *testing.T, svc *app.Organisations, p app.Principal, opts ...func(*app.OrganisationInput)) models.Organisation {
	t.Helper()
	in := app.OrganisationInput{Name: unique("Organisation"), Kind: "business", Town: "Manchester"}
	for _, opt := range opts {
		opt(&in)
	}
	o, err := svc.Create(context.Background(), p, in)
	if err != nil {
		t.Fatalf("create organisation %q: %v", in.Name, err)
	}
	return o
}

// projectInput is a valid project of p's tenant: a unique title, a lead organisation, dates in FY 2024-25,
// £1m total cost of which £750,000 grant, and one target.
func (r *register) projectInput(t *testing.T, p app.Principal) app.ProjectInput {
	t.Helper()
	if r.leadOrgs[p.TenantID] == 0 {
		r.leadOrgs[p.TenantID] = newOrganisation(t, r.orgs, p, func(in *app.OrganisationInput) { in.Name = "Lead " + p.TenantName }).ID
	}
	return app.ProjectInput{
		Title: unique("Project"), Summary: "A project made by a test.", LeadOrganisationID: r.leadOrgs[p.TenantID],
		Sector: "advanced_materials", LocalAuthorityCode: placeIn[p.TenantName], StartDate: "2024-04-01", EndDate: "2025-03-31",
		TotalCost: "1,000,000", GrantRequested: "750,000", PrivateCoInvestment: "250,000",
		Targets: map[string]string{"jobs_created": "5"},
	}
}

// placeIn is a local authority in each demo accelerator's region: Manchester, Birmingham, Glasgow City.
var placeIn = map[string]string{"Greater Manchester": "E08000003", "West Midlands": "E08000025", "Glasgow City Region": "S12000049"}

// newProject creates a draft project as p, from projectInput changed by the options.
func (r *register) newProject(t *testing.T, p app.Principal, opts ...func(*app.ProjectInput)) models.Project {
	t.Helper()
	in := r.projectInput(t, p)
	for _, opt := range opts {
		opt(&in)
	}
	project, err := r.projects.Create(context.Background(), p, in)
	if err != nil {
		t.Fatalf("create project %q: %v", in.Title, err)
	}
	return project
}

func titled(title string) func(*app.ProjectInput) {
	return func(in *app.ProjectInput) { in.Title = title }
}

func ledBy(userIDs ...int64) func(*app.ProjectInput) {
	return func(in *app.ProjectInput) { in.LeadUserIDs = userIDs }
}

// pathTo lists the workflow steps from draft to a status, with a reason for every step.
var pathTo = map[models.ProjectStatus][]app.Transition{
	models.StatusDraft:            nil,
	models.StatusSubmitted:        {app.TransitionSubmit},
	models.StatusChangesRequested: {app.TransitionSubmit, app.TransitionRequestChanges},
	models.StatusApproved:         {app.TransitionSubmit, app.TransitionApprove},
	models.StatusRejected:         {app.TransitionSubmit, app.TransitionReject},
	models.StatusWithdrawn:        {app.TransitionWithdraw},
	models.StatusClosed:           {app.TransitionSubmit, app.TransitionApprove, app.TransitionClose},
}

// advance takes a project of a tenant to a status: its manager submits and withdraws, the demo funding
// approver decides and closes.
func (r *register) advance(t *testing.T, project models.Project, manager string, status models.ProjectStatus) models.Project {
	t.Helper()
	for _, step := range pathTo[status] {
		who := r.as(t, manager)
		if step != app.TransitionSubmit && step != app.TransitionWithdraw {
			who = r.as(t, "demo-funding-approver")
		}
		var err error
		if project, err = r.projects.Transition(context.Background(), who, project.ID, step, "Because the test says so", project.Version); err != nil {
			t.Fatalf("%s project %d: %v", step, project.ID, err)
		}
	}
	if project.Status != status {
		t.Fatalf("project %d is %s, want %s", project.ID, project.Status, status)
	}
	return project
}

// fieldErrors returns the messages of a validation error by field, or nil for any other error.
func fieldErrors(err error) map[string]string {
	var verr *app.ValidationError
	if errors.As(err, &verr) {
		return verr.Fields
	}
	return nil
}

func idText(id int64) string { return strconv.FormatInt(id, 10) }
