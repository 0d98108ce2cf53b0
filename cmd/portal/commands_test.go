package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// forEachDatabaseURL runs fn with the settings of an empty database: a SQLite file, and a PostgreSQL schema
// of its own when PORTAL_TEST_DATABASE_URL is set, with the application's connection in PORTAL_DATABASE_URL
// and the owner's in PORTAL_MIGRATE_DATABASE_URL, as in production. The binary migrates it itself.
func forEachDatabaseURL(t *testing.T, fn func(t *testing.T, settings map[string]string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		fn(t, map[string]string{"PORTAL_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "portal.db")})
	})
	if len(modeltest.Dialects()) > 1 {
		t.Run("postgres", func(t *testing.T) {
			urls := modeltest.NewPostgresURLs(t)
			fn(t, map[string]string{"PORTAL_DATABASE_URL": urls.Application, "PORTAL_MIGRATE_DATABASE_URL": urls.Owner})
		})
	}
}

func TestRun_MigrateSeedTwiceAndInviteOnAnEmptyDatabase(t *testing.T) {
	forEachDatabaseURL(t, func(t *testing.T, settings map[string]string) {
		steps := []struct {
			args   []string
			stdout string
		}{
			{[]string{"migrate"}, ""},
			{[]string{"seed", "--demo"}, "Demo data is in place: 11 demo users sign in through the development provider at http://localhost:8080/dev-idp\n"},
			{[]string{"seed", "--demo"}, "Demo data is in place: 11 demo users"},
			{[]string{"users", "invite", "--email", "a@b.example", "--tenant", "greater-manchester", "--role", "partnership_staff"},
				`Invited a@b.example as Partnership staff (signs in through "development"; invitation expires `},
		}
		for _, step := range steps {
			inv := newInvocation(settings)
			if code := inv.run(step.args...); code != 0 {
				t.Fatalf("portal %s: exit %d, want 0; stderr:\n%s", strings.Join(step.args, " "), code, inv.stderr)
			}
			if !strings.HasPrefix(inv.stdout.String(), step.stdout) {
				t.Errorf("portal %s: stdout %q, want it to start %q", strings.Join(step.args, " "), inv.stdout, step.stdout)
			}
		}

		db, err := models.Open(context.Background(), settings["PORTAL_DATABASE_URL"], nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		store := models.NewStore(db.Gorm)
		gm, err := store.TenantBySlug(context.Background(), "greater-manchester")
		if err != nil {
			t.Fatal(err)
		}
		members, err := store.Members(context.Background(), gm.ID)
		if err != nil || len(members) != 4 {
			t.Errorf("Greater Manchester has %d members (error %v) after seeding twice, want 4", len(members), err)
		}
		open, err := store.PendingInvitations(context.Background(), gm.ID, time.Now().UTC())
		if err != nil || len(open) != 1 || open[0].Email != "a@b.example" {
			t.Errorf("open invitations %+v (error %v), want one for a@b.example", open, err)
		}
	})
}

func TestRun_UsersInviteWithABadFlagExits2NamingIt(t *testing.T) {
	databaseURL := "sqlite:" + filepath.Join(t.TempDir(), "portal.db")
	settings := map[string]string{"PORTAL_DATABASE_URL": databaseURL}
	if code := newInvocation(settings).run("seed", "--demo"); code != 0 {
		t.Fatalf("seed: exit %d", code)
	}
	invite := []string{"users", "invite", "--email", "a@b.example", "--tenant", "greater-manchester", "--role", "partnership_staff"}
	cases := map[string]struct {
		flag, value string
		want        string
	}{
		"unknown role":     {"--role", "king", "portal users: usage: --role: Select a role that Greater Manchester can give\n"},
		"central role":     {"--role", "funding_approver", "portal users: usage: --role: Select a role that Greater Manchester can give\n"},
		"unknown tenant":   {"--tenant", "atlantis", "portal users: usage: --tenant: There is no tenant \"atlantis\"\n"},
		"malformed email":  {"--email", "a.b.example", "portal users: usage: --email: Enter an email address in the correct format, like name@example.org\n"},
		"unknown provider": {"--provider", "google", "portal users: usage: --provider: Select how this person will sign in\n"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			args := append(append([]string{}, invite...), c.flag, c.value)
			inv := newInvocation(settings)
			if code := inv.run(args...); code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if got := lastLine(inv.stderr.String()); got != c.want {
				t.Errorf("stderr ends %q, want %q", got, c.want)
			}
		})
	}
}

// lastLine returns the last line of a command's error output, after any log lines.
func lastLine(s string) string {
	lines := strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n")
	return lines[len(lines)-1] + "\n"
}
