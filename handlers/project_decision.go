package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// The decision page: an approver chooses to approve a project, send it back for changes or reject it, with
// a reason, reading its grant beside what the accelerator and the programme already have approved; then
// checks the decision and confirms it. Both steps post to the page's own address, so a mistake comes back
// to the same page with the message by the field, and a confirmed decision lands on the project.

func decisionPath(id int64) string { return fmt.Sprintf("/projects/%d/decision", id) }

// decisionChoice is one radio of the decision page with its reason box.
type decisionChoice struct {
	Step                     app.Transition
	Label, Hint, ReasonLabel string
	Confirm                  string // the confirming button: "Confirm approval"
	Warning                  bool
}

func decisionChoices() []decisionChoice {
	return []decisionChoice{
		{app.TransitionApprove, "Approve", "The accelerator can then draw down the grant.", "Why are you approving it?", "Confirm approval", false},
		{app.TransitionRequestChanges, "Send it back for changes", "The accelerator corrects the project and submits it again.", "What needs to change?", "Confirm and send back", false},
		{app.TransitionReject, "Reject", "The project cannot be submitted again.", "Why are you rejecting it?", "Confirm rejection", true},
	}
}

// decisionForm is the decision as posted: the choice, the reason typed for each choice, and the version of
// the project the approver read.
type decisionForm struct {
	Decision  app.Transition
	Reasons   map[app.Transition]string
	Version   int
	confirmed bool
	changing  bool
}

func postedDecision(c *gin.Context) decisionForm {
	f := decisionForm{Decision: app.Transition(c.PostForm("decision")), Reasons: map[app.Transition]string{},
		Version: formVersion(c), confirmed: c.PostForm("confirmed") == "yes", changing: c.PostForm("change") != ""}
	for _, choice := range decisionChoices() {
		f.Reasons[choice.Step] = c.PostForm(reasonID(choice.Step))
	}
	return f
}

// unreadableReasons refuses, by its box, any reason that holds what is never text, whichever decision is
// chosen: none of it may be shown back or kept.
func unreadableReasons(f decisionForm) error {
	problem := &app.ValidationError{}
	for step, reason := range f.Reasons {
		if msg := app.LongTextProblem(reason); msg != "" {
			problem.Add(reasonID(step), msg)
			f.Reasons[step] = app.StripNonText(reason)
		}
	}
	return problem.OrNil()
}

// Reason is the reason typed for the chosen decision.
func (f decisionForm) Reason() string { return f.Reasons[f.Decision] }

// Choice is the chosen decision's words.
func (f decisionForm) Choice() decisionChoice {
	for _, choice := range decisionChoices() {
		if choice.Step == f.Decision {
			return choice
		}
	}
	return decisionChoice{}
}

// reasonID is the id (and name) of a decision's reason box.
func reasonID(t app.Transition) string { return "reason-" + string(t) }

type decisionPage struct {
	basePage
	View    app.DecisionView
	Choices []decisionChoice
	Form    decisionForm
}

// decisionPage shows the choice, for an approver who may decide on the project now.
func (s *Server) decisionPage(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	view, err := s.projects.DecisionView(c.Request.Context(), mustPrincipal(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	form := decisionForm{Version: view.Detail.Project.Version, Reasons: map[app.Transition]string{}}
	s.renderDecision(c, http.StatusOK, "projects/decision", view, form, nil)
}

// decisionPost checks a choice and shows it for confirmation, or takes a confirmed decision.
func (s *Server) decisionPost(c *gin.Context) {
	p := mustPrincipal(c)
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	form := postedDecision(c)
	if problem := unreadableReasons(form); problem != nil {
		s.decisionFailed(c, id, form, problem)
		return
	}
	if !form.Decision.NeedsReason() {
		problem := &app.ValidationError{Fields: map[string]string{"decision": "Select whether to approve the project, send it back for changes or reject it"}}
		s.decisionFailed(c, id, form, problem)
		return
	}
	ctx := c.Request.Context()
	switch {
	case form.changing:
		s.decisionAgain(c, id, form, http.StatusOK, nil)
	case !form.confirmed:
		if err := s.projects.Check(ctx, p, id, form.Decision, form.Reason()); err != nil {
			s.decisionFailed(c, id, form, err)
			return
		}
		s.decisionAgain(c, id, form, http.StatusOK, nil)
	default:
		if _, err := s.projects.Transition(ctx, p, id, form.Decision, form.Reason(), form.Version); err != nil {
			form.confirmed = false
			s.decisionFailed(c, id, form, err)
			return
		}
		s.setFlash(c, "project-"+string(form.Decision))
		c.Redirect(http.StatusSeeOther, projectPath(id))
	}
}

// decisionFailed shows the decision page again with what is wrong: by the field for a missing choice or
// reason, at the top for a conflict (someone decided or changed the project meanwhile). A person who may not
// decide at all gets the error page, as when they open the decision page.
func (s *Server) decisionFailed(c *gin.Context, id int64, form decisionForm, err error) {
	switch {
	case isValidation(err):
		s.decisionAgain(c, id, form, http.StatusUnprocessableEntity, err)
	case refusalMessage(err) != "" && errors.Is(err, app.ErrConflict):
		s.decisionAgain(c, id, form, http.StatusConflict, err)
	default:
		s.fail(c, err)
	}
}

// decisionAgain renders the decision page for a posted form: the confirmation when it was checked and
// nothing is wrong, the choice otherwise.
func (s *Server) decisionAgain(c *gin.Context, id int64, form decisionForm, status int, problem error) {
	view, err := s.projects.DecisionContext(c.Request.Context(), mustPrincipal(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	name := "projects/decision"
	if problem == nil && !form.changing {
		name = "projects/decision_confirm"
	}
	s.renderDecision(c, status, name, view, form, problem)
}

func (s *Server) renderDecision(c *gin.Context, status int, name string, view app.DecisionView, form decisionForm, problem error) {
	title := "Decide on " + view.Detail.Project.Reference
	if name == "projects/decision_confirm" {
		title = "Check your decision on " + view.Detail.Project.Reference
	}
	page := decisionPage{basePage: s.newBasePage(c, title), View: view, Choices: decisionChoices(), Form: form}
	var verr *app.ValidationError
	switch {
	case errors.As(problem, &verr):
		fields := map[string]string{}
		for field, message := range verr.Fields {
			if field == "reason" {
				field = reasonID(form.Decision)
			}
			fields[field] = message
		}
		order := []string{"decision"}
		for _, choice := range decisionChoices() {
			order = append(order, reasonID(choice.Step))
		}
		page.Errors = newFormErrors(&app.ValidationError{Fields: fields}, order...)
	case problem != nil:
		page.Errors = generalError(refusalMessage(problem))
	}
	s.renderPage(c, status, name, page)
}
