package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// router is the route table: every URL the portal answers, in one place.
func (s *Server) router() (*gin.Engine, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// X-Forwarded-For is believed only from these proxies (none by default): see Config.TrustedProxies.
	if err := r.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		return nil, err
	}
	r.RemoteIPHeaders = []string{"X-Forwarded-For"}
	r.HandleMethodNotAllowed = true
	r.Use(withRequestID, s.accessLog, s.recoverPanics)

	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/static/:version/*path", s.assets.serve)
	r.GET("/favicon.ico", s.assets.favicon)
	if s.cfg.DevIdentityProvider != nil {
		r.Any("/dev-idp/*path", gin.WrapH(s.cfg.DevIdentityProvider))
	}

	pages := r.Group("/", noStore, s.loadPrincipal)
	pages.GET("/login", s.loginPage)
	pages.POST("/login", s.startLogin)
	pages.GET("/auth/callback", s.callback)
	pages.POST("/logout", s.logout)
	pages.GET("/signed-out", s.signedOut)
	s.serviceRoutes(pages)

	signedIn := pages.Group("/", s.requireSignIn)
	signedIn.GET("/", s.home)
	signedIn.GET("/people", s.peoplePage)
	signedIn.POST("/people/invitations", s.invite)

	signedIn.GET("/organisations", s.organisationsIndex)
	signedIn.GET("/organisations/new", s.organisationNew)
	signedIn.POST("/organisations", s.organisationCreate)
	signedIn.GET("/organisations/:id", s.organisationShow)
	signedIn.GET("/organisations/:id/edit", s.organisationEdit)
	signedIn.POST("/organisations/:id", s.organisationUpdate)

	signedIn.GET("/projects", s.projectsIndex)
	signedIn.GET("/projects.csv", s.projectsExport)
	signedIn.GET(awaitingPath, s.projectsAwaitingDecision)
	signedIn.GET("/projects/new", s.projectNew)
	signedIn.POST("/projects", s.projectCreate)
	signedIn.GET("/projects/:id", s.projectShow)
	signedIn.GET("/projects/:id/edit", s.projectEdit)
	signedIn.POST("/projects/:id", s.projectUpdate)
	s.projectStepRoutes(signedIn)

	signedIn.GET("/account/tokens", s.tokensPage)
	signedIn.POST("/account/tokens", s.tokenCreate)
	signedIn.POST("/account/tokens/:id/revoke", s.tokenRevoke)

	s.apiRoutes(r)

	r.NoRoute(noStore, s.loadPrincipal, func(c *gin.Context) { s.fail(c, errNotFoundRoute) })
	r.NoMethod(noStore, func(c *gin.Context) {
		if isAPI(c) {
			s.apiMethodNotAllowed(c)
			return
		}
		s.renderErrorPage(c, failure{http.StatusMethodNotAllowed, "method_not_allowed", "That action is not available here", "errors/bad_request"})
	})
	return r, nil
}
