package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestProjectList_LeadOrganisationPickerWorksWithoutJavaScript(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		bolton := zephyrProjects(t, portal, manager.principal) // led by Salford Materials Ltd or Bolton Robotics Ltd
		registerTestOrganisation(t, portal, manager.principal, "Salford Optics Ltd")

		one := manager.SubmitForm(manager.Get("/projects?q=zephyr"), `[data-testid="project-filter"]`, url.Values{"lead_organisation_q": {"robotics"}})
		if got, name := one.Text(`[data-testid="result-count"]`), one.Doc.Find("#lead_organisation_q").AttrOr("value", ""); got != "15 projects" || name != "Bolton Robotics Ltd" {
			t.Errorf("words naming one organisation: %q with %q in the box, want 15 projects of Bolton Robotics Ltd", got, name)
		}
		if id := one.Doc.Find(`input[name="lead_organisation"]`).AttrOr("value", ""); id != strconv.FormatInt(bolton.ID, 10) {
			t.Errorf("the chosen organisation's ID %q is not kept for the next search", id)
		}

		several := manager.Get("/projects?q=zephyr&lead_organisation_q=salford+")
		var choices []string
		for _, a := range several.Doc.Find(`[data-testid="picker-matches"] a`).EachIter() {
			choices = append(choices, a.Text())
		}
		if diff := cmp.Diff([]string{"Salford Materials Ltd", "Salford Optics Ltd", "University of Salford"}, choices); diff != "" {
			t.Errorf("words fitting several organisations offer (-want +got):\n%s", diff)
		}
		chosen := manager.Get(several.Doc.Find(`[data-testid="picker-matches"] a`).First().AttrOr("href", ""))
		if got := chosen.Text(`[data-testid="result-count"]`); got != "15 projects" {
			t.Errorf("choosing from the list: %q, want 15 projects", got)
		}

		none := manager.Get("/projects?q=zephyr&lead_organisation_q=acme")
		expectStatus(t, none, http.StatusUnprocessableEntity)
		if got := none.Text("#lead_organisation_q-error"); got == "" {
			t.Error("words naming no organisation give no message by the field")
		}
	})
}

func TestProjectList_CentralPeopleChooseAnAcceleratorBeforeItsOrganisations(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		approver := portal.NewBrowser(t)
		approver.SignInAs("demo-funding-approver")
		all := approver.Get("/projects")
		if all.Doc.Find("#lead_organisation_q").Length() != 0 || all.Doc.Find(`[data-testid="choose-accelerator-first"]`).Length() != 1 {
			t.Error("the lead organisation filter is offered before an accelerator is chosen")
		}
		if all.Doc.Find("option").Length() > 40 {
			t.Errorf("%d options on the central register: organisations are listed", all.Doc.Find("option").Length())
		}
		gm := approver.Get("/projects?tenant=greater-manchester")
		search, _ := gm.Doc.Find(`[data-module="portal-organisation-picker"]`).Attr("data-search-url")
		if search == "" {
			t.Fatal("no organisation picker once an accelerator is chosen")
		}
		var found struct {
			Data []apiOrganisationOut `json:"data"`
		}
		res := approver.Get(search + "&q=a")
		expectStatus(t, res, http.StatusOK)
		if err := jsonUnmarshal(res.Body, &found); err != nil || len(found.Data) == 0 {
			t.Errorf("the picker's search %s found nothing: %v", search, err)
		}
	})
}

func TestProjectList_OldPageNumbersAndLinksPastTheEndGetASensibleAnswer(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		zephyrProjects(t, portal, manager.principal)

		old := manager.Get("/projects?q=zephyr&page=999")
		if old.StatusCode != http.StatusSeeOther || old.Header.Get("Location") != "/projects?q=zephyr" {
			t.Errorf("?page=999: %d to %q, want 303 to the first page", old.StatusCode, old.Header.Get("Location"))
		}
		byTitle := manager.Get("/projects?q=zephyr&sort=title")
		secondPage := byTitle.Doc.Find(".govuk-pagination__next a").AttrOr("href", "")
		// Everything on the second page changes (is withdrawn) before the person follows the link to it.
		records, err := portal.Services.Projects.List(context.Background(), manager.principal, app.ProjectFilter{Text: "zephyr", Sort: "title", PageSize: "100"})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range records.Rows[25:] {
			stepProject(t, portal, manager.principal, row.ID, app.TransitionWithdraw)
		}
		pastEnd := manager.Get(secondPage)
		expectStatus(t, pastEnd, http.StatusOK)
		first := pastEnd.Doc.Find(`[data-testid="past-end"] a`).First().AttrOr("href", "")
		if first != "/projects?q=zephyr&sort=title" {
			t.Errorf("a link past the end of the list says %q and links to %q, want the first page", pastEnd.Text("main"), first)
		}
	})
}

