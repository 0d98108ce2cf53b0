package models_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// Builders for the register's records, stored straight through the store (the app's rules are not under test
// here). Each has valid defaults that options change.

// newOrganisation stores a business of the tenant with a unique name and Companies House number.
func newOrganisation(t testing.TB, store *models.Store, tenant models.Tenant, opts ...func(*models.Organisation)) models.Organisation {
	t.Helper()
	o := models.Organisation{
		TenantID: tenant.ID, Name: unique("Organisation"), Kind: models.KindBusiness,
		CompaniesHouseNumber: companiesHouseNumber(), CreatedAt: testNow, UpdatedAt: testNow,
	}
	for _, opt := range opts {
		opt(&o)
	}
	if err := store.CreateOrganisation(context.Background(), &o); err != nil {
		t.Fatalf("create organisation: %v", err)
	}
	return o
}

// companiesHouseNumber is a well-formed number nobody else in this run has: eight digits.
func companiesHouseNumber() string { return fmt.Sprintf("%08d", sequence.Add(1)) }

func idText(id int64) string { return strconv.FormatInt(id, 10) }

// newProject stores a draft project of the tenant, led by the organisation and created by the user, in FY 2024-25.
func newProject(t testing.TB, store *models.Store, tenant models.Tenant, creator models.User, lead models.Organisation, opts ...func(*models.Project)) models.Project {
	t.Helper()
	p := models.Project{
		TenantID: tenant.ID, Reference: unique("REF"), Title: unique("Project"), LeadOrganisationID: &lead.ID,
		Sector: "advanced_materials", LocalAuthorityCode: ptr("E08000003"),
		StartDate: ptr(date("2024-04-01")), EndDate: ptr(date("2025-03-31")),
		TotalCostPence: ptr[int64](100_000_000), GrantRequestedPence: ptr[int64](75_000_000), PrivateCoInvestmentPence: ptr[int64](25_000_000),
		Status: models.StatusDraft, CreatedByUserID: creator.ID, CreatedAt: testNow, UpdatedAt: testNow,
	}
	for _, opt := range opts {
		opt(&p)
	}
	if err := store.CreateProject(context.Background(), &p); err != nil {
		t.Fatalf("create project: %v", err)
	}
	return p
}

// ptr returns a pointer to a copy of v, for the facts a project may leave out.
func ptr[T any](v T) *T { return &v }

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// registerFixture is one tenant's register: an organisation, a project it leads with a partner, a target and
// a lead, and an audit event about the project.
type registerFixture struct {
	tenant  models.Tenant
	lead    models.User
	org     models.Organisation
	partner models.Organisation
	project models.Project
}

func newRegisterFixture(t testing.TB, store *models.Store) registerFixture {
	t.Helper()
	f := registerFixture{tenant: newTenant(t, store), lead: newUser(t, store)}
	newMembership(t, store, f.lead, f.tenant, models.RoleProjectLead)
	f.org = newOrganisation(t, store, f.tenant)
	f.partner = newOrganisation(t, store, f.tenant)
	f.project = newProject(t, store, f.tenant, f.lead, f.org)
	err := store.ReplaceProjectParts(context.Background(), f.tenant.ID, f.project.ID, []int64{f.partner.ID},
		[]models.ProjectTarget{{IndicatorCode: "patents_filed", Target: 3}}, []int64{f.lead.ID})
	if err != nil {
		t.Fatalf("replace project parts: %v", err)
	}
	newAuditEvent(t, store, f.tenant.ID, "project", idText(f.project.ID))
	return f
}
