package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

type projectPage struct {
	basePage
	Detail  app.ProjectDetail
	Actions []stepLink // the workflow steps open to the principal, as links to their pages
	Missing formErrors // what the draft still needs before it can be submitted, in the form's order
}

// stepLink is a workflow step the principal may take, as a button-styled link to the page where they check
// and confirm it.
type stepLink struct {
	TestID, Label, Href string
	Warning, Secondary  bool
}

// projectShow shows a project, its targets, leads and history, a banner with the reason when it was sent
// back, and links to the workflow steps open to the principal.
func (s *Server) projectShow(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	d, err := s.projects.Get(c.Request.Context(), mustPrincipal(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := projectPage{basePage: s.newBasePage(c, projectTitle(d)), Detail: d, Actions: stepLinks(d)}
	if d.Allowed.Edit {
		page.Missing = newFormErrors(&app.ValidationError{Fields: d.Missing}, projectFormOrder()...)
	}
	s.renderPage(c, http.StatusOK, "projects/show", page)
}

// stepLinks lists the pages of the steps open to the principal: one link for the decisions, which share
// their page, and one for each other step.
func stepLinks(d app.ProjectDetail) []stepLink {
	var links []stepLink
	decided := false
	for _, t := range app.ProjectSteps() {
		if !d.Allowed.Can(t) {
			continue
		}
		if t.NeedsReason() {
			if !decided {
				links = append(links, stepLink{TestID: "step-decide", Label: "Make a decision", Href: decisionPath(d.Project.ID)})
			}
			decided = true
			continue
		}
		words := stepWordsFor(t)
		links = append(links, stepLink{TestID: "step-" + string(t), Label: words.Button, Href: stepPath(d.Project.ID, t),
			Warning: words.Warning, Secondary: !words.Warning && t != app.TransitionSubmit})
	}
	return links
}

// projectTitle names a project for a page's title: its reference and title, or its reference alone while a
// draft has no title.
func projectTitle(d app.ProjectDetail) string {
	if d.Project.Title == "" {
		return d.Project.Reference + " (untitled draft)"
	}
	return d.Project.Reference + " " + d.Project.Title
}

func projectPath(id int64) string { return fmt.Sprintf("/projects/%d", id) }
