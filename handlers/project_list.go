package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// awaitingPath is a funding approver's queue: submitted projects waiting for their decision.
const awaitingPath = "/projects/awaiting-decision"

// listFilterFields are the fields of the register's filter form, in its order; a problem with anything
// else (the sort or page in a link) is listed without a link.
var listFilterFields = []string{"status", "sector", "lead_organisation"}

type projectsPage struct {
	basePage
	Heading       string
	Awaiting      bool
	Filter        app.ProjectFilter
	Result        app.ProjectPage
	Central       bool // shows the accelerator column and filter
	Tenants       []models.Tenant
	Organisations []models.Organisation
	TenantNames   map[int64]string
	Columns       map[string]sortColumn
	Pagination    pagination
	ExportHref    string
	CanAdd        bool
}

// projectsIndex lists the register: filtered, searched, sorted and a page at a time.
func (s *Server) projectsIndex(c *gin.Context) {
	p := mustPrincipal(c)
	f := filterOf(c.Request.URL.Query())
	view, err := s.organisationsOf(c, p, f.Tenant)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := projectsPage{
		basePage: s.newBasePage(c, "Projects"), Heading: "Projects", Filter: f, Central: p.IsCentral(),
		Organisations: view.organisations, TenantNames: tenantNames(view.tenants), ExportHref: "/projects.csv" + filterQuery(f, f.Sort, ""),
		CanAdd: p.CanIn(app.ActionEditProjects, p.TenantID),
	}
	if page.Central {
		page.Tenants = view.tenants
	}
	s.listProjects(c, "projects/index", "/projects", page)
}

// projectsAwaitingDecision lists the submitted projects waiting for the principal's decision.
func (s *Server) projectsAwaitingDecision(c *gin.Context) {
	p := mustPrincipal(c)
	q := c.Request.URL.Query()
	f := app.ProjectFilter{Sort: q.Get("sort"), Page: q.Get("page"), AwaitingMe: true}
	page := projectsPage{
		basePage: s.newBasePage(c, "Awaiting decision"), Heading: "Projects awaiting your decision",
		Awaiting: true, Filter: f, Central: p.IsCentral(),
	}
	s.listProjects(c, "projects/awaiting_decision", awaitingPath, page)
}

// listProjects asks for the page of projects and renders it; a filter the app finds wrong is shown in the
// error summary above an empty list.
func (s *Server) listProjects(c *gin.Context, name, path string, page projectsPage) {
	result, err := s.projects.List(c.Request.Context(), mustPrincipal(c), page.Filter)
	status := http.StatusOK
	switch {
	case isValidation(err):
		status = http.StatusUnprocessableEntity
		page.Errors = listErrors(err)
	case err != nil:
		s.fail(c, err)
		return
	}
	page.Result = result
	page.Columns = sortColumns(path, page.Filter)
	page.Pagination = paginate(path, page.Filter, result)
	s.renderPage(c, status, name, page)
}

// filterOf reads the register's filter from the address.
func filterOf(q url.Values) app.ProjectFilter {
	return app.ProjectFilter{
		Tenant: q.Get("tenant"), Status: q.Get("status"), Sector: q.Get("sector"),
		LeadOrganisation: q.Get("lead_organisation"), Text: q.Get("q"), Sort: q.Get("sort"), Page: q.Get("page"),
	}
}

func listErrors(err error) formErrors {
	var verr *app.ValidationError
	if !errors.As(err, &verr) {
		return formErrors{}
	}
	errs := newFormErrors(verr, listFilterFields...)
	for i, fe := range errs.List {
		if !slices.Contains(listFilterFields, fe.Field) {
			errs.List[i].Field = ""
		}
	}
	return errs
}
