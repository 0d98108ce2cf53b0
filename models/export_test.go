package models

import (
	"context"

	"gorm.io/gorm"
)

// Translate lets the store tests check how a driver error from raw SQL becomes a sentinel.
var Translate = translate

// InScope runs fn the way the store runs its own statements for a scope: on PostgreSQL inside a transaction
// whose tenant setting row-level security reads. The row-security tests send direct SQL through it.
func (s *Store) InScope(ctx context.Context, scope Scope, fn func(db *gorm.DB) error) error {
	return s.inScope(ctx, scope, fn)
}

// OnSignInPath runs fn with the sign-in path's setting, as crosstenant.go does.
func (s *Store) OnSignInPath(ctx context.Context, fn func(db *gorm.DB) error) error {
	return s.onSignInPath(ctx, fn)
}
