package handlers_test

import (
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// homeCase is a demo person, what their header shows and what their home page asks of them. The demo register
// (app/demo_register_data.go) has, per accelerator, one draft, one project awaiting a decision and, in Greater
// Manchester and Glasgow, one project sent back; Dr Helen Price leads four Greater Manchester projects.
type homeCase struct {
	subject, name, role, organisation string
	heading                           string
	seesPeople                        bool     // whether the People link is in the navigation
	tasks                             []string // "what needs doing", as linked text → address
}

var homeCases = []homeCase{
	{"demo-programme-admin", "Alex Morgan", "Programme administrator", "Central government", "Innovation Accelerators", true, nil},
	{"demo-funding-approver", "Sam Okafor", "Funding approver", "Central government", "Innovation Accelerators", false,
		[]string{"3 projects are awaiting your decision → /projects/awaiting-decision"}},
	{"demo-council-observer", "Ruth Campbell", "Observer", "Central government", "Innovation Accelerators", false, nil},
	{"demo-gm-director", "Tom Hughes", "Observer", "Greater Manchester", "Greater Manchester", false, nil},
	{"demo-gm-manager", "Nadia Rahman", "Partnership manager", "Greater Manchester", "Greater Manchester", true, []string{
		"1 project was sent back to you for changes → /projects?status=changes_requested",
		"1 draft to finish and submit → /projects?status=draft"}},
	{"demo-gm-staff", "Chris Doyle", "Partnership staff", "Greater Manchester", "Greater Manchester", false, []string{
		"1 project was sent back to you for changes → /projects?status=changes_requested",
		"1 draft to finish for your partnership manager to submit → /projects?status=draft"}},
	{"demo-gm-lead", "Dr Helen Price", "Project lead", "Greater Manchester", "Your projects", false, nil},
	{"demo-wm-manager", "Raj Patel", "Partnership manager", "West Midlands", "West Midlands", true, []string{
		"1 draft to finish and submit → /projects?status=draft"}},
	{"demo-wm-lead", "Dr Amira Khan", "Project lead", "West Midlands", "Your projects", false, nil},
	{"demo-glasgow-manager", "Fiona MacLeod", "Partnership manager", "Glasgow City Region", "Glasgow City Region", true, []string{
		"1 project was sent back to you for changes → /projects?status=changes_requested",
		"1 draft to finish and submit → /projects?status=draft"}},
}

var accelerators = []string{"Greater Manchester", "West Midlands", "Glasgow City Region"}

func TestHomePage_TellsEachPersonWhatTheyMustDoNext(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		for _, tc := range homeCases {
			t.Run(tc.subject, func(t *testing.T) {
				home := portal.NewBrowser(t).SignInAs(tc.subject)
				if home.StatusCode != http.StatusOK || home.Request.URL.Path != "/" {
					t.Fatalf("landed on %s with status %d, want the home page", home.Request.URL, home.StatusCode)
				}
				checkHeader(t, home, tc)
				got := []any{home.Text("h1"), homeTasks(home)}
				if diff := cmp.Diff([]any{tc.heading, tc.tasks}, got); diff != "" {
					t.Errorf("heading and tasks (-want +got):\n%s", diff)
				}
				if !strings.HasPrefix(tc.heading, "Innovation") {
					checkOneAccelerator(t, home, tc.organisation)
				}
			})
		}
	})
}

