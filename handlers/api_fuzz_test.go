package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/handlers"
)

// projectBodyFields are the only top-level fields a project body may carry.
var projectBodyFields = []string{
	"title", "summary", "lead_organisation_id", "partner_organisation_ids", "sector", "sector_other",
	"local_authority_code", "start_date", "end_date", "total_cost", "grant_requested", "private_co_investment",
	"targets", "lead_user_ids",
}

// FuzzDecodeProjectBody feeds the API's project body reader anything: it must never panic, must answer every
// body it cannot read with a client error (never a 500), and must never let through a field the portal does
// not accept from clients.
func FuzzDecodeProjectBody(f *testing.F) {
	seeds := []string{
		`{"title": "Pilot line", "total_cost": "1,500,000.00", "targets": {"jobs_created": "12.5"}, "version": 3}`,
		`{"title": "x", "tenant_id": 2}`, `{"status": "approved"}`, `{"TITLE": "x", "Version": 1}`,
		`{"total_cost": 1500000.5}`, `{"lead_organisation_id": "5"}`, `{"lead_organisation_id": 1e400}`,
		`{"targets": {"jobs_created": 12}}`, `{"partner_organisation_ids": [1, "2"]}`, `{"version": 0}`,
		`{"version": -1}`, `{"version": 99999999999999999999}`, `null`, `[]`, `""`, ``, `{`, `{"title": "a"} {}`,
		`{"title": "\u0000\ud800"}`, `{"a":` + strings.Repeat("[", 100), `{"ſector": "quantum", "version": 2}`,
		`{"summary": null, "targets": {"jobs_created": null}, "version": 2}`, `{"targets": null, "version": 1}`,
		`{"partner_organisation_ids": null, "lead_organisation_id": null, "version": 4}`, `{"version": null}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, mode := range []string{"create", "replace", "patch"} {
			contentType := "application/json"
			if mode == "patch" {
				contentType = "application/merge-patch+json"
			}
			version, status := handlers.DecodeProjectBody(contentType, body, mode)
			update := mode != "create"
			switch {
			case status == 0:
				checkReadBody(t, body, update, version)
			case status == http.StatusBadRequest || status == http.StatusRequestEntityTooLarge:
			case status == http.StatusUnprocessableEntity && update:
			default:
				t.Fatalf("body %q (%s): status %d", body, mode, status)
			}
		}
	})
}

// checkReadBody checks a body the reader accepted holds only the fields clients may send.
func checkReadBody(t *testing.T, body []byte, update bool, version int) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		t.Fatalf("accepted %q, which is not a JSON object: %v", body, err)
	}
	for name := range fields {
		allowed := (update && strings.EqualFold(name, "version"))
		for _, known := range projectBodyFields {
			allowed = allowed || strings.EqualFold(name, known)
		}
		if !allowed {
			t.Fatalf("accepted %q with field %q", body, name)
		}
	}
	if update && version < 1 {
		t.Fatalf("accepted update %q with version %d", body, version)
	}
}
