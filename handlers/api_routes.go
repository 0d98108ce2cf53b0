package handlers

import (
	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// apiRoutes is the JSON API's route table. Every answer is kept out of caches; every route but the
// OpenAPI document needs a personal API token (or the session cookie of a page of the portal). The
// document, api_openapi.json, lists these same routes, and a test holds the two together.
func (s *Server) apiRoutes(r *gin.Engine) {
	api := r.Group("/api/v1", noStore)
	api.GET("/openapi.json", s.openAPIDocument)

	authed := api.Group("/", s.authenticateAPI)
	authed.GET("/projects", s.apiListProjects)
	authed.POST("/projects", s.apiCreateProject)
	authed.GET("/projects/:id", s.apiGetProject)
	authed.PATCH("/projects/:id", s.apiPatchProject)
	authed.PUT("/projects/:id", s.apiReplaceProject)
	for _, t := range app.ProjectSteps() {
		authed.POST("/projects/:id/"+apiStepName(t), s.apiTransition(t))
	}

	authed.GET("/organisations", s.apiListOrganisations)
	authed.POST("/organisations", s.apiCreateOrganisation)
	authed.GET("/organisations/:id", s.apiGetOrganisation)
	authed.PATCH("/organisations/:id", s.apiUpdateOrganisation)
}
