// Package modeltest gives tests real, empty, migrated databases: a fresh SQLite file for every test, and a
// fresh PostgreSQL schema when PORTAL_TEST_DATABASE_URL is set. A set URL that cannot be reached fails the
// test rather than skipping it, so CI cannot pass without PostgreSQL.
package modeltest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
)

// PostgresURLVariable names the environment variable that turns on the PostgreSQL runs.
const PostgresURLVariable = "PORTAL_TEST_DATABASE_URL"

// ForEachDatabase runs fn as a subtest on SQLite and, when configured, on PostgreSQL, each with its own
// freshly migrated database.
func ForEachDatabase(t *testing.T, fn func(t *testing.T, db *models.Database)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, NewSQLite(t)) })
	if os.Getenv(PostgresURLVariable) != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, NewPostgres(t)) })
	}
}

// ForEachSharedDatabase runs fn as a subtest on SQLite and, when configured, on PostgreSQL, each with one
// freshly migrated database opened twice: two connection pools, as two portal processes would have, so
// that whatever the test shows between them holds in the database and not in a process.
func ForEachSharedDatabase(t *testing.T, fn func(t *testing.T, first, second *models.Database)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		url := "sqlite:" + filepath.Join(t.TempDir(), "portal.db")
		fn(t, openAndMigrate(t, url), openAndMigrate(t, url))
	})
	if os.Getenv(PostgresURLVariable) != "" {
		t.Run("postgres", func(t *testing.T) {
			first := NewPostgres(t)
			second := openApplication(t, first)
			fn(t, first, second)
		})
	}
}

// openApplication opens a second pool on a test's PostgreSQL schema, as the same application role.
func openApplication(t testing.TB, db *models.Database) *models.Database {
	t.Helper()
	var schema string
	if err := db.Gorm.Raw("SELECT current_schema()").Scan(&schema).Error; err != nil {
		t.Fatalf("read the test's schema: %v", err)
	}
	second := open(t, withSearchPath(t, asRole(t, os.Getenv(PostgresURLVariable), testApplicationRole), schema))
	t.Cleanup(func() { _ = second.Close() })
	return second
}

// Dialects lists the databases this run tests against.
func Dialects() []migrations.Dialect {
	if os.Getenv(PostgresURLVariable) != "" {
		return []migrations.Dialect{migrations.SQLite, migrations.Postgres}
	}
	return []migrations.Dialect{migrations.SQLite}
}

// New returns a fresh migrated database of the given dialect.
func New(t testing.TB, d migrations.Dialect) *models.Database {
	t.Helper()
	if d == migrations.Postgres {
		return NewPostgres(t)
	}
	return NewSQLite(t)
}

// NewSQLite returns a migrated SQLite database in a file of the test's own temporary folder.
func NewSQLite(t testing.TB) *models.Database {
	t.Helper()
	path := filepath.Join(t.TempDir(), "portal.db")
	return openAndMigrate(t, "sqlite:"+path)
}

// NewPostgres returns a migrated PostgreSQL schema of its own, dropped when the test ends. The schema is
// migrated by an owner role and the database returned is connected as a member of the application role, as
// in production: it owns nothing, so row-level security and the grants bind it.
func NewPostgres(t testing.TB) *models.Database {
	t.Helper()
	urls := NewPostgresURLs(t)
	owner := open(t, urls.Owner)
	if _, err := owner.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	_ = owner.Close()
	db := open(t, urls.Application)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// PostgresURLs are the two connections to a test's own PostgreSQL schema: the owner's, which migrates it, and
// the application's, which serves.
type PostgresURLs struct {
	Owner       string
	Application string
	Superuser   string // the base URL's role, which bypasses everything: for tests of what the portal refuses
}

// The test run's roles, made once per PostgreSQL cluster: an owner like a deployment's migration role, and an
// application login role in the portal_app group that the migrations grant to.
const (
	testOwnerRole       = "portal_test_owner"
	testApplicationRole = "portal_test_app"
)

// NewPostgresURLs creates an empty PostgreSQL schema of the test's own, owned by the test owner role and
// dropped when the test ends, and returns the owner's and the application's URLs, each working inside it:
// for tests of code that opens (and migrates) the database itself, such as the portal binary. It skips the
// test when PORTAL_TEST_DATABASE_URL is unset.
func NewPostgresURLs(t testing.TB) PostgresURLs {
	t.Helper()
	base := os.Getenv(PostgresURLVariable)
	if base == "" {
		t.Skip(PostgresURLVariable + " is not set")
	}
	schema := "test_" + randomHex(t, 8)
	admin := open(t, withSearchPath(t, base, schema))
	ensureTestRoles(t, admin)
	if err := admin.Gorm.Exec("CREATE SCHEMA " + schema + " AUTHORIZATION " + testOwnerRole).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := admin.Gorm.Exec("DROP SCHEMA " + schema + " CASCADE").Error; err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		_ = admin.Close()
	})
	return PostgresURLs{
		Owner:       withSearchPath(t, asRole(t, base, testOwnerRole), schema),
		Application: withSearchPath(t, asRole(t, base, testApplicationRole), schema),
		Superuser:   withSearchPath(t, base, schema),
	}
}

