package main

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
)

// fakeEnvironment is a process environment for loadConfig: variables and the files PORTAL_CONFIG may name.
type fakeEnvironment struct {
	vars  map[string]string
	files map[string]string
}

func (f fakeEnvironment) getenv(name string) string { return f.vars[name] }

func (f fakeEnvironment) readFile(path string) ([]byte, error) {
	data, ok := f.files[path]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	return []byte(data), nil
}

// vars merges name/value pairs over a base set of variables.
func vars(base map[string]string, pairs ...string) map[string]string {
	merged := map[string]string{}
	for k, v := range base {
		merged[k] = v
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		merged[pairs[i]] = pairs[i+1]
	}
	return merged
}

// production is a complete production configuration with one identity provider.
var production = map[string]string{
	"PORTAL_ENV": "production", "PORTAL_BASE_URL": "https://portal.example.gov.uk",
	"PORTAL_OIDC_ISSUER": "https://login.example.gov.uk", "PORTAL_OIDC_CLIENT_ID": "portal", "PORTAL_OIDC_CLIENT_SECRET": "s3cret",
}

func TestLoadConfig_EveryBadSettingStopsWithOneLineNamingIt(t *testing.T) {
	const file = "/etc/portal/config.json"
	withFile := func(json string) map[string]string { return map[string]string{file: json} }
	configured := map[string]string{"PORTAL_CONFIG": file}
	cases := []struct {
		name    string
		vars    map[string]string
		files   map[string]string
		setting string
	}{
		{"unknown environment", vars(nil, "PORTAL_ENV", "staging"), nil, "PORTAL_ENV"},
		{"address without a port", vars(nil, "PORTAL_ADDR", "nonsense"), nil, "PORTAL_ADDR"},
		{"base URL of another scheme", vars(nil, "PORTAL_BASE_URL", "ftp://x"), nil, "PORTAL_BASE_URL"},
		{"base URL without a scheme", vars(nil, "PORTAL_BASE_URL", "portal.example.gov.uk"), nil, "PORTAL_BASE_URL"},
		{"base URL with a query", vars(nil, "PORTAL_BASE_URL", "https://portal.example.gov.uk/?x=1"), nil, "PORTAL_BASE_URL"},
		{"base URL missing in production", vars(production, "PORTAL_BASE_URL", ""), nil, "PORTAL_BASE_URL"},
		{"database of an unknown kind", vars(nil, "PORTAL_DATABASE_URL", "mysql://portal@db/portal"), nil, "PORTAL_DATABASE_URL"},
		{"SQLite without a path", vars(nil, "PORTAL_DATABASE_URL", "sqlite:"), nil, "PORTAL_DATABASE_URL"},
		{"owner's connection to SQLite elsewhere", vars(nil, "PORTAL_DATABASE_URL", "sqlite:a.db", "PORTAL_MIGRATE_DATABASE_URL", "sqlite:b.db"), nil, "PORTAL_MIGRATE_DATABASE_URL"},
		{"owner's connection not PostgreSQL", vars(nil, "PORTAL_DATABASE_URL", "postgres://portal@db/portal", "PORTAL_MIGRATE_DATABASE_URL", "sqlite:b.db"), nil, "PORTAL_MIGRATE_DATABASE_URL"},
		{"issuer without a client ID", vars(nil, "PORTAL_OIDC_ISSUER", "https://login.example.gov.uk", "PORTAL_OIDC_CLIENT_SECRET", "s"), nil, "PORTAL_OIDC_CLIENT_ID"},
		{"issuer without a client secret", vars(nil, "PORTAL_OIDC_ISSUER", "https://login.example.gov.uk", "PORTAL_OIDC_CLIENT_ID", "portal"), nil, "PORTAL_OIDC_CLIENT_SECRET"},
		{"client ID without an issuer", vars(nil, "PORTAL_OIDC_CLIENT_ID", "portal"), nil, "PORTAL_OIDC_ISSUER"},
		{"issuer that is not a URL", vars(production, "PORTAL_OIDC_ISSUER", "login.example.gov.uk"), nil, "PORTAL_OIDC_ISSUER"},
		{"config file unreadable", configured, nil, "PORTAL_CONFIG"},
		{"config file not JSON", configured, withFile(`{"providers": [`), "PORTAL_CONFIG"},
		{"config file with an unknown field", configured, withFile(`{"provider": []}`), "PORTAL_CONFIG"},
		{"provider without tenants", configured, withFile(`{"providers": [{"name": "gm", "issuer": "https://gm.example", "client_id": "p"}]}`), "PORTAL_CONFIG providers[0]"},
		{"provider without an issuer", configured, withFile(`{"providers": [{"name": "gm", "client_id": "p", "tenants": ["*"]}]}`), "PORTAL_CONFIG providers[0]"},
		{"provider secret variable unset", configured, withFile(`{"providers": [
			{"name": "gm", "issuer": "https://gm.example", "client_id": "p", "client_secret": "s", "tenants": ["greater-manchester"]},
			{"name": "wm", "issuer": "https://wm.example", "client_id": "p", "client_secret_env": "WM_SECRET", "tenants": ["west-midlands"]}]}`), "PORTAL_CONFIG providers[1]"},
		{"idle lifetime not a duration", vars(nil, "PORTAL_SESSION_IDLE", "soon"), nil, "PORTAL_SESSION_IDLE"},
		{"idle lifetime under a minute", vars(nil, "PORTAL_SESSION_IDLE", "30s"), nil, "PORTAL_SESSION_IDLE"},
		{"idle lifetime longer than the absolute", vars(nil, "PORTAL_SESSION_IDLE", "13h"), nil, "PORTAL_SESSION_IDLE"},
		{"absolute lifetime not a duration", vars(nil, "PORTAL_SESSION_ABSOLUTE", "forever"), nil, "PORTAL_SESSION_ABSOLUTE"},
		{"absolute lifetime in the file not a duration", configured, withFile(`{"session_absolute": "forever"}`), "PORTAL_CONFIG session_absolute"},
		{"idle lifetime in the file longer than the absolute", configured, withFile(`{"session_idle": "2h", "session_absolute": "1h"}`), "PORTAL_CONFIG session_idle"},
		{"trusted proxy not an address", vars(nil, "PORTAL_TRUSTED_PROXIES", "10.0.0.1, proxy.internal"), nil, "PORTAL_TRUSTED_PROXIES"},
		{"trusted proxy range too wide", vars(nil, "PORTAL_TRUSTED_PROXIES", "10.0.0.0/33"), nil, "PORTAL_TRUSTED_PROXIES"},
		{"support e-mail that is not an address", configured, withFile(`{"support_email": "the helpdesk"}`), "PORTAL_CONFIG support_email"},
		{"trusted proxy in the file not an address", configured, withFile(`{"trusted_proxies": ["nonsense"]}`), "PORTAL_CONFIG trusted_proxies"},
		{"rate limit that does not exist", configured, withFile(`{"rate_limits": {"logins": {"requests": 5}}}`), "PORTAL_CONFIG rate_limits"},
		{"rate limit of no requests", configured, withFile(`{"rate_limits": {"api": {"requests": 0}}}`), "PORTAL_CONFIG rate_limits api"},
		{"rate limit window not a duration", configured, withFile(`{"rate_limits": {"sign_in_start": {"per": "soon"}}}`), "PORTAL_CONFIG rate_limits sign_in_start"},
		{"rate limit window under a second", configured, withFile(`{"rate_limits": {"form_posts": {"per": "500ms"}}}`), "PORTAL_CONFIG rate_limits form_posts"},
		{"rate limit window of part seconds", configured, withFile(`{"rate_limits": {"api": {"per": "1.5s"}}}`), "PORTAL_CONFIG rate_limits api"},
		{"rate limit requests not a number", configured, withFile(`{"rate_limits": {"api": {"requests": "many"}}}`), "PORTAL_CONFIG"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := fakeEnvironment{vars: c.vars, files: c.files}
			_, err := loadConfig(env.getenv, env.readFile)
			assertSettingError(t, err, c.setting)
		})
	}
}

