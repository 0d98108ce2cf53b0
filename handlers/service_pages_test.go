package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestServicePages_AreLinkedFromEveryFooterAndOpenWithoutSigningIn: the accessibility statement, privacy
// notice, cookies page and contact page, in the footer of signed-in and signed-out pages alike.
func TestServicePages_AreLinkedFromEveryFooterAndOpenWithoutSigningIn(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	wantLinks := []string{"Accessibility statement → /accessibility", "Privacy → /privacy", "Cookies → /cookies", "Contact → /contact"}
	signedIn := portal.NewBrowser(t)
	home := signedIn.SignInAs("demo-gm-manager")
	for _, page := range []*portaltest.Response{home, portal.NewBrowser(t).Get("/login"), signedIn.Get("/projects/new")} {
		var links []string
		for _, a := range page.Doc.Find(`footer [data-testid="footer-links"] a`).EachIter() {
			links = append(links, strings.TrimSpace(a.Text())+" → "+a.AttrOr("href", ""))
		}
		if diff := cmp.Diff(wantLinks, links); diff != "" {
			t.Errorf("%s: footer links (-want +got):\n%s", page.Request.URL.Path, diff)
		}
		if ref := page.Text(`[data-testid="support-reference"]`); ref == "" || ref != page.Header.Get("X-Request-ID") {
			t.Errorf("%s: support reference %q, want the request ID %q", page.Request.URL.Path, ref, page.Header.Get("X-Request-ID"))
		}
	}
	anyone := portal.NewBrowser(t)
	for path, heading := range map[string]string{
		"/accessibility": "Accessibility statement for the Innovation Accelerator Portal",
		"/privacy":       "Privacy notice",
		"/cookies":       "Cookies",
		"/contact":       "Contact the support team",
	} {
		page := anyone.Get(path)
		if page.StatusCode != http.StatusOK || page.Text("h1") != heading {
			t.Errorf("GET %s: status %d, heading %q; want 200 and %q", path, page.StatusCode, page.Text("h1"), heading)
		}
	}
	contact := anyone.Get("/contact")
	if got := contact.Doc.Find(`[data-testid="support-email"]`).AttrOr("href", ""); got != "mailto:portal-support@example.org" {
		t.Errorf("contact page mails %q, want the configured support address", got)
	}
	var cookies []string
	for _, row := range anyone.Get("/cookies").Doc.Find(`[data-testid="cookies"] tbody tr`).EachIter() {
		cookies = append(cookies, strings.TrimSpace(row.Find("td").First().Text()))
	}
	if diff := cmp.Diff([]string{"portal_session", "portal_login", "portal_flash"}, cookies); diff != "" {
		t.Errorf("cookies listed (-want +got):\n%s", diff)
	}
}

// TestServicePages_CookiesPageListsEveryCookieThePortalSets signs in, acts and signs out, collecting every
// cookie the portal sets: each must be on the cookies page.
func TestServicePages_CookiesPageListsEveryCookieThePortalSets(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	b := portal.NewBrowser(t)
	set := map[string]bool{}
	record := func(r *portaltest.Response) {
		for _, c := range r.Cookies() {
			set[c.Name] = true
		}
	}
	record(b.StartSignIn(portaltest.DevProvider))
	b.SignInAs("demo-gm-manager")
	for _, c := range []string{"portal_session", "portal_login"} {
		set[c] = set[c] || b.Cookie(c) != ""
	}
	record(b.SubmitForm(b.Get("/organisations/new"), `[data-testid="organisation-form"]`, url.Values{"name": {"Cookie Crumbs Ltd"}, "kind": {"business"}}))
	if !set["portal_flash"] {
		t.Error("adding an organisation set no message cookie: the test no longer sees every cookie")
	}
	record(b.PostForm("/logout", nil))
	listed := b.Get("/cookies").Text(`[data-testid="cookies"]`)
	for name := range set {
		if !strings.Contains(listed, name) {
			t.Errorf("the portal sets cookie %s, which the cookies page does not list", name)
		}
	}
}

func TestFavicon_IsServedAtTheAddressBrowsersAskFor(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	icon := portal.NewBrowser(t).Get("/favicon.ico")
	if icon.StatusCode != http.StatusOK || !strings.HasPrefix(icon.Body, "\x00\x00\x01\x00") {
		t.Errorf("GET /favicon.ico: status %d, %d bytes, want 200 and an icon", icon.StatusCode, len(icon.Body))
	}
	home := portal.NewBrowser(t).Get("/login")
	for _, sel := range []string{`link[rel="icon"][type="image/svg+xml"]`, `link[rel="icon"][sizes="32x32"]`} {
		href := home.Doc.Find(sel).AttrOr("href", "")
		if res := portal.NewBrowser(t).Get(href); href == "" || res.StatusCode != http.StatusOK {
			t.Errorf("%s: href %q answers %d", sel, href, res.StatusCode)
		}
	}
}
