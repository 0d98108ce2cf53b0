package app_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestOverviewHome_CountsWhatEachPersonMustDo builds a small register and reads each kind of home page:
// central government's counts per accelerator, an approver's queue (without their own submissions), an
// accelerator's counts, and a project lead's own projects.
func TestOverviewHome_CountsWhatEachPersonMustDo(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		gm, wm, lead := r.as(t, "demo-gm-manager"), r.as(t, "demo-wm-manager"), r.as(t, "demo-gm-lead")
		r.newProject(t, gm) // a GM draft
		r.advance(t, r.newProject(t, gm, ledBy(lead.UserID)), "demo-gm-manager", models.StatusChangesRequested)
		r.advance(t, r.newProject(t, gm), "demo-gm-manager", models.StatusSubmitted)
		r.advance(t, r.newProject(t, wm, func(in *app.ProjectInput) { in.GrantRequested = "600,000.50" }), "demo-wm-manager", models.StatusApproved)
		r.advance(t, r.newProject(t, wm), "demo-wm-manager", models.StatusClosed)
		overview := app.NewOverview(r.store)

		central, err := overview.Home(ctx, r.as(t, "demo-funding-approver"))
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for _, a := range central.Accelerators {
			rows = append(rows, fmt.Sprintf("%s (%s): %d draft, %d sent back, %d submitted, %d approved, %d pence approved",
				a.Tenant.Name, a.RegionName, a.Totals.Count(models.StatusDraft), a.Totals.Count(models.StatusChangesRequested),
				a.Totals.Count(models.StatusSubmitted), a.Totals.ApprovedCount(), a.Totals.Approved()))
		}
		want := []string{
			"Glasgow City Region (Scotland): 0 draft, 0 sent back, 0 submitted, 0 approved, 0 pence approved",
			"Greater Manchester (North West (England)): 1 draft, 1 sent back, 1 submitted, 0 approved, 0 pence approved",
			"West Midlands (West Midlands (England)): 0 draft, 0 sent back, 0 submitted, 2 approved, 135000050 pence approved",
		}
		if diff := cmp.Diff(want, rows); diff != "" {
			t.Errorf("accelerators (-want +got):\n%s", diff)
		}
		if central.Kind != app.HomeProgramme || central.AwaitingYou != 1 {
			t.Errorf("the approver's home: %s with %d awaiting, want the programme with 1", central.Kind, central.AwaitingYou)
		}

		accelerator, err := overview.Home(ctx, gm)
		if err != nil {
			t.Fatal(err)
		}
		if accelerator.Kind != app.HomeAccelerator || len(accelerator.Accelerators) != 0 || accelerator.AwaitingYou != 0 ||
			accelerator.Totals.Count(models.StatusDraft) != 1 || accelerator.Totals.Count(models.StatusSubmitted) != 1 {
			t.Errorf("the manager's home: %s, %d accelerators, %d awaiting them, totals %v", accelerator.Kind, len(accelerator.Accelerators), accelerator.AwaitingYou, accelerator.Totals)
		}

		led, err := overview.Home(ctx, lead)
		if err != nil {
			t.Fatal(err)
		}
		if led.Kind != app.HomeLead || len(led.Led) != 1 || led.Led[0].Status != models.StatusChangesRequested || led.Led[0].Missing != 0 {
			t.Errorf("the lead's home: %s with %+v, want their one project sent back, complete", led.Kind, led.Led)
		}
	})
}

// TestOverviewHome_AnApproverIsNotAskedToDecideWhatTheySubmitted gives the manager an approver's role in
// their own accelerator: their own submission is not in their queue.
func TestOverviewHome_AnApproverIsNotAskedToDecideWhatTheySubmitted(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		gm := r.as(t, "demo-gm-manager")
		tenant, err := r.store.TenantBySlug(ctx, "greater-manchester")
		if err != nil {
			t.Fatal(err)
		}
		if err := r.store.AddMembership(ctx, &models.Membership{UserID: gm.UserID, TenantID: tenant.ID, Role: models.RoleFundingApprover, CreatedAt: testNow}); err != nil {
			t.Fatal(err)
		}
		both := r.as(t, "demo-gm-manager")
		r.advance(t, r.newProject(t, both), "demo-gm-manager", models.StatusSubmitted)
		home, err := app.NewOverview(r.store).Home(ctx, both)
		if err != nil {
			t.Fatal(err)
		}
		if home.AwaitingYou != 0 || home.Totals.Count(models.StatusSubmitted) != 1 {
			t.Errorf("awaiting them %d of %d submitted, want 0 of 1", home.AwaitingYou, home.Totals.Count(models.StatusSubmitted))
		}
	})
}

func TestOverviewHome_WithoutASignedInPrincipalIsForbidden(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		admin := principalOf(t, store, "demo-programme-admin")
		admin.UserID = 0

		if _, err := app.NewOverview(store).Home(context.Background(), admin); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("error %v, want ErrForbidden", err)
		}
	})
}
