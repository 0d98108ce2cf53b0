package handlers_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// projectJSON reads a project as the API answers it, as generic JSON, leaving out what every change moves on
// (version, times, history, allowed actions) so that two readings compare by what a person wrote.
func projectJSON(t *testing.T, api *apiClient, id int64) map[string]any {
	t.Helper()
	var p map[string]any
	api.do(http.MethodGet, apiProjectURL(id), nil).expect(t, http.StatusOK, &p)
	for _, moving := range []string{"version", "updated_at", "history", "allowed_actions"} {
		delete(p, moving)
	}
	return p
}

// TestAPI_PatchChangesOnlyWhatItNames sends JSON Merge Patches (RFC 7396) to a complete draft with a
// summary, a partner, targets and a lead, and checks after each that exactly the named fields changed.
func TestAPI_PatchChangesOnlyWhatItNames(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		lead := seededUser(t, portal, "demo-gm-lead").ID
		gm := newGMRecords(t, portal, lead)
		partner := apiCreateOrganisation(t, gm.manager, "Salford Composites Lab", "10054322")
		body := withFields(apiProjectBody(gm.organisationID, lead), map[string]any{"partner_organisation_ids": []int64{partner}, "version": gm.project.Version})
		gm.manager.do(http.MethodPut, apiProjectURL(gm.project.ID), body).expect(t, http.StatusOK, nil)

		patches := []struct {
			name    string
			patch   string
			changed map[string]any
		}{
			{"title alone", `{"title": "Graphene composites pilot line"}`, map[string]any{"title": "Graphene composites pilot line"}},
			{"summary cleared, one target removed and one added", `{"summary": null, "targets": {"jobs_created": null, "spin_outs_created": "1"}}`,
				map[string]any{"summary": "", "targets": map[string]any{"patents_filed": "3", "spin_outs_created": "1"},
					"missing_for_submission": map[string]any{}}},
			{"money and a date cleared", `{"total_cost": null, "start_date": null}`,
				map[string]any{"total_cost": nil, "start_date": nil,
					"missing_for_submission": map[string]any{"total_cost": "Enter the total cost", "start_date": "Enter the start date"}}},
			{"the partner list replaced by an empty one", `{"partner_organisation_ids": []}`, map[string]any{"partners": []any{}}},
		}
		for _, tc := range patches {
			before := projectJSON(t, gm.manager, gm.project.ID)
			var current apiProjectOut
			gm.manager.do(http.MethodGet, apiProjectURL(gm.project.ID), nil).expect(t, http.StatusOK, &current)
			var patch map[string]any
			if err := json.Unmarshal([]byte(tc.patch), &patch); err != nil {
				t.Fatal(err)
			}
			patch["version"] = current.Version
			gm.manager.do(http.MethodPatch, apiProjectURL(gm.project.ID), patch).expect(t, http.StatusOK, nil)

			want := before
			for field, value := range tc.changed {
				want[field] = value
			}
			if diff := cmp.Diff(want, projectJSON(t, gm.manager, gm.project.ID)); diff != "" {
				t.Errorf("%s: the project (-want +got):\n%s", tc.name, diff)
			}
		}
	})
}

func TestAPI_PatchRefusesAnotherMediaTypeAMissingOrStaleVersionAndChangesNothing(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := newGMRecords(t, portal)
		before := projectJSON(t, gm.manager, gm.project.ID)
		plainJSON := apiWith(t, portal, http.Header{"Authorization": gm.manager.header["Authorization"], "Content-Type": {"application/json"}})

		asJSON := plainJSON.do(http.MethodPatch, apiProjectURL(gm.project.ID), map[string]any{"title": "Renamed", "version": gm.project.Version})
		asJSON.expectError(t, http.StatusUnsupportedMediaType, "unsupported_media_type")
		if got := asJSON.Header.Get("Accept-Patch"); got != "application/merge-patch+json" {
			t.Errorf("Accept-Patch %q, want application/merge-patch+json", got)
		}
		gm.manager.do(http.MethodPatch, apiProjectURL(gm.project.ID), map[string]any{"title": "Renamed"}).
			expectError(t, http.StatusUnprocessableEntity, "validation_failed")
		gm.manager.do(http.MethodPatch, apiProjectURL(gm.project.ID), map[string]any{"title": "Renamed", "version": gm.project.Version + 1}).
			expectError(t, http.StatusConflict, "conflict")
		e := gm.manager.do(http.MethodPatch, apiProjectURL(gm.project.ID), map[string]any{"title": 5, "total_cost": 100, "version": gm.project.Version}).
			expectError(t, http.StatusBadRequest, "wrong_type")
		if len(e.Error.Fields) != 2 || e.Error.Fields["title"] == "" || e.Error.Fields["total_cost"] == "" {
			t.Errorf("wrong types: fields %v, want title and total_cost named", e.Error.Fields)
		}
		gm.manager.do(http.MethodPatch, apiProjectURL(gm.project.ID), map[string]any{"status": "approved", "version": gm.project.Version}).
			expectError(t, http.StatusBadRequest, "server_owned_field")
		if diff := cmp.Diff(before, projectJSON(t, gm.manager, gm.project.ID)); diff != "" {
			t.Errorf("refused patches changed the project (-before +after):\n%s", diff)
		}
	})
}

// TestOpenAPI_PatchExamplesChangeARealDraft sends the document's own PATCH examples, so they cannot rot.
func TestOpenAPI_PatchExamplesChangeARealDraft(t *testing.T) {
	doc, _, _ := fetchOpenAPI(t)
	examples, _ := jsonLookup(doc, []string{"paths", "/projects/{id}", "patch", "requestBody", "content",
		"application/merge-patch+json", "examples"}).(map[string]any)
	if len(examples) < 2 {
		t.Fatalf("PATCH has %d examples, want at least 2", len(examples))
	}
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	gm := newGMRecords(t, portal)
	for name, example := range examples {
		var current apiProjectOut
		gm.manager.do(http.MethodGet, apiProjectURL(gm.project.ID), nil).expect(t, http.StatusOK, &current)
		patch := example.(map[string]any)["value"].(map[string]any)
		patch["version"] = current.Version
		if answer := gm.manager.do(http.MethodPatch, apiProjectURL(gm.project.ID), patch); answer.Status != http.StatusOK {
			t.Errorf("example %s: status %d: %s", name, answer.Status, answer.Body)
		}
	}
}

// TestAPI_PutReplacesEveryFieldAndClearsWhatItLeavesOut is the documented full replacement.
func TestAPI_PutReplacesEveryFieldAndClearsWhatItLeavesOut(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := newGMRecords(t, portal)
		body := map[string]any{"title": "Only a title now", "version": gm.project.Version}
		var p apiProjectOut
		gm.manager.do(http.MethodPut, apiProjectURL(gm.project.ID), body).expect(t, http.StatusOK, &p)
		if p.Title != "Only a title now" || p.Summary != "" || p.TotalCost != "" || len(p.Targets) != 0 {
			t.Errorf("after PUT: title %q, summary %q, total cost %q, targets %v; want only the title", p.Title, p.Summary, p.TotalCost, p.Targets)
		}
	})
}
