package main

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestServe_InProductionRefusesAConnectionThatCouldGetPastTheDatabasesRules: the portal must serve as a role
// that owns nothing and cannot bypass row-level security. In production any other connection stops start-up
// with one line saying what is wrong; in development it is a warning (docs/security.md, "Database roles").
func TestServe_InProductionRefusesAConnectionThatCouldGetPastTheDatabasesRules(t *testing.T) {
	if len(modeltest.Dialects()) < 2 {
		t.Skip(modeltest.PostgresURLVariable + " is not set")
	}
	urls := modeltest.NewPostgresURLs(t)
	unmigrated := newInvocation(vars(production, "PORTAL_DATABASE_URL", urls.Application, "PORTAL_ADDR", freeAddress(t)))
	if code := unmigrated.run("serve"); code != 1 || !strings.Contains(unmigrated.stderr.String(), "migrations are pending: run `portal migrate`") {
		t.Errorf("serve before migrating, without the owner's connection: exit %d, stderr %q; want 1 and to be told to migrate", code, unmigrated.stderr)
	}
	if code := newInvocation(vars(production, "PORTAL_DATABASE_URL", urls.Application, "PORTAL_MIGRATE_DATABASE_URL", urls.Owner)).run("migrate"); code != 0 {
		t.Fatalf("migrate: exit %d", code)
	}
	cases := []struct {
		name, databaseURL, problem string
	}{
		{"superuser", urls.Superuser, "is a superuser"},
		{"owner of the tables", urls.Owner, "owns tables (api_tokens, audit_events, "},
		{"role that bypasses row-level security", bypassingRole(t, urls), "can bypass row-level security"},
		{"role that can become one that bypasses it", escalatingRole(t, urls), "can bypass row-level security"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inv := newInvocation(vars(production, "PORTAL_DATABASE_URL", c.databaseURL, "PORTAL_ADDR", freeAddress(t)))
			if code := inv.run("serve"); code != 2 {
				t.Fatalf("serve: exit %d, want 2 (bad configuration); log:\n%s", code, inv.stderr)
			}
			line := strings.TrimSpace(inv.stderr.String())
			if strings.Contains(line, "\n") || !strings.HasPrefix(line, "portal: configuration: PORTAL_DATABASE_URL: ") || !strings.Contains(line, c.problem) {
				t.Errorf("stderr %q, want one line naming PORTAL_DATABASE_URL and saying it %s", line, c.problem)
			}
		})
	}
	t.Run("the application role starts", func(t *testing.T) {
		portal := startServe(t, vars(production, "PORTAL_DATABASE_URL", urls.Application))
		if code := portal.stop(t); code != 0 {
			t.Errorf("exit %d", code)
		}
	})
}

func TestServe_InDevelopmentWarnsOfAConnectionWithTooMuchPower(t *testing.T) {
	if len(modeltest.Dialects()) < 2 {
		t.Skip(modeltest.PostgresURLVariable + " is not set")
	}
	urls := modeltest.NewPostgresURLs(t)
	portal := startServe(t, map[string]string{"PORTAL_DATABASE_URL": urls.Owner})
	portal.stop(t)
	if logs := portal.logs.String(); !strings.Contains(logs, "more power than production allows") || !strings.Contains(logs, "owns tables") {
		t.Errorf("log does not warn of the owner's connection:\n%s", logs)
	}
}

// bypassingRole is a login role in the application's group that can also bypass row-level security.
func bypassingRole(t *testing.T, urls modeltest.PostgresURLs) string {
	t.Helper()
	return testRole(t, urls, "portal_test_bypass", "CREATE ROLE portal_test_bypass LOGIN BYPASSRLS IN ROLE portal_app")
}

// escalatingRole is a login role in the application's group that cannot bypass row-level security itself but
// may SET ROLE to one that can.
func escalatingRole(t *testing.T, urls modeltest.PostgresURLs) string {
	t.Helper()
	bypassingRole(t, urls)
	return testRole(t, urls, "portal_test_escalator", "CREATE ROLE portal_test_escalator LOGIN IN ROLE portal_app, portal_test_bypass")
}

// testRole makes a role once per cluster (a duplicate is harmless) and returns the application's URL with it.
func testRole(t *testing.T, urls modeltest.PostgresURLs, name, create string) string {
	t.Helper()
	admin, err := models.Open(context.Background(), urls.Superuser, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	err = admin.Gorm.Exec(`DO $$ BEGIN ` + create + `; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`).Error
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(urls.Application)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(name)
	return u.String()
}
