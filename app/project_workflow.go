package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// Transition is a step in a project's approval workflow.
type Transition string

const (
	TransitionSubmit         Transition = "submit"
	TransitionApprove        Transition = "approve"
	TransitionReject         Transition = "reject"
	TransitionRequestChanges Transition = "request_changes"
	TransitionWithdraw       Transition = "withdraw"
	TransitionClose          Transition = "close"
)

// transitionRule says from which states a step may be taken, where it leads, which action allows it and
// whether the person must say why.
type transitionRule struct {
	from         []models.ProjectStatus
	to           models.ProjectStatus
	action       Action
	needsReason  bool
	verbPastTime string
}

// workflow is the project approval workflow (docs/architecture.md, "The domain"): draft → submitted → approved |
// rejected | changes_requested; changes_requested → submitted; approved → closed; draft | submitted → withdrawn.
var workflow = map[Transition]transitionRule{
	TransitionSubmit:         {[]models.ProjectStatus{models.StatusDraft, models.StatusChangesRequested}, models.StatusSubmitted, ActionSubmitProjects, false, "submitted"},
	TransitionApprove:        {[]models.ProjectStatus{models.StatusSubmitted}, models.StatusApproved, ActionDecideProjects, true, "approved"},
	TransitionReject:         {[]models.ProjectStatus{models.StatusSubmitted}, models.StatusRejected, ActionDecideProjects, true, "rejected"},
	TransitionRequestChanges: {[]models.ProjectStatus{models.StatusSubmitted}, models.StatusChangesRequested, ActionDecideProjects, true, "sent back for changes"},
	TransitionWithdraw:       {[]models.ProjectStatus{models.StatusDraft, models.StatusSubmitted}, models.StatusWithdrawn, ActionWithdrawProjects, false, "withdrawn"},
	TransitionClose:          {[]models.ProjectStatus{models.StatusApproved}, models.StatusClosed, ActionCloseProjects, false, "closed"},
}

// Transitions lists the workflow's steps in the order pages offer them.
func Transitions() []Transition {
	return []Transition{TransitionSubmit, TransitionApprove, TransitionRequestChanges, TransitionReject, TransitionWithdraw, TransitionClose}
}

// ProjectActions says what the principal may do to a project now; pages show only these buttons.
type ProjectActions struct {
	Edit bool
	Next map[Transition]bool
}

// Can reports whether a workflow step is open to the principal.
func (a ProjectActions) Can(t Transition) bool { return a.Next[t] }

// Any reports whether any workflow step is open.
func (a ProjectActions) Any() bool { return len(a.Next) > 0 }

func (s *Projects) allowed(p Principal, project models.Project) ProjectActions {
	a := ProjectActions{Edit: s.checkEdit(p, project) == nil, Next: map[Transition]bool{}}
	for _, t := range Transitions() {
		if mayTransition(p, project, t) == nil {
			a.Next[t] = true
		}
	}
	return a
}

// Transition takes a workflow step on a project, with the person's reason, and records it in the audit
// trail. Steps the role may not take are ErrForbidden; steps the project's state does not allow are a
// conflict with a message saying why. version is the one the person read: any other (0 included) is a
// stale edit, so nobody decides on a project that changed under them.
func (s *Projects) Transition(ctx context.Context, p Principal, id int64, t Transition, reason string, version int) (models.Project, error) {
	var project models.Project
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		var err error
		if project, err = s.visible(ctx, tx, p, id); err != nil {
			return err
		}
		if err := mayTransition(p, project, t); err != nil {
			return err
		}
		if reason, err = checkReason(workflow[t], reason); err != nil {
			return err
		}
		if version != project.Version {
			return staleEdit()
		}
		return s.takeStep(ctx, tx, p, &project, t, reason)
	})
	return project, projectWriteError(err)
}

