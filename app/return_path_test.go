package app_test

import (
	"testing"

	"github.com/innovation-accelerators/portal/app"
)

func TestSafeReturnPath_KeepsLocalPathsAndSendsEverythingElseHome(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", "/"},
		{"home", "/", "/"},
		{"a page", "/people", "/people"},
		{"a page with query and fragment", "/people?tenant=west-midlands#invite", "/people?tenant=west-midlands#invite"},
		{"encoded slashes stay a local path", "/%2F%2Fevil.example", "/%2F%2Fevil.example"},
		{"relative path", "people", "/"},
		{"absolute URL", "https://evil.example/people", "/"},
		{"scheme-relative URL", "//evil.example/people", "/"},
		{"javascript URL", "javascript:alert(1)", "/"},
		{"backslash read as a slash", "/\\evil.example", "/"},
		{"two backslashes", "\\\\evil.example", "/"},
		{"header injection", "/people\r\nSet-Cookie: session=stolen", "/"},
		{"tab dropped by browsers", "/\t/evil.example", "/"},
		{"newline dropped by browsers", "/\n/evil.example", "/"},
		{"other control character", "/people\x00", "/"},
		{"delete character", "/people\x7f", "/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := app.SafeReturnPath(c.in); got != c.want {
				t.Errorf("SafeReturnPath(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
