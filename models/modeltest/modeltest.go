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
			url := NewPostgresURL(t)
			fn(t, openAndMigrate(t, url), openAndMigrate(t, url))
		})
	}
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

// NewPostgres returns a migrated PostgreSQL schema of its own, dropped when the test ends.
func NewPostgres(t testing.TB) *models.Database {
	t.Helper()
	return openAndMigrate(t, NewPostgresURL(t))
}

// NewPostgresURL creates an empty PostgreSQL schema of the test's own, dropped when the test ends, and
// returns a database URL whose connections all work inside it: for tests of code that opens (and migrates)
// the database itself, such as the portal binary. It skips the test when PORTAL_TEST_DATABASE_URL is unset.
func NewPostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresURLVariable)
	if base == "" {
		t.Skip(PostgresURLVariable + " is not set")
	}
	schema := "test_" + randomHex(t, 8)
	admin := open(t, base)
	if err := admin.Gorm.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := admin.Gorm.Exec("DROP SCHEMA " + schema + " CASCADE").Error; err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		_ = admin.Close()
	})
	return withSearchPath(t, base, schema)
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
// and ordinary fixtures go through the store instead, which is subject to row-level security.
func Superuser(t testing.TB, db *models.Database) *gorm.DB {
	t.Helper()
	return db.Gorm
}
