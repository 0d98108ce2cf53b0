package app_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// Paging's promise while people edit the register between one page and the next: no project is shown
// twice, and every project that nobody changed during the walk is shown exactly once, whatever the order
// and page size. A project changed during the walk (which moves it in most orders) is left out of the
// pages after the change, so it cannot turn up a second time where it now stands.
func TestProjectList_PagingNeverSkipsOrRepeatsARowWhileRowsChange(t *testing.T) {
	sorts := []string{"", "updated", "-updated", "title", "-title", "grant", "-grant", "reference", "-reference", "status", "-status"}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		var ids []int64
		for i := range 14 {
			// Titles and grants repeat, so the id has to break ties.
			p := r.newProject(t, manager, titled(fmt.Sprintf("Tie %c", 'A'+i%4)), func(in *app.ProjectInput) {
				in.GrantRequested, in.PrivateCoInvestment = strconv.Itoa(1000*(1+i%3)), "0"
			})
			ids = append(ids, p.ID)
		}
		tick := 0 // seconds past testNow: the clock moves on with every change, as a real one would
		projects := app.NewProjects(r.store, func() time.Time { return testNow.Add(time.Duration(tick) * time.Second) })
		rapid.Check(t, func(rt *rapid.T) {
			sort := rapid.SampledFrom(sorts).Draw(rt, "sort")
			size := rapid.IntRange(1, 5).Draw(rt, "page size")
			seen, changed := map[int64]int{}, map[int64]bool{}
			cursor := ""
			for pages := 0; ; pages++ {
				if pages > len(ids) {
					rt.Fatalf("more pages than projects: the walk does not end")
				}
				page, err := projects.List(ctx, manager, app.ProjectFilter{Sort: sort, Cursor: cursor, PageSize: strconv.Itoa(size)})
				if err != nil {
					rt.Fatal(err)
				}
				for _, row := range page.Rows {
					seen[row.ID]++
				}
				if page.Next == "" {
					break
				}
				cursor = page.Next
				for range rapid.IntRange(0, 3).Draw(rt, "changes between pages") {
					id := rapid.SampledFrom(ids).Draw(rt, "changed project")
					tick++ // every change happens after the walk began, as the portal's clock makes it
					changeProject(rt, r.store, manager.TenantID, id, tick)
					changed[id] = true
				}
			}
			for _, id := range ids {
				if seen[id] > 1 || (!changed[id] && seen[id] != 1) {
					rt.Fatalf("project %d shown %d times (changed during the walk: %v); seen %v", id, seen[id], changed[id], seen)
				}
			}
		})
	})
}

// changeProject moves a project in every order: its last change (to some seconds after the fixed clock
// the walk began by), its grant and its title.
func changeProject(rt *rapid.T, store *models.Store, tenantID, id int64, seconds int) {
	ctx := context.Background()
	p, err := store.Project(ctx, models.InTenant(tenantID), id)
	if err != nil {
		rt.Fatal(err)
	}
	p.UpdatedAt = testNow.Add(time.Duration(seconds) * time.Second)
	// A draft may have no grant yet (-1 here), which sorts as nothing.
	if grant := int64(rapid.IntRange(-1, 3).Draw(rt, "grant")) * 100_000; grant >= 0 || p.Status != models.StatusDraft {
		grant = max(grant, 0)
		p.GrantRequestedPence = &grant
	} else {
		p.GrantRequestedPence = nil
	}
	p.Title = rapid.SampledFrom([]string{"Tie A", "Tie B", "Tie C", "Tie D"}).Draw(rt, "title")
	if err := store.UpdateProject(ctx, &p, p.Status); err != nil {
		rt.Fatal(err)
	}
}
