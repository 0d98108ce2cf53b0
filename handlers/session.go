package handlers

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

const (
	sessionCookie = "portal_session"
	loginCookie   = "portal_login"
	flashCookie   = "portal_flash"
	principalKey  = "portal.principal"
)

// Authenticator resolves a session cookie to the person it stands for.
type Authenticator interface {
	Authenticate(ctx context.Context, sessionToken string) (app.Principal, error)
}

// loadPrincipal puts the signed-in person, if any, on the request. A dead session's cookie is cleared.
func (s *Server) loadPrincipal(c *gin.Context) {
	token, err := c.Cookie(sessionCookie)
	if err != nil || token == "" {
		c.Next()
		return
	}
	p, err := s.identity.Authenticate(c.Request.Context(), token)
	switch {
	case err == nil:
		c.Set(principalKey, p)
	case errors.Is(err, app.ErrUnauthenticated):
		s.clearCookie(c, sessionCookie)
	default:
		s.fail(c, err)
		return
	}
	c.Next()
}

// requireSignIn stops requests from people who are not signed in: pages send them to sign in, the API
// answers 401.
func (s *Server) requireSignIn(c *gin.Context) {
	if _, ok := principalOf(c); !ok {
		s.fail(c, app.ErrUnauthenticated)
		return
	}
	c.Next()
}

func principalOf(c *gin.Context) (app.Principal, bool) {
	v, ok := c.Get(principalKey)
	if !ok {
		return app.Principal{}, false
	}
	p, ok := v.(app.Principal)
	return p, ok
}

// mustPrincipal is for handlers behind requireSignIn or authenticateAPI. A handler reached without a
// principal is wired wrongly, so it panics (a logged 500) rather than act for nobody.
func mustPrincipal(c *gin.Context) app.Principal {
	p, ok := principalOf(c)
	if !ok {
		panic("handler " + c.FullPath() + " needs a signed-in person but is not behind requireSignIn")
	}
	return p
}

func (s *Server) redirectToLogin(c *gin.Context) {
	target := "/login"
	if c.Request.Method == http.MethodGet && c.Request.URL.Path != "/" {
		target += "?return_to=" + url.QueryEscape(c.Request.URL.RequestURI())
	}
	c.Redirect(http.StatusSeeOther, target)
	c.Abort()
}

// setCookie sets an HttpOnly, SameSite=Lax cookie for the whole site, Secure when the portal is on https.
func (s *Server) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.secure(), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(c *gin.Context, name string) {
	s.setCookie(c, name, "", -1)
}

// Flash messages are short codes in a cookie, mapped to fixed text here, so nobody can plant words on a
// person's page through the cookie.
var flashMessages = map[string]string{
	"invitation-sent":         "Invitation sent",
	"organisation-added":      "Organisation added",
	"organisation-saved":      "Organisation saved",
	"project-created":         "Project created",
	"project-saved":           "Project saved",
	"project-submit":          "Project submitted",
	"project-approve":         "Project approved",
	"project-request_changes": "Changes requested",
	"project-reject":          "Project rejected",
	"project-withdraw":        "Project withdrawn",
	"project-close":           "Project closed",
	"token-revoked":           "Token revoked",
	"role-changed":            "Role changed",
	"role-removed":            "Access removed",
	"person-disabled":         "Account disabled: their sessions and API tokens have stopped working",
	"person-enabled":          "Account re-enabled",
	"invitation-withdrawn":    "Invitation withdrawn",
	"invitation-resent":       "Invitation renewed for another 14 days",
	"invitation-accepted":     "Invitation accepted: choose the organisation to act for from Change organisation",
	"invitation-declined":     "Invitation declined",
	"tenant-switched":         "You are now acting for this organisation",
	"programme-saved":         "Programme saved",
	"accelerator-added":       "Accelerator added",
	"accelerator-saved":       "Accelerator saved",
}

func (s *Server) setFlash(c *gin.Context, code string) {
	s.setCookie(c, flashCookie, code, flashSeconds)
}

func (s *Server) takeFlash(c *gin.Context) string {
	code, err := c.Cookie(flashCookie)
	if err != nil || code == "" {
		return ""
	}
	s.clearCookie(c, flashCookie)
	return flashMessages[code]
}
