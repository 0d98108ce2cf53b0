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
var listFilterFields = []string{"status", "sector", "lead_organisation_q"}

type projectsPage struct {
	basePage
	Heading    string
	Awaiting   bool
	Filter     app.ProjectFilter
	Result     app.ProjectPage
	Central    bool // shows the accelerator column and filter
	Tenants    []models.Tenant
	Picker     *organisationPicker // the lead organisation filter, once a tenant is chosen
	Columns    map[string]sortColumn
	Pagination pagination
	FirstHref  string // the first page of the same list
	ExportHref string // the same list as CSV (".xlsx" for Excel)
	CanAdd     bool
}

// projectsIndex lists the register: filtered, searched, sorted and a page at a time.
func (s *Server) projectsIndex(c *gin.Context) {
	if redirectedFromPageNumber(c) {
		return
	}
	p := mustPrincipal(c)
	f := filterOf(c.Request.URL.Query())
	tenants, err := s.organisations.Tenants(c.Request.Context(), p)
	if err != nil {
		s.fail(c, err)
		return
	}
	tenantID, err := pickerTenant(p, tenants, f.Tenant)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := projectsPage{
		basePage: s.newBasePage(c, "Projects"), Heading: "Projects", Central: p.IsCentral(),
		CanAdd: p.CanIn(app.ActionEditProjects, p.TenantID),
	}
	if page.Central {
		page.Tenants = tenants
	}
	if tenantID != 0 {
		if page.Picker, err = s.leadOrganisationPicker(c, p, tenantID, &f); err != nil {
			s.fail(c, err)
			return
		}
	}
	page.Filter, page.ExportHref = f, "/projects.csv"+filterQuery(f, f.Sort, "")
	s.listProjects(c, "projects/index", "/projects", page)
}

// pickerTenant is the tenant whose organisations the lead organisation filter offers: the one a central
// person chose (none until they choose), or a person's own accelerator.
func pickerTenant(p app.Principal, tenants []models.Tenant, slug string) (int64, error) {
	if !p.IsCentral() {
		return p.TenantID, nil
	}
	return tenantIDOf(tenants, slug)
}

// redirectedFromPageNumber sends an address with a page number (from before the register was paged by
// cursor, or typed by hand) to the first page of the same list: page numbers no longer name a place.
func redirectedFromPageNumber(c *gin.Context) bool {
	q := c.Request.URL.Query()
	if !q.Has("page") {
		return false
	}
	q.Del("page")
	target := c.Request.URL.Path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	c.Redirect(http.StatusSeeOther, target)
	return true
}

// projectsAwaitingDecision lists the submitted projects waiting for the principal's decision.
func (s *Server) projectsAwaitingDecision(c *gin.Context) {
	if redirectedFromPageNumber(c) {
		return
	}
	p := mustPrincipal(c)
	q := c.Request.URL.Query()
	f := app.ProjectFilter{Sort: q.Get("sort"), Cursor: q.Get("cursor"), AwaitingMe: true}
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
	if page.Picker != nil && page.Picker.Error != "" {
		status = http.StatusUnprocessableEntity
		page.Errors.List = append(page.Errors.List, fieldError{page.Picker.InputID(), page.Picker.Error})
	}
	page.Result = result
	page.Columns = sortColumns(path, page.Filter)
	page.Pagination = paginate(path, page.Filter, result)
	page.FirstHref = path + filterQuery(page.Filter, page.Filter.Sort, "")
	s.renderPage(c, status, name, page)
}

// filterOf reads the register's filter from the address.
func filterOf(q url.Values) app.ProjectFilter {
	return app.ProjectFilter{
		Tenant: q.Get("tenant"), Status: q.Get("status"), Sector: q.Get("sector"),
		LeadOrganisation: q.Get("lead_organisation"), Text: q.Get("q"), Sort: q.Get("sort"), Cursor: q.Get("cursor"),
	}
}

func listErrors(err error) formErrors {
	var verr *app.ValidationError
	if !errors.As(err, &verr) {
		return formErrors{}
	}
	errs := newFormErrors(verr, listFilterFields...)
	for i, fe := range errs.List {
		switch {
		case fe.Field == "lead_organisation":
			errs.List[i].Field = "lead_organisation_q"
		case !slices.Contains(listFilterFields, fe.Field):
			errs.List[i].Field = ""
		}
	}
	return errs
}
