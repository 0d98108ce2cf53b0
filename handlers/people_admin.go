package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

type personPage struct {
	basePage
	Person app.PersonInTenant
	Back   string
}

// personShow shows one person's access to a tenant and what the principal may change.
func (s *Server) personShow(c *gin.Context) {
	s.showPerson(c, http.StatusOK, nil)
}

func (s *Server) showPerson(c *gin.Context, status int, verr *app.ValidationError) {
	person, err := s.people.Person(c.Request.Context(), mustPrincipal(c), c.Query("tenant"), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	page := personPage{basePage: s.newBasePage(c, person.User.DisplayName), Person: person, Back: peoplePath(c.Query("tenant"))}
	if verr != nil {
		page.Errors = newFormErrors(verr, "role")
	}
	s.renderPage(c, status, "people/person", page)
}

// personChangeRole replaces one of a person's roles with another.
func (s *Server) personChangeRole(c *gin.Context) {
	err := s.people.ChangeRole(c.Request.Context(), mustPrincipal(c), c.Query("tenant"), c.Param("id"), c.PostForm("from"), c.PostForm("role"))
	var verr *app.ValidationError
	if errors.As(err, &verr) {
		s.showPerson(c, http.StatusUnprocessableEntity, verr)
		return
	}
	s.afterPersonChange(c, err, "role-changed", personPath(c))
}

// personRemoveRole takes a role away; the person leaves the tenant's list when it was their last.
func (s *Server) personRemoveRole(c *gin.Context) {
	err := s.people.RemoveRole(c.Request.Context(), mustPrincipal(c), c.Query("tenant"), c.Param("id"), c.PostForm("role"))
	s.afterPersonChange(c, err, "role-removed", peoplePath(c.Query("tenant")))
}

// personDisable and personEnable switch a person's account off and on again.
func (s *Server) personDisable(c *gin.Context) {
	err := s.people.SetDisabled(c.Request.Context(), mustPrincipal(c), c.Query("tenant"), c.Param("id"), true)
	s.afterPersonChange(c, err, "person-disabled", personPath(c))
}

func (s *Server) personEnable(c *gin.Context) {
	err := s.people.SetDisabled(c.Request.Context(), mustPrincipal(c), c.Query("tenant"), c.Param("id"), false)
	s.afterPersonChange(c, err, "person-enabled", personPath(c))
}

// invitationWithdraw and invitationResend act on one of the tenant's open invitations.
func (s *Server) invitationWithdraw(c *gin.Context) {
	err := s.people.WithdrawInvitation(c.Request.Context(), mustPrincipal(c), c.Query("tenant"), c.Param("id"))
	s.afterPersonChange(c, err, "invitation-withdrawn", peoplePath(c.Query("tenant")))
}

func (s *Server) invitationResend(c *gin.Context) {
	err := s.people.ResendInvitation(c.Request.Context(), mustPrincipal(c), c.Query("tenant"), c.Param("id"))
	s.afterPersonChange(c, err, "invitation-resent", peoplePath(c.Query("tenant")))
}

// afterPersonChange sends the browser on with a banner, or shows why the change was refused.
func (s *Server) afterPersonChange(c *gin.Context, err error, flash, next string) {
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, flash)
	c.Redirect(http.StatusSeeOther, next)
}

func personPath(c *gin.Context) string {
	p := "/people/" + url.PathEscape(c.Param("id"))
	if tenant := c.Query("tenant"); tenant != "" {
		p += "?tenant=" + url.QueryEscape(tenant)
	}
	return p
}
