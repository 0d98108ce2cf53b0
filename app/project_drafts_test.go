package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// everythingMissing is what a draft with nothing given lacks before it can be submitted, field by field.
var everythingMissing = map[string]string{
	"title":                 "Enter the project title",
	"lead_organisation_id":  "Select the lead organisation",
	"sector":                "Select the project's sector or technology",
	"local_authority_code":  "Select the local authority where the project takes place",
	"start_date":            "Enter the start date",
	"end_date":              "Enter the end date",
	"total_cost":            "Enter the total cost",
	"grant_requested":       "Enter the grant requested",
	"private_co_investment": "Enter the private co-investment committed, or 0 if there is none",
}

func TestProjectDraft_SavesAnyPartThatIsValidAndSubmissionNamesWhatIsMissing(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")

		empty, err := r.projects.Create(ctx, manager, app.ProjectInput{})
		if err != nil {
			t.Fatalf("an empty draft: %v", err)
		}
		_, err = r.projects.Transition(ctx, manager, empty.ID, app.TransitionSubmit, "", empty.Version)
		if diff := cmp.Diff(everythingMissing, fieldErrors(err)); diff != "" {
			t.Errorf("submitting an empty draft: missing (-want +got):\n%s", diff)
		}

		// A first sitting gives the title and the money; a second the rest, one field being "Other" unnamed.
		draft, err := r.projects.Create(ctx, manager, app.ProjectInput{Title: "Graphene membranes", TotalCost: "1,500,000", GrantRequested: "1,000,000"})
		if err != nil {
			t.Fatalf("a draft with a title and money: %v", err)
		}
		full := r.projectInput(t, manager)
		full.Title, full.Sector, full.Version = "Graphene membranes", app.SectorOther, draft.Version
		if draft, err = r.projects.Update(ctx, manager, draft.ID, full); err != nil {
			t.Fatalf("the second sitting: %v", err)
		}
		_, err = r.projects.Transition(ctx, manager, draft.ID, app.TransitionSubmit, "", draft.Version)
		if diff := cmp.Diff(map[string]string{"sector_other": "Enter the sector or technology"}, fieldErrors(err)); diff != "" {
			t.Errorf("submitting with Other unnamed (-want +got):\n%s", diff)
		}
		full.SectorOther, full.Version = "Membrane science", draft.Version
		if draft, err = r.projects.Update(ctx, manager, draft.ID, full); err != nil {
			t.Fatal(err)
		}
		if draft, err = r.projects.Transition(ctx, manager, draft.ID, app.TransitionSubmit, "", draft.Version); err != nil || draft.Status != models.StatusSubmitted {
			t.Errorf("submitting the complete project: %s, %v", draft.Status, err)
		}
	})
}

func TestProjectDraft_ReportsEveryProblemAtOnceAndSavesNothing(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		elsewhere := newOrganisation(t, r.orgs, r.as(t, "demo-wm-manager")).ID
		in := app.ProjectInput{Title: "Mixed bag", LeadOrganisationID: elsewhere, PartnerOrganisationIDs: []int64{elsewhere + 1_000_000},
			TotalCost: "lots", GrantRequested: "-1", StartDate: "2024-13-01"}
		rows := modeltest.Superuser(t, db)
		var count int64
		rows.Table("projects").Count(&count)

		_, err := r.projects.Create(ctx, manager, in)
		want := map[string]string{
			"lead_organisation_id":     "Select a lead organisation from your organisations",
			"partner_organisation_ids": "Select partner organisations from your organisations",
			"total_cost":               "Total cost must be an amount in pounds, like 1250000 or 1,250,000.00",
			"grant_requested":          "Grant requested must be £0 or more",
			"start_date":               "Start date must be a real date, like 1 4 2024",
		}
		if diff := cmp.Diff(want, fieldErrors(err)); diff != "" {
			t.Errorf("field errors (-want +got):\n%s", diff)
		}
		var after int64
		rows.Table("projects").Count(&after)
		if after != count {
			t.Errorf("%d projects after a refused draft, want %d", after, count)
		}
	})
}

func TestProjectTransition_RefusesAMissingOrOldVersion(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		project := r.newProject(t, manager)
		in := r.projectInput(t, manager)
		in.Version = project.Version
		if _, err := r.projects.Update(ctx, manager, project.ID, in); err != nil {
			t.Fatal(err)
		}
		_, err := r.projects.Transition(ctx, manager, project.ID, app.TransitionSubmit, "", 0)
		if diff := cmp.Diff(map[string]string{"version": "Send the version of the record you read"}, fieldErrors(err)); diff != "" {
			t.Errorf("no version (-want +got):\n%s", diff)
		}
		_, err = r.projects.Transition(ctx, manager, project.ID, app.TransitionSubmit, "", project.Version)
		if !errors.Is(err, app.ErrConflict) {
			t.Errorf("the version before someone's edit: %v, want a conflict", err)
		}
		read, err := r.projects.Get(ctx, manager, project.ID)
		if err != nil || read.Project.Status != models.StatusDraft {
			t.Errorf("after refused submissions the project is %s (%v), want still a draft", read.Project.Status, err)
		}
	})
}
