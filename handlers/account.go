package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

type invitationsPage struct {
	basePage
	Waiting []app.WaitingInvitation
}

// myInvitations lists the invitations waiting for the signed-in person, to accept or decline.
func (s *Server) myInvitations(c *gin.Context) {
	waiting, err := s.people.MyInvitations(c.Request.Context(), mustPrincipal(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderPage(c, http.StatusOK, "account/invitations", invitationsPage{basePage: s.newBasePage(c, "Your invitations"), Waiting: waiting})
}

func (s *Server) invitationAccept(c *gin.Context)  { s.answerInvitation(c, true) }
func (s *Server) invitationDecline(c *gin.Context) { s.answerInvitation(c, false) }

func (s *Server) answerInvitation(c *gin.Context, accept bool) {
	if _, err := s.people.AnswerInvitation(c.Request.Context(), mustPrincipal(c), c.Param("id"), accept); err != nil {
		s.fail(c, err)
		return
	}
	flash := map[bool]string{true: "invitation-accepted", false: "invitation-declined"}[accept]
	s.setFlash(c, flash)
	c.Redirect(http.StatusSeeOther, app.InvitationsPath)
}

type organisationChoicePage struct {
	basePage
	Choices []models.Tenant
}

// organisationChoice lets a person with roles in several tenants choose which one to act for.
func (s *Server) organisationChoice(c *gin.Context) {
	s.showOrganisationChoice(c, http.StatusOK, nil)
}

func (s *Server) showOrganisationChoice(c *gin.Context, status int, verr *app.ValidationError) {
	choices, err := s.identity.TenantChoices(c.Request.Context(), mustPrincipal(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	page := organisationChoicePage{basePage: s.newBasePage(c, "Change organisation"), Choices: choices}
	if verr != nil {
		page.Errors = newFormErrors(verr, "organisation")
	}
	s.renderPage(c, status, "account/organisation", page)
}

// organisationSwitch moves the session to the chosen tenant, under a new session ID.
func (s *Server) organisationSwitch(c *gin.Context) {
	token, _ := c.Cookie(sessionCookie)
	next, err := s.identity.SwitchTenant(c.Request.Context(), token, mustPrincipal(c), c.PostForm("organisation"))
	var verr *app.ValidationError
	if errors.As(err, &verr) {
		s.showOrganisationChoice(c, http.StatusUnprocessableEntity, verr)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setCookie(c, sessionCookie, next, int(s.identity.SessionAbsolute().Seconds()))
	s.setFlash(c, "tenant-switched")
	c.Redirect(http.StatusSeeOther, "/")
}
