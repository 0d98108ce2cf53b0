package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// projectTransition takes a workflow step (submit, approve, reject, request_changes, withdraw, close) on a
// project. A decision without a reason comes back to the project page with the message by the reason box;
// a step the app refuses shows the app's explanation.
func (s *Server) projectTransition(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	t, ok := app.ParseTransition(c.Param("action"))
	if !ok {
		s.fail(c, fmt.Errorf("no workflow step %q: %w", c.Param("action"), app.ErrNotFound))
		return
	}
	reason := c.PostForm("reason")
	_, err = s.projects.Transition(c.Request.Context(), mustPrincipal(c), id, t, reason, formVersion(c))
	var verr *app.ValidationError
	if errors.As(err, &verr) && verr.Fields["reason"] != "" {
		s.showProject(c, http.StatusUnprocessableEntity, &decisionFailure{transition: t, reason: reason, verr: verr})
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "project-"+string(t))
	c.Redirect(http.StatusSeeOther, projectPath(id))
}
