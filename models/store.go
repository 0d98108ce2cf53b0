package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"
)

// Store reads and writes the portal's records. It is safe for concurrent use; the zero value is not.
//
// Every method on a tenant-owned table runs through inScope, which on PostgreSQL sets the transaction-local
// tenant setting that row-level security reads (docs/architecture.md, "Tenancy"). The SQL keeps its own
// tenant condition as well: the database's rule is the backstop, not the only check.
type Store struct {
	db       *gorm.DB
	postgres bool
	tx       *txState // set inside Transaction
}

// txState remembers what the current transaction's tenant setting holds, so that a run of store calls in
// one transaction sets it once.
type txState struct {
	setting string
}

// NewStore wraps an open database.
func NewStore(db *gorm.DB) *Store {
	return &Store{db: db, postgres: db.Dialector.Name() == "postgres"}
}

// Transaction runs fn with a store bound to one database transaction: it commits when fn returns nil and
// rolls back otherwise. Nested calls use savepoints and join the outer transaction's isolation.
//
// The outermost call retries fn, from the start, when PostgreSQL aborts the transaction to keep it
// serializable or to break a deadlock (SQLSTATE 40001, 40P01): fn must do nothing outside the database that
// it cannot do twice. Past the retries, the answer is ErrRetryLater.
func (s *Store) Transaction(ctx context.Context, fn func(tx *Store) error, opts ...TxOption) error {
	if s.tx != nil {
		return s.nestedTransaction(ctx, fn)
	}
	var txOpts *sql.TxOptions
	for _, opt := range opts {
		txOpts = opt(txOpts)
	}
	for attempt := 1; ; attempt++ {
		err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return fn(&Store{db: tx, postgres: s.postgres, tx: &txState{}})
		}, txOptionList(txOpts)...)
		if !isRetryable(err) {
			return err
		}
		if attempt == maxTransactionAttempts {
			return errors.Join(ErrRetryLater, err)
		}
		if err := sleepBeforeRetry(ctx, attempt); err != nil {
			return err
		}
	}
}

func (s *Store) nestedTransaction(ctx context.Context, fn func(tx *Store) error) error {
	inner := &txState{setting: s.tx.setting}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(&Store{db: tx, postgres: s.postgres, tx: inner})
	})
	if err == nil {
		// A released savepoint keeps what it set.
		s.tx.setting = inner.setting
	}
	return err
}

// Reads runs several reads that belong together, such as the parts of one page. On PostgreSQL they share one
// read-only transaction, so the tenant setting is made once per scope instead of once per call, and they see
// one snapshot; on SQLite, whose transactions take the write lock, they run straight on the pool.
func (s *Store) Reads(ctx context.Context, fn func(tx *Store) error) error {
	if !s.postgres || s.tx != nil {
		return fn(s)
	}
	return s.Transaction(ctx, fn, readOnly())
}

func readOnly() TxOption {
	return func(o *sql.TxOptions) *sql.TxOptions {
		if o == nil {
			return &sql.TxOptions{ReadOnly: true}
		}
		return &sql.TxOptions{Isolation: o.Isolation, ReadOnly: true}
	}
}

// TxOption sets how a transaction runs.
type TxOption func(*sql.TxOptions) *sql.TxOptions

// Serializable runs the transaction at the serializable isolation level, for a decision that reads a total
// and writes against it; PostgreSQL may then abort it, and Transaction retries it.
func Serializable() TxOption {
	return func(o *sql.TxOptions) *sql.TxOptions {
		return &sql.TxOptions{Isolation: sql.LevelSerializable, ReadOnly: o != nil && o.ReadOnly}
	}
}

func txOptionList(o *sql.TxOptions) []*sql.TxOptions {
	if o == nil {
		return nil
	}
	return []*sql.TxOptions{o}
}

// maxTransactionAttempts bounds the retries of a transaction that keeps meeting concurrent ones.
const maxTransactionAttempts = 5

// sleepBeforeRetry waits a little longer after each failed attempt, with jitter, so that transactions that
// collided do not collide again in step.
func sleepBeforeRetry(ctx context.Context, attempt int) error {
	base := time.Duration(attempt*attempt) * 5 * time.Millisecond
	wait := base + time.Duration(rand.Int64N(int64(base)))
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(wait):
		return nil
	}
}

// inScope runs fn with a query handle for the records the scope may reach. On PostgreSQL it runs inside a
// transaction (the caller's, or a new one) whose tenant setting says the same as the scope, so that
// row-level security enforces it too; on SQLite the application's own conditions are the whole rule.
// fn must still name the tenant in its SQL (see Scope.where).
func (s *Store) inScope(ctx context.Context, scope Scope, fn func(db *gorm.DB) error) error {
	if err := scope.check(); err != nil {
		return err
	}
	return s.withSetting(ctx, scope.setting(), fn)
}

// withSetting runs fn with the tenant setting at value: a scope's, or one of the named cross-tenant paths.
func (s *Store) withSetting(ctx context.Context, value string, fn func(db *gorm.DB) error) error {
	if !s.postgres {
		return fn(s.db.WithContext(ctx))
	}
	if s.tx == nil {
		return s.Transaction(ctx, func(tx *Store) error { return tx.withSetting(ctx, value, fn) })
	}
	db := s.db.WithContext(ctx)
	if s.tx.setting != value {
		if err := db.Exec("SELECT set_config('portal.tenant', ?, true)", value).Error; err != nil {
			return fmt.Errorf("set tenant scope: %w", err)
		}
		s.tx.setting = value
	}
	return fn(db)
}

// requireTenant guards every tenant-owned query: a zero tenant must never become an unfiltered query.
func requireTenant(tenantID int64) error {
	if tenantID <= 0 {
		return ErrNoTenant
	}
	return nil
}
