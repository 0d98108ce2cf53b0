package portaltest

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/devidp"
)

// Provider is another OpenID provider for tests that need two: a development provider of its own, with
// its own key, issuer and server, listing the accounts the test gives it. Pass Config in
// Options.ExtraProviders, start the portal, then RegisterClient so the provider knows the portal's
// callback.
type Provider struct {
	Config   app.ProviderConfig
	Accounts *Accounts
	opts     ProviderOptions
	handler  atomic.Pointer[http.Handler]
}

// ProviderOptions change how a test provider is built.
type ProviderOptions struct {
	// Tenants are the tenants the portal lets it sign people into (default: every tenant).
	Tenants []string
	// Wrap, when set, stands in front of the provider, e.g. TokenRequests.Wrap.
	Wrap func(http.Handler) http.Handler
}

// StartProvider runs a provider, known to the portal by name, until the test ends. It answers 503 until a
// portal is registered as its client.
func StartProvider(t testing.TB, name string, opts ProviderOptions) *Provider {
	t.Helper()
	if opts.Tenants == nil {
		opts.Tenants = []string{"*"}
	}
	p := &Provider{Accounts: &Accounts{}, opts: opts}
	srv := httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(srv.Close)
	p.Config = app.ProviderConfig{
		Name: name, DisplayName: "the " + name + " sign-in", Issuer: srv.URL + "/idp",
		ClientID: "portal-" + name, ClientSecret: rand.Text(), Tenants: opts.Tenants,
	}
	return p
}

// RegisterClient makes the portal the provider's one client, with the portal's callback and signed-out page.
func (p *Provider) RegisterClient(t testing.TB, portal *Portal) {
	t.Helper()
	idp, err := devidp.New(devidp.Config{
		Issuer: p.Config.Issuer, ClientID: p.Config.ClientID, ClientSecret: p.Config.ClientSecret,
		RedirectURIs: []string{portal.URL + "/auth/callback"}, PostLogoutRedirectURIs: []string{portal.URL + "/signed-out"},
		Directory: p.Accounts, Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("provider %s: %v", p.Config.Name, err)
	}
	if p.opts.Wrap != nil {
		idp = p.opts.Wrap(idp)
	}
	p.handler.Store(&idp)
}

func (p *Provider) serve(w http.ResponseWriter, r *http.Request) {
	h := p.handler.Load()
	if h == nil {
		http.Error(w, "no client registered yet", http.StatusServiceUnavailable)
		return
	}
	(*h).ServeHTTP(w, r)
}

// Accounts is a devidp.Directory a test can change between sign-ins, as a real provider's directory
// changes: people are added, their e-mail addresses change.
type Accounts struct {
	mu   sync.Mutex
	list []devidp.Account
}

// Accounts implements devidp.Directory.
func (a *Accounts) Accounts(context.Context) ([]devidp.Account, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.list), nil
}

// Add lists an account, which the provider reports with a verified e-mail.
func (a *Accounts) Add(subject, email, name string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.list = append(a.list, devidp.Account{Subject: subject, Email: email, Name: name})
}

// SetEmail changes the e-mail address of the account with that subject.
func (a *Accounts) SetEmail(subject, email string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i := range a.list {
		if a.list[i].Subject == subject {
			a.list[i].Email = email
		}
	}
}
