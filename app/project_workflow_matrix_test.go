package app_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// The workflow's rules, written out from the design (docs/architecture.md and the README) rather than read from
// the code's table.

// takers says who takes each step of a Greater Manchester project. The README ("The project register and the
// API"): partnership managers submit, and funding approvers decide: approve, reject or ask for changes. Neither
// document says who withdraws or closes; people would expect the manager who submits to be the one who takes a
// project back, and closing approved funding to be a funding official's decision. Observers and the programme
// administrator take no steps.
var takers = map[app.Transition]string{
	app.TransitionSubmit:         "demo-gm-manager",
	app.TransitionWithdraw:       "demo-gm-manager",
	app.TransitionApprove:        "demo-funding-approver",
	app.TransitionReject:         "demo-funding-approver",
	app.TransitionRequestChanges: "demo-funding-approver",
	app.TransitionClose:          "demo-funding-approver",
}

// from says where each step may start (docs/architecture.md, "The domain"): draft → submitted → approved |
// rejected | changes_requested; changes_requested → submitted; approved → closed; draft | submitted → withdrawn.
var from = map[app.Transition][]models.ProjectStatus{
	app.TransitionSubmit:         {models.StatusDraft, models.StatusChangesRequested},
	app.TransitionApprove:        {models.StatusSubmitted},
	app.TransitionReject:         {models.StatusSubmitted},
	app.TransitionRequestChanges: {models.StatusSubmitted},
	app.TransitionClose:          {models.StatusApproved},
	app.TransitionWithdraw:       {models.StatusDraft, models.StatusSubmitted},
}

// decisions must say why: the accelerator is told the reason for an approval, a rejection or a change request.
var decisions = []app.Transition{app.TransitionApprove, app.TransitionReject, app.TransitionRequestChanges}

// matrixPeople are everyone who might try: each central role, an observer of the accelerator, its manager,
// staff and project lead (who leads every project here), and another accelerator's manager.
var matrixPeople = []string{
	"demo-programme-admin", "demo-funding-approver", "demo-council-observer", "demo-gm-director",
	"demo-gm-manager", "demo-gm-staff", "demo-gm-lead", "demo-wm-manager",
}

// expectedOutcome is what the rules above say happens when who takes step on a project in status.
func expectedOutcome(who string, status models.ProjectStatus, step app.Transition, reason string) string {
	switch {
	case who == "demo-wm-manager":
		return "not found" // another accelerator's project does not exist for them
	case takers[step] != who:
		return "forbidden"
	case !slices.Contains(from[step], status):
		return "conflict"
	case reason == "" && slices.Contains(decisions, step):
		return "invalid"
	}
	return "done"
}

func outcomeOf(err error) string {
	var verr *app.ValidationError
	switch {
	case err == nil:
		return "done"
	case errors.As(err, &verr):
		return "invalid"
	case errors.Is(err, app.ErrNotFound):
		return "not found"
	case errors.Is(err, app.ErrForbidden):
		return "forbidden"
	case errors.Is(err, app.ErrConflict):
		return "conflict"
	}
	return "unexpected error: " + err.Error()
}

var errRollBack = errors.New("roll back the step taken")

func TestProjectTransition_EveryStatusStepAndRoleIsAllowedOrRefusedAsTheDesignSays(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager, lead := r.as(t, "demo-gm-manager"), r.as(t, "demo-gm-lead")
		projects := map[models.ProjectStatus]models.Project{}
		for _, status := range models.AllProjectStatuses {
			projects[status] = r.advance(t, r.newProject(t, manager, ledBy(lead.UserID)), "demo-gm-manager", status)
		}
		for _, who := range matrixPeople {
			p := r.as(t, who)
			for _, status := range models.AllProjectStatuses {
				project := projects[status]
				detail, getErr := r.projects.Get(ctx, p, project.ID)
				for _, step := range app.ProjectSteps() {
					for _, reason := range []string{"", "Because the test says so"} {
						want := expectedOutcome(who, status, step, reason)
						// Each attempt runs in a transaction rolled back afterwards, so every one starts from the
						// same project.
						var got string
						_ = r.store.Transaction(ctx, func(tx *models.Store) error {
							_, err := app.NewProjects(tx, clock).Transition(ctx, p, project.ID, step, reason, project.Version)
							got = outcomeOf(err)
							return errRollBack
						})
						if got != want {
							t.Errorf("%s: %s a %s project with reason %q: %s, want %s", who, step, status, reason, got, want)
						}
					}
					offered := getErr == nil && detail.Allowed.Can(step)
					if wantOffered := expectedOutcome(who, status, step, "a reason") == "done"; offered != wantOffered {
						t.Errorf("%s: a %s project offers %s: %v, want %v (read: %v)", who, status, step, offered, wantOffered, getErr)
					}
				}
			}
		}
	})
}
