// Package migrations holds the database schema as numbered goose SQL files, one folder per dialect,
// embedded in the binary so that `portal serve` and `portal migrate` need nothing beside it.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/crc64"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Dialect names a database engine the portal supports.
type Dialect string

const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// Files returns the migration files for one dialect.
func Files(d Dialect) (fs.FS, error) {
	switch d {
	case Postgres, SQLite:
		return fs.Sub(files, string(d))
	default:
		return nil, fmt.Errorf("unknown database dialect %q", d)
	}
}

// Up applies every pending migration. On PostgreSQL a session-level advisory lock makes several portal
// processes starting together apply them once.
func Up(ctx context.Context, db *sql.DB, d Dialect) ([]string, error) {
	provider, err := newProvider(db, d)
	if err != nil {
		return nil, err
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("apply migrations: %w", err)
	}
	applied := make([]string, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Path)
	}
	return applied, nil
}

// Pending reports whether any migration has not been applied yet. It only reads: a database never migrated
// (no version table) has every migration pending, and the application's role, which may not create tables,
// can ask.
func Pending(ctx context.Context, db *sql.DB, d Dialect) (bool, error) {
	versionTable := "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'goose_db_version'"
	if d == Postgres {
		versionTable = "SELECT count(*) FROM pg_class WHERE oid = to_regclass('goose_db_version')"
	}
	var found int
	if err := db.QueryRowContext(ctx, versionTable).Scan(&found); err != nil {
		return false, fmt.Errorf("read migration state: %w", err)
	}
	if found == 0 {
		return true, nil
	}
	provider, err := newProvider(db, d)
	if err != nil {
		return false, err
	}
	return provider.HasPending(ctx)
}

func newProvider(db *sql.DB, d Dialect) (*goose.Provider, error) {
	fsys, err := Files(d)
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	gooseDialect := goose.DialectSQLite3
	if d == Postgres {
		gooseDialect = goose.DialectPostgres
		lockID, err := schemaLockID(db)
		if err != nil {
			return nil, err
		}
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(lockID), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	provider, err := goose.NewProvider(gooseDialect, db, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	return provider, nil
}

// schemaLockID names the advisory lock after the database and schema being migrated, so that processes
// migrating the same schema wait for each other while separate schemas (one per test) do not.
func schemaLockID(db *sql.DB) (int64, error) {
	var name string
	if err := db.QueryRow("SELECT current_database() || '.' || current_schema()").Scan(&name); err != nil {
		return 0, fmt.Errorf("migration lock: %w", err)
	}
	return int64(crc64.Checksum([]byte(name), crc64.MakeTable(crc64.ECMA)) >> 1), nil
}
