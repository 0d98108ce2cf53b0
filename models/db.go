// Package models holds the portal's entities and the store that reads and writes them. Every query on a
// tenant-owned table takes the tenant explicitly and puts it in the SQL; a zero tenant is an error.
package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/migrations"
)

// DefaultSQLiteFile is the database used when no URL is configured.
const DefaultSQLiteFile = "portal.db"

// sqlitePragmas turn on what SQLite leaves off by default: foreign keys, write-ahead logging so readers do not
// block the writer, and a wait instead of an immediate "database is locked".
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_txlock=immediate"

// Database is an open connection pool and the dialect behind it.
type Database struct {
	Gorm    *gorm.DB
	Dialect migrations.Dialect
}

// ParseDatabaseURL tells which dialect a PORTAL_DATABASE_URL value names and returns the driver's DSN.
// Empty means the SQLite file portal.db; "sqlite:PATH" a SQLite file; "postgres://" or "postgresql://" PostgreSQL.
func ParseDatabaseURL(url string) (migrations.Dialect, string, error) {
	switch {
	case url == "":
		return migrations.SQLite, sqliteDSN(DefaultSQLiteFile), nil
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(url, "sqlite:")
		if path == "" {
			return "", "", errors.New("sqlite: needs a file path, e.g. sqlite:portal.db")
		}
		return migrations.SQLite, sqliteDSN(path), nil
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return migrations.Postgres, url, nil
	default:
		return "", "", errors.New("must be empty, sqlite:PATH or postgres://…")
	}
}

func sqliteDSN(path string) string {
	separator := "?"
	if strings.Contains(path, "?") {
		separator = "&"
	}
	return "file:" + path + separator + sqlitePragmas
}

// Open connects to the database a URL names and checks it answers.
func Open(ctx context.Context, url string, log *slog.Logger) (*Database, error) {
	dialect, dsn, err := ParseDatabaseURL(url)
	if err != nil {
		return nil, err
	}
	var dialector gorm.Dialector
	if dialect == migrations.Postgres {
		dialector = postgres.Open(dsn)
	} else {
		dialector = sqlite.Open(dsn)
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		TranslateError: true,
		NowFunc:        func() time.Time { return time.Now().UTC() },
		Logger:         newGormLogger(log),
	})
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	configurePool(sqlDB, dialect)
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("reach %s database: %w", dialect, err)
	}
	return &Database{Gorm: db, Dialect: dialect}, nil
}

func configurePool(db *sql.DB, dialect migrations.Dialect) {
	if dialect == migrations.SQLite {
		// One writer at a time is all SQLite allows; a small pool keeps readers concurrent under WAL.
		db.SetMaxOpenConns(4)
		return
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxLifetime(30 * time.Minute)
}

// Migrate applies the pending schema migrations.
func (d *Database) Migrate(ctx context.Context) ([]string, error) {
	sqlDB, err := d.Gorm.DB()
	if err != nil {
		return nil, err
	}
	return migrations.Up(ctx, sqlDB, d.Dialect)
}

// Ping checks the database answers, for the readiness probe.
func (d *Database) Ping(ctx context.Context) error {
	sqlDB, err := d.Gorm.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close releases the connection pool.
func (d *Database) Close() error {
	sqlDB, err := d.Gorm.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}
