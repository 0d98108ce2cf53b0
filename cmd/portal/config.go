package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
)

// config is everything the portal reads from its environment, checked.
type config struct {
	Production  bool
	Addr        string
	BaseURL     *url.URL
	DatabaseURL string
	// MigrateDatabaseURL is the schema owner's connection, which applies migrations; "" when this process
	// has none (production without PORTAL_MIGRATE_DATABASE_URL), so it checks that none is pending instead.
	MigrateDatabaseURL  string
	Providers           []app.ProviderConfig
	DevIdentityProvider bool // the built-in development provider is mounted and is the only provider
	SessionIdle         time.Duration
	SessionAbsolute     time.Duration
	TrustedProxies      []string
	Settings            app.Settings
}

// fileConfig is the JSON file PORTAL_CONFIG names: several identity providers and other settings.
type fileConfig struct {
	Providers       []fileProvider `json:"providers"`
	SessionIdle     string         `json:"session_idle"`
	SessionAbsolute string         `json:"session_absolute"`
	TrustedProxies  []string       `json:"trusted_proxies"`
	SupportEmail    string         `json:"support_email"`
	// RateLimits change some of app.DefaultRateLimits, by name: {"api": {"requests": 600, "per": "1m"}}.
	RateLimits map[string]fileRateLimit `json:"rate_limits"`
	// ExportConcurrency is how many register exports a process prepares at once (0: the default).
	ExportConcurrency int `json:"export_concurrency"`
}

type fileProvider struct {
	Name            string   `json:"name"`
	DisplayName     string   `json:"display_name"`
	Issuer          string   `json:"issuer"`
	ClientID        string   `json:"client_id"`
	ClientSecret    string   `json:"client_secret"`
	ClientSecretEnv string   `json:"client_secret_env"` // the name of a variable holding the secret
	Tenants         []string `json:"tenants"`
}

// settingError names the setting that is wrong, so start-up can stop with one clear line.
type settingError struct {
	Setting string
	Problem string
}

func (e *settingError) Error() string { return e.Setting + ": " + e.Problem }

func bad(setting, format string, args ...any) error {
	return &settingError{Setting: setting, Problem: fmt.Sprintf(format, args...)}
}

// loadConfig reads and checks the settings. getenv and readFile are the process's, passed in for tests.
func loadConfig(getenv func(string) string, readFile func(string) ([]byte, error)) (config, error) {
	cfg := config{Addr: orDefault(getenv("PORTAL_ADDR"), ":8080"), DatabaseURL: getenv("PORTAL_DATABASE_URL")}
	switch env := getenv("PORTAL_ENV"); env {
	case "", "development":
	case "production":
		cfg.Production = true
	default:
		return cfg, bad("PORTAL_ENV", "must be development or production, not %q", env)
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return cfg, bad("PORTAL_ADDR", "must be host:port or :port, like :8080")
	}
	if err := cfg.databaseURLs(getenv("PORTAL_MIGRATE_DATABASE_URL")); err != nil {
		return cfg, err
	}
	var err error
	if cfg.BaseURL, err = baseURL(getenv("PORTAL_BASE_URL"), cfg.Addr, cfg.Production); err != nil {
		return cfg, err
	}
	file, err := readFileConfig(getenv("PORTAL_CONFIG"), readFile)
	if err != nil {
		return cfg, err
	}
	if err := cfg.applyFile(file, getenv); err != nil {
		return cfg, err
	}
	if err := cfg.addEnvironmentProvider(getenv); err != nil {
		return cfg, err
	}
	return cfg, cfg.chooseDevelopmentProvider()
}

// databaseURLs checks the application's connection and the owner's, which migrates. In development the owner's
// falls back to the application's, and SQLite, which has no roles, always uses the one file.
func (cfg *config) databaseURLs(migrateURL string) error {
	dialect, _, err := models.ParseDatabaseURL(cfg.DatabaseURL)
	if err != nil {
		return bad("PORTAL_DATABASE_URL", "%v", err)
	}
	switch {
	case dialect == migrations.SQLite:
		if migrateURL != "" && migrateURL != cfg.DatabaseURL {
			return bad("PORTAL_MIGRATE_DATABASE_URL", "must be empty or the same as PORTAL_DATABASE_URL for SQLite, which has no roles")
		}
		cfg.MigrateDatabaseURL = cfg.DatabaseURL
	case migrateURL != "":
		if d, _, err := models.ParseDatabaseURL(migrateURL); err != nil || d != dialect {
			return bad("PORTAL_MIGRATE_DATABASE_URL", "must be a postgres:// URL for the owner of the portal's tables")
		}
		cfg.MigrateDatabaseURL = migrateURL
	case !cfg.Production:
		cfg.MigrateDatabaseURL = cfg.DatabaseURL
	}
	return nil
}

