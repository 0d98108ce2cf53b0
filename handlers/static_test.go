package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// currentAsset is the address the pages give a static file, with the current version in it.
func currentAsset(t *testing.T, b *portaltest.Browser, name string) string {
	t.Helper()
	src, ok := b.Get("/login").Doc.Find(`script[src$="/` + name + `"]`).Attr("src")
	if !ok {
		t.Fatalf("the sign-in page does not load %s", name)
	}
	return src
}

func TestStaticFiles_AreCachedForAYearOnlyAtTheCurrentVersion(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{NoDemoData: true})
	b := portal.NewBrowser(t)
	current := currentAsset(t, b, "portal.js")
	tests := []struct {
		name, path, cache string
	}{
		{"current version", current, "public, max-age=31536000, immutable"},
		{"an older version", "/static/0123456789ab/portal.js", "no-cache"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := b.Get(tc.path)
			if r.StatusCode != http.StatusOK || r.Body == "" {
				t.Fatalf("GET %s: status %d, %d bytes; want the file", tc.path, r.StatusCode, len(r.Body))
			}
			if got := r.Header.Get("Cache-Control"); got != tc.cache {
				t.Errorf("Cache-Control %q, want %q", got, tc.cache)
			}
			if got := r.Header.Get("Content-Type"); !strings.Contains(got, "javascript") {
				t.Errorf("Content-Type %q, want JavaScript", got)
			}
		})
	}
}

func TestStaticFiles_RefusePathTraversal(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{NoDemoData: true})
	b := portal.NewBrowser(t)
	for _, path := range []string{
		"/static/x/../../go.mod",
		"/static/x/..%2f..%2fgo.mod",
		"/static/x/%2e%2e/%2e%2e/go.mod",
		"/static/x/%2e%2e%2f%2e%2e%2fgo.mod",
		"/static/x/..%5c..%5cgo.mod",
		"/static/x/govuk/../portal.js",
		"/static/x/./portal.js",
		"/static/x//etc/passwd",
		"/static/x/",
		"/static/x/govuk",
		"/static/x/govuk/",
	} {
		r := b.Get(path)
		if r.StatusCode != http.StatusNotFound || strings.Contains(r.Body, "module ") {
			t.Errorf("GET %s: status %d, body %.60q; want 404", path, r.StatusCode, r.Body)
		}
	}
}
