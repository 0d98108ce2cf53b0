package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestProjectTransition_NobodyDecidesOnAProjectTheySubmitted(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		project := r.advance(t, r.newProject(t, manager), "demo-gm-manager", models.StatusSubmitted)
		// The person who submitted, later acting as a central funding approver.
		approver := r.as(t, "demo-funding-approver")
		submitterAsApprover := manager
		submitterAsApprover.TenantID, submitterAsApprover.TenantName, submitterAsApprover.TenantKind = approver.TenantID, approver.TenantName, approver.TenantKind
		submitterAsApprover.Roles = []models.Role{models.RoleFundingApprover}

		for _, step := range []app.Transition{app.TransitionApprove, app.TransitionReject, app.TransitionRequestChanges} {
			_, err := r.projects.Transition(ctx, submitterAsApprover, project.ID, step, "Looks good to me", project.Version)
			var refusal *app.Refusal
			if !errors.Is(err, app.ErrForbidden) || !errors.As(err, &refusal) || refusal.Message != "You submitted this project, so someone else must decide on it." {
				t.Errorf("%s by its submitter: %v, want a forbidden refusal saying why", step, err)
			}
		}
		detail, err := r.projects.Get(ctx, submitterAsApprover, project.ID)
		if err != nil || detail.Allowed.Any() {
			t.Errorf("the submitter is offered %v (%v), want nothing", detail.Allowed.Next, err)
		}
		if _, err := r.projects.Transition(ctx, approver, project.ID, app.TransitionApprove, "Meets the criteria", project.Version); err != nil {
			t.Errorf("another approver approves: %v", err)
		}
	})
}

func TestProjectTransition_RecordsEachStepWithWhoTheStatusBeforeAndAfterAndTheReason(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager, approver := r.as(t, "demo-gm-manager"), r.as(t, "demo-funding-approver")
		type step struct {
			who    app.Principal
			step   app.Transition
			reason string
			before models.ProjectStatus
			after  models.ProjectStatus
		}
		paths := [][]step{
			{
				{manager, app.TransitionSubmit, "", models.StatusDraft, models.StatusSubmitted},
				{approver, app.TransitionRequestChanges, "Add the letters of support", models.StatusSubmitted, models.StatusChangesRequested},
				{manager, app.TransitionSubmit, "Letters added", models.StatusChangesRequested, models.StatusSubmitted},
				{approver, app.TransitionApprove, "Meets the criteria", models.StatusSubmitted, models.StatusApproved},
				{approver, app.TransitionClose, "All milestones met", models.StatusApproved, models.StatusClosed},
			},
			{{manager, app.TransitionWithdraw, "Partner left", models.StatusDraft, models.StatusWithdrawn}},
			{
				{manager, app.TransitionSubmit, "", models.StatusDraft, models.StatusSubmitted},
				{approver, app.TransitionReject, "Not value for money", models.StatusSubmitted, models.StatusRejected},
			},
			{
				{manager, app.TransitionSubmit, "", models.StatusDraft, models.StatusSubmitted},
				{manager, app.TransitionWithdraw, "", models.StatusSubmitted, models.StatusWithdrawn},
			},
		}
		for _, path := range paths {
			project := r.newProject(t, manager)
			want := []string{"project.created " + idText(manager.UserID)}
			for _, s := range path {
				var err error
				if project, err = r.projects.Transition(ctx, s.who, project.ID, s.step, s.reason, project.Version); err != nil {
					t.Fatalf("%s: %v", s.step, err)
				}
				want = append(want, auditLine("project."+string(s.step), s.who.UserID, s.before, s.after, s.reason))
			}
			events, err := r.store.AuditEventsForEntity(ctx, project.TenantID, "project", idText(project.ID))
			if err != nil {
				t.Fatal(err)
			}
			got := []string{"project.created " + idText(*events[0].ActorUserID)}
			for _, e := range events[1:] {
				got = append(got, auditLine(e.Action, *e.ActorUserID, statusIn(t, e.BeforeState), statusIn(t, e.AfterState), e.Detail))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("audit trail of %s (-want +got):\n%s", project.Reference, diff)
			}
		}
	})
}

func auditLine(action string, actor int64, before, after models.ProjectStatus, reason string) string {
	return action + " by " + idText(actor) + ": " + string(before) + " → " + string(after) + " because " + reason
}

func statusIn(t *testing.T, state *string) models.ProjectStatus {
	t.Helper()
	var s struct{ Status models.ProjectStatus }
	if state == nil || json.Unmarshal([]byte(*state), &s) != nil {
		t.Errorf("audit state %v has no status", state)
	}
	return s.Status
}

func TestProjectWrites_FromAStaleVersionAreAConflict(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		project := r.newProject(t, manager)
		in := r.projectInput(t, manager)
		in.Version = project.Version
		edited, err := r.projects.Update(ctx, manager, project.ID, in)
		if err != nil || edited.Version != project.Version+1 {
			t.Fatalf("first edit: version %d, %v", edited.Version, err)
		}
		in.Title = "Edited from an old page"
		if _, err := r.projects.Update(ctx, r.as(t, "demo-gm-staff"), project.ID, in); !errors.Is(err, app.ErrConflict) {
			t.Errorf("edit from the stale version %d: %v, want ErrConflict", in.Version, err)
		}
		if _, err := r.projects.Transition(ctx, manager, project.ID, app.TransitionSubmit, "", project.Version); !errors.Is(err, app.ErrConflict) {
			t.Errorf("submit from the stale version %d: %v, want ErrConflict", project.Version, err)
		}
		if got, _ := r.projects.Get(ctx, manager, project.ID); got.Project.Status != models.StatusDraft || got.Project.Title != edited.Title {
			t.Errorf("after the refused writes: %s %q, want draft %q", got.Project.Status, got.Project.Title, edited.Title)
		}
	})
}

func TestProjectUpdate_OnlyDraftsAndProjectsSentBackCanBeEdited(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		for _, status := range models.AllProjectStatuses {
			project := r.advance(t, r.newProject(t, manager), "demo-gm-manager", status)
			in := r.projectInput(t, manager)
			in.Version = project.Version
			_, err := r.projects.Update(ctx, manager, project.ID, in)
			if status == models.StatusDraft || status == models.StatusChangesRequested {
				if err != nil {
					t.Errorf("edit a %s project: %v", status, err)
				}
				continue
			}
			var refusal *app.Refusal
			want := "This project is " + app.StatusLabel(status) + ", so it cannot be changed. Only drafts and projects sent back for changes can be edited."
			if !errors.Is(err, app.ErrConflict) || !errors.As(err, &refusal) || refusal.Message != want {
				t.Errorf("edit a %s project: %v, want the conflict %q", status, err, want)
			}
		}
	})
}
