package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// apiOrganisationFields are the organisation fields an API client writes: app.OrganisationInput in JSON.
type apiOrganisationFields struct {
	Name                 string `json:"name"`
	Kind                 string `json:"kind"`
	CompaniesHouseNumber string `json:"companies_house_number"`
	UKPRN                string `json:"ukprn"`
	CharityNumber        string `json:"charity_number"`
	Town                 string `json:"town"`
	LocalAuthorityCode   string `json:"local_authority_code"`
}

// apiOrganisationUpdate replaces every field of an organisation read at Version.
type apiOrganisationUpdate struct {
	apiOrganisationFields
	Version *int `json:"version"`
}

func (b apiOrganisationFields) input() app.OrganisationInput {
	return app.OrganisationInput{
		Name: b.Name, Kind: b.Kind, CompaniesHouseNumber: b.CompaniesHouseNumber, UKPRN: b.UKPRN,
		CharityNumber: b.CharityNumber, Town: b.Town, LocalAuthorityCode: b.LocalAuthorityCode,
	}
}

// apiOrganisation is an organisation as the API shows it.
type apiOrganisation struct {
	ID                   int64     `json:"id"`
	TenantID             int64     `json:"tenant_id"`
	Name                 string    `json:"name"`
	Kind                 string    `json:"kind"`
	CompaniesHouseNumber string    `json:"companies_house_number"`
	UKPRN                string    `json:"ukprn"`
	CharityNumber        string    `json:"charity_number"`
	Town                 string    `json:"town"`
	LocalAuthorityCode   *string   `json:"local_authority_code"`
	Version              int       `json:"version"`
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

func newAPIOrganisation(o models.Organisation) apiOrganisation {
	return apiOrganisation{
		ID: o.ID, TenantID: o.TenantID, Name: o.Name, Kind: string(o.Kind),
		CompaniesHouseNumber: o.CompaniesHouseNumber, UKPRN: o.UKPRN, CharityNumber: o.CharityNumber,
		Town: o.Town, LocalAuthorityCode: o.LocalAuthorityCode, Version: o.Version,
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
}

// apiListOrganisations lists the organisations the caller may see, by name, a page at a time; tenant_id
// narrows a central caller's list and q finds part of a name (the pages' organisation pickers ask here).
func (s *Server) apiListOrganisations(c *gin.Context) {
	if err := apiNoPageNumbers(c); err != nil {
		s.fail(c, err)
		return
	}
	var tenantID int64
	if text := c.Query("tenant_id"); text != "" {
		var err error
		if tenantID, err = strconv.ParseInt(text, 10, 64); err != nil || tenantID < 1 {
			s.fail(c, &app.ValidationError{Fields: map[string]string{"tenant_id": "Use a tenant's ID, a whole number"}})
			return
		}
	}
	page, err := s.organisations.Page(c.Request.Context(), mustPrincipal(c), app.OrganisationFilter{
		TenantID: tenantID, Text: c.Query("q"), Cursor: c.Query("cursor"), PageSize: c.Query("page_size"),
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	out := apiList[apiOrganisation]{Data: make([]apiOrganisation, 0, len(page.Rows))}
	out.Meta, out.Links = newAPIPageMeta(c, page.PageSize, page.Total, page.TotalExact, page.Next, page.Previous)
	for _, o := range page.Rows {
		out.Data = append(out.Data, newAPIOrganisation(o))
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) apiGetOrganisation(c *gin.Context) {
	id, ok := s.apiPathID(c)
	if !ok {
		return
	}
	o, err := s.organisations.Get(c.Request.Context(), mustPrincipal(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newAPIOrganisation(o))
}

// apiCreateOrganisation registers an organisation in the caller's tenant.
func (s *Server) apiCreateOrganisation(c *gin.Context) {
	var body apiOrganisationFields
	if err := decodeJSONBody(c.Request, &body); err != nil {
		s.fail(c, err)
		return
	}
	o, err := s.organisations.Create(c.Request.Context(), mustPrincipal(c), body.input())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/organisations/"+strconv.FormatInt(o.ID, 10))
	c.JSON(http.StatusCreated, newAPIOrganisation(o))
}

// apiUpdateOrganisation replaces every field of an organisation, if nobody changed it since it was read.
func (s *Server) apiUpdateOrganisation(c *gin.Context) {
	id, ok := s.apiPathID(c)
	if !ok {
		return
	}
	var body apiOrganisationUpdate
	if err := decodeJSONBody(c.Request, &body); err != nil {
		s.fail(c, err)
		return
	}
	version, err := apiVersion(body.Version)
	if err != nil {
		s.fail(c, err)
		return
	}
	in := body.input()
	in.Version = version
	o, err := s.organisations.Update(c.Request.Context(), mustPrincipal(c), id, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newAPIOrganisation(o))
}
