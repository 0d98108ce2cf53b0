package handlers_test

import (
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

const (
	acceleratorForm = `form[data-testid="accelerator-form"]`
	programmeForm   = `form[data-testid="programme-form"]`
)

// TestProgrammeSetUp_AFourthAcceleratorIsAddedWhoseManagerSignsInAndInvitesTheirStaff is the issue's
// journey: the programme administrator adds an accelerator in the browser and invites its manager, who
// signs in, invites their staff and registers a project under the new reference prefix.
func TestProgrammeSetUp_AFourthAcceleratorIsAddedWhoseManagerSignsInAndInvitesTheirStaff(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := portal.NewBrowser(t)
		home := admin.SignInAs("demo-programme-admin")
		if !slices.Contains(navigation(home), "Programme set-up") {
			t.Fatalf("the administrator's navigation %v lacks Programme set-up", navigation(home))
		}
		setup := admin.Get("/programme")
		form := admin.Follow(admin.Get(linkHref(t, setup, "Add an accelerator")))

		added := admin.SubmitForm(form, acceleratorForm, url.Values{
			"name": {"Liverpool City Region"}, "lead_body": {"Liverpool City Region Combined Authority"}, "region": {"TLD"},
		})

		expectRedirect(t, added, "/programme")
		setup = admin.Follow(added)
		if got := setup.Text(`[data-testid="flash"]`); got != "Accelerator added" {
			t.Errorf("flash %q, want Accelerator added", got)
		}
		wantRow := "Liverpool City Region | liverpool-city-region | LCR | North West (England) | Liverpool City Region Combined Authority | Change Liverpool City Region"
		if rows := tableRows(setup, `[data-testid="accelerators"]`); len(rows) != 4 || !slices.Contains(rows, wantRow) {
			t.Errorf("accelerators %q, want four with %q", rows, wantRow)
		}
		if rows := tableRows(admin.Get("/"), `[data-testid="accelerators"]`); len(rows) != 4 {
			t.Errorf("the home page lists %d accelerators, want 4", len(rows))
		}
		checkSetUpAudit(t, portal, added, "tenant.created", "demo-programme-admin")

		invited := admin.SubmitForm(admin.Get("/people?tenant=liverpool-city-region"), inviteForm,
			url.Values{"email": {"manager@lcrca.example"}, "role": {"partnership_manager"}})
		expectRedirect(t, invited, "/people?tenant=liverpool-city-region")
		manager := portal.NewBrowser(t)
		expectSignedIn(t, manager.SignInAs("invited:manager@lcrca.example"), "manager@lcrca.example", "Liverpool City Region")
		staff := manager.SubmitForm(manager.Get("/people"), inviteForm, url.Values{"email": {"staff@lcrca.example"}, "role": {"partnership_staff"}})
		expectRedirect(t, staff, "/people")
		expectSignedIn(t, portal.NewBrowser(t).SignInAs("invited:staff@lcrca.example"), "staff@lcrca.example", "Liverpool City Region")

		p := tokenPrincipal(t, portal, "invited:manager@lcrca.example")
		project := registerTestProject(t, portal, p, registerTestOrganisation(t, portal, p, "Sensor City Ltd").ID)
		if !strings.HasPrefix(project.Reference, "LCR-") {
			t.Errorf("the new accelerator's project reference is %q, want LCR-…", project.Reference)
		}
	})
}

