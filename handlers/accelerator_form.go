package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// acceleratorFields are the accelerator form's fields in the order it shows them, for the error summary.
var acceleratorFields = []string{"name", "slug", "reference_prefix", "lead_body", "region"}

type acceleratorFormPage struct {
	basePage
	ID              int64 // 0 for a new accelerator
	Form            app.AcceleratorInput
	Slug, Reference string // an existing accelerator's, which do not change
}

// acceleratorNew shows the empty form to add an accelerator.
func (s *Server) acceleratorNew(c *gin.Context) {
	if _, err := s.programmes.Setup(c.Request.Context(), mustPrincipal(c)); err != nil {
		s.fail(c, err)
		return
	}
	s.showAcceleratorForm(c, http.StatusOK, acceleratorFormPage{}, formErrors{})
}

// acceleratorCreate adds an accelerator to the programme.
func (s *Server) acceleratorCreate(c *gin.Context) {
	form := postedAccelerator(c)
	if _, err := s.programmes.AddAccelerator(c.Request.Context(), mustPrincipal(c), form); err != nil {
		s.setUpFormFailed(c, err, acceleratorFields, func(status int, errs formErrors) {
			s.showAcceleratorForm(c, status, acceleratorFormPage{Form: form}, errs)
		})
		return
	}
	s.setFlash(c, "accelerator-added")
	c.Redirect(http.StatusSeeOther, "/programme")
}

// acceleratorEdit shows an accelerator's form filled in, with the version it was read at.
func (s *Server) acceleratorEdit(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	t, err := s.programmes.Accelerator(c.Request.Context(), mustPrincipal(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	form := app.AcceleratorInput{Name: t.Name, LeadBody: t.LeadBody, Region: t.ITL1Region, Version: t.Version}
	s.showAcceleratorForm(c, http.StatusOK, acceleratorFormPage{ID: t.ID, Form: form, Slug: t.Slug, Reference: t.ReferencePrefix}, formErrors{})
}

// acceleratorUpdate saves an accelerator's changes if nobody changed it meanwhile.
func (s *Server) acceleratorUpdate(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := mustPrincipal(c)
	form := postedAccelerator(c)
	if _, err := s.programmes.UpdateAccelerator(c.Request.Context(), p, id, form); err != nil {
		s.setUpFormFailed(c, err, acceleratorFields, func(status int, errs formErrors) {
			t, readErr := s.programmes.Accelerator(c.Request.Context(), p, id)
			if readErr != nil {
				s.fail(c, readErr)
				return
			}
			s.showAcceleratorForm(c, status, acceleratorFormPage{ID: id, Form: form, Slug: t.Slug, Reference: t.ReferencePrefix}, errs)
		})
		return
	}
	s.setFlash(c, "accelerator-saved")
	c.Redirect(http.StatusSeeOther, "/programme")
}

func (s *Server) showAcceleratorForm(c *gin.Context, status int, page acceleratorFormPage, errs formErrors) {
	title, name := "Add an accelerator", "programme/accelerators/new"
	if page.ID != 0 {
		title, name = "Change "+page.Form.Name, "programme/accelerators/edit"
	}
	page.basePage = s.newBasePage(c, title)
	page.Errors = errs
	s.renderPage(c, status, name, page)
}

// postedAccelerator reads the form's own fields; an existing accelerator's form has no slug or prefix.
func postedAccelerator(c *gin.Context) app.AcceleratorInput {
	return app.AcceleratorInput{
		Slug: c.PostForm("slug"), Name: c.PostForm("name"), LeadBody: c.PostForm("lead_body"),
		Region: c.PostForm("region"), ReferencePrefix: c.PostForm("reference_prefix"), Version: formVersion(c),
	}
}
