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

func TestOrganisationForm_MistakesAndDuplicateIdentifiersAreShownByTheField(t *testing.T) {
	valid := url.Values{"name": {"Oldham Photonics Ltd"}, "kind": {"business"}, "companies_house_number": {"SC654321"},
		"ukprn": {""}, "charity_number": {""}, "town": {"Oldham"}, "local_authority_code": {"E08000004"}}
	tests := []struct {
		name           string
		changes        url.Values
		field, message string
	}{
		{"name blank", url.Values{"name": {""}}, "name", "Enter the organisation's name"},
		{"kind missing", url.Values{"kind": {""}}, "kind", "Select what kind of organisation it is"},
		{"kind unknown", url.Values{"kind": {"cartel"}}, "kind", "Select what kind of organisation it is"},
		{"Companies House number malformed", url.Values{"companies_house_number": {"123"}}, "companies_house_number", "Enter a Companies House number of 8 characters, like 01234567 or SC123456"},
		{"Companies House number taken", url.Values{"companies_house_number": {"0123 4567"}}, "companies_house_number", "This Companies House number is already registered for Manchester Graphene Ltd"},
		{"UKPRN malformed", url.Values{"ukprn": {"2000000"}}, "ukprn", "Enter a UKPRN of 8 digits starting with 1, like 10007788"},
		{"UKPRN taken", url.Values{"ukprn": {"10007788"}}, "ukprn", "This UKPRN is already registered for Manchester Graphene Ltd"},
		{"charity number malformed", url.Values{"charity_number": {"12"}}, "charity_number", "Enter a charity number like 1123456, SC012345 or NIC100002"},
		{"local authority unknown", url.Values{"local_authority_code": {"X1"}}, "local_authority_code", "Select a local authority from the list"},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		_, err := portal.Services.Organisations.Create(t.Context(), manager.principal, app.OrganisationInput{
			Name: "Manchester Graphene Ltd", Kind: "business", CompaniesHouseNumber: "01234567", UKPRN: "10007788"})
		if err != nil {
			t.Fatal(err)
		}
		form := manager.Get("/organisations/new")
		before := portal.RowCounts(t)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				posted := with(valid, tc.changes)
				page := manager.SubmitForm(form, `[data-testid="organisation-form"]`, posted)

				expectStatus(t, page, http.StatusUnprocessableEntity)
				checkOneFieldError(t, page, tc.field, tc.message)
				checkFormKept(t, page, `[data-testid="organisation-form"]`, posted)
				if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
					t.Errorf("rows changed (-before +after):\n%s", diff)
				}
			})
		}
	})
}

func TestOrganisationForm_EditsWithTheVersionReadAndRefusesAStaleOne(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		staff := signInForRegister(t, portal, "demo-gm-staff")
		org := registerTestOrganisation(t, portal, staff.principal, "Wigan Textiles")
		path := fmt.Sprintf("/organisations/%d", org.ID)
		form := staff.Get(path + "/edit")

		saved := staff.SubmitForm(form, `[data-testid="organisation-form"]`, url.Values{"name": {"Wigan Smart Textiles Ltd"}, "charity_number": {"sc 012 345"}})

		expectRedirect(t, saved, path)
		page := staff.Follow(saved)
		got := []string{page.Text(`[data-testid="flash"]`), page.Text("h1"), page.Text(`[data-testid="charity-number"]`)}
		if diff := cmp.Diff([]string{"Organisation saved", "Wigan Smart Textiles Ltd", "SC012345"}, got); diff != "" {
			t.Errorf("after saving: flash, name, charity number (-want +got):\n%s", diff)
		}
		stale := staff.SubmitForm(form, `[data-testid="organisation-form"]`, url.Values{"name": {"Old tab's name"}})
		expectStatus(t, stale, http.StatusConflict)
		if got := stale.Text(".govuk-error-summary__list"); !strings.HasPrefix(got, "Someone else changed this record after you opened it.") {
			t.Errorf("stale save: %q, want the conflict message", got)
		}
		if got := staff.Get(path).Text("h1"); got != "Wigan Smart Textiles Ltd" {
			t.Errorf("name %q after the stale save, want it unchanged", got)
		}
	})
}

func TestOrganisationsList_CentralRolesSeeEveryAcceleratorsAndNarrowToOne(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := signInForRegister(t, portal, "demo-gm-manager")
		wm := signInForRegister(t, portal, "demo-wm-manager")
		registerTestOrganisation(t, portal, gm.principal, "Zircon Bolton Ltd")
		registerTestOrganisation(t, portal, wm.principal, "Zircon Dudley Ltd")
		observer := signInForRegister(t, portal, "demo-council-observer")

		all := observer.Get("/organisations?q=zircon")
		narrowed := observer.SubmitForm(all, `form[action="/organisations"]`, url.Values{"tenant": {"west-midlands"}})
		got := [][]string{zircons(all), zircons(narrowed), zircons(gm.Get("/organisations"))}
		want := [][]string{
			{"Zircon Bolton Ltd | Greater Manchester", "Zircon Dudley Ltd | West Midlands"},
			{"Zircon Dudley Ltd | West Midlands"},
			{"Zircon Bolton Ltd | Business"}, // no accelerator column for an accelerator's own people
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("observer's list, narrowed to West Midlands, the GM manager's list (-want +got):\n%s", diff)
		}
		if all.Doc.Find(`a[href="/organisations/new"]`).Length() != 0 {
			t.Error("an observer is offered to add an organisation")
		}
		expectStatus(t, observer.Get("/organisations/new"), http.StatusForbidden)
		expectStatus(t, observer.Get("/organisations?tenant=nowhere"), http.StatusNotFound)
	})
}

// zircons lists the test's organisations in a list as "name | second column".
func zircons(page *portaltest.Response) []string {
	var rows []string
	for _, row := range tableRows(page, `[data-testid="organisations"]`) {
		if cells := strings.Split(row, " | "); strings.HasPrefix(cells[0], "Zircon") {
			rows = append(rows, cells[0]+" | "+cells[1])
		}
	}
	slices.Sort(rows)
	return rows
}
