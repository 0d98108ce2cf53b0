package handlers_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
)

// apiClient is a program calling the JSON API with a demo person's personal API token. Every answer it
// gets is checked to be JSON and kept out of caches.
type apiClient struct {
	t      *testing.T
	portal *portaltest.Portal
	header http.Header
}

// apiAnswer is an API response with its body read.
type apiAnswer struct {
	Status int
	Header http.Header
	Body   string
}

// apiErrorJSON is the API's error body.
type apiErrorJSON struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// tokenPrincipal is a demo person as they act in their tenant, to make tokens for.
func tokenPrincipal(t *testing.T, portal *portaltest.Portal, subject string) app.Principal {
	t.Helper()
	user := seededUser(t, portal, subject)
	memberships, err := portal.Store.MembershipsOfUser(t.Context(), user.ID)
	if err != nil || len(memberships) == 0 {
		t.Fatalf("memberships of %s: %v", subject, err)
	}
	tenant, err := portal.Store.Tenant(t.Context(), memberships[0].TenantID)
	if err != nil {
		t.Fatal(err)
	}
	return app.Principal{UserID: user.ID, TenantID: tenant.ID, TenantName: tenant.Name, TenantKind: tenant.Kind,
		Roles: []models.Role{memberships[0].Role}}
}

// newAPIToken makes a personal API token for a demo person, lasting days ("" for the default).
func newAPIToken(t *testing.T, portal *portaltest.Portal, subject, days string) app.NewToken {
	t.Helper()
	token, err := portal.Services.APITokens.Create(t.Context(), tokenPrincipal(t, portal, subject), "test client", days)
	if err != nil {
		t.Fatalf("token for %s: %v", subject, err)
	}
	return token
}

// apiAs is a client with a new token of a demo person.
func apiAs(t *testing.T, portal *portaltest.Portal, subject string) *apiClient {
	t.Helper()
	return apiWith(t, portal, http.Header{"Authorization": {"Bearer " + newAPIToken(t, portal, subject, "").Secret}})
}

func apiWith(t *testing.T, portal *portaltest.Portal, header http.Header) *apiClient {
	return &apiClient{t: t, portal: portal, header: header}
}

// do sends a request; body is nil, a string sent as it is, or a value sent as JSON.
func (a *apiClient) do(method, path string, body any) apiAnswer {
	a.t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = bytes.NewBufferString(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.portal.URL+path, reader)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header = a.header.Clone()
	// A test sets Content-Type to "" to send none at all. A project's PATCH is a JSON Merge Patch.
	if contentType, set := req.Header["Content-Type"]; !set && body != nil {
		req.Header.Set("Content-Type", "application/json")
		if method == http.MethodPatch && strings.HasPrefix(path, "/api/v1/projects/") {
			req.Header.Set("Content-Type", "application/merge-patch+json")
		}
	} else if set && contentType[0] == "" {
		req.Header.Del("Content-Type")
	}
	r := a.portal.NewBrowser(a.t).Do(req)
	answer := apiAnswer{Status: r.StatusCode, Header: r.Header, Body: r.Body}
	checkAPIHeaders(a.t, method+" "+path, answer)
	return answer
}

// checkAPIHeaders holds every API answer to JSON that no cache keeps.
func checkAPIHeaders(t *testing.T, what string, r apiAnswer) {
	t.Helper()
	if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType != "application/json" {
		t.Errorf("%s: Content-Type %q, want application/json", what, r.Header.Get("Content-Type"))
	}
	if got := r.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("%s: Cache-Control %q, want no-store", what, got)
	}
	if !json.Valid([]byte(r.Body)) {
		t.Errorf("%s: body is not JSON: %s", what, r.Body)
	}
}

// expect fails the test unless the answer has the status, and decodes its body into out (when not nil).
func (r apiAnswer) expect(t *testing.T, status int, out any) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body: %s", r.Status, status, r.Body)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(r.Body), out); err != nil {
			t.Fatalf("decode %s: %v", r.Body, err)
		}
	}
}

// expectError checks an error answer's status and code and returns its body.
func (r apiAnswer) expectError(t *testing.T, status int, code string) apiErrorJSON {
	t.Helper()
	var e apiErrorJSON
	r.expect(t, status, &e)
	if e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("error code %q, message %q; want code %q and a message", e.Error.Code, e.Error.Message, code)
	}
	return e
}

// apiProjectOut is the part of a project answer the tests read.
type apiProjectOut struct {
	ID                  int64             `json:"id"`
	Reference           string            `json:"reference"`
	TenantID            int64             `json:"tenant_id"`
	Title               string            `json:"title"`
	Summary             string            `json:"summary"`
	LeadOrganisationID  int64             `json:"lead_organisation_id"`
	Status              string            `json:"status"`
	Version             int               `json:"version"`
	TotalCost           string            `json:"total_cost"`
	GrantRequested      string            `json:"grant_requested"`
	PrivateCoInvestment string            `json:"private_co_investment"`
	StartDate           string            `json:"start_date"`
	Targets             map[string]string `json:"targets"`
	Missing             map[string]string `json:"missing_for_submission"`
	Leads               []apiNamedOut     `json:"leads"`
	Partners            []apiNamedOut     `json:"partners"`
	AllowedActions      []string          `json:"allowed_actions"`
	History             []struct {
		Action    string `json:"action"`
		ActorName string `json:"actor_name"`
		Reason    string `json:"reason"`
	} `json:"history"`
}

type apiNamedOut struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type apiOrganisationOut struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Version int    `json:"version"`
}

// apiProjectBody is a complete, valid project for the API; tests change what they test.
func apiProjectBody(leadOrganisationID int64, leadUserIDs ...int64) map[string]any {
	return map[string]any{
		"title": "Advanced materials pilot line", "summary": "A shared pilot line for graphene composites.",
		"lead_organisation_id": leadOrganisationID, "sector": "advanced_materials", "local_authority_code": "E08000003",
		"start_date": "2024-04-01", "end_date": "2025-03-31",
		"total_cost": "1500000.00", "grant_requested": "1000000.00", "private_co_investment": "500000",
		"targets":       map[string]string{"jobs_created": "12.5", "patents_filed": "3"},
		"lead_user_ids": leadUserIDs, "partner_organisation_ids": []int64{},
	}
}

// withFields returns a copy of a body with fields changed (a nil value removes the field).
func withFields(body map[string]any, changes map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	for k, v := range changes {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// apiCreateOrganisation registers an organisation through the API and returns its ID.
func apiCreateOrganisation(t *testing.T, api *apiClient, name, ukprn string) int64 {
	t.Helper()
	var o apiOrganisationOut
	api.do(http.MethodPost, "/api/v1/organisations", map[string]any{"name": name, "kind": "university", "ukprn": ukprn}).
		expect(t, http.StatusCreated, &o)
	return o.ID
}

// apiCreateProject registers a draft project through the API.
func apiCreateProject(t *testing.T, api *apiClient, body map[string]any) apiProjectOut {
	t.Helper()
	var p apiProjectOut
	api.do(http.MethodPost, "/api/v1/projects", body).expect(t, http.StatusCreated, &p)
	return p
}

func apiProjectURL(id int64, step ...string) string {
	u := "/api/v1/projects/" + strconv.FormatInt(id, 10)
	for _, s := range step {
		u += "/" + s
	}
	return u
}

func apiOrganisationURL(id int64) string {
	return "/api/v1/organisations/" + strconv.FormatInt(id, 10)
}