// takeStep moves the project to the step's state, with its effects, and records it in the audit trail.
func (s *Projects) takeStep(ctx context.Context, tx *models.Store, p Principal, project *models.Project, t Transition, reason string) error {
	rule := workflow[t]
	from := project.Status
	now := s.now()
	project.Status, project.UpdatedAt = rule.to, now
	switch rule.action {
	case ActionSubmitProjects:
		project.SubmittedByUserID, project.SubmittedAt = &p.UserID, &now
		project.DecidedByUserID, project.DecidedAt, project.DecisionReason = nil, nil, ""
	case ActionDecideProjects:
		project.DecidedByUserID, project.DecidedAt, project.DecisionReason = &p.UserID, &now, reason
	}
	if err := tx.UpdateProject(ctx, project, from); err != nil {
		return err
	}
	// Approval does not make the award yet: the ledger will create it here, in this same transaction, so
	// that a project is never approved without its award or the other way round.
	return appendAudit(ctx, tx, now, auditRecord{
		Actor: p.UserID, Tenant: project.TenantID, Action: "project." + string(t), EntityType: "project",
		EntityID: idString(project.ID), Before: map[string]any{"status": from},
		After: map[string]any{"status": project.Status}, Detail: reason,
	})
}

// mayTransition is the workflow's rule book for one step: who, in which tenant, from which state.
func mayTransition(p Principal, project models.Project, t Transition) error {
	rule, ok := workflow[t]
	if !ok {
		return &ValidationError{Fields: map[string]string{"action": fmt.Sprintf("There is no action %q", t)}}
	}
	if !p.CanIn(rule.action, project.TenantID) {
		return forbidden("Your role cannot " + TransitionLabel(t) + " projects.")
	}
	if rule.action != ActionDecideProjects && rule.action != ActionCloseProjects && project.TenantID != p.TenantID {
		return forbidden("Only people of the project's accelerator can " + TransitionLabel(t) + " it.")
	}
	if !slices.Contains(rule.from, project.Status) {
		return conflict(fmt.Sprintf("This project is %s, so it cannot be %s.", StatusLabel(project.Status), rule.verbPastTime))
	}
	if rule.action == ActionDecideProjects && project.SubmittedByUserID != nil && *project.SubmittedByUserID == p.UserID {
		return forbidden("You submitted this project, so someone else must decide on it.")
	}
	return nil
}

// checkReason asks for a reason where the step needs one, keeps it to a readable length and refuses what
// is never text; it returns the reason as it is kept.
func checkReason(rule transitionRule, reason string) (string, error) {
	verr := &ValidationError{}
	reason = strings.TrimSpace(longText(verr, "reason", reason))
	switch {
	case rule.needsReason && reason == "":
		verr.Add("reason", "Enter the reason for your decision")
	case len(reason) > 2000:
		verr.Add("reason", "Reason must be 2,000 characters or fewer")
	}
	return reason, verr.OrNil()
}

// StatusLabel names a project status for people.
func StatusLabel(s models.ProjectStatus) string {
	switch s {
	case models.StatusChangesRequested:
		return "sent back for changes"
	default:
		return string(s)
	}
}

// TransitionLabel names a workflow step for people, as a verb.
func TransitionLabel(t Transition) string {
	if t == TransitionRequestChanges {
		return "request changes to"
	}
	return string(t)
}

// ParseTransition reads a step's name as the API and forms send it.
func ParseTransition(name string) (Transition, bool) {
	t := Transition(strings.ReplaceAll(name, "-", "_"))
	_, ok := workflow[t]
	return t, ok
}

// NeedsReason reports whether the step asks the person to say why (the decisions do).
func (t Transition) NeedsReason() bool { return workflow[t].needsReason }

// ProjectHistoryLabel names an audit action on a project for its history, e.g. "project.approve" → "Approved".
func ProjectHistoryLabel(action string) string {
	switch step := strings.TrimPrefix(action, "project."); step {
	case "created":
		return "Created"
	case "updated":
		return "Details changed"
	default:
		if rule, ok := workflow[Transition(step)]; ok {
			return strings.ToUpper(rule.verbPastTime[:1]) + rule.verbPastTime[1:]
		}
		return action
	}
}
