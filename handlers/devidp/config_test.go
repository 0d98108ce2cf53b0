package devidp_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/innovation-accelerators/portal/handlers/devidp"
)

func TestDiscoveryUnderPathPrefix(t *testing.T) {
	e := newEnv(t, demoAccounts)
	resp := e.do(t, http.MethodGet, e.issuer+"/.well-known/openid-configuration", nil)
	var doc struct {
		Issuer        string   `json:"issuer"`
		Authorization string   `json:"authorization_endpoint"`
		Token         string   `json:"token_endpoint"`
		UserInfo      string   `json:"userinfo_endpoint"`
		JWKS          string   `json:"jwks_uri"`
		EndSession    string   `json:"end_session_endpoint"`
		PKCE          []string `json:"code_challenge_methods_supported"`
		SigningAlgs   []string `json:"id_token_signing_alg_values_supported"`
		Scopes        []string `json:"scopes_supported"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatalf("status %d, decode: %v", resp.StatusCode, err)
	}
	if doc.Issuer != e.issuer {
		t.Errorf("issuer %q, want %q", doc.Issuer, e.issuer)
	}
	for name, got := range map[string]string{
		"authorization": doc.Authorization, "token": doc.Token, "userinfo": doc.UserInfo,
		"jwks": doc.JWKS, "end_session": doc.EndSession,
	} {
		if !strings.HasPrefix(got, e.issuer+"/") {
			t.Errorf("%s endpoint %q is not under the issuer %s", name, got, e.issuer)
		}
	}
	if !slices.Contains(doc.PKCE, "S256") || !slices.Contains(doc.SigningAlgs, "RS256") {
		t.Errorf("PKCE methods %v, signing algs %v", doc.PKCE, doc.SigningAlgs)
	}
	for _, s := range []string{"openid", "email", "profile"} {
		if !slices.Contains(doc.Scopes, s) {
			t.Errorf("scopes_supported %v lacks %q", doc.Scopes, s)
		}
	}
	if keys := fetchJWKS(t, e); len(keys.Keys) != 1 || keys.Keys[0].KeyID == "" || !keys.Keys[0].IsPublic() {
		t.Errorf("JWKS %+v, want one public key with a kid", keys.Keys)
	}
}

func fetchJWKS(t *testing.T, e *env) jose.JSONWebKeySet {
	t.Helper()
	var keys jose.JSONWebKeySet
	resp := e.do(t, http.MethodGet, e.issuer+"/keys", nil)
	if err := json.NewDecoder(resp.Body).Decode(&keys); err != nil {
		t.Fatalf("status %d, decode JWKS: %v", resp.StatusCode, err)
	}
	return keys
}

func TestConfiguredSigningKeyIsPublished(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, demoAccounts, func(c *devidp.Config) { c.SigningKey = key })
	keys := fetchJWKS(t, e)
	pub, ok := keys.Keys[0].Key.(*rsa.PublicKey)
	if !ok || !pub.Equal(&key.PublicKey) {
		t.Errorf("JWKS does not publish the configured key: %+v", keys.Keys)
	}
}

func TestHandlerOnlyServesItsPrefix(t *testing.T) {
	h, err := devidp.New(validConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/dev-idpx/login", "/other/.well-known/openid-configuration"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, rec.Code)
		}
	}
}

func validConfig() devidp.Config {
	return devidp.Config{
		Issuer:       "http://localhost:8080/dev-idp",
		ClientID:     testClientID,
		ClientSecret: testClientSecret,
		RedirectURIs: []string{"http://localhost:8080/auth/callback"},
		Directory:    demoAccounts,
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	cases := []struct {
		name, field string
		breakIt     func(*devidp.Config)
	}{
		{"no issuer", "Issuer", func(c *devidp.Config) { c.Issuer = "" }},
		{"no client ID", "ClientID", func(c *devidp.Config) { c.ClientID = "" }},
		{"no client secret", "ClientSecret", func(c *devidp.Config) { c.ClientSecret = "" }},
		{"no redirect URIs", "RedirectURIs", func(c *devidp.Config) { c.RedirectURIs = nil }},
		{"no directory", "Directory", func(c *devidp.Config) { c.Directory = nil }},
		{"issuer trailing slash", "Issuer", func(c *devidp.Config) { c.Issuer += "/" }},
		{"relative issuer", "Issuer", func(c *devidp.Config) { c.Issuer = "/dev-idp" }},
		{"relative redirect URI", "RedirectURIs", func(c *devidp.Config) { c.RedirectURIs = []string{"/auth/callback"} }},
		{"relative post-logout URI", "PostLogoutRedirectURIs", func(c *devidp.Config) { c.PostLogoutRedirectURIs = []string{"signed-out"} }},
	}
	for _, tc := range cases {
		cfg := validConfig()
		tc.breakIt(&cfg)
		if _, err := devidp.New(cfg); err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.field)
		}
	}
	if _, err := devidp.New(validConfig()); err != nil {
		t.Errorf("valid config: %v", err)
	}
}
