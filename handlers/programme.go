package handlers

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// ProgrammeService sets up the programme and its accelerators.
type ProgrammeService interface {
	Setup(ctx context.Context, p app.Principal) (app.ProgrammeSetup, error)
	Update(ctx context.Context, p app.Principal, in app.ProgrammeInput) (models.Programme, error)
	Accelerator(ctx context.Context, p app.Principal, id int64) (models.Tenant, error)
	AddAccelerator(ctx context.Context, p app.Principal, in app.AcceleratorInput) (models.Tenant, error)
	UpdateAccelerator(ctx context.Context, p app.Principal, id int64, in app.AcceleratorInput) (models.Tenant, error)
}

// programmeFields are the programme form's fields in the order it shows them, for the error summary.
var programmeFields = []string{"name", "envelope", "first_year", "last_year"}

type programmeSetupPage struct {
	basePage
	Setup app.ProgrammeSetup
}

// programmeShow shows a programme administrator the programme and its accelerators, with links to change
// them and to add an accelerator.
func (s *Server) programmeShow(c *gin.Context) {
	setup, err := s.programmes.Setup(c.Request.Context(), mustPrincipal(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderPage(c, http.StatusOK, "programme/show", programmeSetupPage{basePage: s.newBasePage(c, setup.Programme.Name), Setup: setup})
}

type programmeFormPage struct {
	basePage
	Form app.ProgrammeInput
}

// programmeEdit shows the programme's form filled in, with the version it was read at.
func (s *Server) programmeEdit(c *gin.Context) {
	setup, err := s.programmes.Setup(c.Request.Context(), mustPrincipal(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	pr := setup.Programme
	form := app.ProgrammeInput{
		Name: pr.Name, Envelope: app.FormatPoundsPlain(pr.EnvelopePence), FirstYear: app.FinancialYearLabel(pr.FirstFinancialYear),
		LastYear: app.FinancialYearLabel(pr.LastFinancialYear), Version: pr.Version,
	}
	s.showProgrammeForm(c, http.StatusOK, form, formErrors{})
}

// programmeUpdate saves the programme's changes if nobody changed it meanwhile.
func (s *Server) programmeUpdate(c *gin.Context) {
	form := app.ProgrammeInput{
		Name: c.PostForm("name"), Envelope: c.PostForm("envelope"), FirstYear: c.PostForm("first_year"),
		LastYear: c.PostForm("last_year"), Version: formVersion(c),
	}
	if _, err := s.programmes.Update(c.Request.Context(), mustPrincipal(c), form); err != nil {
		s.setUpFormFailed(c, err, programmeFields, func(status int, errs formErrors) { s.showProgrammeForm(c, status, form, errs) })
		return
	}
	s.setFlash(c, "programme-saved")
	c.Redirect(http.StatusSeeOther, "/programme")
}

func (s *Server) showProgrammeForm(c *gin.Context, status int, form app.ProgrammeInput, errs formErrors) {
	page := programmeFormPage{basePage: s.newBasePage(c, "Change the programme"), Form: form}
	page.Errors = errs
	s.renderPage(c, status, "programme/edit", page)
}

// setUpFormFailed shows a set-up form again, as typed, with what is wrong: by field for invalid input, at
// the top for a conflict. Other errors get their page.
func (s *Server) setUpFormFailed(c *gin.Context, err error, fields []string, show func(status int, errs formErrors)) {
	var verr *app.ValidationError
	switch {
	case errors.As(err, &verr):
		show(http.StatusUnprocessableEntity, newFormErrors(verr, fields...))
	case refusalMessage(err) != "" && errors.Is(err, app.ErrConflict):
		show(http.StatusConflict, generalError(refusalMessage(err)))
	default:
		s.fail(c, err)
	}
}
