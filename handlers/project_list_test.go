package handlers_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// zephyrProjects registers 30 Greater Manchester projects titled "Zephyr 01" to "Zephyr 30", with grants
// of £1,000 times their number; every third is quantum, every fifth is submitted, the even ones are led
// by the second organisation. It returns that organisation.
func zephyrProjects(t *testing.T, portal *portaltest.Portal, manager app.Principal) models.Organisation {
	t.Helper()
	first := registerTestOrganisation(t, portal, manager, "Salford Materials Ltd")
	second := registerTestOrganisation(t, portal, manager, "Bolton Robotics Ltd")
	for i := 1; i <= 30; i++ {
		lead := first.ID
		if i%2 == 0 {
			lead = second.ID
		}
		p := registerTestProject(t, portal, manager, lead, func(in *app.ProjectInput) {
			in.Title, in.GrantRequested = fmt.Sprintf("Zephyr %02d", i), fmt.Sprint(i*1000)
			if i%3 == 0 {
				in.Sector = "quantum"
			}
		})
		if i%5 == 0 {
			stepProject(t, portal, manager, p.ID, app.TransitionSubmit)
		}
	}
	return second
}

func zephyrTitles(from, to int) []string {
	var titles []string
	for i := from; i <= to; i++ {
		titles = append(titles, fmt.Sprintf("Zephyr %02d", i))
	}
	return titles
}

func TestProjectList_FiltersSearchesSortsAndPages(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		second := zephyrProjects(t, portal, manager.principal)

		counts := map[string]string{
			"/projects?q=zephyr":                                            "30 projects",
			"/projects?q=ZEPHYR&status=submitted":                           "6 projects",
			"/projects?q=zephyr&sector=quantum":                             "10 projects",
			"/projects?q=zephyr+1&sort=title":                               "10 projects",
			"/projects?q=zephyr&lead_organisation=" + fmt.Sprint(second.ID): "15 projects",
		}
		for path, want := range counts {
			if got := manager.Get(path).Text(`[data-testid="result-count"]`); got != want {
				t.Errorf("GET %s: %q, want %q", path, got, want)
			}
		}

		byTitle := manager.Get("/projects?q=zephyr&sort=title")
		if got := projectTitles(byTitle); !slices.Equal(got, zephyrTitles(1, 25)) {
			t.Errorf("page 1 by title: %q", got)
		}
		next, _ := byTitle.Doc.Find(".govuk-pagination__next a").Attr("href")
		page2 := manager.Get(next)
		if got := projectTitles(page2); !slices.Equal(got, zephyrTitles(26, 30)) {
			t.Errorf("page 2 by title (%s): %q", next, got)
		}
		previous, _ := page2.Doc.Find(".govuk-pagination__prev a").Attr("href")
		if page2.Doc.Find(".govuk-pagination__next").Length() != 0 || byTitle.Doc.Find(".govuk-pagination__prev").Length() != 0 {
			t.Errorf("the last page offers a next page, or the first a previous one")
		}
		if got := projectTitles(manager.Get(previous)); !slices.Equal(got, zephyrTitles(1, 25)) {
			t.Errorf("back from page 2 (%s): %q", previous, got)
		}

		byGrant := manager.Get(headerLink(t, manager.Get("/projects?q=zephyr&status=draft"), "grant"))
		byGrant = manager.Get(headerLink(t, byGrant, "grant")) // the second press sorts the other way
		want := []string{"£29,000", "£28,000", "£27,000", "£26,000", "£24,000"}
		if got := columnOf(byGrant, `[data-testid="projects"]`, 3)[:5]; !slices.Equal(got, want) {
			t.Errorf("drafts by grant, largest first: %q, want %q", got, want)
		}
		if got := byGrant.Text(`[data-testid="result-count"]`); got != "24 projects" {
			t.Errorf("sorting lost the filter: %q, want 24 projects", got)
		}

		export := manager.Get("/projects.csv?q=zephyr")
		if records := readCSV(t, export); len(records) != 31 {
			t.Errorf("the export has %d lines, want the heading and all 30 projects", len(records))
		}
	})
}

