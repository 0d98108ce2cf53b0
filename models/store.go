package models

import (
	"context"

	"gorm.io/gorm"
)

// Store reads and writes the portal's records. It is safe for concurrent use; the zero value is not.
type Store struct {
	db *gorm.DB
}

// NewStore wraps an open database.
func NewStore(db *gorm.DB) *Store {
	return &Store{db: db}
}

// Transaction runs fn with a store bound to one database transaction: it commits when fn returns nil and
// rolls back otherwise. Nested calls use savepoints.
func (s *Store) Transaction(ctx context.Context, fn func(tx *Store) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(&Store{db: tx})
	})
}

// requireTenant guards every tenant-owned query: a zero tenant must never become an unfiltered query.
func requireTenant(tenantID int64) error {
	if tenantID <= 0 {
		return ErrNoTenant
	}
	return nil
}

// scoped starts a query on a tenant-owned table limited to the scope.
func (s *Store) scoped(ctx context.Context, scope Scope, table string) (*gorm.DB, error) {
	if err := scope.check(); err != nil {
		return nil, err
	}
	q := s.db.WithContext(ctx).Table(table)
	if !scope.All() {
		q = q.Where(table+".tenant_id = ?", scope.TenantID())
	}
	return q, nil
}
