package handlers

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// IdentityService signs people in and out.
type IdentityService interface {
	Authenticator
	Providers() []app.ProviderConfig
	StartLogin(ctx context.Context, provider, returnTo string) (app.LoginStart, error)
	CompleteLogin(ctx context.Context, cb app.Callback, previousSession string) (app.SignedIn, error)
	Logout(ctx context.Context, sessionToken string) (string, error)
	SessionAbsolute() time.Duration
	TenantChoices(ctx context.Context, p app.Principal) ([]models.Tenant, error)
	SwitchTenant(ctx context.Context, sessionToken string, p app.Principal, tenantSlug string) (string, error)
}

// loginTransactionSeconds matches the login transaction's own ten-minute life.
const loginTransactionSeconds = 600

type loginPage struct {
	basePage
	Providers []app.ProviderConfig
	ReturnTo  string
}

// loginPage offers a sign-in button per identity provider. Signing in starts with a POST, because it
// creates a login transaction: GET requests never change anything.
func (s *Server) loginPage(c *gin.Context) {
	returnTo := app.SafeReturnPath(c.Query("return_to"))
	if _, ok := principalOf(c); ok {
		c.Redirect(http.StatusSeeOther, returnTo)
		return
	}
	page := loginPage{basePage: s.newBasePage(c, "Sign in"), Providers: s.identity.Providers(), ReturnTo: returnTo}
	s.renderPage(c, http.StatusOK, "auth/login", page)
}

// startLogin creates the login transaction, binds it to this browser with a cookie, and sends the browser to
// the provider.
func (s *Server) startLogin(c *gin.Context) {
	start, err := s.identity.StartLogin(c.Request.Context(), c.PostForm("provider"), c.PostForm("return_to"))
	if err != nil {
		s.signInProblem(c, err)
		return
	}
	s.setCookie(c, loginCookie, start.BrowserToken, loginTransactionSeconds)
	c.Redirect(http.StatusSeeOther, start.AuthorizationURL)
}

// callback completes the sign-in the provider sent the browser back from. It is a GET because that is how
// OpenID providers return; the login transaction it consumes is single-use.
func (s *Server) callback(c *gin.Context) {
	browserToken, _ := c.Cookie(loginCookie)
	previous, _ := c.Cookie(sessionCookie)
	s.clearCookie(c, loginCookie)
	signedIn, err := s.identity.CompleteLogin(c.Request.Context(), app.Callback{
		BrowserToken: browserToken, State: c.Query("state"), Code: c.Query("code"), Issuer: c.Query("iss"),
		Error: c.Query("error"), ErrorDescription: c.Query("error_description"),
	}, previous)
	if err != nil {
		s.signInProblem(c, err)
		return
	}
	s.setCookie(c, sessionCookie, signedIn.SessionToken, int(s.identity.SessionAbsolute().Seconds()))
	c.Redirect(http.StatusSeeOther, signedIn.ReturnTo)
}

// logout ends the session here and, where the provider supports it, sends the browser to sign out there too.
func (s *Server) logout(c *gin.Context) {
	token, _ := c.Cookie(sessionCookie)
	endSessionURL, err := s.identity.Logout(c.Request.Context(), token)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.clearCookie(c, sessionCookie)
	if endSessionURL == "" {
		endSessionURL = "/signed-out"
	}
	c.Redirect(http.StatusSeeOther, endSessionURL)
}

func (s *Server) signedOut(c *gin.Context) {
	s.renderPage(c, http.StatusOK, "auth/signed_out", s.newBasePage(c, "You have signed out"))
}

// problemPage explains why a sign-in did not work and what to do next.
type problemPage struct {
	basePage
	Heading string
	Advice  string
}

// signInProblem shows the page for a failed sign-in. The cause is logged; the person is told what to do.
func (s *Server) signInProblem(c *gin.Context, err error) {
	ctx := c.Request.Context()
	switch {
	case errors.Is(err, app.ErrNoAccess):
		s.log.InfoContext(ctx, "sign-in without access", "reason", err.Error())
		s.renderPage(c, http.StatusForbidden, "auth/no_access", s.newBasePage(c, "You do not have access yet"))
		return
	case errors.Is(err, app.ErrNotFound):
		s.fail(c, err)
		return
	}
	page := problemPage{basePage: s.newBasePage(c, "There is a problem signing you in")}
	status := http.StatusBadRequest
	switch {
	case errors.Is(err, app.ErrLoginInvalid):
		page.Heading = "Your sign-in could not be completed"
		page.Advice = "This can happen if you took longer than 10 minutes, used the back button, or started signing in from another browser or tab."
	case errors.Is(err, app.ErrProviderUnavailable):
		status = http.StatusServiceUnavailable
		page.Heading = "The sign-in service is not responding"
		page.Advice = "Try again in a few minutes. If you are already signed in elsewhere in the portal, you can carry on working there."
	case errors.Is(err, app.ErrSignInRefused):
		page.Heading = "We could not confirm who you are"
		page.Advice = "Your sign-in service's answer did not pass our checks."
	default:
		s.fail(c, err)
		return
	}
	s.log.WarnContext(ctx, "sign-in refused", "status", status, "reason", err.Error())
	s.renderPage(c, status, "auth/problem", page)
}

// renderPage renders a page, or the 500 page if the template fails.
func (s *Server) renderPage(c *gin.Context, status int, page string, data any) {
	if err := s.pages.render(c, status, page, data); err != nil {
		s.fail(c, err)
	}
}
