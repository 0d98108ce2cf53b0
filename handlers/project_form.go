package handlers

import (
	"errors"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

type projectFormPage struct {
	basePage
	ID        int64 // 0 for a new project
	Reference string
	Detail    *app.ProjectDetail // the project as saved, when editing one
	Form      projectForm
	Choices   app.FormChoices
}

// projectNew shows the empty form to register a project.
func (s *Server) projectNew(c *gin.Context) {
	s.showProjectForm(c, http.StatusOK, 0, projectForm{}, nil)
}

// projectCreate registers a draft project in the principal's tenant. Only the form's own fields are read,
// so a forged tenant, status or reference has nowhere to go.
func (s *Server) projectCreate(c *gin.Context) {
	form := postedProject(c)
	project, err := s.projects.Create(c.Request.Context(), mustPrincipal(c), form.input())
	if err != nil {
		s.projectFormFailed(c, 0, form, err)
		return
	}
	s.setFlash(c, "project-created")
	c.Redirect(http.StatusSeeOther, projectPath(project.ID))
}

// projectEdit shows a project's form filled in, if the principal may change it now.
func (s *Server) projectEdit(c *gin.Context) {
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
	if !d.Allowed.Edit {
		s.fail(c, s.projects.EditRefusal(p, d.Project))
		return
	}
	s.showProjectForm(c, http.StatusOK, id, projectFormOf(d), nil)
}

// projectUpdate saves a project's changes if nobody changed it since the form was read.
func (s *Server) projectUpdate(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	form := postedProject(c)
	if _, err := s.projects.Update(c.Request.Context(), mustPrincipal(c), id, form.input()); err != nil {
		s.projectFormFailed(c, id, form, err)
		return
	}
	s.setFlash(c, "project-saved")
	c.Redirect(http.StatusSeeOther, projectPath(id))
}

// projectFormFailed shows the form again, as typed, with what is wrong: by field for invalid input, at the
// top for a conflict (a stale version, or a project no longer editable). Other errors get their page.
func (s *Server) projectFormFailed(c *gin.Context, id int64, form projectForm, err error) {
	switch {
	case isValidation(err):
		s.showProjectForm(c, http.StatusUnprocessableEntity, id, form, err)
	case refusalMessage(err) != "" && errors.Is(err, app.ErrConflict):
		s.showProjectForm(c, http.StatusConflict, id, form, err)
	default:
		s.fail(c, err)
	}
}

// showProjectForm renders the form; problem, when not nil, is a validation error or a refusal to show.
func (s *Server) showProjectForm(c *gin.Context, status int, id int64, form projectForm, problem error) {
	p := mustPrincipal(c)
	ctx := c.Request.Context()
	choices, err := s.projects.Choices(ctx, p)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := projectFormPage{ID: id, Form: form, Choices: choices}
	title, name := "Register a project", "projects/new"
	if id != 0 {
		d, err := s.projects.Get(ctx, p, id)
		if err != nil {
			s.fail(c, err)
			return
		}
		page.Reference, page.Detail, title, name = d.Project.Reference, &d, "Change "+d.Project.Reference, "projects/edit"
	}
	page.basePage = s.newBasePage(c, title)
	page.Errors = problemErrors(problem, projectFields(choices)...)
	s.renderPage(c, status, name, page)
}

// projectFields are the form's fields in the order it shows them, for the error summary.
func projectFields(choices app.FormChoices) []string {
	order := projectFormOrder()
	fields := slices.Clone(order[:len(order)-1])
	for _, ind := range choices.Indicators {
		fields = append(fields, "targets."+ind.Code)
	}
	return append(fields, order[len(order)-1])
}