// headerLink is where a sortable column heading of the register links to.
func headerLink(t *testing.T, page *portaltest.Response, key string) string {
	t.Helper()
	href, ok := page.Doc.Find(`[data-testid="projects"] thead a[data-sort="` + key + `"]`).Attr("href")
	if !ok {
		t.Fatalf("no %s heading link on %s", key, page.Request.URL)
	}
	return href
}

func TestProjectList_BadFilterValuesAreExplainedNotFailed(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")

		page := manager.Get("/projects?status=bogus&sector=%3Cscript%3E&lead_organisation=1+OR+1&sort=hacked&q=x")

		expectStatus(t, page, http.StatusUnprocessableEntity)
		var summary []string
		for _, li := range page.Doc.Find(".govuk-error-summary__list li").EachIter() {
			summary = append(summary, li.Text()+" → "+li.Find("a").AttrOr("href", "no link"))
		}
		want := []string{
			"Select a status from the list → #status", "Select a sector from the list → #sector",
			"Select a lead organisation from the list → #lead_organisation_q",
			"Sort by relevance, reference, title, status, grant or updated → no link",
		}
		if diff := cmp.Diff(want, summary); diff != "" {
			t.Errorf("error summary (-want +got):\n%s", diff)
		}
		if got := page.Doc.Find(`#status option[selected]`).AttrOr("value", ""); got != "" {
			t.Errorf("status %q shown as chosen", got)
		}
		if got := page.Doc.Find("#q").AttrOr("value", ""); got != "x" {
			t.Errorf("search %q, want x kept", got)
		}
		for _, path := range []string{"/projects?tenant=west-midlands", "/projects?tenant=no-such-place", "/projects.csv?tenant=central"} {
			expectStatus(t, manager.Get(path), http.StatusNotFound)
		}
	})
}

func TestProjectList_CentralRolesSeeEveryAcceleratorAndCanNarrowToOne(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := signInForRegister(t, portal, "demo-gm-manager")
		wm := signInForRegister(t, portal, "demo-wm-manager")
		registerTestProject(t, portal, gm.principal, registerTestOrganisation(t, portal, gm.principal, "A Ltd").ID,
			func(in *app.ProjectInput) { in.Title = "Nimbus north" })
		registerTestProject(t, portal, wm.principal, registerTestOrganisation(t, portal, wm.principal, "B Ltd").ID,
			func(in *app.ProjectInput) { in.Title = "Nimbus midlands" })
		observer := portal.NewBrowser(t)
		observer.SignInAs("demo-council-observer")

		all := tableRows(observer.Get("/projects?q=nimbus&sort=title"), `[data-testid="projects"]`)
		narrowed := tableRows(observer.SubmitForm(observer.Get("/projects"), `[data-testid="project-filter"]`,
			url.Values{"tenant": {"west-midlands"}, "q": {"nimbus"}}), `[data-testid="projects"]`)
		got := [][]string{acceleratorColumn(all), acceleratorColumn(narrowed)}
		want := [][]string{{"West Midlands", "Greater Manchester"}, {"West Midlands"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("accelerator column: all, narrowed to West Midlands (-want +got):\n%s", diff)
		}
		expectStatus(t, observer.Get("/projects?tenant=no-such-place"), http.StatusNotFound)
	})
}

func acceleratorColumn(rows []string) []string {
	var names []string
	for _, row := range rows {
		names = append(names, strings.Split(row, " | ")[2])
	}
	return names
}

func readCSV(t *testing.T, r *portaltest.Response) [][]string {
	t.Helper()
	if r.StatusCode != http.StatusOK {
		t.Fatalf("export: status %d", r.StatusCode)
	}
	body, hasBOM := strings.CutPrefix(r.Body, "\uFEFF")
	if !hasBOM {
		t.Errorf("the CSV does not start with a UTF-8 byte-order mark")
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("export is not CSV: %v", err)
	}
	return records
}