func TestProgrammeSetUp_TheAdministratorChangesTheProgrammeAndAnAccelerator(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := portal.NewBrowser(t)
		admin.SignInAs("demo-programme-admin")

		saved := admin.SubmitForm(admin.Get("/programme/edit"), programmeForm,
			url.Values{"envelope": {"£130,000,000"}, "last_year": {"2026-27"}})

		expectRedirect(t, saved, "/programme")
		setup := admin.Follow(saved)
		got := []string{setup.Text(`[data-testid="flash"]`), setup.Text(`[data-testid="envelope"]`), setup.Text(`[data-testid="financial-years"]`)}
		if diff := cmp.Diff([]string{"Programme saved", "£130,000,000", "2023 to 2024, 2024 to 2025, 2025 to 2026 and 2026 to 2027"}, got); diff != "" {
			t.Errorf("flash, envelope, years (-want +got):\n%s", diff)
		}
		checkSetUpAudit(t, portal, saved, "programme.updated", "demo-programme-admin")

		wm := tenantOf(t, portal, "west-midlands")
		edit := admin.Get(fmt.Sprintf("/programme/accelerators/%d/edit", wm.ID))
		if fixed := []string{edit.Text(`[data-testid="slug"]`), edit.Text(`[data-testid="reference-prefix"]`)}; !slices.Equal(fixed, []string{"west-midlands", "WM"}) {
			t.Errorf("the edit page shows slug and prefix %v, want them fixed as west-midlands, WM", fixed)
		}
		changed := admin.SubmitForm(edit, acceleratorForm, url.Values{"name": {"West Midlands and Warwickshire"}, "slug": {"planted"}})
		expectRedirect(t, changed, "/programme")
		after := tenantOf(t, portal, "west-midlands")
		if after.Name != "West Midlands and Warwickshire" || after.ReferencePrefix != "WM" {
			t.Errorf("after the change: %+v", after)
		}
		checkSetUpAudit(t, portal, changed, "tenant.updated", "demo-programme-admin")
	})
}

func TestProgrammeSetUp_MistakesAreShownByTheirFieldsWithWhatWasTyped(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := portal.NewBrowser(t)
		admin.SignInAs("demo-programme-admin")
		before := portal.RowCounts(t)

		programme := admin.SubmitForm(admin.Get("/programme/edit"), programmeForm, url.Values{"envelope": {"lots"}, "first_year": {"2023"}})
		expectStatus(t, programme, http.StatusUnprocessableEntity)
		if links := summaryLinks(programme); !slices.Equal(links, []string{"#envelope", "#first_year"}) {
			t.Errorf("error summary links %v, want the envelope and the first year", links)
		}
		if kept, _ := programme.Doc.Find("#envelope").Attr("value"); kept != "lots" {
			t.Errorf("the envelope box holds %q, want what was typed", kept)
		}

		accelerator := admin.SubmitForm(admin.Get("/programme/accelerators/new"), acceleratorForm,
			url.Values{"name": {"west midlands"}, "lead_body": {"WMCA"}, "reference_prefix": {"W1"}})
		expectStatus(t, accelerator, http.StatusUnprocessableEntity)
		if links := summaryLinks(accelerator); !slices.Equal(links, []string{"#name", "#slug", "#reference_prefix", "#region"}) {
			t.Errorf("error summary links %v, want name, slug (made from the name), prefix and region", links)
		}
		if msg := accelerator.Text("#name-error"); !strings.Contains(msg, "There is already an organisation called West Midlands") {
			t.Errorf("name error %q", msg)
		}

		first, second := admin.Get("/programme/edit"), admin.Get("/programme/edit")
		expectRedirect(t, admin.SubmitForm(first, programmeForm, url.Values{"name": {"Innovation Accelerators (pilot)"}}), "/programme")
		stale := admin.SubmitForm(second, programmeForm, url.Values{"envelope": {"1"}})
		expectStatus(t, stale, http.StatusConflict)
		if got := stale.Text(".govuk-error-summary__list"); !strings.Contains(got, "Someone else changed this record") {
			t.Errorf("stale save: error summary %q", got)
		}
		after := portal.RowCounts(t)
		before["audit_events"]++ // the one save that went through
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("refused forms changed the rows (-before +after):\n%s", diff)
		}
	})
}

