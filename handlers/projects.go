package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

type projectPage struct {
	basePage
	Detail    app.ProjectDetail
	Steps     []workflowStep // steps taken with one button
	Decisions []workflowStep // steps that ask for a reason
}

// workflowStep is a workflow button the principal may press, with its reason box for decisions.
type workflowStep struct {
	Transition  app.Transition
	Button      string
	ReasonLabel string
	Warning     bool
	Open        bool   // a decision that failed stays open, showing what was typed and what is wrong
	Reason      string // what was typed
	Error       string
}

// stepWords are the buttons and reason labels of the workflow's steps.
var stepWords = map[app.Transition]struct{ button, reason string }{
	app.TransitionSubmit:         {"Submit for approval", ""},
	app.TransitionApprove:        {"Approve", "Why are you approving this project?"},
	app.TransitionRequestChanges: {"Request changes", "What needs to change?"},
	app.TransitionReject:         {"Reject", "Why are you rejecting this project?"},
	app.TransitionWithdraw:       {"Withdraw project", ""},
	app.TransitionClose:          {"Close project", ""},
}

// decisionFailure is a decision refused for its reason, to show by the reason box.
type decisionFailure struct {
	transition app.Transition
	reason     string
	verr       *app.ValidationError
}

// projectShow shows a project, its targets, leads and history, and the workflow steps open to the principal.
func (s *Server) projectShow(c *gin.Context) {
	s.showProject(c, http.StatusOK, nil)
}

func (s *Server) showProject(c *gin.Context, status int, failed *decisionFailure) {
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	d, err := s.projects.Get(c.Request.Context(), mustPrincipal(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := projectPage{basePage: s.newBasePage(c, d.Project.Reference+" "+d.Project.Title), Detail: d}
	for _, t := range app.Transitions() {
		if !d.Allowed.Can(t) {
			continue
		}
		step := workflowStep{Transition: t, Button: stepWords[t].button, ReasonLabel: stepWords[t].reason,
			Warning: t == app.TransitionWithdraw || t == app.TransitionReject}
		if !t.NeedsReason() {
			page.Steps = append(page.Steps, step)
			continue
		}
		if failed != nil && failed.transition == t {
			step.Open, step.Reason, step.Error = true, failed.reason, failed.verr.Fields["reason"]
			page.Errors = formErrors{List: []fieldError{{Field: reasonID(t), Message: step.Error}}}
		}
		page.Decisions = append(page.Decisions, step)
	}
	s.renderPage(c, status, "projects/show", page)
}

// reasonID is the id of a decision's reason box.
func reasonID(t app.Transition) string { return "reason-" + string(t) }

func projectPath(id int64) string { return fmt.Sprintf("/projects/%d", id) }
