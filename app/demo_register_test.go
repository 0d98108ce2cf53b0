package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestSeedDemo_RegistersElevenGlasgowTenManchesterAndFiveWestMidlandsProjectsInEveryState(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		projects := app.NewProjects(store, clock)
		approver := principalOf(t, store, "demo-funding-approver")
		perTenant := map[string]int64{}
		perStatus := map[models.ProjectStatus]int{}
		for _, slug := range []string{"glasgow-city-region", "greater-manchester", "west-midlands"} {
			page, err := projects.List(context.Background(), approver, app.ProjectFilter{Tenant: slug, PageSize: "100"})
			if err != nil {
				t.Fatal(err)
			}
			perTenant[slug] = page.Total
			for _, row := range page.Rows {
				perStatus[row.Status]++
			}
		}
		if diff := cmp.Diff(map[string]int64{"glasgow-city-region": 11, "greater-manchester": 10, "west-midlands": 5}, perTenant); diff != "" {
			t.Errorf("projects per accelerator (-want +got):\n%s", diff)
		}
		for _, status := range models.AllProjectStatuses {
			if perStatus[status] == 0 {
				t.Errorf("no demo project is %s; statuses %v", status, perStatus)
			}
		}
	})
}

func TestSeedDemo_EveryProjectIsPlausibleAndWentThroughTheWorkflowAsTheRightPeople(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		store := seeded(t, db)
		projects := app.NewProjects(store, clock)
		approver := principalOf(t, store, "demo-funding-approver")
		managers := map[string]app.Principal{}
		for _, subject := range []string{"demo-gm-manager", "demo-wm-manager", "demo-glasgow-manager"} {
			managers[principalOf(t, store, subject).TenantName] = principalOf(t, store, subject)
		}
		page, err := projects.List(ctx, approver, app.ProjectFilter{PageSize: "100"})
		if err != nil || page.Total != 26 {
			t.Fatalf("register: %d projects, %v; want 26", page.Total, err)
		}
		days := map[string]bool{}
		for _, row := range page.Rows {
			detail, err := projects.Get(ctx, approver, row.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range detail.History {
				days[h.OccurredAt.Format(time.DateOnly)] = true
			}
			for _, problem := range demoProjectProblems(detail, managers[row.TenantName], approver) {
				t.Errorf("%s %q: %s", row.Reference, row.Title, problem)
			}
		}
		if len(days) < 40 {
			t.Errorf("the demo register's history happened on %d different days, want its stories spread out", len(days))
		}
	})
}

// demoProjectProblems lists what is implausible about a demo project: money, dates, place, parts and history.
func demoProjectProblems(d app.ProjectDetail, manager, approver app.Principal) []string {
	var problems []string
	p := d.Project
	problemIf := func(bad bool, format string, args ...any) {
		if bad {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	if p.GrantRequestedPence == nil || p.TotalCostPence == nil || p.PrivateCoInvestmentPence == nil || p.StartDate == nil || p.EndDate == nil {
		return append(problems, "money or dates not given")
	}
	grant, total, private := *p.GrantRequestedPence, *p.TotalCostPence, *p.PrivateCoInvestmentPence
	problemIf(grant < 500_000_00 || grant > 5_000_000_00, "grant %d pence outside £0.5m–£5m", grant)
	problemIf(total < grant+private, "total cost %d below grant plus private co-investment", total)
	problemIf(private <= 0, "no private co-investment")
	problemIf(p.StartDate.Before(time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)) || p.EndDate.After(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)),
		"dates %s to %s outside FY 2023-24 to 2025-26", p.StartDate.Format(time.DateOnly), p.EndDate.Format(time.DateOnly))
	problemIf(len(d.Targets) < 2 || len(d.Targets) > 5, "%d targets, want 2 to 5", len(d.Targets))
	problemIf(len(d.Partners) == 0, "no partners")
	for _, o := range append(d.Partners, d.LeadOrganisation) {
		problemIf(o.TenantID != p.TenantID, "organisation %q of tenant %d", o.Name, o.TenantID)
	}
	if len(d.History) > 0 {
		created := d.History[0].OccurredAt
		prefix := map[string]string{"Greater Manchester": "GM", "West Midlands": "WM", "Glasgow City Region": "GCR"}[d.TenantName]
		problemIf(!strings.HasPrefix(p.Reference, fmt.Sprintf("%s-%d-", prefix, created.Year())),
			"reference %s does not belong to %s's registrations of %d", p.Reference, d.TenantName, created.Year())
		problemIf(!created.Before(*p.StartDate) && created.Before(testNow), "registered on %s, not before it starts", created.Format(time.DateOnly))
	}
	region := map[string]string{"Greater Manchester": "TLD", "West Midlands": "TLG", "Glasgow City Region": "TLM"}[d.TenantName]
	problemIf(d.LocalAuthority.ITL1Region != region, "place %s is outside %s", d.LocalAuthority.Name, d.TenantName)
	problemIf(strings.TrimSpace(p.Summary) == "", "no summary")
	if p.Status != models.StatusDraft {
		problemIf(p.SubmittedByUserID == nil || *p.SubmittedByUserID != manager.UserID, "not submitted by the partnership manager")
	}
	switch p.Status {
	case models.StatusApproved, models.StatusRejected, models.StatusChangesRequested, models.StatusClosed:
		problemIf(p.DecidedByUserID == nil || *p.DecidedByUserID != approver.UserID, "not decided by the funding approver")
		problemIf(p.DecisionReason == "", "%s without a reason", p.Status)
	}
	return append(problems, historyProblems(d, manager, approver)...)
}

