package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestOrganisationUpdate_WithAStaleVersionIsAConflictAndLeavesTheRecord(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		o := newOrganisation(t, r.orgs, manager)
		first := app.OrganisationInput{Name: "Renamed once", Kind: "business", Version: o.Version}
		updated, err := r.orgs.Update(ctx, manager, o.ID, first)
		if err != nil || updated.Version != o.Version+1 {
			t.Fatalf("first update: version %d, %v; want %d", updated.Version, err, o.Version+1)
		}
		stale := app.OrganisationInput{Name: "Renamed from an old page", Kind: "business", Version: o.Version}
		_, err = r.orgs.Update(ctx, r.as(t, "demo-gm-staff"), o.ID, stale)
		var refusal *app.Refusal
		if !errors.Is(err, app.ErrConflict) || !errors.As(err, &refusal) {
			t.Errorf("update from a stale version: %v, want a conflict refusal", err)
		}
		if got, _ := r.orgs.Get(ctx, manager, o.ID); got.Name != "Renamed once" {
			t.Errorf("name %q after the refused update, want %q", got.Name, "Renamed once")
		}
	})
}

func TestOrganisations_AnotherAcceleratorsOrganisationIsNotFound(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		gm := newOrganisation(t, r.orgs, r.as(t, "demo-gm-manager"))
		for _, subject := range []string{"demo-wm-manager", "demo-wm-lead", "demo-glasgow-staff"} {
			p := r.as(t, subject)
			if _, err := r.orgs.Get(ctx, p, gm.ID); !errors.Is(err, app.ErrNotFound) {
				t.Errorf("%s reads it: %v, want ErrNotFound", subject, err)
			}
			if _, err := r.orgs.Update(ctx, p, gm.ID, app.OrganisationInput{Name: "Taken over", Kind: "business", Version: gm.Version}); !errors.Is(err, app.ErrNotFound) {
				t.Errorf("%s updates it: %v, want ErrNotFound", subject, err)
			}
			if _, err := r.orgs.List(ctx, p, gm.TenantID); !errors.Is(err, app.ErrNotFound) {
				t.Errorf("%s lists its accelerator: %v, want ErrNotFound", subject, err)
			}
		}
	})
}

func TestOrganisationList_CentralRolesSeeEveryAcceleratorsOrganisations(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		gm := newOrganisation(t, r.orgs, r.as(t, "demo-gm-manager"))
		wm := newOrganisation(t, r.orgs, r.as(t, "demo-wm-manager"))
		for _, subject := range []string{"demo-programme-admin", "demo-funding-approver", "demo-council-observer"} {
			p := r.as(t, subject)
			all, err := r.orgs.List(ctx, p, 0)
			if err != nil || len(all) != 2 {
				t.Errorf("%s lists %d organisations, %v; want both accelerators' 2", subject, len(all), err)
			}
			one, err := r.orgs.List(ctx, p, wm.TenantID)
			if err != nil || len(one) != 1 || one[0].ID != wm.ID {
				t.Errorf("%s lists West Midlands: %+v, %v; want only %q", subject, one, err, wm.Name)
			}
			if got, err := r.orgs.Get(ctx, p, gm.ID); err != nil || got.ID != gm.ID {
				t.Errorf("%s reads a Greater Manchester organisation: %v", subject, err)
			}
		}
		if own, err := r.orgs.List(ctx, r.as(t, "demo-gm-director"), 0); err != nil || len(own) != 1 || own[0].ID != gm.ID {
			t.Errorf("an observer of Greater Manchester lists %+v, %v; want only its own", own, err)
		}
	})
}

func TestOrganisationWrites_RolesThatCannotManageOrganisationsAreForbidden(t *testing.T) {
	cases := []struct {
		subject string
		want    error
	}{
		{"demo-programme-admin", app.ErrForbidden},
		{"demo-funding-approver", app.ErrForbidden},
		{"demo-council-observer", app.ErrForbidden},
		{"demo-gm-director", app.ErrForbidden},
		{"demo-gm-manager", nil},
		{"demo-gm-staff", nil},
		{"demo-gm-lead", nil},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		existing := newOrganisation(t, r.orgs, r.as(t, "demo-gm-manager"))
		for _, c := range cases {
			p := r.as(t, c.subject)
			_, createErr := r.orgs.Create(ctx, p, app.OrganisationInput{Name: unique("Organisation"), Kind: "rto"})
			current, err := r.orgs.Get(ctx, p, existing.ID)
			if err != nil {
				t.Fatalf("%s reads the organisation: %v", c.subject, err)
			}
			_, updateErr := r.orgs.Update(ctx, p, existing.ID, app.OrganisationInput{Name: unique("Renamed"), Kind: "rto", Version: current.Version})
			for what, err := range map[string]error{"create": createErr, "update": updateErr} {
				if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
					t.Errorf("%s may %s: %v, want %v", c.subject, what, err, c.want)
				}
			}
		}
	})
}
