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

// listTitles lists the titles of the projects p sees with a filter, or fails the test.
func listTitles(t *testing.T, r *register, p app.Principal, f app.ProjectFilter) []string {
	t.Helper()
	page, err := r.projects.List(context.Background(), p, f)
	if err != nil {
		t.Fatalf("list %+v: %v", f, err)
	}
	titles := []string{}
	for _, row := range page.Rows {
		titles = append(titles, row.Title)
	}
	return titles
}

func TestProjectLead_SeesAndEditsOnlyTheProjectsTheyLead(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager, lead := r.as(t, "demo-gm-manager"), r.as(t, "demo-gm-lead")
		led := r.newProject(t, manager, titled("Led by Dr Price"), ledBy(lead.UserID))
		other := r.newProject(t, manager, titled("Led by nobody"))

		if diff := cmp.Diff([]string{"Led by Dr Price"}, listTitles(t, r, lead, app.ProjectFilter{Sort: "title"})); diff != "" {
			t.Errorf("the lead's register (-want +got):\n%s", diff)
		}
		if _, err := r.projects.Get(ctx, lead, led.ID); err != nil {
			t.Errorf("read a project they lead: %v", err)
		}
		if _, err := r.projects.GetByReference(ctx, lead, other.Reference); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("read another project by reference: %v, want ErrNotFound", err)
		}
		for name, project := range map[string]models.Project{"led": led, "other": other} {
			in := r.projectInput(t, manager)
			in.LeadUserIDs, in.Version = []int64{lead.UserID}, project.Version
			_, err := r.projects.Update(ctx, lead, project.ID, in)
			if name == "led" && err != nil {
				t.Errorf("edit a project they lead: %v", err)
			}
			if name == "other" && !errors.Is(err, app.ErrNotFound) {
				t.Errorf("edit a project they do not lead: %v, want ErrNotFound", err)
			}
		}
		if _, err := r.projects.Get(ctx, lead, other.ID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("read a project they do not lead: %v, want ErrNotFound", err)
		}
	})
}

func TestAcceleratorObserver_ReadsItsAcceleratorsProjectsButChangesNothing(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager, director := r.as(t, "demo-gm-manager"), r.as(t, "demo-gm-director")
		project := r.newProject(t, manager, titled("Observed"))
		r.newProject(t, r.as(t, "demo-wm-manager"), titled("Elsewhere"))

		if diff := cmp.Diff([]string{"Observed"}, listTitles(t, r, director, app.ProjectFilter{})); diff != "" {
			t.Errorf("the observer's register (-want +got):\n%s", diff)
		}
		detail, err := r.projects.Get(ctx, director, project.ID)
		if err != nil || detail.Allowed.Edit || detail.Allowed.Any() {
			t.Errorf("read: %v; offered edit %v and %v, want nothing", err, detail.Allowed.Edit, detail.Allowed.Next)
		}
		in := r.projectInput(t, manager)
		in.Version = project.Version
		if _, err := r.projects.Update(ctx, director, project.ID, in); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("edit: %v, want ErrForbidden", err)
		}
		if _, err := r.projects.Create(ctx, director, in); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("create: %v, want ErrForbidden", err)
		}
		if _, err := r.projects.Choices(ctx, director); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("form choices: %v, want ErrForbidden", err)
		}
	})
}

func TestProjects_CentralRolesSeeEveryAcceleratorOthersOnlyTheirOwn(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		gm := r.newProject(t, r.as(t, "demo-gm-manager"), titled("Manchester project"))
		wm := r.newProject(t, r.as(t, "demo-wm-manager"), titled("Midlands project"))
		r.newProject(t, r.as(t, "demo-glasgow-manager"), titled("Glasgow project"))
		everything := []string{"Glasgow project", "Manchester project", "Midlands project"}
		for _, subject := range []string{"demo-programme-admin", "demo-funding-approver", "demo-council-observer"} {
			p := r.as(t, subject)
			if diff := cmp.Diff(everything, listTitles(t, r, p, app.ProjectFilter{Sort: "title"})); diff != "" {
				t.Errorf("%s sees (-want +got):\n%s", subject, diff)
			}
			if diff := cmp.Diff([]string{"Midlands project"}, listTitles(t, r, p, app.ProjectFilter{Tenant: "west-midlands"})); diff != "" {
				t.Errorf("%s narrowed to West Midlands (-want +got):\n%s", subject, diff)
			}
			for _, project := range []models.Project{gm, wm} {
				if _, err := r.projects.Get(ctx, p, project.ID); err != nil {
					t.Errorf("%s reads %s: %v", subject, project.Reference, err)
				}
			}
			if _, err := r.projects.Create(ctx, p, r.projectInput(t, r.as(t, "demo-gm-manager"))); !errors.Is(err, app.ErrForbidden) {
				t.Errorf("%s creates a project: %v, want ErrForbidden", subject, err)
			}
		}
		manager := r.as(t, "demo-gm-manager")
		if diff := cmp.Diff([]string{"Manchester project"}, listTitles(t, r, manager, app.ProjectFilter{})); diff != "" {
			t.Errorf("a manager sees (-want +got):\n%s", diff)
		}
		if _, err := r.projects.Get(ctx, manager, wm.ID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("a manager reads another accelerator's project: %v, want ErrNotFound", err)
		}
		for _, slug := range []string{"west-midlands", "central", "no-such-place"} {
			if _, err := r.projects.List(ctx, manager, app.ProjectFilter{Tenant: slug}); !errors.Is(err, app.ErrNotFound) {
				t.Errorf("a manager lists %s: %v, want ErrNotFound", slug, err)
			}
		}
	})
}
