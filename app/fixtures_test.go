package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// Fixtures shared by the app tests: the demo data over a real database, and the principals of its people.

// testNow is the clock the services run on in these tests.
var testNow = time.Date(2024, time.June, 3, 9, 30, 0, 0, time.UTC)

func clock() time.Time { return testNow }

// devIssuer is the development provider's issuer the demo users are keyed to.
const devIssuer = "http://localhost:8080/dev-idp"

// devProvider is the one identity provider, serving every tenant, unless a test configures others.
var devProvider = app.ProviderConfig{Name: "development", DisplayName: "the development sign-in", Issuer: devIssuer, ClientID: "portal-test", Tenants: []string{"*"}}

// seeded fills db with the demo programme, tenants and users, and returns a store over it.
func seeded(t *testing.T, db *models.Database) *models.Store {
	t.Helper()
	store := models.NewStore(db.Gorm)
	if err := app.SeedDemo(context.Background(), store, devIssuer, testNow); err != nil {
		t.Fatalf("seed demo data: %v", err)
	}
	return store
}

// principalOf returns the principal a demo user signs in as: their tenant and their roles there.
func principalOf(t *testing.T, store *models.Store, subject string) app.Principal {
	t.Helper()
	ctx := context.Background()
	user, err := store.UserByIdentity(ctx, devIssuer, subject)
	if err != nil {
		t.Fatalf("demo user %s: %v", subject, err)
	}
	memberships, err := store.MembershipsOfUser(ctx, user.ID)
	if err != nil || len(memberships) == 0 {
		t.Fatalf("memberships of %s: %v (%d)", subject, err, len(memberships))
	}
	tenant, err := store.Tenant(ctx, memberships[0].TenantID)
	if err != nil {
		t.Fatal(err)
	}
	p := app.Principal{UserID: user.ID, Name: user.DisplayName, Email: user.Email, TenantID: tenant.ID, TenantName: tenant.Name, TenantKind: tenant.Kind}
	for _, m := range memberships {
		if m.TenantID == tenant.ID {
			p.Roles = append(p.Roles, m.Role)
		}
	}
	return p
}

func tenantBySlug(t *testing.T, store *models.Store, slug string) models.Tenant {
	t.Helper()
	tenant, err := store.TenantBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("tenant %s: %v", slug, err)
	}
	return tenant
}
