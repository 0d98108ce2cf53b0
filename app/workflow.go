package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Transition is a step in a record's workflow: submit, approve, reject and so on. Projects, drawdowns and
// returns each have a table of the steps they allow (a workflow); the machinery here reads any of them.
type Transition string

// workflowStep is one row of a workflow table: where the step may start and where it leads, which action
// allows it, and what else it asks. R is the record type the step changes.
type workflowStep[S ~string, R any] struct {
	from        []S
	to          S
	action      Action
	crossTenant bool   // central government takes it on an accelerator's record
	independent bool   // someone other than the person who submitted the record must take it
	needsReason bool   // the person must say why (decisions)
	askReason   string // the message when a needed reason is missing: "Enter why you are approving this project"
	done        string // the step in the past tense, for refusals and history: "sent back for changes"
	// guard is a further condition on the record, such as being complete before it is submitted; nil for none.
	guard func(R) error
	// effect records what the step means beyond the status, such as who decided and why; nil for nothing.
	effect func(record *R, by int64, at time.Time, reason string)
}

// workflow is one record type's table of steps, in the order pages offer them.
type workflow[S ~string, R any] struct {
	noun       string // "project", for messages: "Your role cannot submit projects."
	steps      map[Transition]workflowStep[S, R]
	order      []Transition
	stateLabel func(S) string
}

// workflowSubject is what the rules need to know of a record: its tenant, state and who submitted it.
type workflowSubject[S ~string] struct {
	Tenant      int64
	State       S
	SubmittedBy *int64
}

// permit is the rule book for one step: who, in which tenant, from which state, and not on their own
// submission where the step must be independent. Its refusals say why in words for the person.
func (w workflow[S, R]) permit(p Principal, subject workflowSubject[S], t Transition) error {
	step, ok := w.steps[t]
	if !ok {
		return &ValidationError{Fields: map[string]string{"action": fmt.Sprintf("There is no action %q", t)}}
	}
	verb := w.verb(t)
	if !p.CanIn(step.action, subject.Tenant) {
		return forbidden(fmt.Sprintf("Your role cannot %s %ss.", verb, w.noun))
	}
	if !step.crossTenant && subject.Tenant != p.TenantID {
		return forbidden(fmt.Sprintf("Only people of the %s's accelerator can %s it.", w.noun, verb))
	}
	if !slices.Contains(step.from, subject.State) {
		return conflict(fmt.Sprintf("This %s is %s, so it cannot be %s.", w.noun, w.stateLabel(subject.State), step.done))
	}
	if step.independent && subject.SubmittedBy != nil && *subject.SubmittedBy == p.UserID {
		return forbidden(fmt.Sprintf("You submitted this %s, so someone else must decide on it.", w.noun))
	}
	return nil
}

// open lists the steps the principal may take on the record now.
func (w workflow[S, R]) open(p Principal, subject workflowSubject[S]) map[Transition]bool {
	open := map[Transition]bool{}
	for _, t := range w.order {
		if w.permit(p, subject, t) == nil {
			open[t] = true
		}
	}
	return open
}

// checkReason asks for a reason where the step needs one, keeps it to a readable length and refuses what is
// never text (tabs and line breaks are allowed).
func (w workflow[S, R]) checkReason(t Transition, reason string) error {
	if msg := textProblem(reason, true); msg != "" {
		return &ValidationError{Fields: map[string]string{"reason": msg}}
	}
	if step := w.steps[t]; step.needsReason && reason == "" {
		return &ValidationError{Fields: map[string]string{"reason": cmp.Or(step.askReason, "Enter the reason for your decision")}}
	}
	if len(reason) > 2000 {
		return &ValidationError{Fields: map[string]string{"reason": "Reason must be 2,000 characters or fewer"}}
	}
	return nil
}

// check runs every rule of step t on the record without taking it: who may, the reason and the guard.
func (w workflow[S, R]) check(p Principal, subject workflowSubject[S], record R, t Transition, reason string) error {
	if err := w.permit(p, subject, t); err != nil {
		return err
	}
	if err := w.checkReason(t, reason); err != nil {
		return err
	}
	if guard := w.steps[t].guard; guard != nil {
		return guard(record)
	}
	return nil
}

// take moves the record along step t: its guard first, then its state and effect. The caller has checked
// permit and the reason, and saves the record.
func (w workflow[S, R]) take(record *R, state *S, t Transition, by int64, at time.Time, reason string) error {
	step := w.steps[t]
	if step.guard != nil {
		if err := step.guard(*record); err != nil {
			return err
		}
	}
	*state = step.to
	if step.effect != nil {
		step.effect(record, by, at, reason)
	}
	return nil
}

// verb names a step for people: request_changes → "request changes to".
func (w workflow[S, R]) verb(t Transition) string {
	if t == TransitionRequestChanges {
		return "request changes to"
	}
	return strings.ReplaceAll(string(t), "_", " ")
}

// historyLabel names a step taken, for a record's history: "Sent back for changes".
func (w workflow[S, R]) historyLabel(t Transition) (string, bool) {
	step, ok := w.steps[t]
	if !ok {
		return "", false
	}
	return strings.ToUpper(step.done[:1]) + step.done[1:], true
}
