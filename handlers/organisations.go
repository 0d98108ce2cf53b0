package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

type organisationsPage struct {
	basePage
	Organisations []models.Organisation
	TenantNames   map[int64]string
	Tenants       []models.Tenant // central roles choose whose organisations to see
	Tenant        string          // the chosen tenant's slug, "" for all
	CanAdd        bool
}

// organisationsIndex lists the organisations the principal may see; central roles may narrow it to one tenant.
func (s *Server) organisationsIndex(c *gin.Context) {
	p := mustPrincipal(c)
	slug := c.Query("tenant")
	view, err := s.organisationsOf(c, p, slug)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := organisationsPage{
		basePage: s.newBasePage(c, "Organisations"), Organisations: view.organisations, TenantNames: tenantNames(view.tenants),
		Tenant: slug, CanAdd: p.CanIn(app.ActionManageOrganisations, p.TenantID),
	}
	if p.IsCentral() {
		page.Tenants = view.tenants
	}
	s.renderPage(c, http.StatusOK, "organisations/index", page)
}

// tenantOrganisations are the tenants a principal may choose between and the organisations of the one chosen
// (of all of them when none is).
type tenantOrganisations struct {
	tenants       []models.Tenant
	organisations []models.Organisation
}

// organisationsOf reads the tenants the principal may see and the organisations of the tenant the slug
// chooses; a slug outside the principal's reach is not found.
func (s *Server) organisationsOf(c *gin.Context, p app.Principal, slug string) (tenantOrganisations, error) {
	ctx := c.Request.Context()
	tenants, err := s.organisations.Tenants(ctx, p)
	if err != nil {
		return tenantOrganisations{}, err
	}
	tenantID, err := tenantIDOf(tenants, slug)
	if err != nil {
		return tenantOrganisations{}, err
	}
	orgs, err := s.organisations.List(ctx, p, tenantID)
	return tenantOrganisations{tenants: tenants, organisations: orgs}, err
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
