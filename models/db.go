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
	"gorm.io/plugin/dbresolver"

	"github.com/innovation-accelerators/portal/migrations"
)

// DefaultSQLiteFile is the database used when no URL is configured.
const DefaultSQLiteFile = "portal.db"

// sqlitePragmas turn on what SQLite leaves off by default: foreign keys, write-ahead logging so readers do not
// block the writer, and a wait instead of an immediate "database is locked". Transactions take the write
// lock when they begin, so two never deadlock upgrading a read lock.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_txlock=immediate"

// sqliteReaderPragmas are the read pool's: it may not write at all (query_only), so a statement sent there by
// mistake fails instead of competing with the writer.
const sqliteReaderPragmas = "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=query_only(1)"

// sqliteReaders is the size of SQLite's read pool. Under WAL readers never wait for the writer, so pages keep
// being served while writes queue for the single writer connection.
const sqliteReaders = 4

// Database is an open connection pool and the dialect behind it. On SQLite it is two pools: one connection
// that writes (SQLite allows one writer at a time, so writes queue here in Go rather than spinning on the
// file lock) and a pool of read-only connections that every SELECT outside a transaction goes to. Everything
// inside Store.Transaction runs on the writer, so a transaction reads its own writes.
type Database struct {
	Gorm    *gorm.DB
	Dialect migrations.Dialect
	readers *dbresolver.DBResolver // SQLite's read pool; nil on PostgreSQL
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

func sqliteDSN(path string) string { return sqliteFileDSN(path, sqlitePragmas) }

func sqliteFileDSN(path, pragmas string) string {
	separator := "?"
	if strings.Contains(path, "?") {
		separator = "&"
	}
	return "file:" + path + separator + pragmas
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
	d := &Database{Gorm: db, Dialect: dialect}
	if dialect == migrations.SQLite {
		if d.readers, err = addSQLiteReaders(db, strings.TrimPrefix(strings.SplitN(dsn, "?", 2)[0], "file:")); err != nil {
			_ = sqlDB.Close()
			return nil, err
		}
	}
	configurePool(sqlDB, dialect)
	if err := d.Ping(ctx); err != nil {
		_ = d.Close()
		return nil, fmt.Errorf("reach %s database: %w", dialect, err)
	}
	return d, nil
}

// addSQLiteReaders opens the read pool beside the writer and routes reads outside transactions to it.
func addSQLiteReaders(db *gorm.DB, path string) (*dbresolver.DBResolver, error) {
	readers := dbresolver.Register(dbresolver.Config{Replicas: []gorm.Dialector{sqlite.Open(sqliteFileDSN(path, sqliteReaderPragmas))}})
	if err := db.Use(readers); err != nil {
		return nil, fmt.Errorf("open sqlite read pool: %w", err)
	}
	readers.SetMaxOpenConns(sqliteReaders) // every pool the resolver knows, the writer too: configurePool narrows it
	return readers, nil
}

func configurePool(db *sql.DB, dialect migrations.Dialect) {
	if dialect == migrations.SQLite {
		db.SetMaxOpenConns(1) // the single writer
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

// Ping checks the database answers (on SQLite, the writer and the read pool), for the readiness probe.
func (d *Database) Ping(ctx context.Context) error {
	sqlDB, err := d.Gorm.DB()
	if err != nil {
		return err
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return err
	}
	return d.eachReader(func(r *sql.DB) error { return r.PingContext(ctx) })
}

// Close releases the connection pools.
func (d *Database) Close() error {
	sqlDB, err := d.Gorm.DB()
	if err != nil {
		return err
	}
	readersErr := d.eachReader(func(r *sql.DB) error {
		if r == sqlDB {
			return nil
		}
		return r.Close()
	})
	return errors.Join(readersErr, sqlDB.Close())
}

// eachReader runs fn on every pool of the read resolver (the writer is among them).
func (d *Database) eachReader(fn func(*sql.DB) error) error {
	if d.readers == nil {
		return nil
	}
	return d.readers.Call(func(pool gorm.ConnPool) error {
		if db, ok := pool.(*sql.DB); ok {
			return fn(db)
		}
		return nil
	})
}