func TestProjectExport_HasEveryColumnAndAnExcelWorkbookOfTheSameList(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		lead := registerTestOrganisation(t, portal, manager.principal, "Lead Ltd")
		partner := registerTestOrganisation(t, portal, manager.principal, "@Partner Ltd")
		helen := seededUser(t, portal, "demo-gm-lead")
		registerTestProject(t, portal, manager.principal, lead.ID, func(in *app.ProjectInput) {
			in.Title, in.PartnerOrganisationIDs, in.LeadUserIDs = "=Workbook check", []int64{partner.ID}, []int64{helen.ID}
			in.Targets = map[string]string{"jobs_created": "12.5", "patents_filed": "3"}
			in.GrantRequested = "1000000.05"
		})
		csvRows := readCSV(t, manager.Get("/projects.csv?q=workbook"))
		want := [][]string{
			{"Reference", "Title", "Accelerator", "Lead organisation", "Partners", "Status", "Sector", "Local authority code",
				"Local authority", "Start date", "End date", "Total cost (£)", "Grant requested (£)", "Private co-investment (£)",
				"Targets", "Project leads", "Last updated"},
			{csvRows[1][0], "'=Workbook check", "Greater Manchester", "Lead Ltd", "'@Partner Ltd", "Draft", "Advanced materials and manufacturing",
				"E08000003", "Manchester", "2024-04-01", "2026-03-31", "1500000.00", "1000000.05", "500000.00",
				"Jobs created: 12.5 FTE; Patents filed: 3", "Dr Helen Price", csvRows[1][16]},
		}
		if diff := cmp.Diff(want, csvRows); diff != "" {
			t.Errorf("CSV (-want +got):\n%s", diff)
		}

		xlsx := manager.Get("/projects.xlsx?q=workbook")
		expectStatus(t, xlsx, http.StatusOK)
		book, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx.Body)))
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		sheet, err := book.GetRows("Projects")
		if err != nil {
			t.Fatal(err)
		}
		shown := slices.Clone(csvRows[1])
		shown[11], shown[12], shown[13] = "1,500,000.00", "1,000,000.05", "500,000.00" // money as numbers, shown with commas
		if diff := cmp.Diff([][]string{csvRows[0], shown}, sheet); diff != "" {
			t.Errorf("the workbook's cells differ from the CSV's (-csv +xlsx):\n%s", diff)
		}
		grant, _ := book.GetCellValue("Projects", "M2", excelize.Options{RawCellValue: true})
		if kind, _ := book.GetCellType("Projects", "M2"); grant != "1000000.05" || kind == excelize.CellTypeSharedString || kind == excelize.CellTypeInlineString {
			t.Errorf("grant cell %q of type %v, want the number 1000000.05", grant, kind)
		}
	})
}

// A process prepares a limited number of exports at once; one more is told to come back (429). The export
// in progress is held by a lock on the projects table, which only PostgreSQL can make a reader wait for.
func TestProjectExport_BeyondTheConcurrentLimitIsTooManyRequests(t *testing.T) {
	if !slices.Contains(modeltest.Dialects(), migrations.Postgres) {
		t.Skip(modeltest.PostgresURLVariable + " is not set: SQLite cannot hold a reader back")
	}
	db := modeltest.New(t, migrations.Postgres)
	portal := portaltest.Start(t, db, portaltest.Options{Settings: func(s *app.Settings) { s.ExportConcurrency = 1 }})
	manager := signInForRegister(t, portal, "demo-gm-manager")
	lock := modeltest.Superuser(t, db).Begin()
	if err := lock.Exec("LOCK TABLE projects IN ACCESS EXCLUSIVE MODE").Error; err != nil {
		t.Fatal(err)
	}
	first := make(chan int, 1)
	go func() {
		res, err := http.DefaultClient.Do(exportRequest(t, portal, manager))
		if err != nil {
			first <- 0
			return
		}
		res.Body.Close()
		first <- res.StatusCode
	}()
	time.Sleep(300 * time.Millisecond) // the first export is now waiting for the table
	second := manager.Get("/projects.csv")
	lock.Rollback()
	if second.StatusCode != http.StatusTooManyRequests || second.Header.Get("Retry-After") == "" {
		t.Errorf("an export beyond the limit: %d (Retry-After %q), want 429", second.StatusCode, second.Header.Get("Retry-After"))
	}
	if status := <-first; status != http.StatusOK {
		t.Errorf("the export in progress ended %d", status)
	}
	expectStatus(t, manager.Get("/projects.csv"), http.StatusOK)
}

func exportRequest(t *testing.T, portal *portaltest.Portal, person registerPerson) *http.Request {
	req, err := http.NewRequest(http.MethodGet, portal.URL+"/projects.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: "portal_session", Value: person.Cookie("portal_session")})
	return req
}

func TestOrganisationsList_IsPagedAndSearchedByName(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		for i := range 30 {
			registerTestOrganisation(t, portal, manager.principal, "Yarrow "+strconv.Itoa(100+i)+" Ltd")
		}
		first := manager.Get("/organisations?q=yarrow")
		next := first.Doc.Find(".govuk-pagination__next a").AttrOr("href", "")
		second := manager.Get(next)
		got := []string{first.Text(`[data-testid="result-count"]`), strconv.Itoa(len(tableRows(first, `[data-testid="organisations"]`))),
			strconv.Itoa(len(tableRows(second, `[data-testid="organisations"]`)))}
		if diff := cmp.Diff([]string{"30 organisations", "25", "5"}, got); diff != "" {
			t.Errorf("count, first page, second page (-want +got):\n%s", diff)
		}
	})
}

func jsonUnmarshal(body string, out any) error { return json.Unmarshal([]byte(body), out) }
