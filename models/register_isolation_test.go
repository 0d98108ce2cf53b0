package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// leaked counts what a call made with one tenant returned of another tenant's records; not found is none.
func leaked[T any](rows []T, err error) (int, error) {
	if errors.Is(err, models.ErrNotFound) {
		return 0, nil
	}
	return len(rows), err
}

func one[T any](row T, err error) ([]T, error) { return []T{row}, err }

func TestRegisterTenantQueries_NeverReturnAnotherTenantsRows(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		store := models.NewStore(db.Gorm)
		mine, theirs := newRegisterFixture(t, store), newRegisterFixture(t, store)
		me := mine.tenant.ID
		reads := map[string]func() (int, error){
			"Organisation": func() (int, error) { return leaked(one(store.Organisation(ctx, models.InTenant(me), theirs.org.ID))) },
			"Organisations": func() (int, error) {
				os, err := store.Organisations(ctx, models.InTenant(me))
				return len(os) - 2, err // mine has two
			},
			"OrganisationsByIdentifier": func() (int, error) {
				return leaked(store.OrganisationsByIdentifier(ctx, me, theirs.org.CompaniesHouseNumber, "", ""))
			},
			"Project": func() (int, error) { return leaked(one(store.Project(ctx, models.InTenant(me), theirs.project.ID))) },
			"ProjectByReference": func() (int, error) {
				return leaked(one(store.ProjectByReference(ctx, models.InTenant(me), theirs.project.Reference)))
			},
			"Projects naming their tenant": func() (int, error) {
				list, err := store.Projects(ctx, models.ProjectQuery{Scope: models.InTenant(me), TenantID: theirs.tenant.ID, Limit: 10})
				rows := list.Rows
				return leaked(rows, err)
			},
			"ProjectPartners": func() (int, error) { return leaked(store.ProjectPartners(ctx, me, theirs.project.ID)) },
			"ProjectTargets":  func() (int, error) { return leaked(store.ProjectTargets(ctx, me, theirs.project.ID)) },
			"ProjectLeads":    func() (int, error) { return leaked(store.ProjectLeads(ctx, me, theirs.project.ID)) },
			"IsProjectLead": func() (int, error) {
				leads, err := store.IsProjectLead(ctx, me, theirs.project.ID, theirs.lead.ID)
				if leads {
					return 1, err
				}
				return 0, err
			},
			"History": func() (int, error) { return leaked(store.History(ctx, me, "project", idText(theirs.project.ID))) },
		}
		for name, read := range reads {
			if n, err := read(); n != 0 || err != nil {
				t.Errorf("%s: %d of the other tenant's rows, error %v", name, n, err)
			}
		}
	})
}

func TestRegisterTenantWrites_NeverChangeAnotherTenantsRows(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		store := models.NewStore(db.Gorm)
		mine, theirs := newRegisterFixture(t, store), newRegisterFixture(t, store)
		before := registerState(t, store, theirs)

		org := theirs.org
		org.TenantID, org.Name = mine.tenant.ID, "Taken over"
		if err := store.UpdateOrganisation(ctx, &org); !errors.Is(err, models.ErrConflict) {
			t.Errorf("UpdateOrganisation: %v, want ErrConflict", err)
		}
		project := theirs.project
		project.TenantID, project.Title = mine.tenant.ID, "Taken over"
		if err := store.UpdateProject(ctx, &project, models.StatusDraft); !errors.Is(err, models.ErrConflict) {
			t.Errorf("UpdateProject: %v, want ErrConflict", err)
		}
		err := store.ReplaceProjectParts(ctx, mine.tenant.ID, theirs.project.ID, []int64{mine.partner.ID},
			[]models.ProjectTarget{{IndicatorCode: "spin_outs_created", Target: 9}}, []int64{mine.lead.ID})
		if !errors.Is(err, models.ErrNotFound) {
			t.Errorf("ReplaceProjectParts: %v, want ErrNotFound", err)
		}
		if diff := cmp.Diff(before, registerState(t, store, theirs)); diff != "" {
			t.Errorf("the other tenant's register changed (-before +after):\n%s", diff)
		}
	})
}

// registerState is a tenant's organisation, project and the project's parts, as its own tenant reads them.
func registerState(t *testing.T, store *models.Store, f registerFixture) []any {
	t.Helper()
	ctx := context.Background()
	org, err1 := store.Organisation(ctx, models.InTenant(f.tenant.ID), f.org.ID)
	project, err2 := store.Project(ctx, models.InTenant(f.tenant.ID), f.project.ID)
	partners, err3 := store.ProjectPartners(ctx, f.tenant.ID, f.project.ID)
	targets, err4 := store.ProjectTargets(ctx, f.tenant.ID, f.project.ID)
	leads, err5 := store.ProjectLeads(ctx, f.tenant.ID, f.project.ID)
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		t.Fatal(err)
	}
	return []any{org, project, partners, targets, leads}
}
