package handlers

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// Gin keeps its mode in a package variable. It is set once, when this package loads, and never while a
// router is being built or serving: release mode keeps Gin's debug lines out of the portal's log.
func init() {
	gin.SetMode(gin.ReleaseMode)
}

// router is the route table: every URL the portal answers, in one place.
func (s *Server) router() (*gin.Engine, error) {
	r := gin.New()
	// X-Forwarded-For is believed only from these proxies (none by default): see Config.TrustedProxies.
	if err := r.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		return nil, err
	}
	r.RemoteIPHeaders = []string{"X-Forwarded-For"}
	r.HandleMethodNotAllowed = true
	r.Use(withRequestID, s.accessLog, s.recoverPanics, s.refuseCrossOrigin(), s.cleanQuery)

	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/static/:version/*path", s.assets.serve)
	r.GET("/favicon.ico", s.assets.favicon)
	if s.cfg.DevIdentityProvider != nil {
		r.Any("/dev-idp/*path", gin.WrapH(s.cfg.DevIdentityProvider))
	}

	pages := r.Group("/", noStore, s.loadPrincipal)
	pages.GET("/login", s.loginPage)
	pages.POST("/login", s.limitByAddress(app.LimitSignInStart), s.startLogin)
	pages.GET("/auth/callback", s.limitByAddress(app.LimitSignInCallback), s.callback)
	pages.POST("/logout", s.logout)
	pages.GET("/signed-out", s.signedOut)
	s.serviceRoutes(pages)

	signedIn := pages.Group("/", s.requireSignIn, s.limitFormPosts)
	signedIn.GET("/", s.home)
	signedIn.GET("/people", s.peoplePage)
	signedIn.POST("/people/invitations", s.invite)
	signedIn.POST("/people/invitations/:id/withdraw", s.invitationWithdraw)
	signedIn.POST("/people/invitations/:id/resend", s.invitationResend)
	signedIn.GET("/people/:id", s.personShow)
	signedIn.POST("/people/:id/roles", s.personChangeRole)
	signedIn.POST("/people/:id/roles/remove", s.personRemoveRole)
	signedIn.POST("/people/:id/disable", s.personDisable)
	signedIn.POST("/people/:id/enable", s.personEnable)

	signedIn.GET("/organisations", s.organisationsIndex)
	signedIn.GET("/organisations/new", s.organisationNew)
	signedIn.POST("/organisations", s.organisationCreate)
	signedIn.GET("/organisations/:id", s.organisationShow)
	signedIn.GET("/organisations/:id/edit", s.organisationEdit)
	signedIn.POST("/organisations/:id", s.organisationUpdate)

	signedIn.GET("/projects", s.projectsIndex)
	signedIn.GET("/projects.csv", s.projectsExport(newCSVSheet, 1))
	signedIn.GET("/projects.xlsx", s.projectsExport(newXLSXSheet, xlsxExportWeight))
	signedIn.GET(awaitingPath, s.projectsAwaitingDecision)
	signedIn.GET("/projects/new", s.projectNew)
	signedIn.POST("/projects", s.projectCreate)
	signedIn.GET("/projects/:id", s.projectShow)
	signedIn.GET("/projects/:id/edit", s.projectEdit)
	signedIn.POST("/projects/:id", s.projectUpdate)
	s.projectStepRoutes(signedIn)

	signedIn.GET(app.InvitationsPath, s.myInvitations)
	signedIn.POST(app.InvitationsPath+"/:id/accept", s.invitationAccept)
	signedIn.POST(app.InvitationsPath+"/:id/decline", s.invitationDecline)
	signedIn.GET("/account/organisation", s.organisationChoice)
	signedIn.POST("/account/organisation", s.organisationSwitch)

	signedIn.GET("/programme", s.programmeShow)
	signedIn.GET("/programme/edit", s.programmeEdit)
	signedIn.POST("/programme", s.programmeUpdate)
	signedIn.GET("/programme/accelerators/new", s.acceleratorNew)
	signedIn.POST("/programme/accelerators", s.acceleratorCreate)
	signedIn.GET("/programme/accelerators/:id/edit", s.acceleratorEdit)
	signedIn.POST("/programme/accelerators/:id", s.acceleratorUpdate)

	signedIn.GET("/account/tokens", s.tokensPage)
	signedIn.POST("/account/tokens", s.tokenCreate)
	signedIn.POST("/account/tokens/:id/revoke", s.tokenRevoke)

	signedIn.GET("/audit", s.auditTrail)

	s.apiRoutes(r)

	r.NoRoute(noStore, s.loadPrincipal, func(c *gin.Context) { s.fail(c, s.noRoute(c)) })
	r.NoMethod(noStore, func(c *gin.Context) { s.fail(c, &methodNotAllowed{c.Request.Method}) })
	return r, nil
}

// noRoute is the error for an address the portal does not have: the API says so in its own words, and a
// page is "not found" like a record out of reach.
func (s *Server) noRoute(c *gin.Context) error {
	if isAPI(c) {
		return errNoSuchRoute
	}
	return fmt.Errorf("no page at %s: %w", c.Request.URL.Path, app.ErrNotFound)
}
