package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// OverviewService answers the home pages.
type OverviewService interface {
	Home(ctx context.Context, p app.Principal) (app.Home, error)
}

type homePage struct {
	basePage
	Home      app.Home
	Programme bool // whether to show the whole programme (central roles) or one place
}

// home shows central roles the programme and its accelerators, and everyone else their own accelerator.
func (s *Server) home(c *gin.Context) {
	p := mustPrincipal(c)
	home, err := s.overview.Home(c.Request.Context(), p)
	if err != nil {
		s.fail(c, err)
		return
	}
	title := home.Tenant.Name
	if p.Can(app.ActionViewProgramme) {
		title = home.Programme.Name
	}
	page := homePage{basePage: s.newBasePage(c, title), Home: home, Programme: p.Can(app.ActionViewProgramme)}
	s.renderPage(c, http.StatusOK, "home/index", page)
}
