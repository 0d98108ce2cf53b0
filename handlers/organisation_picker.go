package handlers

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// pickerMatches is how many organisations a picker lists when a person's words fit several.
const pickerMatches = 10

// organisationPicker is the view model of partials/organisation_picker.html: one organisation of one
// tenant, chosen by typing part of its name. Without JavaScript the words are sent with the form and
// turned into an organisation here; with it, portal.js suggests names as the person types, from the
// organisations API, and fills in the chosen one's ID.
type organisationPicker struct {
	Field     string // the name of the field that carries the chosen organisation's ID
	Label     string
	Hint      string
	SearchURL string // where the script asks for names: the organisations API, narrowed to the tenant
	Text      string // what the text box holds: the chosen organisation's name, or the person's words
	ChosenID  int64
	Matches   []pickerMatch // the person's words fit several organisations: choose one
	MoreMatch bool          // and more than those listed
	Error     string
}

// pickerMatch is one organisation a person's words fit, with the address that chooses it.
type pickerMatch struct {
	Name, Href string
}

// InputID is the text box's id and name, which error messages link to.
func (p *organisationPicker) InputID() string { return p.Field + "_q" }

// leadOrganisationPicker builds the register's lead organisation filter for one tenant and turns the words
// typed into it (lead_organisation_q) into the filter's organisation when they name one.
func (s *Server) leadOrganisationPicker(c *gin.Context, p app.Principal, tenantID int64, f *app.ProjectFilter) (*organisationPicker, error) {
	pk := &organisationPicker{
		Field: "lead_organisation", Label: "Lead organisation", Hint: "Type part of its name",
		SearchURL: "/api/v1/organisations?page_size=" + strconv.Itoa(pickerMatches) + "&tenant_id=" + strconv.FormatInt(tenantID, 10),
	}
	words := strings.TrimSpace(c.Query(pk.InputID()))
	if chosen, ok := s.chosenOrganisation(c, p, tenantID, f.LeadOrganisation); ok && (words == "" || strings.EqualFold(words, chosen.Name)) {
		pk.Text, pk.ChosenID = chosen.Name, chosen.ID
		return pk, nil
	}
	if words == "" {
		return pk, nil
	}
	f.LeadOrganisation, pk.Text = "", words // the words win over an earlier choice they no longer name
	found, err := s.organisations.Find(c.Request.Context(), p, tenantID, words, pickerMatches+1)
	if err != nil {
		return nil, err
	}
	if one, ok := onlyMatch(found, words); ok {
		f.LeadOrganisation, pk.Text, pk.ChosenID = strconv.FormatInt(one.ID, 10), one.Name, one.ID
		return pk, nil
	}
	if len(found) == 0 {
		pk.Error = "No organisation’s name contains “" + words + "”: check the spelling or type less of the name"
		return pk, nil
	}
	pk.MoreMatch = len(found) > pickerMatches
	for _, o := range found[:min(len(found), pickerMatches)] {
		choice := *f
		choice.LeadOrganisation = strconv.FormatInt(o.ID, 10)
		pk.Matches = append(pk.Matches, pickerMatch{Name: o.Name, Href: "/projects" + filterQuery(choice, f.Sort, "")})
	}
	return pk, nil
}

// chosenOrganisation reads the organisation an ID field names, if it is one of the tenant's.
func (s *Server) chosenOrganisation(c *gin.Context, p app.Principal, tenantID int64, idText string) (models.Organisation, bool) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id < 1 {
		return models.Organisation{}, false
	}
	o, err := s.organisations.Get(c.Request.Context(), p, id)
	return o, err == nil && o.TenantID == tenantID
}

// onlyMatch is the organisation some words name: the only one found, or the one whose whole name they are.
func onlyMatch(found []models.Organisation, words string) (models.Organisation, bool) {
	if len(found) == 1 {
		return found[0], true
	}
	for _, o := range found {
		if strings.EqualFold(o.Name, words) {
			return o, true
		}
	}
	return models.Organisation{}, false
}