func baseURL(raw, addr string, production bool) (*url.URL, error) {
	if raw == "" {
		if production {
			return nil, bad("PORTAL_BASE_URL", "is required in production (the address people use, like https://portal.example.gov.uk)")
		}
		_, port, _ := net.SplitHostPort(addr)
		raw = "http://localhost:" + port
	}
	u, err := url.Parse(strings.TrimSuffix(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, bad("PORTAL_BASE_URL", "must be an absolute http or https URL, like https://portal.example.gov.uk")
	}
	return u, nil
}

func readFileConfig(path string, readFile func(string) ([]byte, error)) (fileConfig, error) {
	var fc fileConfig
	if path == "" {
		return fc, nil
	}
	data, err := readFile(path)
	if err != nil {
		return fc, bad("PORTAL_CONFIG", "cannot read %s: %v", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return fc, bad("PORTAL_CONFIG", "%s is not valid: %v", path, err)
	}
	return fc, nil
}

func (cfg *config) applyFile(fc fileConfig, getenv func(string) string) error {
	cfg.Settings = app.DefaultSettings()
	if fc.SupportEmail != "" {
		if !strings.Contains(fc.SupportEmail, "@") {
			return bad("PORTAL_CONFIG support_email", "must be an e-mail address, like support@example.gov.uk")
		}
		cfg.Settings.SupportEmail = fc.SupportEmail
	}
	if err := applyRateLimits(&cfg.Settings.RateLimits, fc.RateLimits); err != nil {
		return err
	}
	if fc.ExportConcurrency < 0 || fc.ExportConcurrency > 1000 {
		return bad("PORTAL_CONFIG export_concurrency", "must be a whole number from 1 to 1000")
	}
	if fc.ExportConcurrency > 0 {
		cfg.Settings.ExportConcurrency = fc.ExportConcurrency
	}
	idle, idleSetting := fromEnvOrFile(getenv, "PORTAL_SESSION_IDLE", "session_idle", fc.SessionIdle)
	absolute, absoluteSetting := fromEnvOrFile(getenv, "PORTAL_SESSION_ABSOLUTE", "session_absolute", fc.SessionAbsolute)
	var err error
	if cfg.SessionIdle, err = duration(idleSetting, idle, app.DefaultSessionIdle); err != nil {
		return err
	}
	if cfg.SessionAbsolute, err = duration(absoluteSetting, absolute, app.DefaultSessionAbsolute); err != nil {
		return err
	}
	if cfg.SessionIdle > cfg.SessionAbsolute {
		return bad(idleSetting, "must not be longer than the absolute session lifetime (%s)", cfg.SessionAbsolute)
	}
	proxies, proxiesSetting := fc.TrustedProxies, "PORTAL_CONFIG trusted_proxies"
	if env := getenv("PORTAL_TRUSTED_PROXIES"); env != "" {
		proxies, proxiesSetting = strings.Split(env, ","), "PORTAL_TRUSTED_PROXIES"
	}
	if cfg.TrustedProxies, err = trustedProxies(proxiesSetting, proxies); err != nil {
		return err
	}
	for i, p := range fc.Providers {
		setting := fmt.Sprintf("PORTAL_CONFIG providers[%d]", i)
		provider, err := p.resolve(getenv)
		if err != nil {
			return bad(setting, "%v", err)
		}
		if err := cfg.refuseDevelopmentIssuer(setting, provider.Issuer); err != nil {
			return err
		}
		cfg.Providers = append(cfg.Providers, provider)
	}
	return nil
}

// fromEnvOrFile returns a setting's variable if set, else its value in the PORTAL_CONFIG file, with the name
// of wherever it came from, so that a bad value is reported where it can be fixed.
func fromEnvOrFile(getenv func(string) string, variable, fileKey, fileValue string) (string, string) {
	if v := getenv(variable); v != "" {
		return v, variable
	}
	return fileValue, "PORTAL_CONFIG " + fileKey
}

func (p fileProvider) resolve(getenv func(string) string) (app.ProviderConfig, error) {
	secret := p.ClientSecret
	if p.ClientSecretEnv != "" {
		if secret = getenv(p.ClientSecretEnv); secret == "" {
			return app.ProviderConfig{}, fmt.Errorf("client_secret_env names %s, which is not set", p.ClientSecretEnv)
		}
	}
	switch {
	case p.Name == "" || p.Issuer == "" || p.ClientID == "":
		return app.ProviderConfig{}, fmt.Errorf("name, issuer and client_id are required")
	case len(p.Tenants) == 0:
		return app.ProviderConfig{}, fmt.Errorf("tenants must list the tenant slugs it may sign people into, or \"*\"")
	}
	if err := checkIssuer(p.Issuer); err != nil {
		return app.ProviderConfig{}, err
	}
	return app.ProviderConfig{
		Name: p.Name, DisplayName: orDefault(p.DisplayName, p.Name), Issuer: p.Issuer,
		ClientID: p.ClientID, ClientSecret: secret, Tenants: p.Tenants,
	}, nil
}

// addEnvironmentProvider adds the one provider PORTAL_OIDC_* describe, allowed for every tenant.
func (cfg *config) addEnvironmentProvider(getenv func(string) string) error {
	issuer, id, secret := getenv("PORTAL_OIDC_ISSUER"), getenv("PORTAL_OIDC_CLIENT_ID"), getenv("PORTAL_OIDC_CLIENT_SECRET")
	if issuer == "" && id == "" && secret == "" {
		return nil
	}
	switch {
	case issuer == "":
		return bad("PORTAL_OIDC_ISSUER", "is required when PORTAL_OIDC_CLIENT_ID or PORTAL_OIDC_CLIENT_SECRET is set")
	case id == "":
		return bad("PORTAL_OIDC_CLIENT_ID", "is required with PORTAL_OIDC_ISSUER")
	case secret == "":
		return bad("PORTAL_OIDC_CLIENT_SECRET", "is required with PORTAL_OIDC_ISSUER")
	}
	if err := checkIssuer(issuer); err != nil {
		return bad("PORTAL_OIDC_ISSUER", "%v", err)
	}
	if err := cfg.refuseDevelopmentIssuer("PORTAL_OIDC_ISSUER", issuer); err != nil {
		return err
	}
	cfg.Providers = append(cfg.Providers, app.ProviderConfig{
		Name: "oidc", DisplayName: "your organisation's account", Issuer: issuer, ClientID: id, ClientSecret: secret, Tenants: []string{"*"},
	})
	return nil
}

// chooseDevelopmentProvider turns on the built-in development provider when nothing else is configured,
// and never in production.
func (cfg *config) chooseDevelopmentProvider() error {
	if len(cfg.Providers) > 0 {
		return nil
	}
	if cfg.Production {
		return bad("PORTAL_OIDC_ISSUER", "production needs a real identity provider: set PORTAL_OIDC_ISSUER, PORTAL_OIDC_CLIENT_ID and PORTAL_OIDC_CLIENT_SECRET, or providers in PORTAL_CONFIG")
	}
	cfg.DevIdentityProvider = true
	cfg.Providers = []app.ProviderConfig{{
		Name: developmentProvider, DisplayName: "the development sign-in", Issuer: cfg.developmentIssuer(),
		ClientID: "portal-development", ClientSecret: randomSecret(), Tenants: []string{"*"},
	}}
	return nil
}

// refuseDevelopmentIssuer stops production using the development identity provider under any setting.
func (cfg *config) refuseDevelopmentIssuer(setting, issuer string) error {
	if cfg.Production && strings.HasPrefix(issuer, cfg.developmentIssuer()) {
		return bad(setting, "the development identity provider cannot be used in production")
	}
	return nil
}

// developmentIssuer is where the built-in development provider is served.
func (cfg *config) developmentIssuer() string { return cfg.BaseURL.String() + "/dev-idp" }

// developmentProvider is the name invitations use for the built-in development provider.
const developmentProvider = "development"

func checkIssuer(issuer string) error {
	u, err := url.Parse(issuer)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("issuer must be an absolute https URL, not %q", issuer)
	}
	return nil
}

func duration(setting, raw string, fallback time.Duration) (time.Duration, error) {
	if raw == "" {
		return fallback, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < time.Minute {
		return 0, bad(setting, "must be a duration of at least 1m, like 30m or 12h")
	}
	return d, nil
}

func trustedProxies(setting string, raw []string) ([]string, error) {
	var proxies []string
	for _, p := range raw {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				return nil, bad(setting, "%q is not an IP address or CIDR range", p)
			}
		}
		proxies = append(proxies, p)
	}
	return proxies, nil
}

func orDefault(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

// randomSecret is the development provider's client secret, new for every process: only this process uses it.
func randomSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
