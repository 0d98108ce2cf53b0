package app_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestProjectList_FiltersByAcceleratorStatusSectorLeadOrganisationAndText(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		gm, wm, approver := r.as(t, "demo-gm-manager"), r.as(t, "demo-wm-manager"), r.as(t, "demo-funding-approver")
		university := newOrganisation(t, r.orgs, gm, func(in *app.OrganisationInput) { in.Kind = "university" })
		r.advance(t, r.newProject(t, gm, titled("Graphene inks"), func(in *app.ProjectInput) {
			in.Summary, in.LeadOrganisationID = "Printed electronics for wearables.", university.ID
		}), "demo-gm-manager", models.StatusSubmitted)
		r.newProject(t, gm, titled("Heat pump pilot"), func(in *app.ProjectInput) { in.Sector = "net_zero" })
		r.newProject(t, gm, titled("Recycled steel: 100% scrap"))
		r.newProject(t, gm, titled("Recycled steel: 1000 tonnes"))
		r.newProject(t, gm, titled("Model_X trials"))
		r.newProject(t, gm, titled("ModelAX trials"))
		r.advance(t, r.newProject(t, wm, titled("Battery line")), "demo-wm-manager", models.StatusSubmitted)

		cases := []struct {
			name   string
			who    app.Principal
			filter app.ProjectFilter
			want   []string
		}{
			{"central, one accelerator", approver, app.ProjectFilter{Tenant: "west-midlands"}, []string{"Battery line"}},
			{"central, by status across accelerators", approver, app.ProjectFilter{Status: "submitted"}, []string{"Battery line", "Graphene inks"}},
			{"by status", gm, app.ProjectFilter{Status: "submitted"}, []string{"Graphene inks"}},
			{"by sector", gm, app.ProjectFilter{Sector: "net_zero"}, []string{"Heat pump pilot"}},
			{"by lead organisation", gm, app.ProjectFilter{LeadOrganisation: strconv.FormatInt(university.ID, 10)}, []string{"Graphene inks"}},
			{"text in the summary, any case", gm, app.ProjectFilter{Text: "  WEARABLES "}, []string{"Graphene inks"}},
			{"text in the reference", approver, app.ProjectFilter{Text: "wm-2024"}, []string{"Battery line"}},
			{"percent sign matches itself", gm, app.ProjectFilter{Text: "100%"}, []string{"Recycled steel: 100% scrap"}},
			{"underscore matches itself", gm, app.ProjectFilter{Text: "l_x"}, []string{"Model_X trials"}},
			{"filters combine", gm, app.ProjectFilter{Text: "recycled", Status: "draft", Sector: "advanced_materials"}, []string{"Recycled steel: 100% scrap", "Recycled steel: 1000 tonnes"}},
			{"nothing matches", gm, app.ProjectFilter{Text: "battery"}, []string{}},
		}
		for _, c := range cases {
			c.filter.Sort = "title"
			if diff := cmp.Diff(c.want, listTitles(t, r, c.who, c.filter)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", c.name, diff)
			}
		}
	})
}

func TestProjectList_SortsByEveryKeyBothWays(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager, approver := r.as(t, "demo-gm-manager"), r.as(t, "demo-funding-approver")
		at := func(hours int) *app.Projects {
			return app.NewProjects(r.store, func() time.Time { return testNow.Add(time.Duration(hours) * time.Hour) })
		}
		create := func(svc *app.Projects, title, grant string) models.Project {
			in := r.projectInput(t, manager)
			in.Title, in.GrantRequested, in.PrivateCoInvestment = title, grant, "0"
			p, err := svc.Create(ctx, manager, in)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		// Bravo (GM-2024-001) stays a draft, last changed at 1h; Alpha (-002) is submitted at 5h; Charlie (-003)
		// is approved at 4h, after Alpha in real time.
		create(at(1), "Bravo", "900,000")
		alpha := create(at(2), "Alpha", "600,000")
		charlie := create(at(3), "Charlie", "500,000")
		steps := []struct {
			svc     *app.Projects
			who     app.Principal
			project models.Project
			step    app.Transition
		}{
			{at(5), manager, alpha, app.TransitionSubmit},
			{at(4), manager, charlie, app.TransitionSubmit},
			{at(4), approver, charlie, app.TransitionApprove},
		}
		for _, s := range steps {
			current, err := r.store.Project(ctx, models.InTenant(s.project.TenantID), s.project.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.svc.Transition(ctx, s.who, s.project.ID, s.step, "Sorted", current.Version); err != nil {
				t.Fatal(err)
			}
		}
		orders := map[string][]string{
			"":           {"Alpha", "Charlie", "Bravo"},
			"updated":    {"Bravo", "Charlie", "Alpha"},
			"-updated":   {"Alpha", "Charlie", "Bravo"},
			"reference":  {"Bravo", "Alpha", "Charlie"},
			"-reference": {"Charlie", "Alpha", "Bravo"},
			"title":      {"Alpha", "Bravo", "Charlie"},
			"-title":     {"Charlie", "Bravo", "Alpha"},
			"grant":      {"Charlie", "Alpha", "Bravo"},
			"-grant":     {"Bravo", "Alpha", "Charlie"},
			"status":     {"Charlie", "Bravo", "Alpha"}, // approved, draft, submitted
			"-status":    {"Alpha", "Bravo", "Charlie"},
		}
		if len(orders) != len(models.ProjectSorts) {
			t.Errorf("%d sort keys tested, %d offered", len(orders), len(models.ProjectSorts))
		}
		for sort, want := range orders {
			if diff := cmp.Diff(want, listTitles(t, r, manager, app.ProjectFilter{Sort: sort})); diff != "" {
				t.Errorf("sort %q (-want +got):\n%s", sort, diff)
			}
		}
	})
}