// TestProgrammeSetUp_IsTheProgrammeAdministratorsAlone sends every other demo person to every set-up page
// and form: central roles and an accelerator's own people are refused (403), other accelerators' people
// are told its accelerator does not exist (404), and nothing changes.
func TestProgrammeSetUp_IsTheProgrammeAdministratorsAlone(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := tenantOf(t, portal, "greater-manchester")
		form := url.Values{"name": {"Taken"}, "lead_body": {"x"}, "region": {"TLD"}, "envelope": {"1"},
			"first_year": {"2023-24"}, "last_year": {"2023-24"}, "version": {"1"}}
		browsers := map[app.DemoPerson]*portaltest.Browser{}
		for _, person := range app.DemoPeople {
			if person.Role == models.RoleProgrammeAdmin {
				continue
			}
			browsers[person] = portal.NewBrowser(t)
			if nav := navigation(browsers[person].SignInAs(person.Subject)); slices.Contains(nav, "Programme set-up") {
				t.Errorf("%s's navigation offers Programme set-up", person.Subject)
			}
		}
		before := portal.RowCounts(t)
		for person, b := range browsers {
			ownOrCentral := person.Tenant == "greater-manchester" || person.Tenant == app.CentralTenantSlug
			gmStatus := map[bool]int{true: http.StatusForbidden, false: http.StatusNotFound}[ownOrCentral]
			for path, want := range map[string]int{
				"GET /programme": 403, "GET /programme/edit": 403, "GET /programme/accelerators/new": 403,
				"POST /programme": 403, "POST /programme/accelerators": 403,
				fmt.Sprintf("GET /programme/accelerators/%d/edit", gm.ID): gmStatus,
				fmt.Sprintf("POST /programme/accelerators/%d", gm.ID):     gmStatus,
			} {
				method, target, _ := strings.Cut(path, " ")
				r := b.Get(target)
				if method == http.MethodPost {
					r = b.PostForm(target, form)
				}
				if r.StatusCode != want {
					t.Errorf("%s: %s answered %d, want %d", person.Subject, path, r.StatusCode, want)
				}
			}
		}
		if after := tenantOf(t, portal, "greater-manchester"); after.Name != gm.Name || after.Version != gm.Version {
			t.Errorf("Greater Manchester changed: %+v", after)
		}
		after := portal.RowCounts(t)
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("refused requests changed the rows (-before +after):\n%s", diff)
		}
	})
}

// checkSetUpAudit checks the newest event of an action was recorded for the request, by the person.
func checkSetUpAudit(t *testing.T, portal *portaltest.Portal, answer *portaltest.Response, action, actor string) {
	t.Helper()
	events := modeltest.AuditEvents(t, portal.Superuser, action)
	if len(events) == 0 {
		t.Fatalf("no %s audit event", action)
	}
	e := events[0]
	if e.ActorUserID == nil || *e.ActorUserID != seededUser(t, portal, actor).ID || e.RequestID != answer.Header.Get("X-Request-ID") || e.AfterState == nil {
		t.Errorf("%s event %+v, want one by %s for request %s with the state after", action, e, actor, answer.Header.Get("X-Request-ID"))
	}
}

func tenantOf(t *testing.T, portal *portaltest.Portal, slug string) models.Tenant {
	t.Helper()
	tenant, err := portal.Store.TenantBySlug(t.Context(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return tenant
}

// navigation lists the labels of the service navigation.
func navigation(page *portaltest.Response) []string {
	var labels []string
	for _, item := range page.Doc.Find(".govuk-service-navigation__link").EachIter() {
		labels = append(labels, strings.Join(strings.Fields(item.Text()), " "))
	}
	return labels
}

// linkHref returns where the link or button with that text goes.
func linkHref(t *testing.T, page *portaltest.Response, text string) string {
	t.Helper()
	for _, a := range page.Doc.Find("a").EachIter() {
		if strings.TrimSpace(a.Text()) == text {
			return a.AttrOr("href", "")
		}
	}
	t.Fatalf("no link %q on %s", text, page.Request.URL)
	return ""
}

// summaryLinks lists where the error summary's links point, in order.
func summaryLinks(page *portaltest.Response) []string {
	var links []string
	for _, a := range page.Doc.Find(".govuk-error-summary__list a").EachIter() {
		links = append(links, a.AttrOr("href", ""))
	}
	return links
}
