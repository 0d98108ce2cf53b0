package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// The workflow's pages. Every step of app.ProjectSteps gets a page where the person checks what they are
// about to do and confirms it, and then a confirmation page; the decisions (the steps that need a reason)
// share one decision page instead. A new step in the table gets its routes here without anyone listing them.

// stepWords are the words of a step's pages.
type stepWords struct {
	Button      string // the link on the project page
	Heading     string // the check page's heading
	Confirm     string // the check page's button
	Done        string // the confirmation page's panel
	Next        string // what happens next, on the confirmation page
	ReasonLabel string // the optional reason's label; "" asks for none
	Warning     bool   // a step that cannot be undone
}

func stepWordsFor(t app.Transition) stepWords {
	switch t {
	case app.TransitionSubmit:
		return stepWords{Button: "Check and submit", Heading: "Check your answers before submitting the project",
			Confirm: "Accept and submit", Done: "Project submitted",
			Next: "A funding approver in central government will approve the project, reject it or send it back with the changes they need. You will see their decision on the project's page and on your home page."}
	case app.TransitionWithdraw:
		return stepWords{Button: "Withdraw project", Heading: "Are you sure you want to withdraw this project?",
			Confirm: "Withdraw project", Done: "Project withdrawn", ReasonLabel: "Why are you withdrawing it? (optional)",
			Next: "The project stays in the register as withdrawn, with its history. It cannot be submitted again: register a new project instead.", Warning: true}
	case app.TransitionClose:
		return stepWords{Button: "Close project", Heading: "Are you sure you want to close this project?",
			Confirm: "Close project", Done: "Project closed", ReasonLabel: "Why are you closing it? (optional)",
			Next: "The project stays in the register as closed, with its history. No more money can be drawn against it.", Warning: true}
	}
	return stepWords{Button: string(t), Heading: "Confirm", Confirm: "Confirm", Done: "Done"}
}

// projectStepRoutes adds the pages of every workflow step to the signed-in routes.
func (s *Server) projectStepRoutes(r gin.IRoutes) {
	for _, t := range app.ProjectSteps() {
		if t.NeedsReason() {
			continue
		}
		path := "/projects/:id/" + apiStepName(t)
		r.GET(path, s.stepCheck(t))
		r.POST(path, s.stepTake(t))
		r.GET(path+"/done", s.stepDone(t))
	}
	r.GET("/projects/:id/decision", s.decisionPage)
	r.POST("/projects/:id/decision", s.decisionPost)
}

func stepPath(id int64, t app.Transition) string {
	return fmt.Sprintf("/projects/%d/%s", id, apiStepName(t))
}

type stepPage struct {
	basePage
	Detail  app.ProjectDetail
	Step    app.Transition
	Action  string // the step's address, where its form posts
	Words   stepWords
	Reason  string
	Missing formErrors // for submission: what the project still needs
}

// stepCheck shows the page where a person checks a step before taking it: their answers before submitting,
// or what withdrawing or closing means.
func (s *Server) stepCheck(t app.Transition) gin.HandlerFunc {
	return func(c *gin.Context) { s.showStep(c, t, http.StatusOK, "", nil) }
}

// stepTake takes the step and shows its confirmation page; a refusal comes back to the check page with the
// reason, at this same address.
func (s *Server) stepTake(t app.Transition) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		reason := c.PostForm("reason")
		_, err = s.projects.Transition(c.Request.Context(), mustPrincipal(c), id, t, reason, formVersion(c))
		switch {
		case err == nil:
			c.Redirect(http.StatusSeeOther, stepPath(id, t)+"/done")
		case isValidation(err):
			s.showStep(c, t, http.StatusUnprocessableEntity, reason, err)
		case refusalMessage(err) != "" && errors.Is(err, app.ErrConflict):
			s.showStep(c, t, http.StatusConflict, reason, err)
		default:
			s.fail(c, err)
		}
	}
}

// showStep renders a step's check page; problem is a validation error or a refusal to show at the top.
func (s *Server) showStep(c *gin.Context, t app.Transition, status int, reason string, problem error) {
	p := mustPrincipal(c)
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	d, err := s.projects.Get(c.Request.Context(), p, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if problem == nil && !d.Allowed.Can(t) {
		s.fail(c, s.projects.StepRefusal(p, d.Project, t))
		return
	}
	page := stepPage{basePage: s.newBasePage(c, stepWordsFor(t).Heading), Detail: d, Step: t, Action: stepPath(id, t),
		Words: stepWordsFor(t), Reason: reason}
	page.Missing = newFormErrors(&app.ValidationError{Fields: d.Missing}, projectFormOrder()...)
	page.Errors = problemErrors(problem, append(projectFormOrder(), "reason", "version")...)
	name := "projects/confirm_step"
	if t == app.TransitionSubmit {
		name = "projects/submit"
	}
	s.renderPage(c, status, name, page)
}

// stepDone is the confirmation page of a step just taken. A project not in the state the step leads to has
// nothing to confirm, so the person is sent to its page.
func (s *Server) stepDone(t app.Transition) gin.HandlerFunc {
	return func(c *gin.Context) {
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
		if d.Project.Status != app.ProjectStepLeadsTo(t) {
			c.Redirect(http.StatusSeeOther, projectPath(id))
			return
		}
		page := stepPage{basePage: s.newBasePage(c, stepWordsFor(t).Done), Detail: d, Step: t, Words: stepWordsFor(t)}
		s.renderPage(c, http.StatusOK, "projects/step_done", page)
	}
}

// projectFormOrder is the order of the project form's own fields (the targets come between the money and
// the leads), for the error summaries of the form and of the pages that link to it.
func projectFormOrder() []string {
	return []string{"title", "summary", "lead_organisation_id", "partner_organisation_ids", "sector", "sector_other",
		"local_authority_code", "start_date", "end_date", "total_cost", "grant_requested", "private_co_investment", "lead_user_ids"}
}
