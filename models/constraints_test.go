package models_test

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestStoreWrites_RefusedByTheSchemaGiveDialectFreeSentinels(t *testing.T) {
	type fixtures struct {
		raw    *gorm.DB // past row-level security, to reach the schema's own checks
		tenant models.Tenant
		user   models.User
	}
	cases := []struct {
		name  string
		write func(ctx context.Context, store *models.Store, f fixtures) error
		want  error
	}{
		{"membership with a role outside the list", func(ctx context.Context, s *models.Store, f fixtures) error {
			return s.AddMembership(ctx, &models.Membership{UserID: f.user.ID, TenantID: f.tenant.ID, Role: "king", CreatedAt: testNow})
		}, models.ErrConstraint},
		{"raw insert of a membership with a role outside the list", func(ctx context.Context, _ *models.Store, f fixtures) error {
			return models.Translate(f.raw.Exec("INSERT INTO memberships (user_id, tenant_id, role, created_at) VALUES (?, ?, 'king', ?)",
				f.user.ID, f.tenant.ID, testNow).Error)
		}, models.ErrConstraint},
		{"invitation with a role outside the list", func(ctx context.Context, s *models.Store, f fixtures) error {
			inv := invitation(f.tenant, func(i *models.Invitation) { i.Role = "king" })
			return s.SaveInvitation(ctx, &inv)
		}, models.ErrConstraint},
		{"tenant of an unknown kind", func(ctx context.Context, s *models.Store, f fixtures) error {
			return s.CreateTenant(ctx, &models.Tenant{ProgrammeID: f.tenant.ProgrammeID, Kind: "county", Slug: unique("county"), Name: "A county", CreatedAt: testNow, UpdatedAt: testNow})
		}, models.ErrConstraint},
		{"programme with a negative envelope", func(ctx context.Context, s *models.Store, _ fixtures) error {
			return s.CreateProgramme(ctx, &models.Programme{Name: unique("programme"), EnvelopePence: -1, FirstFinancialYear: 2023, LastFinancialYear: 2025, CreatedAt: testNow, UpdatedAt: testNow})
		}, models.ErrConstraint},
		{"programme ending before it starts", func(ctx context.Context, s *models.Store, _ fixtures) error {
			return s.CreateProgramme(ctx, &models.Programme{Name: unique("programme"), FirstFinancialYear: 2025, LastFinancialYear: 2023, CreatedAt: testNow, UpdatedAt: testNow})
		}, models.ErrConstraint},
		{"tenant with a slug taken", func(ctx context.Context, s *models.Store, f fixtures) error {
			return s.CreateTenant(ctx, &models.Tenant{ProgrammeID: f.tenant.ProgrammeID, Kind: models.TenantAccelerator, Slug: f.tenant.Slug, Name: "Twin", CreatedAt: testNow, UpdatedAt: testNow})
		}, models.ErrConflict},
		{"second central tenant of a programme", func(ctx context.Context, s *models.Store, f fixtures) error {
			central := models.Tenant{ProgrammeID: f.tenant.ProgrammeID, Kind: models.TenantCentral, Slug: unique("central"), Name: "Central", CreatedAt: testNow, UpdatedAt: testNow}
			if err := s.CreateTenant(ctx, &central); err != nil {
				return err
			}
			central.ID, central.Slug = 0, unique("central")
			return s.CreateTenant(ctx, &central)
		}, models.ErrConflict},
		{"membership of a user who does not exist", func(ctx context.Context, s *models.Store, f fixtures) error {
			return s.AddMembership(ctx, &models.Membership{UserID: f.user.ID + 1000, TenantID: f.tenant.ID, Role: models.RoleObserver, CreatedAt: testNow})
		}, models.ErrInvalidReference},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		f := fixtures{raw: modeltest.Superuser(t, db), tenant: newTenant(t, store), user: newUser(t, store)}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				if err := c.write(context.Background(), store, f); !errors.Is(err, c.want) {
					t.Errorf("error %v, want %v", err, c.want)
				}
			})
		}
	})
}
