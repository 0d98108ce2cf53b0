package app

import (
	"context"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// The steps of the project workflow. Drawdowns and returns add their own names beside these.
const (
	TransitionSubmit         Transition = "submit"
	TransitionApprove        Transition = "approve"
	TransitionReject         Transition = "reject"
	TransitionRequestChanges Transition = "request_changes"
	TransitionWithdraw       Transition = "withdraw"
	TransitionClose          Transition = "close"
)

// projectWorkflow is the project approval workflow of the design: draft → submitted → approved | rejected |
// changes_requested; changes_requested → submitted; approved → closed; draft | submitted → withdrawn. A
// project must be complete to be submitted, and nobody decides on a project they submitted.
func projectWorkflow() workflow[models.ProjectStatus, models.Project] {
	drafting := []models.ProjectStatus{models.StatusDraft, models.StatusChangesRequested}
	submitted := []models.ProjectStatus{models.StatusSubmitted}
	decision := func(to models.ProjectStatus, done, askReason string) workflowStep[models.ProjectStatus, models.Project] {
		return workflowStep[models.ProjectStatus, models.Project]{from: submitted, to: to, action: ActionDecideProjects,
			crossTenant: true, independent: true, needsReason: true, askReason: askReason, done: done, effect: recordDecision}
	}
	return workflow[models.ProjectStatus, models.Project]{
		noun:       "project",
		stateLabel: StatusLabel,
		order:      []Transition{TransitionSubmit, TransitionApprove, TransitionRequestChanges, TransitionReject, TransitionWithdraw, TransitionClose},
		steps: map[Transition]workflowStep[models.ProjectStatus, models.Project]{
			TransitionSubmit: {from: drafting, to: models.StatusSubmitted, action: ActionSubmitProjects, done: "submitted",
				guard: completeForSubmission, effect: recordSubmission},
			TransitionApprove:        decision(models.StatusApproved, "approved", "Enter why you are approving this project"),
			TransitionRequestChanges: decision(models.StatusChangesRequested, "sent back for changes", "Enter what needs to change"),
			TransitionReject:         decision(models.StatusRejected, "rejected", "Enter why you are rejecting this project"),
			TransitionWithdraw: {from: []models.ProjectStatus{models.StatusDraft, models.StatusSubmitted}, to: models.StatusWithdrawn,
				action: ActionWithdrawProjects, done: "withdrawn"},
			TransitionClose: {from: []models.ProjectStatus{models.StatusApproved}, to: models.StatusClosed,
				action: ActionCloseProjects, crossTenant: true, done: "closed"},
		},
	}
}

func recordSubmission(project *models.Project, by int64, at time.Time, _ string) {
	project.SubmittedByUserID, project.SubmittedAt = &by, &at
	project.DecidedByUserID, project.DecidedAt, project.DecisionReason = nil, nil, ""
}

func recordDecision(project *models.Project, by int64, at time.Time, reason string) {
	project.DecidedByUserID, project.DecidedAt, project.DecisionReason = &by, &at, reason
}

func completeForSubmission(project models.Project) error {
	return MissingForSubmission(project).OrNil()
}

// ProjectSteps lists the project workflow's steps in the order pages offer them; the buttons, the pages
// and the API's routes all come from it.
func ProjectSteps() []Transition {
	return projectWorkflow().order
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

// Decides reports whether any decision (approve, request changes, reject) is open.
func (a ProjectActions) Decides() bool {
	return a.Can(TransitionApprove) || a.Can(TransitionRequestChanges) || a.Can(TransitionReject)
}

func (s *Projects) allowed(p Principal, project models.Project) ProjectActions {
	return ProjectActions{Edit: s.checkEdit(p, project) == nil, Next: s.workflow.open(p, projectSubject(project))}
}

func projectSubject(project models.Project) workflowSubject[models.ProjectStatus] {
	return workflowSubject[models.ProjectStatus]{Tenant: project.TenantID, State: project.Status, SubmittedBy: project.SubmittedByUserID}
}

// Transition takes a workflow step on a project read at version, with the person's reason, and records it
// in the audit trail. Steps the role may not take are ErrForbidden; steps the project's state does not
// allow, or a version that is no longer current, are a conflict with a message saying why; a submission of
// an incomplete project is a ValidationError naming what is missing.
func (s *Projects) Transition(ctx context.Context, p Principal, id int64, t Transition, reason string, version int) (models.Project, error) {
	reason = tidyReason(reason)
	var project models.Project
	err := s.store.Transaction(ctx, func(tx *models.Store) error {
		var err error
		if project, err = s.visible(ctx, tx, p, id); err != nil {
			return err
		}
		if err := s.workflow.permit(p, projectSubject(project), t); err != nil {
			return err
		}
		if err := s.workflow.checkReason(t, reason); err != nil {
			return err
		}
		if err := checkVersion(version, project.Version); err != nil {
			return err
		}
		return s.takeStep(ctx, tx, p, &project, t, reason)
	})
	return project, projectWriteError(err)
}

// Check runs every rule of a workflow step on a project without taking it, so a page can say what is wrong
// before the person confirms: nil when the step would be taken.
func (s *Projects) Check(ctx context.Context, p Principal, id int64, t Transition, reason string) error {
	project, err := s.visible(ctx, s.store, p, id)
	if err != nil {
		return err
	}
	return s.workflow.check(p, projectSubject(project), project, t, tidyReason(reason))
}

// StepRefusal says why the principal may not take a step on the project now, as a Refusal; nil when they may.
func (s *Projects) StepRefusal(p Principal, project models.Project, t Transition) error {
	return s.workflow.permit(p, projectSubject(project), t)
}

// ProjectStepLeadsTo is the status a project step leads to.
func ProjectStepLeadsTo(t Transition) models.ProjectStatus {
	return projectWorkflow().steps[t].to
}

// tidyReason is a reason as it is kept: line breaks as LF, no space around it.
func tidyReason(reason string) string {
	return strings.TrimSpace(unixLineBreaks(reason))
}

// checkVersion insists on the version the person read: a missing one is a mistake of the caller, an old one
// means someone else changed the record meanwhile.
func checkVersion(sent, current int) error {
	if sent < 1 {
		return &ValidationError{Fields: map[string]string{"version": "Send the version of the record you read"}}
	}
	if sent != current {
		return staleEdit()
	}
	return nil
}

func (s *Projects) takeStep(ctx context.Context, tx *models.Store, p Principal, project *models.Project, t Transition, reason string) error {
	from := project.Status
	now := s.now()
	if err := s.workflow.take(project, &project.Status, t, p.UserID, now, reason); err != nil {
		return err
	}
	project.UpdatedAt = now
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
	return projectWorkflow().verb(t)
}

// ParseTransition reads a step's name as the API and forms send it.
func ParseTransition(name string) (Transition, bool) {
	t := Transition(strings.ReplaceAll(name, "-", "_"))
	_, ok := projectWorkflow().steps[t]
	return t, ok
}

// NeedsReason reports whether the project step asks the person to say why (the decisions do).
func (t Transition) NeedsReason() bool { return projectWorkflow().steps[t].needsReason }

// ProjectHistoryLabel names an audit action on a project for its history, e.g. "project.approve" → "Approved".
func ProjectHistoryLabel(action string) string {
	switch step := strings.TrimPrefix(action, "project."); step {
	case "created":
		return "Created"
	case "updated":
		return "Details changed"
	default:
		if label, ok := projectWorkflow().historyLabel(Transition(step)); ok {
			return label
		}
		return action
	}
}
