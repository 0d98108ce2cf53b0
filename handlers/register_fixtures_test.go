package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
)

// Fixtures of the register pages' tests: signed-in people with the principal they act as, and projects
// and organisations made through the services, as quickly as a test needs them.

// registerPerson is a demo person signed in, with the principal their requests act as.
type registerPerson struct {
	*portaltest.Browser
	principal app.Principal
}

func signInForRegister(t *testing.T, portal *portaltest.Portal, subject string) registerPerson {
	t.Helper()
	b := portal.NewBrowser(t)
	b.SignInAs(subject)
	p, err := portal.Services.Identity.Authenticate(t.Context(), b.Cookie("portal_session"))
	if err != nil {
		t.Fatalf("principal of %s: %v", subject, err)
	}
	return registerPerson{Browser: b, principal: p}
}

func registerTestOrganisation(t *testing.T, portal *portaltest.Portal, p app.Principal, name string) models.Organisation {
	t.Helper()
	o, err := portal.Services.Organisations.Create(t.Context(), p, app.OrganisationInput{Name: name, Kind: "business"})
	if err != nil {
		t.Fatalf("organisation %s: %v", name, err)
	}
	return o
}

// registerTestProject makes a draft project led by the organisation, changed as the options say.
func registerTestProject(t *testing.T, portal *portaltest.Portal, p app.Principal, lead int64, options ...func(*app.ProjectInput)) models.Project {
	t.Helper()
	in := app.ProjectInput{
		Title: "Advanced materials pilot line", LeadOrganisationID: lead, Sector: "advanced_materials",
		LocalAuthorityCode: placeIn[p.TenantName], StartDate: "2024-04-01", EndDate: "2026-03-31",
		TotalCost: "1500000", GrantRequested: "1000000", PrivateCoInvestment: "500000",
	}
	for _, change := range options {
		change(&in)
	}
	project, err := portal.Services.Projects.Create(t.Context(), p, in)
	if err != nil {
		t.Fatalf("project %q: %v", in.Title, err)
	}
	return project
}

// placeIn is a local authority in each demo accelerator's region: Manchester, Birmingham, Glasgow City.
var placeIn = map[string]string{"Greater Manchester": "E08000003", "West Midlands": "E08000025", "Glasgow City Region": "S12000049"}

// stepProject takes workflow steps through the services, at the project's current version, failing the
// test if any is refused.
func stepProject(t *testing.T, portal *portaltest.Portal, p app.Principal, id int64, steps ...app.Transition) {
	t.Helper()
	for _, step := range steps {
		current, err := portal.Services.Projects.Get(t.Context(), p, id)
		if err != nil {
			t.Fatalf("read project %d: %v", id, err)
		}
		if _, err := portal.Services.Projects.Transition(t.Context(), p, id, step, "Because the test says so", current.Project.Version); err != nil {
			t.Fatalf("%s project %d: %v", step, id, err)
		}
	}
}

// projectForm is a complete, valid project form as a browser posts it.
func projectForm(leadOrganisation int64) url.Values {
	return url.Values{
		"title": {"Graphene membranes for water treatment"}, "summary": {"Scale-up of membranes."},
		"lead_organisation_id": {fmt.Sprint(leadOrganisation)}, "sector": {"advanced_materials"},
		"local_authority_code": {"E08000003"},
		"start_date-day":       {"1"}, "start_date-month": {"4"}, "start_date-year": {"2024"},
		"end_date-day": {"31"}, "end_date-month": {"3"}, "end_date-year": {"2026"},
		"total_cost": {"1,500,000"}, "grant_requested": {"1000000.00"}, "private_co_investment": {"500000"},
		"targets[jobs_created]": {"12.5"}, "targets[patents_filed]": {"3"},
	}
}

// with returns a copy of form values with some replaced.
func with(values url.Values, changes url.Values) url.Values {
	out := url.Values{}
	for k, v := range values {
		out[k] = v
	}
	for k, v := range changes {
		out[k] = v
	}
	return out
}

func projectURL(id int64) string { return fmt.Sprintf("/projects/%d", id) }

// expectStatus fails the test unless the answer has the status, showing the page's heading and errors.
func expectStatus(t *testing.T, r *portaltest.Response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; heading %q, errors %q", r.Request.Method, r.Request.URL.Path, r.StatusCode, status,
			r.Text("h1"), r.Text(".govuk-error-summary__list"))
	}
}

// expectRedirect checks a form was accepted with a redirect to the page given (by path prefix).
func expectRedirect(t *testing.T, r *portaltest.Response, prefix string) {
	t.Helper()
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), prefix) {
		t.Fatalf("%s %s: status %d to %q, want 303 to %s…; errors %q", r.Request.Method, r.Request.URL.Path, r.StatusCode,
			r.Header.Get("Location"), prefix, r.Text(".govuk-error-summary__list"))
	}
}
