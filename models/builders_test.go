package models_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// Builders for test data: each stores a valid record with sensible defaults, which options change.
// Names and keys are unique within the run, so a test can build as many as it needs.

// testNow is the fixed clock the store tests use; times are whole seconds in UTC, as both databases keep them.
var testNow = time.Date(2024, time.June, 3, 9, 30, 0, 0, time.UTC)

var sequence atomic.Int64

// unique returns a value nobody else in this run has, e.g. "tenant-7".
func unique(prefix string) string {
	return fmt.Sprintf("%s-%d", prefix, sequence.Add(1))
}

func newProgramme(t testing.TB, store *models.Store) models.Programme {
	t.Helper()
	p := models.Programme{
		Name: unique("programme"), EnvelopePence: 100_000_000_00, FirstFinancialYear: 2023, LastFinancialYear: 2025,
		CreatedAt: testNow, UpdatedAt: testNow,
	}
	if err := store.CreateProgramme(context.Background(), &p); err != nil {
		t.Fatalf("create programme: %v", err)
	}
	return p
}

// newTenant stores an accelerator in a programme of its own, unless options say otherwise.
func newTenant(t testing.TB, store *models.Store, opts ...func(*models.Tenant)) models.Tenant {
	t.Helper()
	slug := unique("tenant")
	tenant := models.Tenant{
		Kind: models.TenantAccelerator, Slug: slug, Name: "Accelerator " + slug, LeadBody: "A combined authority",
		ITL1Region: "TLD", CreatedAt: testNow, UpdatedAt: testNow,
	}
	for _, opt := range opts {
		opt(&tenant)
	}
	if tenant.ProgrammeID == 0 {
		tenant.ProgrammeID = newProgramme(t, store).ID
	}
	if err := store.CreateTenant(context.Background(), &tenant); err != nil {
		t.Fatalf("create tenant: %v", err)
	}
	return tenant
}

func withSlug(slug string) func(*models.Tenant) { return func(t *models.Tenant) { t.Slug = slug } }

func withKind(kind models.TenantKind) func(*models.Tenant) {
	return func(t *models.Tenant) { t.Kind = kind }
}

func newUser(t testing.TB, store *models.Store, opts ...func(*models.User)) models.User {
	t.Helper()
	subject := unique("subject")
	u := models.User{
		Issuer: "https://idp.example", Subject: subject, Email: subject + "@example.org", DisplayName: "Person " + subject,
		CreatedAt: testNow, UpdatedAt: testNow,
	}
	for _, opt := range opts {
		opt(&u)
	}
	if err := store.CreateUser(context.Background(), &u); err != nil {
		t.Fatalf("create user: %v", err)
	}
	return u
}

func withIdentity(issuer, subject string) func(*models.User) {
	return func(u *models.User) { u.Issuer, u.Subject = issuer, subject }
}

func newMembership(t testing.TB, store *models.Store, user models.User, tenant models.Tenant, role models.Role) models.Membership {
	t.Helper()
	m := models.Membership{UserID: user.ID, TenantID: tenant.ID, Role: role, CreatedAt: testNow}
	if err := store.AddMembership(context.Background(), &m); err != nil {
		t.Fatalf("add membership: %v", err)
	}
	return m
}

// newInvitation stores an open invitation to the tenant as partnership staff, valid for a fortnight.
func newInvitation(t testing.TB, store *models.Store, tenant models.Tenant, opts ...func(*models.Invitation)) models.Invitation {
	t.Helper()
	inv := invitation(tenant, opts...)
	if err := store.SaveInvitation(context.Background(), &inv); err != nil {
		t.Fatalf("save invitation: %v", err)
	}
	return inv
}

// invitation is newInvitation's value before it is stored.
func invitation(tenant models.Tenant, opts ...func(*models.Invitation)) models.Invitation {
	inv := models.Invitation{
		TenantID: tenant.ID, Email: unique("invitee") + "@example.org", Role: models.RolePartnershipStaff,
		Provider: "development", ExpiresAt: testNow.Add(14 * 24 * time.Hour), CreatedAt: testNow,
	}
	for _, opt := range opts {
		opt(&inv)
	}
	return inv
}

func withEmail(email string) func(*models.Invitation) {
	return func(i *models.Invitation) { i.Email = email }
}

// newSession stores a session that began at testNow and was last seen then, ending twelve hours later.
func newSession(t testing.TB, store *models.Store, user models.User, tenant models.Tenant, opts ...func(*models.Session)) models.Session {
	t.Helper()
	sess := models.Session{
		IDHash: unique("session"), UserID: user.ID, TenantID: tenant.ID, Provider: "development",
		CreatedAt: testNow, LastSeenAt: testNow, ExpiresAt: testNow.Add(12 * time.Hour),
	}
	for _, opt := range opts {
		opt(&sess)
	}
	if err := store.CreateSession(context.Background(), &sess); err != nil {
		t.Fatalf("create session: %v", err)
	}
	return sess
}

func lastSeen(at time.Time) func(*models.Session) {
	return func(s *models.Session) { s.LastSeenAt = at }
}

func endingAt(at time.Time) func(*models.Session) {
	return func(s *models.Session) { s.ExpiresAt = at }
}

// newAuditEvent appends an event about one record of a tenant.
func newAuditEvent(t testing.TB, store *models.Store, tenantID int64, entityType, entityID string) models.AuditEvent {
	t.Helper()
	e := models.AuditEvent{
		OccurredAt: testNow, TenantID: &tenantID, Action: "test.happened", EntityType: entityType, EntityID: entityID,
		Detail: unique("detail"),
	}
	if err := store.AppendAuditEvent(context.Background(), &e); err != nil {
		t.Fatalf("append audit event: %v", err)
	}
	return e
}
