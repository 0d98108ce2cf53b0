package app

import (
	"context"
	"fmt"

	"github.com/innovation-accelerators/portal/models"
)

// DecisionView is what an approver reads before deciding on a project: the project, and its grant beside
// what its accelerator and the programme already have approved.
type DecisionView struct {
	Detail ProjectDetail
	// AcceleratorApproved is the grant of the accelerator's approved (and closed) projects, and how many.
	AcceleratorApproved      int64
	AcceleratorApprovedCount int64
	// ProgrammeApproved is the grant approved across every accelerator the approver oversees.
	ProgrammeApproved int64
	Envelope          int64 // the programme's envelope
}

// Grant is the grant the project asks for (0 while it does not say).
func (v DecisionView) Grant() int64 {
	if g := v.Detail.Project.GrantRequestedPence; g != nil {
		return *g
	}
	return 0
}

// AcceleratorApprovedAfter is what the accelerator would have approved if this project were approved too.
func (v DecisionView) AcceleratorApprovedAfter() int64 { return v.AcceleratorApproved + v.Grant() }

// ProgrammeApprovedAfter is what the programme would have approved if this project were approved too.
func (v DecisionView) ProgrammeApprovedAfter() int64 { return v.ProgrammeApproved + v.Grant() }

// DecisionView returns a project awaiting the principal's decision with its money in context. A principal
// who may take none of the decisions now is refused with the reason.
func (s *Projects) DecisionView(ctx context.Context, p Principal, id int64) (DecisionView, error) {
	d, err := s.Get(ctx, p, id)
	if err != nil {
		return DecisionView{}, err
	}
	if !d.Allowed.Decides() {
		return DecisionView{}, s.StepRefusal(p, d.Project, TransitionApprove)
	}
	return s.decisionMoney(ctx, p, d)
}

// DecisionContext is DecisionView for a page showing a decision that failed: the money in context, whatever
// the project's state now.
func (s *Projects) DecisionContext(ctx context.Context, p Principal, id int64) (DecisionView, error) {
	d, err := s.Get(ctx, p, id)
	if err != nil {
		return DecisionView{}, err
	}
	return s.decisionMoney(ctx, p, d)
}

func (s *Projects) decisionMoney(ctx context.Context, p Principal, d ProjectDetail) (DecisionView, error) {
	v := DecisionView{Detail: d}
	tallies, err := s.store.ProjectTallies(ctx, models.TallyQuery{Scope: visibleScope(p)})
	if err != nil {
		return v, fmt.Errorf("tally approved grants: %w", err)
	}
	for _, t := range tallies {
		if t.Status != models.StatusApproved && t.Status != models.StatusClosed {
			continue
		}
		v.ProgrammeApproved += t.GrantPence
		if t.TenantID == d.Project.TenantID {
			v.AcceleratorApproved += t.GrantPence
			v.AcceleratorApprovedCount += t.Projects
		}
	}
	tenant, err := s.store.Tenant(ctx, d.Project.TenantID)
	if err != nil {
		return v, err
	}
	programme, err := s.store.Programme(ctx, tenant.ProgrammeID)
	v.Envelope = programme.EnvelopePence
	return v, fromStore(err, "read programme")
}