func TestLoadConfig_ProductionNeverUsesTheDevelopmentProvider(t *testing.T) {
	const file = "/etc/portal/config.json"
	cases := []struct {
		name    string
		vars    map[string]string
		files   map[string]string
		setting string
	}{
		{"no identity provider", vars(production, "PORTAL_OIDC_ISSUER", "", "PORTAL_OIDC_CLIENT_ID", "", "PORTAL_OIDC_CLIENT_SECRET", ""), nil, "PORTAL_OIDC_ISSUER"},
		{"issuer at the portal's /dev-idp", vars(production, "PORTAL_OIDC_ISSUER", "https://portal.example.gov.uk/dev-idp"), nil, "PORTAL_OIDC_ISSUER"},
		{"issuer at the portal's /dev-idp/", vars(production, "PORTAL_OIDC_ISSUER", "https://portal.example.gov.uk/dev-idp/"), nil, "PORTAL_OIDC_ISSUER"},
		{"file provider at the portal's /dev-idp", vars(production, "PORTAL_CONFIG", file), map[string]string{file: `{"providers": [
			{"name": "dev", "issuer": "https://portal.example.gov.uk/dev-idp", "client_id": "p", "client_secret": "s", "tenants": ["*"]}]}`}, "PORTAL_CONFIG providers[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := fakeEnvironment{vars: c.vars, files: c.files}
			_, err := loadConfig(env.getenv, env.readFile)
			assertSettingError(t, err, c.setting)
		})
	}
}

func assertSettingError(t *testing.T, err error, setting string) {
	t.Helper()
	var serr *settingError
	if !errors.As(err, &serr) {
		t.Fatalf("error %v, want a settingError naming %s", err, setting)
	}
	if serr.Setting != setting {
		t.Errorf("error names %q, want %q (%v)", serr.Setting, setting, err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, setting+": ") || strings.Contains(msg, "\n") || serr.Problem == "" {
		t.Errorf("message %q, want one line %q followed by the problem", msg, setting+": …")
	}
}

func TestLoadConfig_TheOwnersConnectionFallsBackToTheApplicationsOnlyInDevelopment(t *testing.T) {
	const app, owner = "postgres://portal@db/portal", "postgres://portal_owner@db/portal"
	cases := []struct {
		name string
		vars map[string]string
		want string
	}{
		{"development without one", vars(nil, "PORTAL_DATABASE_URL", app), app},
		{"development with one", vars(nil, "PORTAL_DATABASE_URL", app, "PORTAL_MIGRATE_DATABASE_URL", owner), owner},
		{"production without one: nothing to migrate with", vars(production, "PORTAL_DATABASE_URL", app), ""},
		{"production with one", vars(production, "PORTAL_DATABASE_URL", app, "PORTAL_MIGRATE_DATABASE_URL", owner), owner},
		{"production on SQLite, which has no roles", vars(production, "PORTAL_DATABASE_URL", "sqlite:portal.db"), "sqlite:portal.db"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := fakeEnvironment{vars: c.vars}
			cfg, err := loadConfig(env.getenv, env.readFile)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.MigrateDatabaseURL != c.want {
				t.Errorf("owner's connection %q, want %q", cfg.MigrateDatabaseURL, c.want)
			}
		})
	}
}
