package handlers_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// summaryKeys lists the keys of the organisation's summary list.
func summaryKeys(page *portaltest.Response) []string {
	var keys []string
	for _, dt := range page.Doc.Find(`[data-testid="organisation"] dt`).EachIter() {
		keys = append(keys, strings.TrimSpace(dt.Text()))
	}
	return keys
}

func TestOrganisationPage_ShowsTheIdentifiersThatMeanSomethingForItsKind(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		cases := []struct {
			in   app.OrganisationInput
			want []string
		}{
			{app.OrganisationInput{Name: "University of Bolton Test", Kind: "university", UKPRN: "10007801"},
				[]string{"Accelerator", "Kind", "UK Provider Reference Number (UKPRN)", "Town", "Local authority"}},
			{app.OrganisationInput{Name: "Wigan Widgets Ltd", Kind: "business"},
				[]string{"Accelerator", "Kind", "Companies House number", "Town", "Local authority"}},
			{app.OrganisationInput{Name: "Salford Science Trust", Kind: "charity", CharityNumber: "1123457", CompaniesHouseNumber: "08123456"},
				[]string{"Accelerator", "Kind", "Companies House number", "Charity number", "Town", "Local authority"}},
			{app.OrganisationInput{Name: "Stockport Council Test", Kind: "public_body"},
				[]string{"Accelerator", "Kind", "Town", "Local authority"}},
		}
		for _, c := range cases {
			o, err := portal.Services.Organisations.Create(t.Context(), manager.principal, c.in)
			if err != nil {
				t.Fatal(err)
			}
			page := manager.Get(organisationPathOf(o.ID))
			if diff := cmp.Diff(c.want, summaryKeys(page)); diff != "" {
				t.Errorf("%s: rows (-want +got):\n%s", c.in.Name, diff)
			}
		}
	})
}

func TestOrganisationPage_ListsTheProjectsItLeadsOrPartnersInThatTheReaderMaySee(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		lead := signInForRegister(t, portal, "demo-gm-lead")
		org := registerTestOrganisation(t, portal, manager.principal, "Trafford Testbeds Ltd")
		other := registerTestOrganisation(t, portal, manager.principal, "Bury Batteries Ltd")
		led := registerTestProject(t, portal, manager.principal, org.ID, func(in *app.ProjectInput) {
			in.Title, in.LeadUserIDs = "Led by Trafford", []int64{lead.principal.UserID}
		})
		partnered := registerTestProject(t, portal, manager.principal, other.ID, func(in *app.ProjectInput) {
			in.Title, in.PartnerOrganisationIDs = "Trafford as a partner", []int64{org.ID}
		})
		registerTestProject(t, portal, manager.principal, other.ID, func(in *app.ProjectInput) { in.Title = "Nothing to do with Trafford" })

		want := []string{
			"Led by Trafford " + led.Reference + " | Lead | Draft | £1,000,000",
			"Trafford as a partner " + partnered.Reference + " | Partner | Draft | £1,000,000",
		}
		if got := tableRows(manager.Get(organisationPathOf(org.ID)), `[data-testid="organisation-projects"]`); !cmp.Equal(sortedCopy(want), sortedCopy(got)) {
			t.Errorf("the manager sees %q, want %q", got, want)
		}
		if got := tableRows(lead.Get(organisationPathOf(org.ID)), `[data-testid="organisation-projects"]`); !cmp.Equal(want[:1], got) {
			t.Errorf("the project lead sees %q, want only the project they lead %q", got, want[:1])
		}
	})
}

func organisationPathOf(id int64) string { return "/organisations/" + strconv.FormatInt(id, 10) }

func sortedCopy(rows []string) []string {
	out := slices.Clone(rows)
	slices.Sort(out)
	return out
}
