package main

import (
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/innovation-accelerators/portal/app"
)

func TestLoadConfig_Accepts(t *testing.T) {
	const file = "/etc/portal/config.json"
	localhost := func(port string) *url.URL { return &url.URL{Scheme: "http", Host: "localhost:" + port} }
	govUK := &url.URL{Scheme: "https", Host: "portal.example.gov.uk"}
	development := func(base string) []app.ProviderConfig {
		return []app.ProviderConfig{{Name: "development", DisplayName: "the development sign-in", Issuer: base + "/dev-idp", ClientID: "portal-development", Tenants: []string{"*"}}}
	}
	oidc := app.ProviderConfig{Name: "oidc", DisplayName: "your organisation's account", Issuer: "https://login.example.gov.uk", ClientID: "portal", ClientSecret: "s3cret", Tenants: []string{"*"}}
	defaults := config{Addr: ":8080", BaseURL: localhost("8080"), Providers: development("http://localhost:8080"), DevIdentityProvider: true,
		SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour, Settings: app.DefaultSettings()}
	cases := []struct {
		name  string
		vars  map[string]string
		files map[string]string
		want  config
	}{
		{"nothing set: development on :8080 with the development provider", nil, nil, defaults},
		{"PORTAL_ENV=development", vars(nil, "PORTAL_ENV", "development"), nil, defaults},
		{"another port moves the default base URL", vars(nil, "PORTAL_ADDR", "127.0.0.1:9090", "PORTAL_DATABASE_URL", "sqlite:/tmp/p.db"), nil,
			config{Addr: "127.0.0.1:9090", BaseURL: localhost("9090"), DatabaseURL: "sqlite:/tmp/p.db", MigrateDatabaseURL: "sqlite:/tmp/p.db", Providers: development("http://localhost:9090"),
				DevIdentityProvider: true, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour, Settings: app.DefaultSettings()}},
		{"development with a real provider does not add the development one", vars(production, "PORTAL_ENV", "", "PORTAL_BASE_URL", ""), nil,
			config{Addr: ":8080", BaseURL: localhost("8080"), Providers: []app.ProviderConfig{oidc}, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour, Settings: app.DefaultSettings()}},
		{"production with one provider", vars(production, "PORTAL_BASE_URL", "https://portal.example.gov.uk/", "PORTAL_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.1"), nil,
			config{Production: true, Addr: ":8080", BaseURL: govUK, Providers: []app.ProviderConfig{oidc}, SessionIdle: 30 * time.Minute,
				SessionAbsolute: 12 * time.Hour, TrustedProxies: []string{"10.0.0.0/8", "192.168.1.1"}, Settings: app.DefaultSettings()}},
		{"production with file providers, secrets from variables, lifetimes from the file overridden by variables",
			vars(production, "PORTAL_CONFIG", file, "GM_SECRET", "gm-s3cret", "PORTAL_SESSION_IDLE", "20m"),
			map[string]string{file: `{"session_idle": "45m", "session_absolute": "8h", "trusted_proxies": ["10.1.0.0/16"], "support_email": "ia@example.gov.uk", "export_concurrency": 4,
				"rate_limits": {"api": {"requests": 1200}, "form_posts": {"requests": 30, "per": "5m"}}, "providers": [
				{"name": "gm-entra", "display_name": "GMCA account", "issuer": "https://login.microsoftonline.com/gm/v2.0", "client_id": "gm", "client_secret_env": "GM_SECRET", "tenants": ["greater-manchester"]}]}`},
			config{Production: true, Addr: ":8080", BaseURL: govUK, SessionIdle: 20 * time.Minute, SessionAbsolute: 8 * time.Hour, TrustedProxies: []string{"10.1.0.0/16"},
				Settings: app.Settings{SupportEmail: "ia@example.gov.uk", ExportConcurrency: 4, RateLimits: withLimits(map[app.Limit]app.RateLimit{
					app.LimitAPI:       {Requests: 1200, Per: time.Minute},
					app.LimitFormPosts: {Requests: 30, Per: 5 * time.Minute},
				})},
				Providers: []app.ProviderConfig{
					{Name: "gm-entra", DisplayName: "GMCA account", Issuer: "https://login.microsoftonline.com/gm/v2.0", ClientID: "gm", ClientSecret: "gm-s3cret", Tenants: []string{"greater-manchester"}},
					oidc,
				}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := fakeEnvironment{vars: c.vars, files: c.files}
			got, err := loadConfig(env.getenv, env.readFile)
			if err != nil {
				t.Fatal(err)
			}
			if got.DevIdentityProvider && got.Providers[0].ClientSecret == "" {
				t.Error("development provider without a client secret")
			}
			// The development provider's secret is random, new for every process.
			ignoreDevSecret := cmpopts.IgnoreFields(app.ProviderConfig{}, "ClientSecret")
			opts := cmp.Options{}
			if c.want.DevIdentityProvider {
				opts = append(opts, ignoreDevSecret)
			}
			if diff := cmp.Diff(c.want, got, opts); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
		})
	}
}

// withLimits is the default rate limits with some changed.
func withLimits(changes map[app.Limit]app.RateLimit) app.RateLimits {
	limits := app.DefaultRateLimits()
	for name, limit := range changes {
		*limits.ByName()[name] = limit
	}
	return limits
}