// ensureTestRoles makes the test roles if this cluster lacks them. Test packages run in parallel processes,
// so two may try at once; the loser's duplicate is harmless. The roles get the password of the base URL's
// user, if it has one, so a server that asks for passwords accepts them too.
func ensureTestRoles(t testing.TB, admin *models.Database) {
	t.Helper()
	password := ""
	if u, err := url.Parse(os.Getenv(PostgresURLVariable)); err == nil {
		password, _ = u.User.Password()
	}
	statements := []string{
		"CREATE ROLE portal_app NOLOGIN",
		"CREATE ROLE " + testOwnerRole + " LOGIN PASSWORD " + quoteLiteral(password),
		"CREATE ROLE " + testApplicationRole + " LOGIN PASSWORD " + quoteLiteral(password) + " IN ROLE portal_app",
	}
	for _, stmt := range statements {
		err := admin.Gorm.Exec("DO $$ BEGIN " + stmt + "; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$").Error
		if err != nil {
			t.Fatalf("create test role: %v", err)
		}
	}
}

func quoteLiteral(s string) string {
	if s == "" {
		return "NULL"
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// asRole changes the user of a PostgreSQL URL, keeping its password.
func asRole(t testing.TB, base, role string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresURLVariable, err)
	}
	if password, ok := u.User.Password(); ok {
		u.User = url.UserPassword(role, password)
	} else {
		u.User = url.User(role)
	}
	return u.String()
}

// withSearchPath points a PostgreSQL URL at one schema, so every connection of the pool works inside it.
func withSearchPath(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresURLVariable, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openAndMigrate(t testing.TB, databaseURL string) *models.Database {
	t.Helper()
	db := open(t, databaseURL)
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

func open(t testing.TB, databaseURL string) *models.Database {
	t.Helper()
	db, err := models.Open(context.Background(), databaseURL, nil)
	if err != nil {
		t.Fatalf("open test database (a set %s must be reachable): %v", PostgresURLVariable, err)
	}
	return db
}

func randomHex(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// Superuser returns a handle on the test's database that sees every row whatever the tenant, for tests
// that inspect or tamper with tables directly (counting rows, editing an audit event). Application code
// and ordinary fixtures go through the store instead, which is subject to row-level security. On PostgreSQL
// it is a connection as the base URL's (superuser) role in the test's schema, closed when the test ends.
func Superuser(t testing.TB, db *models.Database) *gorm.DB {
	t.Helper()
	if db.Dialect != migrations.Postgres {
		return db.Gorm
	}
	var schema string
	if err := db.Gorm.Raw("SELECT current_schema()").Scan(&schema).Error; err != nil {
		t.Fatalf("read the test's schema: %v", err)
	}
	admin := open(t, withSearchPath(t, os.Getenv(PostgresURLVariable), schema))
	t.Cleanup(func() { _ = admin.Close() })
	return admin.Gorm
}

// Owner returns a connection as the test's owner role, which migrated the schema: the role that, in
// production, runs migrations and could tamper with the audit trail behind the application's back.
func Owner(t testing.TB, db *models.Database) *gorm.DB {
	t.Helper()
	if db.Dialect != migrations.Postgres {
		return db.Gorm
	}
	var schema string
	if err := db.Gorm.Raw("SELECT current_schema()").Scan(&schema).Error; err != nil {
		t.Fatalf("read the test's schema: %v", err)
	}
	owner := open(t, withSearchPath(t, asRole(t, os.Getenv(PostgresURLVariable), testOwnerRole), schema))
	t.Cleanup(func() { _ = owner.Close() })
	return owner.Gorm
}

// AuditEvents lists the audit events with an action in every tenant, newest first, read past row-level
// security: what a test checks after an action that must (or must not) have been recorded.
func AuditEvents(t testing.TB, db *gorm.DB, action string) []models.AuditEvent {
	t.Helper()
	var events []models.AuditEvent
	if err := db.Where("action = ?", action).Order("id DESC").Find(&events).Error; err != nil {
		t.Fatalf("read audit events: %v", err)
	}
	return events
}

// TamperAsOwner runs SQL on the audit trail (or any table) as the role that owns the tables could: with every
// tenant in scope and the append-only triggers off, inside one transaction. owner is Owner's connection (on
// SQLite, the database itself, whose triggers are dropped). It is what the audit chain must expose.
func TamperAsOwner(t testing.TB, owner *gorm.DB, sql string, args ...any) {
	t.Helper()
	postgres := owner.Dialector.Name() == "postgres"
	err := owner.Transaction(func(tx *gorm.DB) error {
		setup := []string{"DROP TRIGGER IF EXISTS audit_events_no_update", "DROP TRIGGER IF EXISTS audit_events_no_delete"}
		if postgres {
			setup = []string{"SELECT set_config('portal.tenant', 'all', true)", "ALTER TABLE audit_events DISABLE TRIGGER USER"}
		}
		for _, stmt := range setup {
			if err := tx.Exec(stmt).Error; err != nil {
				return err
			}
		}
		if err := tx.Exec(sql, args...).Error; err != nil {
			return err
		}
		if postgres {
			return tx.Exec("ALTER TABLE audit_events ENABLE TRIGGER USER").Error
		}
		return nil
	})
	if err != nil {
		t.Fatalf("tamper: %v", err)
	}
}
