package devidp_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/innovation-accelerators/portal/handlers/devidp"
)

const banner = "Development sign-in — for development and testing only. Not a real identity provider."

func TestSignInPageListsAccounts(t *testing.T) {
	const css = "/assets/govuk-frontend.min.css"
	e := newEnv(t, demoAccounts, func(c *devidp.Config) { c.StylesheetURL = css })
	_, body := e.openSignInPage(t, newAttempt())
	for _, want := range []string{banner, `<link rel="stylesheet" href="` + css + `">`, "govuk-template", "govuk-button"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "style="} {
		if strings.Contains(body, bad) {
			t.Errorf("page contains %q, which the portal's CSP forbids", bad)
		}
	}
	forms := parseForms(t, body)
	if len(forms) != len(demoAccounts) {
		t.Fatalf("%d forms, want one per account (%d)", len(forms), len(demoAccounts))
	}
	for i, a := range demoAccounts {
		for _, want := range []string{a.Name, a.Email, a.Description} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if got := forms[i].button; got != "Sign in as "+a.Name {
			t.Errorf("button %q, want %q", got, "Sign in as "+a.Name)
		}
		if forms[i].fields.Get("authRequestID") == "" {
			t.Errorf("form for %s has no authRequestID", a.Subject)
		}
	}
}

func TestSignInPageWithEmptyDirectory(t *testing.T) {
	e := newEnv(t, nil)
	_, body := e.openSignInPage(t, newAttempt())
	if !strings.Contains(body, "No demo users yet") || !strings.Contains(body, "portal seed --demo") {
		t.Errorf("empty directory not explained:\n%s", body)
	}
	if len(parseForms(t, body)) != 0 {
		t.Error("sign-in forms shown for an empty directory")
	}
}

func TestSignInRejectsBadInput(t *testing.T) {
	e := newEnv(t, demoAccounts)
	loginURL, body := e.openSignInPage(t, newAttempt())
	valid := findForm(t, body, "alice-1")
	post := func(id, subject string) *http.Response {
		return e.do(t, http.MethodPost, loginURL.ResolveReference(valid.action).String(),
			url.Values{"authRequestID": {id}, "subject": {subject}})
	}
	cases := map[string]*http.Response{
		"unknown subject":      post(valid.fields.Get("authRequestID"), "mallory"),
		"unknown auth request": post("no-such-request", "alice-1"),
		"page without request": e.do(t, http.MethodGet, e.issuer+"/login?authRequestID=nope", nil),
	}
	for name, resp := range cases {
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
			t.Errorf("%s: status %d Location %q, want a 400 page", name, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	// The failed attempts leave the genuine request usable.
	if resp := post(valid.fields.Get("authRequestID"), "alice-1"); resp.StatusCode != http.StatusFound {
		t.Errorf("valid sign-in after failures: status %d", resp.StatusCode)
	}
}

func TestEndSession(t *testing.T) {
	e := newEnv(t, demoAccounts)
	a := newAttempt()
	tok, err := e.oauth.Exchange(t.Context(), e.signIn(t, a, "alice-1"), oauth2.VerifierOption(a.verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	idToken, _ := tok.Extra("id_token").(string)
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := e.provider.Claims(&meta); err != nil || !strings.HasPrefix(meta.EndSession, e.issuer+"/") {
		t.Fatalf("end_session_endpoint %q (%v)", meta.EndSession, err)
	}
	endSession := func(q url.Values) *http.Response {
		return e.do(t, http.MethodGet, meta.EndSession+"?"+q.Encode(), nil)
	}

	t.Run("allowed redirect", func(t *testing.T) {
		resp := endSession(url.Values{"id_token_hint": {idToken}, "post_logout_redirect_uri": {e.postLogoutURI}, "state": {"xyz"}})
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != e.postLogoutURI+"?state=xyz" {
			t.Errorf("status %d Location %q, want 302 to %s?state=xyz", resp.StatusCode, resp.Header.Get("Location"), e.postLogoutURI)
		}
	})
	t.Run("foreign redirect refused", func(t *testing.T) {
		resp := endSession(url.Values{"id_token_hint": {idToken}, "post_logout_redirect_uri": {"https://evil.example/"}})
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
			t.Errorf("status %d Location %q, want 400 and no redirect", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("no redirect shows signed-out page", func(t *testing.T) {
		resp := endSession(url.Values{"post_logout_redirect_uri": {"https://evil.example/"}})
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("status %d, want 302 to the signed-out page", resp.StatusCode)
		}
		signedOut := location(t, resp)
		if signedOut.String() != e.issuer+"/signed-out" {
			t.Fatalf("redirected to %s, want the provider's signed-out page", signedOut)
		}
		page := e.do(t, http.MethodGet, signedOut.String(), nil)
		if body := readBody(t, page); page.StatusCode != http.StatusOK ||
			!strings.Contains(body, "You have signed out of the development provider") {
			t.Errorf("signed-out page: status %d body %s", page.StatusCode, body)
		}
	})
}

// TestProviderAddressExplainsItselfAndSendsPeopleToThePortal: opening the provider's own address, as
// `make run` once led people to, gives a page that says what it is, not "404 page not found".
func TestProviderAddressExplainsItselfAndSendsPeopleToThePortal(t *testing.T) {
	e := newEnv(t, demoAccounts)
	for _, path := range []string{"/dev-idp", "/dev-idp/"} {
		res, err := http.Get(strings.TrimSuffix(e.issuer, "/dev-idp") + path)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", path, res.StatusCode)
		}
		portal, _ := url.Parse(e.redirectURI)
		for _, want := range []string{"Development sign-in", `href="` + portal.Scheme + "://" + portal.Host + `/login"`,
			demoAccounts[0].Name, demoAccounts[0].Description, "/dev-idp/.well-known/openid-configuration", "govuk-header__product-name"} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s lacks %q", path, want)
			}
		}
		if strings.Contains(body, "<form") {
			t.Errorf("GET %s offers a sign-in form outside a sign-in request", path)
		}
	}
}
