package app_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestProjectReferences_NumberEachAcceleratorsProjectsAfreshEachYear(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		gm, wm := r.as(t, "demo-gm-manager"), r.as(t, "demo-wm-manager")
		nextYear := app.NewProjects(r.store, func() time.Time { return testNow.AddDate(1, 0, 0) })
		create := func(svc *app.Projects, p app.Principal) string {
			project, err := svc.Create(context.Background(), p, r.projectInput(t, p))
			if err != nil {
				t.Fatal(err)
			}
			return project.Reference
		}
		got := []string{
			create(r.projects, gm), create(r.projects, gm), create(r.projects, wm),
			create(nextYear, gm), create(r.projects, gm), create(nextYear, wm),
		}
		want := []string{"GM-2024-001", "GM-2024-002", "WM-2024-001", "GM-2025-001", "GM-2024-003", "WM-2025-001"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("references (-want +got):\n%s", diff)
		}
	})
}

func TestProjectReferences_TwentyConcurrentCreationsGetTwentyConsecutiveReferences(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		inputs := make([]app.ProjectInput, 20)
		for i := range inputs {
			inputs[i] = r.projectInput(t, manager)
		}
		references := make([]string, len(inputs))
		errs := make([]error, len(inputs))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, in := range inputs {
			wg.Go(func() {
				<-start
				project, err := r.projects.Create(context.Background(), manager, in)
				references[i], errs[i] = project.Reference, err
			})
		}
		close(start)
		wg.Wait()

		for i, err := range errs {
			if err != nil {
				t.Errorf("creation %d: %v", i, err)
			}
		}
		var want []string
		for n := 1; n <= len(inputs); n++ {
			want = append(want, fmt.Sprintf("GM-2024-%03d", n))
		}
		slices.Sort(references)
		if diff := cmp.Diff(want, references); diff != "" {
			t.Errorf("references (-want +got):\n%s", diff)
		}
	})
}
