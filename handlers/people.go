package handlers

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// PeopleService lists, invites and administers the people of a tenant.
type PeopleService interface {
	List(ctx context.Context, p app.Principal, tenantSlug string) (app.PeopleOfTenant, error)
	Invite(ctx context.Context, p app.Principal, in app.InviteInput) (models.Invitation, error)
	Person(ctx context.Context, p app.Principal, tenantSlug, userID string) (app.PersonInTenant, error)
	ChangeRole(ctx context.Context, p app.Principal, tenantSlug, userID, from, to string) error
	RemoveRole(ctx context.Context, p app.Principal, tenantSlug, userID, role string) error
	SetDisabled(ctx context.Context, p app.Principal, tenantSlug, userID string, disable bool) error
	WithdrawInvitation(ctx context.Context, p app.Principal, tenantSlug, invitationID string) error
	ResendInvitation(ctx context.Context, p app.Principal, tenantSlug, invitationID string) error
	MyInvitations(ctx context.Context, p app.Principal) ([]app.WaitingInvitation, error)
	AnswerInvitation(ctx context.Context, p app.Principal, invitationID string, accept bool) (app.WaitingInvitation, error)
}

type peoplePage struct {
	basePage
	People app.PeopleOfTenant
	Form   inviteForm
}

type inviteForm struct {
	Email, Role, Provider string
}

// peoplePage lists the people of the principal's tenant, or for central roles of the tenant they pick.
func (s *Server) peoplePage(c *gin.Context) {
	s.showPeople(c, http.StatusOK, inviteForm{}, nil)
}

// invite invites a person; on a mistake the form comes back with the person's input and the messages.
func (s *Server) invite(c *gin.Context) {
	form := inviteForm{Email: c.PostForm("email"), Role: c.PostForm("role"), Provider: c.PostForm("provider")}
	in := app.InviteInput{TenantSlug: c.Query("tenant"), Email: form.Email, Role: form.Role, Provider: form.Provider}
	_, err := s.people.Invite(c.Request.Context(), mustPrincipal(c), in)
	var verr *app.ValidationError
	if errors.As(err, &verr) {
		s.showPeople(c, http.StatusUnprocessableEntity, form, verr)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "invitation-sent")
	c.Redirect(http.StatusSeeOther, peoplePath(c.Query("tenant")))
}

func (s *Server) showPeople(c *gin.Context, status int, form inviteForm, verr *app.ValidationError) {
	p := mustPrincipal(c)
	people, err := s.people.List(c.Request.Context(), p, c.Query("tenant"))
	if err != nil {
		s.fail(c, err)
		return
	}
	page := peoplePage{basePage: s.newBasePage(c, "People of "+people.Tenant.Name), People: people, Form: form}
	if verr != nil {
		page.Errors = newFormErrors(verr, "email", "role", "provider")
	}
	s.renderPage(c, status, "people/index", page)
}

func peoplePath(tenantSlug string) string {
	if tenantSlug == "" {
		return "/people"
	}
	return "/people?tenant=" + url.QueryEscape(tenantSlug)
}
