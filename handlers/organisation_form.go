package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// organisationFields are the form's fields in the order it shows them, for the error summary.
var organisationFields = []string{"name", "kind", "companies_house_number", "ukprn", "charity_number", "town", "local_authority_code"}

type organisationFormPage struct {
	basePage
	ID               int64 // 0 for a new organisation
	Form             app.OrganisationInput
	LocalAuthorities []models.LocalAuthority
}

// organisationNew shows the empty form to add an organisation.
func (s *Server) organisationNew(c *gin.Context) {
	p := mustPrincipal(c)
	if !p.CanIn(app.ActionManageOrganisations, p.TenantID) {
		s.fail(c, app.ErrForbidden)
		return
	}
	s.showOrganisationForm(c, http.StatusOK, 0, app.OrganisationInput{}, formErrors{})
}

// organisationCreate adds an organisation to the principal's tenant.
func (s *Server) organisationCreate(c *gin.Context) {
	in := postedOrganisation(c)
	o, err := s.organisations.Create(c.Request.Context(), mustPrincipal(c), in)
	if err != nil {
		s.organisationFormFailed(c, 0, in, err)
		return
	}
	s.setFlash(c, "organisation-added")
	c.Redirect(http.StatusSeeOther, organisationPath(o.ID))
}

// organisationEdit shows an organisation's form filled in, with the version it was read at.
func (s *Server) organisationEdit(c *gin.Context) {
	p := mustPrincipal(c)
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	o, err := s.organisations.Get(c.Request.Context(), p, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !s.organisations.MayEdit(p, o) {
		s.fail(c, app.ErrForbidden)
		return
	}
	s.showOrganisationForm(c, http.StatusOK, o.ID, organisationInputOf(o), formErrors{})
}

// organisationUpdate saves an organisation's changes if nobody changed it meanwhile.
func (s *Server) organisationUpdate(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	in := postedOrganisation(c)
	if _, err := s.organisations.Update(c.Request.Context(), mustPrincipal(c), id, in); err != nil {
		s.organisationFormFailed(c, id, in, err)
		return
	}
	s.setFlash(c, "organisation-saved")
	c.Redirect(http.StatusSeeOther, organisationPath(id))
}

// organisationFormFailed shows the form again, as typed, with what is wrong; other errors get their page.
func (s *Server) organisationFormFailed(c *gin.Context, id int64, in app.OrganisationInput, err error) {
	var verr *app.ValidationError
	switch {
	case errors.As(err, &verr):
		s.showOrganisationForm(c, http.StatusUnprocessableEntity, id, in, newFormErrors(verr, organisationFields...))
	case refusalMessage(err) != "" && errors.Is(err, app.ErrConflict):
		s.showOrganisationForm(c, http.StatusConflict, id, in, generalError(refusalMessage(err)))
	default:
		s.fail(c, err)
	}
}

func (s *Server) showOrganisationForm(c *gin.Context, status int, id int64, in app.OrganisationInput, errs formErrors) {
	places, err := s.organisations.LocalAuthorities(c.Request.Context(), mustPrincipal(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	title, page := "Add an organisation", "organisations/new"
	if id != 0 {
		title, page = "Change "+in.Name, "organisations/edit"
	}
	view := organisationFormPage{basePage: s.newBasePage(c, title), ID: id, Form: in, LocalAuthorities: places}
	view.Errors = errs
	s.renderPage(c, status, page, view)
}

func postedOrganisation(c *gin.Context) app.OrganisationInput {
	return app.OrganisationInput{
		Name: c.PostForm("name"), Kind: c.PostForm("kind"), CompaniesHouseNumber: c.PostForm("companies_house_number"),
		UKPRN: c.PostForm("ukprn"), CharityNumber: c.PostForm("charity_number"), Town: c.PostForm("town"),
		LocalAuthorityCode: c.PostForm("local_authority_code"), Version: formVersion(c),
	}
}

func organisationInputOf(o models.Organisation) app.OrganisationInput {
	in := app.OrganisationInput{
		Name: o.Name, Kind: string(o.Kind), CompaniesHouseNumber: o.CompaniesHouseNumber, UKPRN: o.UKPRN,
		CharityNumber: o.CharityNumber, Town: o.Town, Version: o.Version,
	}
	if o.LocalAuthorityCode != nil {
		in.LocalAuthorityCode = *o.LocalAuthorityCode
	}
	return in
}
