package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// OverviewService answers the home pages.
type OverviewService interface {
	Home(ctx context.Context, p app.Principal) (app.Home, error)
}

type homePage struct {
	basePage
	Home   app.Home
	Tasks  []homeTask // what the person must do next, most pressing first
	CanAdd bool       // whether they may register a project
}

// homeTask is one thing someone must do, as a link to the list where they do it.
type homeTask struct {
	TestID, Text, Href string
}

// home shows each person what they must do next: an approver the projects awaiting their decision, an
// accelerator's people their drafts and the projects sent back, a project lead their own projects.
func (s *Server) home(c *gin.Context) {
	p := mustPrincipal(c)
	home, err := s.overview.Home(c.Request.Context(), p)
	if err != nil {
		s.fail(c, err)
		return
	}
	title := home.Tenant.Name
	if home.Kind == app.HomeProgramme {
		title = home.Programme.Name
	}
	page := homePage{basePage: s.newBasePage(c, title), Home: home, Tasks: homeTasks(p, home),
		CanAdd: p.CanIn(app.ActionEditProjects, p.TenantID)}
	s.renderPage(c, http.StatusOK, "home/index", page)
}

// homeTasks turns the counts into what the principal's role asks of them; nothing to do is no task.
func homeTasks(p app.Principal, home app.Home) []homeTask {
	var tasks []homeTask
	add := func(testID string, n int64, one, many, href string) {
		if n > 0 {
			tasks = append(tasks, homeTask{TestID: testID, Text: fmt.Sprintf(pick(n, one, many), n), Href: href})
		}
	}
	if p.Can(app.ActionDecideProjects) {
		add("task-decide", home.AwaitingYou, "%d project is awaiting your decision", "%d projects are awaiting your decision", awaitingPath)
	}
	if home.Kind != app.HomeAccelerator || !p.CanIn(app.ActionEditProjects, p.TenantID) {
		return tasks
	}
	sentBack, drafts := home.Totals.Count(models.StatusChangesRequested), home.Totals.Count(models.StatusDraft)
	add("task-sent-back", sentBack, "%d project was sent back to you for changes", "%d projects were sent back to you for changes",
		statusListPath(models.StatusChangesRequested))
	if p.Can(app.ActionSubmitProjects) {
		add("task-drafts", drafts, "%d draft to finish and submit", "%d drafts to finish and submit", statusListPath(models.StatusDraft))
	} else {
		add("task-drafts", drafts, "%d draft to finish for your partnership manager to submit", "%d drafts to finish for your partnership manager to submit",
			statusListPath(models.StatusDraft))
	}
	return tasks
}

func pick(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// statusListPath is the register narrowed to one status.
func statusListPath(status models.ProjectStatus) string {
	return "/projects?" + url.Values{"status": {string(status)}}.Encode()
}

// leadNeed is what one of a project lead's projects needs from them, with where to do it.
type leadNeed struct {
	Text, Href string
}

// leadNeedOf says what a project needs next from its lead.
func leadNeedOf(p app.LedProject) leadNeed {
	edit := fmt.Sprintf("/projects/%d/edit", p.ID)
	switch p.Status {
	case models.StatusChangesRequested:
		return leadNeed{"Make the changes asked for: " + p.DecisionReason, edit}
	case models.StatusDraft:
		if p.Missing > 0 {
			return leadNeed{fmt.Sprintf(pick(int64(p.Missing), "Finish the draft: %d answer to give", "Finish the draft: %d answers to give"), p.Missing), edit}
		}
		return leadNeed{"Complete: ask your partnership manager to submit it", ""}
	case models.StatusSubmitted:
		return leadNeed{"Nothing: it is awaiting a decision", ""}
	case models.StatusApproved:
		return leadNeed{"Keep it up to date as it runs", ""}
	}
	return leadNeed{"Nothing", ""}
}

// tenantStatusPath is the register narrowed to one accelerator and one status, for central government.
func tenantStatusPath(slug string, status models.ProjectStatus) string {
	return "/projects?" + url.Values{"tenant": {slug}, "status": {string(status)}}.Encode()
}

// tenantCount is one count of the programme page's accelerators table, with its link and words for screen
// readers ("3 awaiting decision of Greater Manchester").
type tenantCount struct {
	Status, Label, Tenant, Href string
	Count                       int64
}

func newTenantCount(slug, name string, status models.ProjectStatus, count int64) tenantCount {
	return tenantCount{Status: string(status), Label: statusLabel(status), Tenant: name, Href: tenantStatusPath(slug, status), Count: count}
}
