package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// serverOwnedFields are what the portal sets itself; a client sending one is refused (docs/security.md 20).
var serverOwnedFields = map[string]any{
	"tenant_id": 2, "status": "approved", "reference": "GM-2024-999", "approved_by": 1, "submitted_by": 1,
	"award": map[string]any{"grant": "1000000.00"}, "id": 1, "decided_at": "2024-04-01T00:00:00Z",
}

func TestAPI_BodiesCarryingServerOwnedOrUnknownFieldsAreRefusedAndStoreNothing(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := newGMRecords(t, portal)
		before, rows := gm.manager.do(http.MethodGet, apiProjectURL(gm.project.ID), nil).Body, portal.RowCounts(t)
		extra := map[string]any{"colour": "blue", "Tenant_ID": 2}
		for field, value := range serverOwnedFields {
			extra[field] = value
		}
		for field, value := range extra {
			code := "server_owned_field"
			if field == "colour" {
				code = "unknown_field"
			}
			requests := map[string]any{
				"POST /api/v1/projects":                          withFields(apiProjectBody(gm.organisationID), map[string]any{field: value}),
				"PATCH " + apiProjectURL(gm.project.ID):          withFields(apiProjectBody(gm.organisationID), map[string]any{field: value, "version": gm.project.Version}),
				"POST " + apiProjectURL(gm.project.ID, "submit"): map[string]any{field: value, "version": gm.project.Version},
				"POST /api/v1/organisations":                     map[string]any{"name": "Planted Ltd", "kind": "business", field: value},
			}
			for request, body := range requests {
				method, path, _ := strings.Cut(request, " ")
				e := gm.manager.do(method, path, body).expectError(t, http.StatusBadRequest, code)
				if e.Error.Fields[field] == "" {
					t.Errorf("%s with %s: fields %v, want %s named", request, field, e.Error.Fields, field)
				}
			}
		}
		if after := gm.manager.do(http.MethodGet, apiProjectURL(gm.project.ID), nil).Body; after != before {
			t.Errorf("the project changed:\nbefore %s\nafter  %s", before, after)
		}
		if diff := cmp.Diff(rows, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
	})
}

func TestAPI_UnreadableBodiesAreRefusedWithAClearMessage(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	gm := newGMRecords(t, portal)
	rows := portal.RowCounts(t)
	valid := `{"title": "x"}`
	cases := []struct {
		name, contentType, body string
		status                  int
		code, field             string
	}{
		{"truncated JSON", "application/json", `{"title": "x", `, 400, "malformed_json", ""},
		{"not JSON", "application/json", `title=x`, 400, "malformed_json", ""},
		{"empty body", "application/json", ``, 400, "empty_body", ""},
		{"a list, not an object", "application/json", `[{"title": "x"}]`, 400, "wrong_type", ""},
		{"two objects", "application/json", valid + valid, 400, "malformed_json", ""},
		{"money as a number", "application/json", `{"total_cost": 1500000.5}`, 400, "wrong_type", "total_cost"},
		{"an ID as a string", "application/json", `{"lead_organisation_id": "5"}`, 400, "wrong_type", "lead_organisation_id"},
		{"a target as a number", "application/json", `{"targets": {"jobs_created": 12}}`, 400, "wrong_type", "targets"},
		{"partners as one number", "application/json", `{"partner_organisation_ids": 5}`, 400, "wrong_type", "partner_organisation_ids"},
		{"an ID beyond int64", "application/json", `{"lead_organisation_id": 99999999999999999999}`, 400, "wrong_type", "lead_organisation_id"},
		{"a form", "application/x-www-form-urlencoded", `title=x`, 415, "unsupported_media_type", ""},
		{"text", "text/plain", valid, 415, "unsupported_media_type", ""},
		{"no content type", "", valid, 415, "unsupported_media_type", ""},
		{"JSON with a charset", "application/json; charset=utf-8", `{"title": 1}`, 400, "wrong_type", "title"},
		{"over 1 MiB", "application/json", `{"summary": "` + strings.Repeat("a", 1<<20) + `"}`, 413, "body_too_large", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := apiWith(t, portal, gm.manager.header.Clone())
			api.header.Set("Content-Type", tc.contentType)
			e := api.do(http.MethodPost, "/api/v1/projects", tc.body).expectError(t, tc.status, tc.code)
			if tc.field != "" && e.Error.Fields[tc.field] == "" {
				t.Errorf("fields %v, want %s named", e.Error.Fields, tc.field)
			}
			if strings.Contains(e.Error.Message, "json:") || strings.Contains(e.Error.Message, "Go ") {
				t.Errorf("message %q passes on a Go error", e.Error.Message)
			}
		})
	}
	if diff := cmp.Diff(rows, portal.RowCounts(t)); diff != "" {
		t.Errorf("rows changed (-before +after):\n%s", diff)
	}
}

func TestAPI_WrongMethodOnAnAPIAddressIsAJSONError(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	api := apiAs(t, portal, "demo-gm-manager")
	api.do(http.MethodDelete, "/api/v1/projects", nil).expectError(t, http.StatusMethodNotAllowed, "method_not_allowed")
	api.do(http.MethodGet, "/api/v1/no-such-thing", nil).expectError(t, http.StatusNotFound, "not_found")
	api.do(http.MethodGet, "/api/v1/projects/not-a-number", nil).expectError(t, http.StatusNotFound, "not_found")
}
