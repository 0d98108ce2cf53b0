package devidp_test

import (
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/net/html"
	"golang.org/x/oauth2"

	"github.com/innovation-accelerators/portal/handlers/devidp"
)

const (
	testClientID     = "portal"
	testClientSecret = "s3cret-for-tests"
)

// directory is the smallest devidp.Directory: a fixed slice.
type directory []devidp.Account

func (d directory) Accounts(context.Context) ([]devidp.Account, error) { return d, nil }

var demoAccounts = directory{
	{Subject: "alice-1", Email: "alice@example.gov.uk", Name: "Alice Example", Description: "Partnership manager — Greater Manchester"},
	{Subject: "bob:2", Email: "bob@example.gov.uk", Name: "Bob Example", Description: "Programme officer — West Midlands"},
}

// env is a portal-like origin with the provider mounted at /dev-idp.
type env struct {
	srv           *httptest.Server
	issuer        string
	redirectURI   string
	postLogoutURI string
	provider      *oidc.Provider
	oauth         *oauth2.Config
	browser       *http.Client // does not follow redirects, so each hop is checked
}

func newEnv(t *testing.T, accounts directory, tweak ...func(*devidp.Config)) *env {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	e := &env{
		srv:           srv,
		issuer:        srv.URL + "/dev-idp",
		redirectURI:   srv.URL + "/auth/callback",
		postLogoutURI: srv.URL + "/signed-out",
		browser: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}},
	}
	cfg := devidp.Config{
		Issuer:                 e.issuer,
		ClientID:               testClientID,
		ClientSecret:           testClientSecret,
		RedirectURIs:           []string{e.redirectURI},
		PostLogoutRedirectURIs: []string{e.postLogoutURI},
		Directory:              accounts,
	}
	for _, f := range tweak {
		f(&cfg)
	}
	h, err := devidp.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	mux.Handle("/dev-idp/", h)
	if e.provider, err = oidc.NewProvider(t.Context(), e.issuer); err != nil {
		t.Fatalf("discover provider: %v", err)
	}
	e.oauth = &oauth2.Config{
		ClientID:     testClientID,
		ClientSecret: testClientSecret,
		Endpoint:     e.provider.Endpoint(),
		RedirectURL:  e.redirectURI,
		Scopes:       []string{oidc.ScopeOpenID, "email", "profile"},
	}
	return e
}

// authAttempt is what the client remembers between authorize and callback.
type authAttempt struct {
	state, nonce, verifier string
}

func newAttempt() authAttempt {
	return authAttempt{state: rand.Text(), nonce: rand.Text(), verifier: oauth2.GenerateVerifier()}
}

func (e *env) authURL(a authAttempt) string {
	return e.oauth.AuthCodeURL(a.state, oidc.Nonce(a.nonce), oauth2.S256ChallengeOption(a.verifier))
}

// openSignInPage follows /authorize to the sign-in page and returns its URL and body.
func (e *env) openSignInPage(t *testing.T, a authAttempt) (*url.URL, string) {
	t.Helper()
	resp := e.do(t, http.MethodGet, e.authURL(a), nil)
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: status %d, want 302: %s", resp.StatusCode, readBody(t, resp))
	}
	loginURL := location(t, resp)
	resp = e.do(t, http.MethodGet, loginURL.String(), nil)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-in page: status %d: %s", resp.StatusCode, body)
	}
	return loginURL, body
}

// signIn plays the browser through the sign-in page as subject and returns
// the code from the redirect back to the client.
func (e *env) signIn(t *testing.T, a authAttempt, subject string) string {
	t.Helper()
	loginURL, body := e.openSignInPage(t, a)
	f := findForm(t, body, subject)
	resp := e.do(t, http.MethodPost, loginURL.ResolveReference(f.action).String(), f.fields)
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("sign-in POST: status %d, want 302: %s", resp.StatusCode, readBody(t, resp))
	}
	back := location(t, resp)
	if got := back.Scheme + "://" + back.Host + back.Path; got != e.redirectURI {
		t.Fatalf("redirected to %s, want %s", back, e.redirectURI)
	}
	if got := back.Query().Get("state"); got != a.state {
		t.Fatalf("state = %q, want %q", got, a.state)
	}
	code := back.Query().Get("code")
	if code == "" {
		t.Fatalf("no code in %s", back)
	}
	return code
}

// do sends one request as a browser would; fields, when set, are a form POST.
func (e *env) do(t *testing.T, method, target string, fields url.Values) *http.Response {
	t.Helper()
	var body io.Reader
	if fields != nil {
		body = strings.NewReader(fields.Encode())
	}
	req, err := http.NewRequestWithContext(t.Context(), method, target, body)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	if fields != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := e.browser.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func location(t *testing.T, resp *http.Response) *url.URL {
	t.Helper()
	loc, err := resp.Location()
	if err != nil {
		t.Fatalf("no Location on %d response: %v", resp.StatusCode, err)
	}
	return loc
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return string(b)
}

// form is a parsed <form method="post">.
type form struct {
	action *url.URL
	fields url.Values
	button string
}

// parseForms returns the page's POST forms with their inputs and button text.
func parseForms(t *testing.T, page string) []form {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	var forms []form
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "form" || !strings.EqualFold(attr(n, "method"), "post") {
			continue
		}
		action, err := url.Parse(attr(n, "action"))
		if err != nil {
			t.Fatalf("form action: %v", err)
		}
		f := form{action: action, fields: url.Values{}}
		for c := range n.Descendants() {
			switch {
			case c.Type == html.ElementNode && c.Data == "input":
				f.fields.Set(attr(c, "name"), attr(c, "value"))
			case c.Type == html.TextNode && c.Parent.Data == "button":
				f.button += strings.TrimSpace(c.Data)
			}
		}
		forms = append(forms, f)
	}
	return forms
}

func findForm(t *testing.T, page, subject string) form {
	t.Helper()
	for _, f := range parseForms(t, page) {
		if f.fields.Get("subject") == subject {
			return f
		}
	}
	t.Fatalf("no sign-in form for %q on page:\n%s", subject, page)
	return form{}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