func TestProjectList_RefusesUnknownChoicesAndPagesOutOfBoundsByField(t *testing.T) {
	cases := []struct {
		filter app.ProjectFilter
		want   map[string]string
	}{
		{app.ProjectFilter{Status: "open"}, map[string]string{"status": "Select a status from the list"}},
		{app.ProjectFilter{Sector: "alchemy"}, map[string]string{"sector": "Select a sector from the list"}},
		{app.ProjectFilter{LeadOrganisation: "abc"}, map[string]string{"lead_organisation": "Select a lead organisation from the list"}},
		{app.ProjectFilter{LeadOrganisation: "0"}, map[string]string{"lead_organisation": "Select a lead organisation from the list"}},
		{app.ProjectFilter{Sort: "budget"}, map[string]string{"sort": "Sort by reference, title, status, grant or updated"}},
		{app.ProjectFilter{Page: "0"}, map[string]string{"page": "Enter a whole number from 1 to 1000000"}},
		{app.ProjectFilter{Page: "1000001"}, map[string]string{"page": "Enter a whole number from 1 to 1000000"}},
		{app.ProjectFilter{Page: "two"}, map[string]string{"page": "Enter a whole number from 1 to 1000000"}},
		{app.ProjectFilter{PageSize: "0"}, map[string]string{"page_size": "Enter a whole number from 1 to 100"}},
		{app.ProjectFilter{PageSize: "101"}, map[string]string{"page_size": "Enter a whole number from 1 to 100"}},
		{app.ProjectFilter{PageSize: "-5"}, map[string]string{"page_size": "Enter a whole number from 1 to 100"}},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		for _, c := range cases {
			_, err := r.projects.List(context.Background(), manager, c.filter)
			if diff := cmp.Diff(c.want, fieldErrors(err)); diff != "" {
				t.Errorf("%+v (-want +got):\n%s", c.filter, diff)
			}
		}
	})
}

func TestProjectList_PagesThroughTheRegister(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		for _, title := range []string{"A", "B", "C", "D", "E"} {
			r.newProject(t, manager, titled(title))
		}
		for page, want := range map[string][]string{"1": {"A", "B"}, "2": {"C", "D"}, "3": {"E"}, "4": {}} {
			got, err := r.projects.List(context.Background(), manager, app.ProjectFilter{Sort: "title", Page: page, PageSize: "2"})
			if err != nil {
				t.Fatal(err)
			}
			titles := []string{}
			for _, row := range got.Rows {
				titles = append(titles, row.Title)
			}
			if diff := cmp.Diff(want, titles); diff != "" || got.Total != 5 || got.Pages() != 3 {
				t.Errorf("page %s of %d (total %d): (-want +got):\n%s", page, got.Pages(), got.Total, diff)
			}
		}
	})
}

func TestProjectList_AwaitingDecisionLeavesOutWhatTheApproverSubmitted(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		manager, approver := r.as(t, "demo-gm-manager"), r.as(t, "demo-funding-approver")
		r.advance(t, r.newProject(t, manager, titled("Submitted in Manchester")), "demo-gm-manager", models.StatusSubmitted)
		r.advance(t, r.newProject(t, manager, titled("Approved in Manchester")), "demo-gm-manager", models.StatusApproved)
		r.newProject(t, manager, titled("Draft in Manchester"))
		r.advance(t, r.newProject(t, r.as(t, "demo-wm-manager"), titled("Submitted in the Midlands")), "demo-wm-manager", models.StatusSubmitted)
		// The Manchester manager, later a central funding approver.
		managerAsApprover := manager
		managerAsApprover.TenantID, managerAsApprover.TenantKind = approver.TenantID, approver.TenantKind
		managerAsApprover.Roles = []models.Role{models.RoleFundingApprover}

		queue := app.ProjectFilter{AwaitingMe: true, Sort: "title"}
		if diff := cmp.Diff([]string{"Submitted in Manchester", "Submitted in the Midlands"}, listTitles(t, r, approver, queue)); diff != "" {
			t.Errorf("the approver's queue (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"Submitted in the Midlands"}, listTitles(t, r, managerAsApprover, queue)); diff != "" {
			t.Errorf("the queue of the approver who submitted (-want +got):\n%s", diff)
		}
		if _, err := r.projects.List(context.Background(), manager, queue); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("a manager's queue: %v, want ErrForbidden", err)
		}
	})
}
