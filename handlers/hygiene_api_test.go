package handlers_test

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// apiBodySource is, for an operation with a body, who sends it, where, and a body they could send with
// success, so that only the poisoned field stands in the way.
type apiBodySource func(r hygieneRecords, clients map[string]*apiClient, orgID int64) (*apiClient, string, map[string]any)

// transitionBody is a step's body as the person who may take it sends it, about a project in a state
// that allows it.
func transitionBody(subject, step string, project func(hygieneRecords) models.Project) apiBodySource {
	return func(r hygieneRecords, clients map[string]*apiClient, _ int64) (*apiClient, string, map[string]any) {
		p := project(r)
		return clients[subject], apiProjectURL(p.ID, step), map[string]any{"reason": "Because the test says so", "version": p.Version}
	}
}

func draftOf(r hygieneRecords) models.Project     { return r.draft }
func submittedOf(r hygieneRecords) models.Project { return r.submitted }
func approvedOf(r hygieneRecords) models.Project  { return r.approved }

// apiBodySources covers every API operation with a request body; a new one fails the sweep until listed.
var apiBodySources = map[string]apiBodySource{
	"POST /projects": func(r hygieneRecords, c map[string]*apiClient, org int64) (*apiClient, string, map[string]any) {
		return c["demo-gm-manager"], "/api/v1/projects", apiProjectBody(org)
	},
	"PATCH /projects/{id}": func(r hygieneRecords, c map[string]*apiClient, org int64) (*apiClient, string, map[string]any) {
		return c["demo-gm-manager"], apiProjectURL(r.draft.ID), withFields(apiProjectBody(org), map[string]any{"version": r.draft.Version})
	},
	"PUT /projects/{id}": func(r hygieneRecords, c map[string]*apiClient, org int64) (*apiClient, string, map[string]any) {
		return c["demo-gm-manager"], apiProjectURL(r.draft.ID), withFields(apiProjectBody(org), map[string]any{"version": r.draft.Version})
	},
	"POST /organisations": func(r hygieneRecords, c map[string]*apiClient, _ int64) (*apiClient, string, map[string]any) {
		return c["demo-gm-manager"], "/api/v1/organisations", map[string]any{"name": "Hygienic Ltd", "kind": "business"}
	},
	"PATCH /organisations/{id}": func(r hygieneRecords, c map[string]*apiClient, _ int64) (*apiClient, string, map[string]any) {
		return c["demo-gm-manager"], apiOrganisationURL(r.organisation.ID),
			map[string]any{"name": "Hygienic Ltd", "kind": "business", "version": r.organisation.Version}
	},
	"POST /projects/{id}/submit":          transitionBody("demo-gm-manager", "submit", draftOf),
	"POST /projects/{id}/withdraw":        transitionBody("demo-gm-manager", "withdraw", draftOf),
	"POST /projects/{id}/approve":         transitionBody("demo-funding-approver", "approve", submittedOf),
	"POST /projects/{id}/reject":          transitionBody("demo-funding-approver", "reject", submittedOf),
	"POST /projects/{id}/request-changes": transitionBody("demo-funding-approver", "request-changes", submittedOf),
	"POST /projects/{id}/close":           transitionBody("demo-funding-approver", "close", approvedOf),
}

// longTextFields may hold tabs and line breaks.
var longTextFields = []string{"summary", "reason"}

// TestInputHygiene_EveryAPIBodyFieldRefusesControlCharacters walks the OpenAPI document: every text
// field of every request body (and every value and key of the targets) is sent holding each control
// character by a caller who could otherwise send that body with success. Each is refused with 422 naming
// the field, and nothing changes. (JSON cannot carry bytes that are not UTF-8: the decoder makes them
// U+FFFD, which is text.)
func TestInputHygiene_EveryAPIBodyFieldRefusesControlCharacters(t *testing.T) {
	doc, ops, _ := fetchOpenAPI(t)
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{RateLimits: unlimited()})
		records := newHygieneRecords(t, portal)
		clients := map[string]*apiClient{
			"demo-gm-manager": apiAs(t, portal, "demo-gm-manager"), "demo-funding-approver": apiAs(t, portal, "demo-funding-approver"),
		}
		sent := 0
		for _, name := range slices.Sorted(maps.Keys(ops)) {
			op := ops[name]
			if op.RequestBody == nil {
				continue
			}
			source, ok := apiBodySources[name]
			if !ok {
				t.Errorf("%s: add a caller and a good body to apiBodySources", name)
				continue
			}
			client, path, body := source(records, clients, records.organisation.ID)
			method, _, _ := strings.Cut(name, " ")
			media, ok := op.RequestBody.Content["application/json"]
			if !ok { // a project's PATCH is a JSON Merge Patch
				media = op.RequestBody.Content["application/merge-patch+json"]
			}
			for field, kind := range textProperties(doc, media.Schema) {
				for poison, value := range apiPoisons(field) {
					for _, poisoned := range poisonedBodies(body, field, kind, value) {
						before := portal.RowCounts(t)
						answer := client.do(method, path, poisoned)
						sent++
						what := fmt.Sprintf("%s %s with %s", name, field, poison)
						e := answer.expectError(t, http.StatusUnprocessableEntity, "validation_failed")
						if !slices.ContainsFunc(slices.Collect(maps.Keys(e.Error.Fields)), func(k string) bool { return strings.HasPrefix(k, field) }) {
							t.Errorf("%s: fields %v, want %s named", what, e.Error.Fields, field)
						}
						if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
							t.Errorf("%s: rows changed (-before +after):\n%s", what, diff)
						}
					}
				}
			}
		}
		if sent < 100 {
			t.Errorf("only %d poisoned bodies sent: the sweep found fewer text fields than the API has", sent)
		}
		checkNothingStoredIsNotText(t, db)
	})
}

func apiPoisons(field string) map[string]string {
	values := map[string]string{}
	for name, v := range notText {
		if name != "not UTF-8" {
			values[name] = v
		}
	}
	if !slices.Contains(longTextFields, field) {
		maps.Copy(values, notOneLine)
	}
	return values
}

// poisonedBodies are copies of a body with the field holding the value: a text field once; a map of
// texts (targets) with the value under a known key, and with the value as a key.
func poisonedBodies(body map[string]any, field, kind, value string) []map[string]any {
	if kind == "string" {
		return []map[string]any{withFields(body, map[string]any{field: value})}
	}
	return []map[string]any{
		withFields(body, map[string]any{field: map[string]string{"jobs_created": value}}),
		withFields(body, map[string]any{field: map[string]string{value: "1"}}),
	}
}

// textProperties lists the properties of a schema a client writes text into, following $ref and allOf:
// "string" for a text, "map" for an object of texts.
func textProperties(doc map[string]any, schema map[string]any) map[string]string {
	found := map[string]string{}
	schema = resolveRef(doc, schema)
	for _, part := range asList(schema["allOf"]) {
		maps.Copy(found, textProperties(doc, part))
	}
	props, _ := schema["properties"].(map[string]any)
	for name, p := range props {
		prop := resolveRef(doc, p.(map[string]any))
		switch {
		case prop["type"] == "string":
			found[name] = "string"
		case prop["type"] == "object" && prop["additionalProperties"] != nil:
			found[name] = "map"
		}
	}
	return found
}

func asList(v any) []map[string]any {
	var out []map[string]any
	list, _ := v.([]any)
	for _, item := range list {
		if m, ok := item.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}
