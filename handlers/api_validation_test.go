package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestAPI_EachBadFieldIsNamedWith422AndNothingIsStored(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := newGMRecords(t, portal)
		wmOrganisation := apiCreateOrganisation(t, apiAs(t, portal, "demo-wm-manager"), "Black Country Foundry Lab", "10054321")
		approverID := seededUser(t, portal, "demo-funding-approver").ID
		cases := []struct {
			field  string
			change map[string]any
		}{
			{"title", map[string]any{"title": strings.Repeat("t", 201)}},
			{"summary", map[string]any{"summary": strings.Repeat("s", 5001)}},
			{"sector", map[string]any{"sector": "space"}},
			{"local_authority_code", map[string]any{"local_authority_code": "X99999999"}},
			{"local_authority_code", map[string]any{"local_authority_code": "E08000025"}}, // Birmingham, not the North West
			{"start_date", map[string]any{"start_date": "2024-02-30"}},
			{"start_date", map[string]any{"start_date": "01/04/2024"}},
			{"end_date", map[string]any{"end_date": "2024-03-31"}},
			{"grant_requested", map[string]any{"grant_requested": "1500000.01"}},
			{"private_co_investment", map[string]any{"private_co_investment": "lots"}},
			{"lead_organisation_id", map[string]any{"lead_organisation_id": wmOrganisation}},
			{"partner_organisation_ids", map[string]any{"partner_organisation_ids": []int64{wmOrganisation}}},
			{"targets.jobs_created", map[string]any{"targets": map[string]string{"jobs_created": "a dozen"}}},
			{"targets.patents_filed", map[string]any{"targets": map[string]string{"patents_filed": "2.5"}}},
			{"targets.no_such_indicator", map[string]any{"targets": map[string]string{"no_such_indicator": "1"}}},
			{"lead_user_ids", map[string]any{"lead_user_ids": []int64{approverID}}},
		}
		rows := portal.RowCounts(t)
		for _, tc := range cases {
			e := gm.manager.do(http.MethodPost, "/api/v1/projects", withFields(apiProjectBody(gm.organisationID), tc.change)).
				expectError(t, http.StatusUnprocessableEntity, "validation_failed")
			if e.Error.Fields[tc.field] == "" {
				t.Errorf("%v: fields %v, want %s named", tc.change, e.Error.Fields, tc.field)
			}
		}
		patch := gm.manager.do(http.MethodPatch, apiProjectURL(gm.project.ID), apiProjectBody(gm.organisationID))
		if e := patch.expectError(t, http.StatusUnprocessableEntity, "validation_failed"); e.Error.Fields["version"] == "" {
			t.Errorf("update without a version: fields %v, want version named", e.Error.Fields)
		}
		for query, field := range map[string]string{"status=bogus": "status", "page_size=1000": "page_size", "sort=cost": "sort"} {
			e := gm.manager.do(http.MethodGet, "/api/v1/projects?"+query, nil).expectError(t, http.StatusUnprocessableEntity, "validation_failed")
			if e.Error.Fields[field] == "" {
				t.Errorf("list with %s: fields %v, want %s named", query, e.Error.Fields, field)
			}
		}
		if diff := cmp.Diff(rows, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
	})
}

// TestAPI_MoneyIsReadAsExactPenceOrRefusedByField sends the amounts of docs/security.md 27: each is stored as
// exact pence and returned as a decimal string, or refused with the field named; a float never appears.
func TestAPI_MoneyIsReadAsExactPenceOrRefusedByField(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := newGMRecords(t, portal)
		accepted := map[string]int64{"0.1": 10, "£1,000": 100000, "1,000.00": 100000, "1234.5": 123450, "0": 0, "99999999999.99": 9999999999999}
		for text, pence := range accepted {
			body := withFields(apiProjectBody(gm.organisationID), map[string]any{"total_cost": text, "grant_requested": "0", "private_co_investment": text})
			p := apiCreateProject(t, gm.manager, body)
			stored, err := portal.Store.Project(t.Context(), models.InTenant(p.TenantID), p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if *stored.TotalCostPence != pence || *stored.PrivateCoInvestmentPence != pence {
				t.Errorf("%q stored as %d and %d pence, want %d", text, *stored.TotalCostPence, *stored.PrivateCoInvestmentPence, pence)
			}
			if want := plainPounds(pence); p.TotalCost != want || p.PrivateCoInvestment != want {
				t.Errorf("%q returned as %q and %q, want %q", text, p.TotalCost, p.PrivateCoInvestment, want)
			}
		}
		rows := portal.RowCounts(t)
		for _, text := range []string{"1e3", "-5", "12.345", "NaN", "Infinity", "99999999999999999999", "1,00", "0x10", "1 000", "£"} {
			e := gm.manager.do(http.MethodPost, "/api/v1/projects", withFields(apiProjectBody(gm.organisationID), map[string]any{"total_cost": text})).
				expectError(t, http.StatusUnprocessableEntity, "validation_failed")
			if e.Error.Fields["total_cost"] == "" {
				t.Errorf("total cost %q: fields %v, want total_cost named", text, e.Error.Fields)
			}
		}
		if diff := cmp.Diff(rows, portal.RowCounts(t)); diff != "" {
			t.Errorf("refused amounts changed the rows (-before +after):\n%s", diff)
		}
	})
}

// plainPounds writes pence as the API does, independently of the code under test.
func plainPounds(pence int64) string {
	return fmt.Sprintf("%d.%02d", pence/100, pence%100)
}

// TestAPI_ADraftSavesWhatItHasAndSubmissionNamesWhatIsMissing: fields left out, empty or null are "not given":
// the draft is saved, says what it still needs, and cannot be submitted until it has it.
func TestAPI_ADraftSavesWhatItHasAndSubmissionNamesWhatIsMissing(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := newGMRecords(t, portal)
		body := withFields(apiProjectBody(gm.organisationID), map[string]any{
			"title": "  ", "sector": "other", "sector_other": "", "total_cost": "", "lead_organisation_id": nil,
		})
		delete(body, "start_date")
		var p apiProjectOut
		gm.manager.do(http.MethodPost, "/api/v1/projects", body).expect(t, http.StatusCreated, &p)
		want := map[string]string{
			"title": "Enter the project title", "sector_other": "Enter the sector or technology", "total_cost": "Enter the total cost",
			"lead_organisation_id": "Select the lead organisation", "start_date": "Enter the start date",
		}
		if diff := cmp.Diff(want, p.Missing); diff != "" {
			t.Errorf("missing for submission (-want +got):\n%s", diff)
		}
		if p.TotalCost != "" || p.StartDate != "" || p.LeadOrganisationID != 0 {
			t.Errorf("not-given facts came back as %q, %q and %d, want null", p.TotalCost, p.StartDate, p.LeadOrganisationID)
		}
		e := gm.manager.do(http.MethodPost, apiProjectURL(p.ID, "submit"), map[string]any{"version": p.Version}).
			expectError(t, http.StatusUnprocessableEntity, "validation_failed")
		if diff := cmp.Diff(want, e.Error.Fields); diff != "" {
			t.Errorf("submitting the draft: fields (-want +got):\n%s", diff)
		}
	})
}