// historyProblems checks the history begins with the creation, ends with the step that led to the status, and
// shows the manager submitting and withdrawing and the funding approver deciding and closing.
func historyProblems(d app.ProjectDetail, manager, approver app.Principal) []string {
	var problems []string
	steps := pathTo[d.Project.Status]
	last := "project.created"
	if len(steps) > 0 {
		last = "project." + string(steps[len(steps)-1])
	}
	if len(d.History) == 0 || d.History[0].Action != "project.created" || d.History[len(d.History)-1].Action != last {
		return []string{fmt.Sprintf("history %v, want project.created first and %s last", historyActions(d), last)}
	}
	for i, h := range d.History[1:] {
		if previous := d.History[i].OccurredAt; h.OccurredAt.Before(previous) || h.OccurredAt.After(testNow) {
			problems = append(problems, fmt.Sprintf("%s on %s, after %s or later than the seeding", h.Action, h.OccurredAt, previous))
		}
		want := approver.Name
		if h.Action == "project.submit" || h.Action == "project.withdraw" {
			want = manager.Name
		}
		if h.ActorName != want {
			problems = append(problems, fmt.Sprintf("%s by %s, want %s", h.Action, h.ActorName, want))
		}
	}
	return problems
}

func historyActions(d app.ProjectDetail) []string {
	var actions []string
	for _, h := range d.History {
		actions = append(actions, h.Action)
	}
	return actions
}

func TestSeedDemo_EachAcceleratorHasEveryKindOfPartnerAndItsProjectLeadsLeadSomeProjects(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		store := seeded(t, db)
		orgs := app.NewOrganisations(store, clock)
		projects := app.NewProjects(store, clock)
		for _, subject := range []string{"demo-gm-manager", "demo-wm-manager", "demo-glasgow-manager"} {
			manager := principalOf(t, store, subject)
			list, err := orgs.List(ctx, manager, 0)
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[string]int{}
			for _, o := range list {
				kind := string(o.Kind)
				if o.Kind == models.KindCatapult {
					kind = string(models.KindRTO) // a catapult is one kind of research and technology organisation
				}
				kinds[kind]++
			}
			if kinds["university"] < 2 || kinds["business"] < 3 || kinds["rto"] < 1 || kinds["public_body"] < 1 || kinds["charity"] < 1 {
				t.Errorf("%s has organisations %v, want universities, businesses, an RTO or catapult, a public body and a charity", manager.TenantName, kinds)
			}
		}
		for _, subject := range []string{"demo-gm-lead", "demo-wm-lead"} {
			page, err := projects.List(ctx, principalOf(t, store, subject), app.ProjectFilter{})
			if err != nil || page.Total < 2 {
				t.Errorf("%s leads %d projects (%v), want some", subject, page.Total, err)
			}
		}
	})
}
