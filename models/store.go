package models

import (
	"context"
	"fmt"

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
// rolls back otherwise. Nested calls use savepoints.
func (s *Store) Transaction(ctx context.Context, fn func(tx *Store) error) error {
	inner := &txState{}
	if s.tx != nil {
		inner.setting = s.tx.setting
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(&Store{db: tx, postgres: s.postgres, tx: inner})
	})
	if err == nil && s.tx != nil {
		// A released savepoint keeps what it set.
		s.tx.setting = inner.setting
	}
	return err
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
