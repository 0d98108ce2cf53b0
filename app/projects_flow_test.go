package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestProjects_WorkflowFromDraftToApprovalThroughAChangeRequest(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		store := seededAccounts(t, db)
		orgs := app.NewOrganisations(store, clock)
		projects := app.NewProjects(store, clock)
		manager := principalOf(t, store, "demo-gm-manager")
		approver := principalOf(t, store, "demo-funding-approver")

		lead, err := orgs.Create(ctx, manager, app.OrganisationInput{Name: "University of Manchester", Kind: "university", UKPRN: "10007798"})
		if err != nil {
			t.Fatalf("create organisation: %v", err)
		}
		project, err := projects.Create(ctx, manager, app.ProjectInput{
			Title: "Advanced materials pilot line", LeadOrganisationID: lead.ID, Sector: "advanced_materials",
			LocalAuthorityCode: "E08000003", StartDate: "2024-04-01", EndDate: "2025-03-31",
			TotalCost: "1,500,000", GrantRequested: "1000000.00", PrivateCoInvestment: "500000",
			Targets: map[string]string{"jobs_created": "12.5", "patents_filed": "3"},
		})
		if err != nil {
			t.Fatalf("create project: %v", err)
		}
		if project.Reference != "GM-2024-001" || project.Status != models.StatusDraft {
			t.Fatalf("created %s in %s, want GM-2024-001 in draft", project.Reference, project.Status)
		}
		steps := []struct {
			who    app.Principal
			step   app.Transition
			reason string
			want   models.ProjectStatus
		}{
			{manager, app.TransitionSubmit, "", models.StatusSubmitted},
			{approver, app.TransitionRequestChanges, "Add the private co-investment evidence", models.StatusChangesRequested},
			{manager, app.TransitionSubmit, "", models.StatusSubmitted},
			{approver, app.TransitionApprove, "Meets the assessment criteria", models.StatusApproved},
		}
		for _, s := range steps {
			got, err := projects.Transition(ctx, s.who, project.ID, s.step, s.reason, project.Version)
			if err != nil || got.Status != s.want {
				t.Fatalf("%s: status %s, %v; want %s", s.step, got.Status, err, s.want)
			}
			project = got
		}
		detail, err := projects.Get(ctx, approver, project.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(detail.History) != 5 || len(detail.Targets) != 2 || detail.Targets[0].Text == "" {
			t.Errorf("history %d events, targets %+v", len(detail.History), detail.Targets)
		}
		_, err = projects.Transition(ctx, manager, project.ID, app.TransitionSubmit, "", project.Version)
		var refusal *app.Refusal
		if !errors.As(err, &refusal) || !errors.Is(err, app.ErrConflict) {
			t.Errorf("submitting an approved project: %v, want a conflict refusal", err)
		}
		other := principalOf(t, store, "demo-wm-manager")
		if _, err := projects.Get(ctx, other, project.ID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("another accelerator reads the project: %v, want ErrNotFound", err)
		}
	})
}
