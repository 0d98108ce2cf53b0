package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

type organisationsPage struct {
	basePage
	Result      app.OrganisationPage
	TenantNames map[int64]string
	Tenants     []models.Tenant // central roles choose whose organisations to see
	Tenant      string          // the chosen tenant's slug, "" for all
	Text        string          // part of a name to find
	Pagination  pagination
	FirstHref   string
	CanAdd      bool
}

// organisationsIndex lists the organisations the principal may see by name, a page at a time; central
// roles may narrow it to one tenant, and anyone may find part of a name.
func (s *Server) organisationsIndex(c *gin.Context) {
	if redirectedFromPageNumber(c) {
		return
	}
	p := mustPrincipal(c)
	slug, text := c.Query("tenant"), strings.TrimSpace(c.Query("q"))
	tenants, err := s.organisations.Tenants(c.Request.Context(), p)
	if err != nil {
		s.fail(c, err)
		return
	}
	tenantID, err := tenantIDOf(tenants, slug)
	if err != nil {
		s.fail(c, err)
		return
	}
	result, err := s.organisations.Page(c.Request.Context(), p, app.OrganisationFilter{TenantID: tenantID, Text: text, Cursor: c.Query("cursor")})
	if err != nil {
		s.fail(c, err)
		return
	}
	page := organisationsPage{
		basePage: s.newBasePage(c, "Organisations"), Result: result, TenantNames: tenantNames(tenants),
		Tenant: slug, Text: text, CanAdd: p.CanIn(app.ActionManageOrganisations, p.TenantID),
		FirstHref: "/organisations" + organisationsQuery(slug, text, ""),
	}
	if result.Previous != "" {
		page.Pagination.Previous = "/organisations" + organisationsQuery(slug, text, result.Previous)
	}
	if result.Next != "" {
		page.Pagination.Next = "/organisations" + organisationsQuery(slug, text, result.Next)
	}
	if p.IsCentral() {
		page.Tenants = tenants
	}
	s.renderPage(c, http.StatusOK, "organisations/index", page)
}

// organisationsQuery writes the organisations list's query back into an address ("" or "?…").
func organisationsQuery(slug, text, cursor string) string {
	q := url.Values{}
	for key, value := range map[string]string{"tenant": slug, "q": text, "cursor": cursor} {
		if value != "" {
			q.Set(key, value)
		}
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// tenantIDOf finds a chosen tenant among those offered; a slug that is not offered is not found.
func tenantIDOf(tenants []models.Tenant, slug string) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	for _, t := range tenants {
		if t.Slug == slug {
			return t.ID, nil
		}
	}
	return 0, fmt.Errorf("tenant %q: %w", slug, app.ErrNotFound)
}

func tenantNames(tenants []models.Tenant) map[int64]string {
	names := map[int64]string{}
	for _, t := range tenants {
		names[t.ID] = t.Name
	}
	return names
}

type organisationPage struct {
	basePage
	Organisation   models.Organisation
	Identifiers    []app.Identifier
	TenantName     string
	LocalAuthority models.LocalAuthority
	Projects       []models.OrganisationProject
	CanEdit        bool
}

// organisationShow shows one organisation with its identifiers and place.
func (s *Server) organisationShow(c *gin.Context) {
	p := mustPrincipal(c)
	ctx := c.Request.Context()
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	o, err := s.organisations.Get(ctx, p, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	places, err := s.organisations.LocalAuthorities(ctx, p)
	if err != nil {
		s.fail(c, err)
		return
	}
	tenants, err := s.organisations.Tenants(ctx, p)
	if err != nil {
		s.fail(c, err)
		return
	}
	projects, err := s.projects.OfOrganisation(ctx, p, o.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := organisationPage{
		basePage: s.newBasePage(c, o.Name), Organisation: o, Identifiers: app.IdentifiersToShow(o),
		TenantName: tenantNames(tenants)[o.TenantID], Projects: projects, CanEdit: s.organisations.MayEdit(p, o),
	}
	if o.LocalAuthorityCode != nil {
		page.LocalAuthority = placeOf(places, *o.LocalAuthorityCode)
	}
	s.renderPage(c, http.StatusOK, "organisations/show", page)
}

// placeOf finds a local authority by code; an unknown code shows as itself.
func placeOf(places []models.LocalAuthority, code string) models.LocalAuthority {
	for _, la := range places {
		if la.Code == code {
			return la
		}
	}
	return models.LocalAuthority{Code: code, Name: code}
}

func organisationPath(id int64) string {
	return fmt.Sprintf("/organisations/%d", id)
}
