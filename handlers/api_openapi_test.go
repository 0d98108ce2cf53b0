package handlers_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// openAPIOperation is the part of an OpenAPI operation the tests check.
type openAPIOperation struct {
	OperationID string             `json:"operationId"`
	Summary     string             `json:"summary"`
	Parameters  []openAPIParameter `json:"parameters"`
	RequestBody *struct {
		Content map[string]struct {
			Schema map[string]any `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
	Responses map[string]map[string]any `json:"responses"`
}

type openAPIParameter struct {
	Name     string `json:"name"`
	In       string `json:"in"`
	Required bool   `json:"required"`
}

var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// fetchOpenAPI reads the document as a client does: without a token. It returns it as generic JSON
// (to follow references) and its operations by "METHOD /path".
func fetchOpenAPI(t *testing.T) (map[string]any, map[string]openAPIOperation, map[string][]openAPIParameter) {
	t.Helper()
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	answer := apiWith(t, portal, http.Header{}).do(http.MethodGet, "/api/v1/openapi.json", nil)
	var doc map[string]any
	answer.expect(t, http.StatusOK, &doc)
	var typed struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	answer.expect(t, http.StatusOK, &typed)
	ops, pathParams := map[string]openAPIOperation{}, map[string][]openAPIParameter{}
	for path, item := range typed.Paths {
		if raw, ok := item["parameters"]; ok {
			var params []openAPIParameter
			if err := json.Unmarshal(raw, &params); err != nil {
				t.Fatalf("%s parameters: %v", path, err)
			}
			pathParams[path] = params
		}
		for _, method := range openAPIMethods {
			if raw, ok := item[method]; ok {
				var op openAPIOperation
				if err := json.Unmarshal(raw, &op); err != nil {
					t.Fatalf("%s %s: %v", method, path, err)
				}
				ops[strings.ToUpper(method)+" "+path] = op
			}
		}
	}
	return doc, ops, pathParams
}

var ginParameter = regexp.MustCompile(`:([A-Za-z_]+)`)

func TestOpenAPI_DocumentsEveryAPIRouteAndNoOther(t *testing.T) {
	_, ops, _ := fetchOpenAPI(t)
	var routed, documented []string
	for _, r := range portalRoutes(t) {
		if path, ok := strings.CutPrefix(r.Path, "/api/v1/"); ok {
			routed = append(routed, r.Method+" /"+ginParameter.ReplaceAllString(path, "{$1}"))
		}
	}
	for op := range ops {
		documented = append(documented, op)
	}
	slices.Sort(routed)
	slices.Sort(documented)
	if diff := cmp.Diff(routed, documented); diff != "" {
		t.Errorf("routes (-) and documented operations (+) differ:\n%s", diff)
	}
	if len(routed) < 15 {
		t.Errorf("only %d API routes: %v", len(routed), routed)
	}
}

func TestOpenAPI_IsAnOpenAPI31DocumentWithEveryRequiredPart(t *testing.T) {
	doc, ops, pathParams := fetchOpenAPI(t)
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi %v, want 3.1.0", doc["openapi"])
	}
	for _, key := range []string{"info.title", "info.version", "servers.0.url", "components.securitySchemes.bearerAuth.scheme",
		"components.schemas.Error.properties.error.properties.fields", "components.responses.Unauthorized.description"} {
		if jsonLookup(doc, strings.Split(key, ".")) == nil {
			t.Errorf("the document lacks %s", key)
		}
	}
	if scheme := jsonLookup(doc, []string{"components", "securitySchemes", "bearerAuth"}); !cmp.Equal(
		map[string]any{"type": scheme.(map[string]any)["type"], "scheme": scheme.(map[string]any)["scheme"]},
		map[string]any{"type": "http", "scheme": "bearer"}) {
		t.Errorf("bearerAuth %v, want an http bearer scheme", scheme)
	}
	ids := map[string]string{}
	for name, op := range ops {
		if op.OperationID == "" || op.Summary == "" || ids[op.OperationID] != "" {
			t.Errorf("%s: operationId %q (also %q), summary %q: want a unique ID and a summary", name, op.OperationID, ids[op.OperationID], op.Summary)
		}
		ids[op.OperationID] = name
		checkOperation(t, doc, name, op, pathParams)
	}
	checkReferencesResolve(t, doc, doc, "#")
}

// checkOperation checks an operation's parameters, request body and responses.
func checkOperation(t *testing.T, doc map[string]any, name string, op openAPIOperation, pathParams map[string][]openAPIParameter) {
	t.Helper()
	method, path, _ := strings.Cut(name, " ")
	params := append(slices.Clone(pathParams[path]), op.Parameters...)
	for _, m := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(path, -1) {
		if !slices.ContainsFunc(params, func(p openAPIParameter) bool { return p.Name == m[1] && p.In == "path" && p.Required }) {
			t.Errorf("%s: no required path parameter %s", name, m[1])
		}
	}
	mediaType := "application/json"
	if method == "PATCH" && strings.HasPrefix(path, "/projects/") {
		mediaType = "application/merge-patch+json" // RFC 7396: a project's PATCH names only what it changes
	}
	if wantsBody := method == "POST" || method == "PATCH" || method == "PUT"; wantsBody != (op.RequestBody != nil) {
		t.Errorf("%s: request body %v", name, op.RequestBody)
	} else if wantsBody && op.RequestBody.Content[mediaType].Schema == nil {
		t.Errorf("%s: request body has no %s schema", name, mediaType)
	}
	success := false
	for status, response := range op.Responses {
		response = resolveRef(doc, response)
		success = success || strings.HasPrefix(status, "2")
		if response["description"] == nil {
			t.Errorf("%s %s: response without a description", name, status)
		}
		schema := jsonLookup(response, []string{"content", "application/json", "schema", "$ref"})
		if !strings.HasPrefix(status, "2") && schema != "#/components/schemas/Error" {
			t.Errorf("%s %s: error response schema %v, want the Error schema", name, status, schema)
		}
	}
	if !success {
		t.Errorf("%s: no success response", name)
	}
}

// checkReferencesResolve follows every $ref in the document.
func checkReferencesResolve(t *testing.T, doc map[string]any, node any, at string) {
	t.Helper()
	switch n := node.(type) {
	case map[string]any:
		if ref, ok := n["$ref"].(string); ok && resolveRef(doc, n) == nil {
			t.Errorf("%s: $ref %s does not resolve", at, ref)
		}
		for k, v := range n {
			checkReferencesResolve(t, doc, v, at+"/"+k)
		}
	case []any:
		for _, v := range n {
			checkReferencesResolve(t, doc, v, at)
		}
	}
}

// resolveRef follows a local $ref, if the node is one.
func resolveRef(doc map[string]any, node map[string]any) map[string]any {
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	target, _ := jsonLookup(doc, strings.Split(strings.TrimPrefix(ref, "#/"), "/")).(map[string]any)
	return target
}

// jsonLookup walks maps and lists by key or index; nil when the path leads nowhere.
func jsonLookup(node any, path []string) any {
	for _, key := range path {
		switch n := node.(type) {
		case map[string]any:
			node = n[key]
		case []any:
			if key != "0" || len(n) == 0 {
				return nil
			}
			node = n[0]
		default:
			return nil
		}
	}
	return node
}
