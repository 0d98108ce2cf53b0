package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestProjectDates_RoundTripExactlyOnBothDatabases(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		store := models.NewStore(db.Gorm)
		f := newRegisterFixture(t, store)
		project := newProject(t, store, f.tenant, f.lead, f.org, func(p *models.Project) {
			p.StartDate, p.EndDate = ptr(date("2024-02-29")), ptr(date("2026-03-31"))
		})
		check := func(when string, start, end string) {
			t.Helper()
			read, err := store.Project(ctx, models.InTenant(f.tenant.ID), project.ID)
			if err != nil {
				t.Fatal(err)
			}
			list, err := store.Projects(ctx, models.ProjectQuery{Scope: models.InTenant(f.tenant.ID), Text: project.Reference, Limit: 1})
			rows := list.Rows
			if err != nil || len(rows) != 1 {
				t.Fatalf("list: %d rows, %v", len(rows), err)
			}
			for how, p := range map[string]models.Project{"read": read, "listed": rows[0].Project} {
				got := []string{p.StartDate.Format(time.DateOnly), p.EndDate.Format(time.DateOnly)}
				if diff := cmp.Diff([]string{start, end}, got); diff != "" || !p.StartDate.Equal(date(start)) {
					t.Errorf("%s, %s: dates (-want +got):\n%s (start %v)", when, how, diff, p.StartDate)
				}
			}
		}
		check("created", "2024-02-29", "2026-03-31")
		project.StartDate, project.EndDate = ptr(date("2028-02-29")), ptr(date("2028-03-01"))
		if err := store.UpdateProject(ctx, &project, models.StatusDraft); err != nil {
			t.Fatal(err)
		}
		check("updated", "2028-02-29", "2028-03-01")
	})
}

func TestUpdateProject_StoresTheCallersUpdatedAtAndRefusesAStaleVersionOrStatus(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		store := models.NewStore(db.Gorm)
		f := newRegisterFixture(t, store)
		project := f.project
		stale := project
		project.Title, project.Status, project.UpdatedAt = "Renamed", models.StatusSubmitted, testNow.Add(90*time.Minute)
		if err := store.UpdateProject(ctx, &project, models.StatusDraft); err != nil || project.Version != 2 {
			t.Fatalf("update: version %d, %v", project.Version, err)
		}
		read, err := store.Project(ctx, models.InTenant(f.tenant.ID), project.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !read.UpdatedAt.Equal(testNow.Add(90*time.Minute)) || read.Title != "Renamed" || read.Version != 2 || !read.CreatedAt.Equal(testNow) {
			t.Errorf("read back %q version %d, created %v, updated %v; want the caller's times", read.Title, read.Version, read.CreatedAt, read.UpdatedAt)
		}
		if err := store.UpdateProject(ctx, &stale, models.StatusDraft); !errors.Is(err, models.ErrConflict) {
			t.Errorf("update from version 1: %v, want ErrConflict", err)
		}
		if err := store.UpdateProject(ctx, &project, models.StatusDraft); !errors.Is(err, models.ErrConflict) {
			t.Errorf("update expecting a draft of a submitted project: %v, want ErrConflict", err)
		}
	})
}

func TestNextProjectNumber_CountsFromOnePerTenantAndYear(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		a, b := newTenant(t, store), newTenant(t, store)
		var got []int
		for _, call := range []struct {
			tenant models.Tenant
			year   int
		}{{a, 2024}, {a, 2024}, {b, 2024}, {a, 2025}, {a, 2024}} {
			n, err := store.NextProjectNumber(context.Background(), call.tenant.ID, call.year)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, n)
		}
		if diff := cmp.Diff([]int{1, 2, 1, 1, 3}, got); diff != "" {
			t.Errorf("numbers (-want +got):\n%s", diff)
		}
	})
}

// TestProjects_TheDatabaseRefusesAnIncompleteProjectBeyondTheDraftingStates is the backstop of drafts that
// save partially: whatever the application does, a project submitted (or further) has every fact a decision
// needs, while a draft, one sent back for changes and one withdrawn may lack them.
func TestProjects_TheDatabaseRefusesAnIncompleteProjectBeyondTheDraftingStates(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		store := models.NewStore(db.Gorm)
		f := newRegisterFixture(t, store)
		lacking := map[string]func(p *models.Project){
			"title":                 func(p *models.Project) { p.Title = "" },
			"sector":                func(p *models.Project) { p.Sector = "" },
			"lead organisation":     func(p *models.Project) { p.LeadOrganisationID = nil },
			"local authority":       func(p *models.Project) { p.LocalAuthorityCode = nil },
			"start date":            func(p *models.Project) { p.StartDate = nil },
			"end date":              func(p *models.Project) { p.EndDate = nil },
			"total cost":            func(p *models.Project) { p.TotalCostPence = nil },
			"grant requested":       func(p *models.Project) { p.GrantRequestedPence = nil },
			"private co-investment": func(p *models.Project) { p.PrivateCoInvestmentPence = nil },
		}
		for fact, remove := range lacking {
			for _, status := range models.AllProjectStatuses {
				drafting := status == models.StatusDraft || status == models.StatusChangesRequested || status == models.StatusWithdrawn
				project := newProject(t, store, f.tenant, f.lead, f.org, remove)
				project.Status = status
				err := store.UpdateProject(ctx, &project, models.StatusDraft)
				if drafting && err != nil {
					t.Errorf("a %s project without its %s: %v, want it stored", status, fact, err)
				}
				if !drafting && !errors.Is(err, models.ErrConstraint) {
					t.Errorf("a %s project without its %s: %v, want ErrConstraint", status, fact, err)
				}
			}
		}
	})
}
