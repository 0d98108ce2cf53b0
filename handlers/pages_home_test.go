package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// homeCase is a demo person and what their home page and header show them.
type homeCase struct {
	subject, name, role, organisation string
	region                            string // their accelerator's region; "" for central roles
	seesPeople                        bool   // whether the People link is in the navigation
}

var homeCases = []homeCase{
	{"demo-programme-admin", "Alex Morgan", "Programme administrator", "Central government", "", true},
	{"demo-funding-approver", "Sam Okafor", "Funding approver", "Central government", "", false},
	{"demo-council-observer", "Ruth Campbell", "Observer", "Central government", "", false},
	{"demo-gm-director", "Tom Hughes", "Observer", "Greater Manchester", "North West (England)", false},
	{"demo-gm-manager", "Nadia Rahman", "Partnership manager", "Greater Manchester", "North West (England)", true},
	{"demo-gm-staff", "Chris Doyle", "Partnership staff", "Greater Manchester", "North West (England)", false},
	{"demo-gm-lead", "Dr Helen Price", "Project lead", "Greater Manchester", "North West (England)", false},
	{"demo-wm-manager", "Raj Patel", "Partnership manager", "West Midlands", "West Midlands (England)", true},
	{"demo-wm-lead", "Dr Amira Khan", "Project lead", "West Midlands", "West Midlands (England)", false},
	{"demo-glasgow-manager", "Fiona MacLeod", "Partnership manager", "Glasgow City Region", "Scotland", true},
	{"demo-glasgow-staff", "Euan Stewart", "Partnership staff", "Glasgow City Region", "Scotland", false},
}

var accelerators = []string{"Greater Manchester", "West Midlands", "Glasgow City Region"}

func TestHomePage_ShowsEachPersonWhatTheirRoleMaySee(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		for _, tc := range homeCases {
			t.Run(tc.subject, func(t *testing.T) {
				home := portal.NewBrowser(t).SignInAs(tc.subject)
				if home.StatusCode != http.StatusOK || home.Request.URL.Path != "/" {
					t.Fatalf("landed on %s with status %d, want the home page", home.Request.URL, home.StatusCode)
				}
				checkHeader(t, home, tc)
				if tc.region == "" {
					checkProgrammeOverview(t, home)
				} else {
					checkAcceleratorOverview(t, home, tc)
				}
			})
		}
	})
}

func checkHeader(t *testing.T, page *portaltest.Response, tc homeCase) {
	t.Helper()
	got := []string{
		page.Text(`[data-testid="account-name"]`),
		page.Text(`[data-testid="account-role"]`),
		page.Text(`[data-testid="account-organisation"]`),
		page.Text(`form[method="post"][action="/logout"] button`),
	}
	if diff := cmp.Diff([]string{tc.name, tc.role, tc.organisation, "Sign out"}, got); diff != "" {
		t.Errorf("header: name, role, organisation, sign-out button (-want +got):\n%s", diff)
	}
	peopleLinks := page.Doc.Find(`#navigation a[href="/people"]`).Length()
	if tc.seesPeople != (peopleLinks == 1) {
		t.Errorf("navigation has %d People links, want the link shown: %v", peopleLinks, tc.seesPeople)
	}
}

func checkProgrammeOverview(t *testing.T, home *portaltest.Response) {
	t.Helper()
	got := []string{home.Text("h1"), home.Text(`[data-testid="envelope"]`), home.Text(`[data-testid="financial-years"]`)}
	want := []string{"Innovation Accelerators", "£100,000,000.00", "2023-24 to 2025-26"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("programme: heading, envelope, years (-want +got):\n%s", diff)
	}
	var rows []string
	for _, row := range home.Doc.Find(`[data-testid="accelerators"] tbody tr`).EachIter() {
		rows = append(rows, strings.Join(strings.Fields(row.Find("th").Text()), " ")+" | "+
			strings.TrimSpace(row.Find("td").First().Text()))
	}
	slices.Sort(rows)
	wantRows := []string{
		"Glasgow City Region | Scotland",
		"Greater Manchester | North West (England)",
		"West Midlands | West Midlands (England)",
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("accelerators: name | region (-want +got):\n%s", diff)
	}
}

func checkAcceleratorOverview(t *testing.T, home *portaltest.Response, tc homeCase) {
	t.Helper()
	got := []string{home.Text("h1"), home.Text(`[data-testid="region"]`)}
	if diff := cmp.Diff([]string{tc.organisation, tc.region}, got); diff != "" {
		t.Errorf("accelerator: heading, region (-want +got):\n%s", diff)
	}
	if home.Doc.Find(`[data-testid="accelerators"], [data-testid="envelope"]`).Length() > 0 {
		t.Error("an accelerator's person sees the programme overview")
	}
	for _, other := range accelerators {
		if other != tc.organisation && strings.Contains(home.Body, other) {
			t.Errorf("%s's home page names another accelerator, %s", tc.organisation, other)
		}
	}
}
