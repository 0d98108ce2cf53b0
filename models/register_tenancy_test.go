package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// registerScopedMethods lists the register's store methods that take a tenant or a scope (docs/security.md 22),
// each called about the fixture's records. A new one belongs here.
func registerScopedMethods(f registerFixture) map[string]tenantScopedCall {
	return map[string]tenantScopedCall{
		"Organisation": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.Organisation(ctx, models.InTenant(tenantID), f.org.ID)
			return err
		},
		"Organisations": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.Organisations(ctx, models.InTenant(tenantID))
			return err
		},
		"OrganisationsByIdentifier": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.OrganisationsByIdentifier(ctx, tenantID, f.org.CompaniesHouseNumber, "", "")
			return err
		},
		"CreateOrganisation": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			return s.CreateOrganisation(ctx, &models.Organisation{TenantID: tenantID, Name: unique("Organisation"), Kind: models.KindCharity, CreatedAt: testNow, UpdatedAt: testNow})
		},
		"UpdateOrganisation": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			o := f.org
			o.TenantID = tenantID
			return s.UpdateOrganisation(ctx, &o)
		},
		"Project": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.Project(ctx, models.InTenant(tenantID), f.project.ID)
			return err
		},
		"ProjectByReference": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.ProjectByReference(ctx, models.InTenant(tenantID), f.project.Reference)
			return err
		},
		"Projects": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.Projects(ctx, models.ProjectQuery{Scope: models.InTenant(tenantID), Limit: 10})
			return err
		},
		"CreateProject": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			p := f.project
			p.ID, p.TenantID, p.Reference = 0, tenantID, unique("REF")
			return s.CreateProject(ctx, &p)
		},
		"UpdateProject": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			p := f.project
			p.TenantID = tenantID
			return s.UpdateProject(ctx, &p, models.StatusDraft)
		},
		"NextProjectNumber": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.NextProjectNumber(ctx, tenantID, 2024)
			return err
		},
		"ProjectPartners": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.ProjectPartners(ctx, tenantID, f.project.ID)
			return err
		},
		"ProjectTargets": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.ProjectTargets(ctx, tenantID, f.project.ID)
			return err
		},
		"ProjectLeads": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.ProjectLeads(ctx, tenantID, f.project.ID)
			return err
		},
		"IsProjectLead": func(ctx context.Context, s *models.Store, tenantID, userID int64) error {
			_, err := s.IsProjectLead(ctx, tenantID, f.project.ID, userID)
			return err
		},
		"ReplaceProjectParts": func(ctx context.Context, s *models.Store, tenantID, userID int64) error {
			return s.ReplaceProjectParts(ctx, tenantID, f.project.ID, []int64{f.partner.ID}, nil, nil)
		},
		"CreateAPIToken": func(ctx context.Context, s *models.Store, tenantID, userID int64) error {
			return s.CreateAPIToken(ctx, &models.APIToken{UserID: userID, TenantID: tenantID, Name: "Script", TokenHash: unique("hash"),
				Prefix: "iap_abcdef", ExpiresAt: testNow.Add(time.Hour), CreatedAt: testNow})
		},
		"History": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
			_, err := s.History(ctx, tenantID, "project", idText(f.project.ID))
			return err
		},
	}
}

func TestRegisterStoreMethods_RefuseAMissingTenantWithoutRunningAnyQuery(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		f := newRegisterFixture(t, models.NewStore(db.Gorm))
		for name, call := range registerScopedMethods(f) {
			t.Run(name, func(t *testing.T) {
				for _, missing := range []int64{0, -1} {
					store, statements := countingStore(db)
					if err := call(context.Background(), store, missing, f.lead.ID); !errors.Is(err, models.ErrNoTenant) {
						t.Errorf("tenant %d: error %v, want ErrNoTenant", missing, err)
					}
					if n := statements.Load(); n != 0 {
						t.Errorf("tenant %d: ran %d statements, want none", missing, n)
					}
				}
				// The counter must see the queries a real tenant causes, or the check above proves nothing.
				store, statements := countingStore(db)
				if err := call(context.Background(), store, f.tenant.ID, f.lead.ID); errors.Is(err, models.ErrNoTenant) || statements.Load() == 0 {
					t.Errorf("tenant %d: error %v after %d statements, want the query run", f.tenant.ID, err, statements.Load())
				}
			})
		}
	})
}

func TestRegisterStoreQueries_WithTheZeroScopeAreRefused(t *testing.T) {
	reads := map[string]func(ctx context.Context, s *models.Store) error{
		"Organisation": func(ctx context.Context, s *models.Store) error {
			_, err := s.Organisation(ctx, models.Scope{}, 1)
			return err
		},
		"Organisations": func(ctx context.Context, s *models.Store) error {
			_, err := s.Organisations(ctx, models.Scope{})
			return err
		},
		"Project": func(ctx context.Context, s *models.Store) error {
			_, err := s.Project(ctx, models.Scope{}, 1)
			return err
		},
		"ProjectByReference": func(ctx context.Context, s *models.Store) error {
			_, err := s.ProjectByReference(ctx, models.Scope{}, "GM-2024-001")
			return err
		},
		"Projects": func(ctx context.Context, s *models.Store) error {
			_, err := s.Projects(ctx, models.ProjectQuery{Text: "anything", Limit: 10})
			return err
		},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		newRegisterFixture(t, models.NewStore(db.Gorm))
		for name, read := range reads {
			store, statements := countingStore(db)
			if err := read(context.Background(), store); !errors.Is(err, models.ErrNoTenant) || statements.Load() != 0 {
				t.Errorf("%s: error %v after %d statements, want ErrNoTenant before any", name, err, statements.Load())
			}
		}
	})
}