// homeTasks reads "what needs doing" as "text → address", nil when there is nothing to do.
func homeTasks(page *portaltest.Response) []string {
	var tasks []string
	for _, a := range page.Doc.Find(`[data-testid="tasks"] a`).EachIter() {
		tasks = append(tasks, strings.Join(strings.Fields(a.Text()), " ")+" → "+a.AttrOr("href", ""))
	}
	return tasks
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

func checkOneAccelerator(t *testing.T, home *portaltest.Response, own string) {
	t.Helper()
	if home.Doc.Find(`[data-testid="accelerators"], [data-testid="envelope"]`).Length() > 0 {
		t.Error("an accelerator's person sees the programme overview")
	}
	for _, other := range accelerators {
		if other != own && strings.Contains(home.Body, other) {
			t.Errorf("%s's home page names another accelerator, %s", own, other)
		}
	}
}

func TestHomePage_CentralGovernmentSeesEachAcceleratorsProjectsLinkedToTheirLists(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		home := portal.NewBrowser(t).SignInAs("demo-council-observer")
		got := []string{home.Text(`[data-testid="envelope"]`), home.Text(`[data-testid="financial-years"]`),
			home.Text(`[data-testid="programme"] [data-testid="grant-approved"]`)}
		want := []string{"£100,000,000", "2023 to 2024, 2024 to 2025 and 2025 to 2026", "£40,650,000 for 14 projects"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("programme: envelope, years, grant approved (-want +got):\n%s", diff)
		}
		// Drafts, sent back, awaiting decision, approved (with closed), grant awaiting decision, grant approved.
		wantRows := map[string]string{
			"greater-manchester":  "1 | 1 | 1 | 5 | £550,000 | £13,500,000",
			"west-midlands":       "1 | 0 | 1 | 2 | £1,200,000 | £8,100,000",
			"glasgow-city-region": "1 | 1 | 1 | 6 | £1,500,000 | £19,050,000",
		}
		for slug, want := range wantRows {
			var cells []string
			for _, td := range home.Doc.Find(`[data-testid="accelerator-` + slug + `"] td`).EachIter() {
				cells = append(cells, strings.Fields(td.Text())[0])
			}
			if got := strings.Join(cells, " | "); got != want {
				t.Errorf("%s: %q, want %q", slug, got, want)
			}
		}
		link := home.Doc.Find(`[data-testid="accelerator-west-midlands"] [data-testid="count-submitted"] a`).AttrOr("href", "")
		if link != "/projects?status=submitted&tenant=west-midlands" {
			t.Errorf("West Midlands' awaiting count links to %q", link)
		}
	})
}

func TestHomePage_AProjectLeadSeesTheirProjectsAndWhatEachNeeds(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		home := portal.NewBrowser(t).SignInAs("demo-gm-lead")
		var rows []string
		for _, tr := range home.Doc.Find(`[data-testid="led-projects"] tbody tr`).EachIter() {
			need := tr.Find(`[data-testid="need"]`)
			rows = append(rows, strings.Join(strings.Fields(tr.Find("td").Eq(1).Text()), " ")+" | "+
				strings.Join(strings.Fields(need.Text()), " ")+" | "+need.Find("a").AttrOr("href", "no link"))
		}
		for i, row := range rows { // the edit links name the project; keep the shape
			rows[i] = editLink.ReplaceAllString(row, "/projects/N/edit")
		}
		want := []string{
			"Sent back for changes | Make the changes asked for: Explain how the network will be sustained after March 2026 and add the private partners' commitments. | /projects/N/edit",
			"Draft | Complete: ask your partnership manager to submit it | no link",
			"Approved | Keep it up to date as it runs | no link",
			"Approved | Keep it up to date as it runs | no link",
		}
		if diff := cmp.Diff(want, rows); diff != "" { // what waits for them first
			t.Errorf("Dr Helen Price's projects: status | need | link (-want +got):\n%s", diff)
		}
	})
}

// TestHomePage_ReadsTheSameNumberOfStatementsHoweverManyAccelerators: the programme page's counts come from
// one grouped query, never one per accelerator, so twenty more accelerators cost no more statements.
func TestHomePage_ReadsTheSameNumberOfStatementsHoweverManyAccelerators(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		var statements atomic.Int64
		countStatements(t, portal.DB.Gorm, &statements)
		subjects := []string{"demo-funding-approver", "demo-gm-manager", "demo-gm-lead"}
		browsers := map[string]*portaltest.Browser{}
		few := map[string]int64{}
		for _, subject := range subjects {
			browsers[subject] = portal.NewBrowser(t)
			browsers[subject].SignInAs(subject)
			statements.Store(0)
			expectStatus(t, browsers[subject].Get("/"), http.StatusOK)
			few[subject] = statements.Load()
		}
		portaltest.FillRegister(t, portal, 23, 3)
		for _, subject := range subjects {
			statements.Store(0)
			expectStatus(t, browsers[subject].Get("/"), http.StatusOK)
			if many := statements.Load(); many != few[subject] || many == 0 {
				t.Errorf("%s's home page: %d statements with the demo accelerators, %d with twenty more", subject, few[subject], many)
			}
		}
	})
}

// countStatements counts every statement GORM sends to the database.
func countStatements(t *testing.T, db *gorm.DB, n *atomic.Int64) {
	t.Helper()
	count := func(*gorm.DB) { n.Add(1) }
	for name, processor := range map[string]interface {
		Register(string, func(*gorm.DB)) error
	}{
		"query": db.Callback().Query(), "row": db.Callback().Row(), "raw": db.Callback().Raw(),
	} {
		if err := processor.Register("test:count_"+name, count); err != nil {
			t.Fatal(err)
		}
	}
}

// editLink is the address of a project's edit form, whatever its ID.
var editLink = regexp.MustCompile(`/projects/\d+/edit`)
