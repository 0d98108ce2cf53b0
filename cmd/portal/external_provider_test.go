package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/oauth2-proxy/mockoidc"
)

// TestServe_SignsAnInvitedPersonInThroughAStandardExternalProvider runs the binary as an operator would with
// PORTAL_OIDC_ISSUER pointing at an OpenID provider that is not the portal's own (mockoidc, a separate
// implementation), invites a person with `portal users invite`, and has them sign in through it.
func TestServe_SignsAnInvitedPersonInThroughAStandardExternalProvider(t *testing.T) {
	provider, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = provider.Shutdown() })
	cfg := provider.Config()
	settings := map[string]string{
		"PORTAL_DATABASE_URL":       "sqlite:" + filepath.Join(t.TempDir(), "portal.db"),
		"PORTAL_OIDC_ISSUER":        cfg.Issuer,
		"PORTAL_OIDC_CLIENT_ID":     cfg.ClientID,
		"PORTAL_OIDC_CLIENT_SECRET": cfg.ClientSecret,
	}
	setup := newInvocation(settings)
	if code := setup.run("seed", "--demo"); code != 0 {
		t.Fatalf("seed: exit %d: %s", code, setup.stderr)
	}
	invitee := mockoidc.DefaultUser().Email
	if code := setup.run("users", "invite", "--email", invitee, "--tenant", "west-midlands", "--role", "partnership_manager"); code != 0 {
		t.Fatalf("invite: exit %d: %s", code, setup.stderr)
	}

	portal := startServe(t, settings)
	home := signInThroughExternalProvider(t, localhostURL(portal.url))

	if got := text(home, "h1"); got != "West Midlands" {
		t.Errorf("landed on %q, want the West Midlands home page; body:\n%s", got, text(home, "main"))
	}
	if got := text(home, `[data-testid="account-name"]`); got != invitee {
		t.Errorf("signed in as %q, want %q", got, invitee)
	}
}

// signInThroughExternalProvider presses "Sign in" and follows the redirects through the provider (which
// answers without a page of its own) back to the portal.
func signInThroughExternalProvider(t *testing.T, base string) *goquery.Document {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	form := url.Values{"provider": {"oidc"}, "return_to": {"/"}}
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Request.URL.Path != "/" {
		t.Fatalf("sign-in ended at %s with status %d", res.Request.URL, res.StatusCode)
	}
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// localhostURL names the portal as its default base URL does, so cookies set during sign-in are sent back.
func localhostURL(u string) string {
	return strings.Replace(u, "127.0.0.1", "localhost", 1)
}

func text(doc *goquery.Document, selector string) string {
	return strings.Join(strings.Fields(doc.Find(selector).First().Text()), " ")
}
