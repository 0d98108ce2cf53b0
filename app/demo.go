package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// The demo programme as the README describes it (`portal seed --demo`): £100m over FY 2023-24 to 2025-26.
const (
	DemoProgrammeName     = "Innovation Accelerators"
	demoProgrammeEnvelope = 100_000_000_00 // pence
	CentralTenantSlug     = "central"
)

// demoTenants are the central tenant and the three pilot accelerators.
var demoTenants = []models.Tenant{
	{Kind: models.TenantCentral, Slug: CentralTenantSlug, Name: "Central government", LeadBody: "Department for Science, Innovation and Technology with Innovate UK"},
	{Kind: models.TenantAccelerator, Slug: "greater-manchester", Name: "Greater Manchester", LeadBody: "Greater Manchester Combined Authority", ITL1Region: "TLD", ReferencePrefix: "GM"},
	{Kind: models.TenantAccelerator, Slug: "west-midlands", Name: "West Midlands", LeadBody: "West Midlands Combined Authority", ITL1Region: "TLG", ReferencePrefix: "WM"},
	{Kind: models.TenantAccelerator, Slug: "glasgow-city-region", Name: "Glasgow City Region", LeadBody: "Glasgow City Council", ITL1Region: "TLM", ReferencePrefix: "GCR"},
}

// DemoPerson is a demo user: one for every role, and a few more so each accelerator has people.
type DemoPerson struct {
	Subject string
	Name    string
	Email   string
	Tenant  string
	Role    models.Role
}

// DemoPeople lists the demo users the development identity provider offers.
var DemoPeople = []DemoPerson{
	{"demo-programme-admin", "Alex Morgan", "alex.morgan@innovate.example", CentralTenantSlug, models.RoleProgrammeAdmin},
	{"demo-funding-approver", "Sam Okafor", "sam.okafor@dsit.example", CentralTenantSlug, models.RoleFundingApprover},
	{"demo-council-observer", "Ruth Campbell", "ruth.campbell@council.example", CentralTenantSlug, models.RoleObserver},
	{"demo-gm-director", "Tom Hughes", "tom.hughes@levellingup.example", "greater-manchester", models.RoleObserver},
	{"demo-gm-manager", "Nadia Rahman", "nadia.rahman@gmca.example", "greater-manchester", models.RolePartnershipManager},
	{"demo-gm-staff", "Chris Doyle", "chris.doyle@gmca.example", "greater-manchester", models.RolePartnershipStaff},
	{"demo-gm-lead", "Dr Helen Price", "helen.price@manchester-university.example", "greater-manchester", models.RoleProjectLead},
	{"demo-wm-manager", "Raj Patel", "raj.patel@wmca.example", "west-midlands", models.RolePartnershipManager},
	{"demo-wm-lead", "Dr Amira Khan", "amira.khan@manufacturing-catapult.example", "west-midlands", models.RoleProjectLead},
	{"demo-glasgow-manager", "Fiona MacLeod", "fiona.macleod@glasgow.example", "glasgow-city-region", models.RolePartnershipManager},
	{"demo-glasgow-staff", "Euan Stewart", "euan.stewart@glasgow.example", "glasgow-city-region", models.RolePartnershipStaff},
}

// SeedDemo creates the demo programme, its tenants and the demo users, keyed to the development identity
// provider's issuer, and each accelerator's register of organisations and projects. Whatever exists already
// is left as it is, so seeding twice changes nothing.
func SeedDemo(ctx context.Context, store *models.Store, issuer string, now time.Time) error {
	return store.Transaction(ctx, func(tx *models.Store) error {
		tenants, err := seedDemoAccounts(ctx, tx, issuer, now)
		if err != nil {
			return err
		}
		return seedDemoRegister(ctx, tx, issuer, tenants, now)
	})
}

// seedDemoAccounts creates the demo programme, its tenants and the demo users, and returns the tenants by slug.
func seedDemoAccounts(ctx context.Context, tx *models.Store, issuer string, now time.Time) (map[string]models.Tenant, error) {
	programme, err := seedProgramme(ctx, tx, now)
	if err != nil {
		return nil, err
	}
	tenants := map[string]models.Tenant{}
	for _, t := range demoTenants {
		if tenants[t.Slug], err = seedTenant(ctx, tx, programme.ID, t, now); err != nil {
			return nil, err
		}
	}
	for _, person := range DemoPeople {
		if err := seedPerson(ctx, tx, issuer, tenants[person.Tenant], person, now); err != nil {
			return nil, err
		}
	}
	return tenants, nil
}

func seedProgramme(ctx context.Context, store *models.Store, now time.Time) (models.Programme, error) {
	p, err := store.ProgrammeByName(ctx, DemoProgrammeName)
	if !errors.Is(err, models.ErrNotFound) {
		return p, err
	}
	p = models.Programme{
		Name: DemoProgrammeName, EnvelopePence: demoProgrammeEnvelope, FirstFinancialYear: 2023, LastFinancialYear: 2025,
		CreatedAt: now, UpdatedAt: now,
	}
	return p, store.CreateProgramme(ctx, &p)
}

func seedTenant(ctx context.Context, store *models.Store, programmeID int64, t models.Tenant, now time.Time) (models.Tenant, error) {
	existing, err := store.TenantBySlug(ctx, t.Slug)
	if !errors.Is(err, models.ErrNotFound) {
		return existing, err
	}
	t.ProgrammeID, t.CreatedAt, t.UpdatedAt = programmeID, now, now
	if err := store.CreateTenant(ctx, &t); err != nil {
		return t, fmt.Errorf("seed tenant %s: %w", t.Slug, err)
	}
	return t, nil
}

func seedPerson(ctx context.Context, store *models.Store, issuer string, t models.Tenant, person DemoPerson, now time.Time) error {
	user, err := store.UserByIdentity(ctx, issuer, person.Subject)
	if errors.Is(err, models.ErrNotFound) {
		user = models.User{Issuer: issuer, Subject: person.Subject, Email: person.Email, DisplayName: person.Name, CreatedAt: now, UpdatedAt: now}
		err = store.CreateUser(ctx, &user)
	}
	if err != nil {
		return fmt.Errorf("seed user %s: %w", person.Subject, err)
	}
	m := models.Membership{UserID: user.ID, TenantID: t.ID, Role: person.Role, CreatedAt: now}
	return store.AddMembership(ctx, &m)
}

// DevelopmentAccount is a person the development identity provider can sign in as.
type DevelopmentAccount struct {
	Subject, Email, Name, Description string
}

// DevelopmentAccounts lists the demo users and everyone with an open invitation through the development
// provider, so that a developer can invite someone and then sign in as them.
func DevelopmentAccounts(ctx context.Context, store *models.Store, providerName string, now time.Time) ([]DevelopmentAccount, error) {
	tenants, err := store.Tenants(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, t := range tenants {
		names[t.ID] = t.Name
	}
	var accounts []DevelopmentAccount
	for _, person := range DemoPeople {
		tenant, err := store.TenantBySlug(ctx, person.Tenant)
		if err != nil {
			continue // not seeded yet
		}
		accounts = append(accounts, DevelopmentAccount{person.Subject, person.Email, person.Name, person.Role.Label() + " — " + tenant.Name})
	}
	invitations, err := store.AllPendingInvitations(ctx, providerName, now)
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for _, inv := range invitations {
		if !listed[inv.Email] {
			listed[inv.Email] = true
			accounts = append(accounts, DevelopmentAccount{"invited:" + inv.Email, inv.Email, inv.Email, "Invited as " + inv.Role.Label() + " — " + names[inv.TenantID]})
		}
	}
	return accounts, nil
}
